import ToolscopeEngine

/// OpenAI Responses: `POST {base}/responses`, the key as a Bearer token, the body
/// `ResponsesFormat.body` builds, streamed as named events ending in `response.completed`,
/// `response.incomplete` or `response.failed` (no `[DONE]`).
public struct ResponsesWire: Wire {
    public init() {}

    public var api: WireAPI { .responses }

    public func url(baseURL: String) -> String { baseURL + api.requestPath }

    public func misplacedPath(inBaseURL base: String) -> String? {
        base.hasSuffix(api.requestPath) ? api.requestPath : nil
    }

    public func headers(_ endpoint: OpenAIEndpoint, streaming: Bool) -> [String: String] {
        endpoint.openAIHeaders(streaming: streaming)
    }

    public func body(_ request: ChatRequest, stream: Bool) -> JSONValue {
        api.requestBody(request, stream: stream)
    }

    public func makeStreamReader() -> any WireStreamReader { ResponsesStreamReader() }

    public func decode(_ bytes: [UInt8]) throws(ProviderError) -> ChatResponse {
        try ResponsesDecoder.decode(bytes)
    }

    /// What the server did against the request that only the answer shows: a call outside
    /// `allowed_tools` (llmock, for one, ignores it), an ignored `tool_choice`, calls when no
    /// tools were offered, and a `previous_response_id` mode that could not be used.
    /// (Several calls under `parallel_tool_calls: false` are the loop's warning, on every wire.)
    public func warnings(request: ChatRequest, response: ChatResponse) -> [String] {
        var notes: [String] = []
        if let problem = ResponsesFormat.continuationProblem(request) { notes.append(problem) }
        let calls = response.message.toolCalls
        if request.tools.isEmpty {
            if !calls.isEmpty {
                notes.append("the model called \(calls.map(\.name).joined(separator: ", ")) although no tools were offered")
            }
            return notes
        }
        if let allowed = ResponsesFormat.allowedNames(request.toolChoice) {
            let outside = calls.map(\.name).filter { !allowed.contains($0) }
            if !outside.isEmpty {
                notes.append("tool_choice allowed_tools permits only \(allowed.sorted().joined(separator: ", ")) but the model called \(outside.joined(separator: ", ")): the server ignored allowed_tools")
            }
        }
        switch request.toolChoice {
        case .none where !calls.isEmpty:
            notes.append("tool_choice was \"none\" but the server returned \(calls.count) function call(s): it ignored tool_choice")
        case .function(let wanted) where calls.isEmpty:
            notes.append("tool_choice forced \(wanted) but no function call came back: the server ignored tool_choice")
        case let choice where choice.forcesCall && calls.isEmpty:
            notes.append("tool_choice was \(choice.label) but no function call came back: the server ignored tool_choice")
        default:
            break
        }
        return notes
    }
}
