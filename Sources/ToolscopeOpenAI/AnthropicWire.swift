import ToolscopeEngine

/// Anthropic Messages: `POST {base}/v1/messages`, the key in `x-api-key` (never as a Bearer
/// token), `anthropic-version: 2023-06-01`, the body `AnthropicFormat` builds, streamed as named
/// events ending in `message_stop`.
public struct AnthropicWire: Wire {
    public init() {}

    public var api: WireAPI { .anthropic }

    public func url(baseURL: String) -> String { baseURL + api.requestPath }

    public func misplacedPath(inBaseURL base: String) -> String? {
        base.hasSuffix(api.requestPath) ? api.requestPath : nil
    }

    /// Content type, `x-api-key`, `anthropic-version` (an extra header of that name wins, so a
    /// newer version can be tried) and the extra headers. OpenAI's organization and project are
    /// not sent: Anthropic has no such headers.
    public func headers(_ endpoint: OpenAIEndpoint, streaming: Bool) -> [String: String] {
        api.requestHeaders(key: endpoint.apiKey, organization: nil, project: nil, extra: endpoint.extraHeaders, streaming: streaming)
    }

    public func body(_ request: ChatRequest, stream: Bool) -> JSONValue {
        api.requestBody(request, stream: stream)
    }

    public func makeStreamReader() -> any WireStreamReader { AnthropicStreamReader() }

    public func decode(_ bytes: [UInt8]) throws(ProviderError) -> ChatResponse {
        try AnthropicDecoder.decode(bytes)
    }

    /// What only this wire can see, in Anthropic's terms as the request sent them: a forced tool
    /// or `any` answered without a call, calls under `none`, tools that have no Anthropic form.
    /// (Several calls under `disable_parallel_tool_use` are the loop's warning, which names that
    /// parameter on this wire, so the trace says it once.)
    public func warnings(request: ChatRequest, response: ChatResponse) -> [String] {
        var notes: [String] = []
        let calls = response.message.toolCalls
        let offered = !AnthropicFormat.tools(request.tools, choice: request.toolChoice).isEmpty
        let unsent = AnthropicFormat.unsentTools(request.tools)
        if !unsent.isEmpty {
            notes.append("not sent on Anthropic Messages (only function tools have an input_schema form): \(unsent.joined(separator: ", "))")
        }
        if !offered, !calls.isEmpty {
            notes.append("the model called \(calls.map(\.name).joined(separator: ", ")) although no tools were offered")
        }
        guard offered else { return notes }
        let choice = AnthropicFormat.toolChoice(request.toolChoice, parallel: request.settings.parallelToolCalls)
        let kind = choice["type"]?.stringValue ?? ""
        switch kind {
        case "none" where !calls.isEmpty:
            notes.append("tool_choice was {\"type\":\"none\"} but the server returned \(calls.count) tool_use block(s): it ignored tool_choice")
        case "tool" where calls.isEmpty:
            // A forced tool answered with another tool is the loop's warning, on every wire.
            notes.append("tool_choice forced the tool \(choice["name"]?.stringValue ?? "") but no tool_use block came back: the server ignored tool_choice")
        case "any" where calls.isEmpty:
            notes.append("tool_choice was {\"type\":\"any\"} but no tool_use block came back: the server ignored tool_choice")
        default:
            break
        }
        if response.finishReason == "tool_calls", calls.isEmpty {
            notes.append("stop_reason is tool_use but the message has no tool_use block")
        }
        return notes
    }

    /// What a stop reason other than `end_turn` / `tool_use` means for the answer, in the trace.
    static func stopReasonNotes(_ stopReason: String?) -> [String] {
        switch stopReason {
        case "max_tokens"?:
            return ["the answer was cut off by max_tokens (stop_reason: max_tokens); raise max completion tokens"]
        case "refusal"?:
            return ["the model declined to answer (stop_reason: refusal)"]
        case "pause_turn"?:
            return ["the server paused a long-running turn (stop_reason: pause_turn); toolscope does not resume it: send a message to continue"]
        default:
            return []
        }
    }
}
