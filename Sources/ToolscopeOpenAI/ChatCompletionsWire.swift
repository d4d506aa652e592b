import ToolscopeEngine

/// OpenAI Chat Completions: `POST {base}/chat/completions`, the key as a Bearer token, the body
/// `ChatRequest.openAIBody` builds, streamed as `data:` chunks ending in `[DONE]`.
public struct ChatCompletionsWire: Wire {
    public init() {}

    public var api: WireAPI { .chat }

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

    public func makeStreamReader() -> any WireStreamReader { StreamAssembler() }

    public func decode(_ bytes: [UInt8]) throws(ProviderError) -> ChatResponse {
        try CompletionDecoder.decode(bytes)
    }

    public func warnings(request: ChatRequest, response: ChatResponse) -> [String] {
        ResponseAudit.warnings(request: request, response: response)
    }
}

extension StreamAssembler: WireStreamReader {
    public var endIsNear: Bool { sawFinishReason || sawDone }
    public var eventCount: Int { chunkCount }

    /// A final `data: [DONE]` without the blank line after it is the end all the same.
    public mutating func acceptUnterminated(_ event: SSEEvent) -> String? {
        guard event.text == "[DONE]" else { return nil }
        _ = try? consume(event)
        return "the stream's final data: [DONE] had no blank line after it"
    }
}
