import ToolscopeEngine

/// Compares what the server answered with what the request asked for. OpenAI-compatible servers
/// differ (Ollama ignores `tool_choice`); the workbench says so in the trace instead of breaking
/// or pretending the request was honoured. Checks on the calls themselves (a forced function not
/// called, more calls than `parallel_tool_calls: false` allows, duplicate ids) are the loop's, so
/// they hold for every provider; these are the ones only visible when no call came back.
enum ResponseAudit {
    static func warnings(request: ChatRequest, response: ChatResponse) -> [String] {
        var notes: [String] = []
        let calls = response.message.toolCalls
        let names = calls.map(\.name)
        let offered = !request.tools.isEmpty
        if !offered, !calls.isEmpty {
            notes.append("the model called \(names.joined(separator: ", ")) although no tools were offered")
        }
        if offered {
            switch request.toolChoice {
            case .none where !calls.isEmpty:
                notes.append("tool_choice was \"none\" but the server returned \(calls.count) tool call(s): it ignored tool_choice")
            case .function(let wanted) where calls.isEmpty:
                notes.append("tool_choice forced \(wanted) but no tool call came back: the server ignored tool_choice")
            case let choice where choice.forcesCall && calls.isEmpty:
                notes.append("tool_choice was \(choice.label) but no tool call came back: the server ignored tool_choice")
            default:
                break
            }
        }
        switch response.finishReason {
        case "tool_calls"? where calls.isEmpty:
            notes.append("finish_reason is tool_calls but the message has no tool calls")
        case "length"?:
            notes.append("the answer was cut off by the token limit (finish_reason: length)")
        case "content_filter"?:
            notes.append("the answer was stopped by the content filter (finish_reason: content_filter)")
        default:
            break
        }
        return notes
    }
}
