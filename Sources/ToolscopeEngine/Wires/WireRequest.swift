/// The parts of an HTTP request that only depend on the wire: where it goes, which headers carry
/// the key, and the body. The HTTP provider's `Wire`s and the exports (`CurlCommand`) both read
/// them from here, so an exported `curl` sends what toolscope itself would send.
extension WireAPI {
    /// The path after the base URL (`{base}/chat/completions`, `{base}/responses`, `{base}/v1/messages`).
    public var requestPath: String {
        switch self {
        case .chat: return "/chat/completions"
        case .responses: return "/responses"
        case .anthropic: return "/v1/messages"
        }
    }

    /// The name of the header that carries the key, and its value for `key` (the key itself, or
    /// in an export a shell expression such as `$OPENAI_API_KEY`).
    public func keyHeader(_ key: String) -> (name: String, value: String) {
        switch self {
        case .chat, .responses: return ("Authorization", "Bearer " + key)
        case .anthropic: return ("x-api-key", key)
        }
    }

    /// Every header of a request: content type, accept, user agent, the key in this wire's header,
    /// OpenAI's organization and project (not on Anthropic, which has no such headers; there
    /// `anthropic-version` instead, which an extra header of that name replaces), then the extras.
    public func requestHeaders(key: String?, organization: String?, project: String?, extra: [String: String],
                               streaming: Bool) -> [String: String] {
        var h: [String: String] = [
            "Content-Type": "application/json",
            "Accept": streaming ? "text/event-stream" : "application/json",
            "User-Agent": "toolscope/0.1",
        ]
        if let key {
            let header = keyHeader(key)
            h[header.name] = header.value
        }
        switch self {
        case .chat, .responses:
            if let organization { h["OpenAI-Organization"] = organization }
            if let project { h["OpenAI-Project"] = project }
        case .anthropic:
            h["anthropic-version"] = AnthropicFormat.version
        }
        for (name, value) in extra {
            if self == .anthropic, name.lowercased() == "anthropic-version" { h["anthropic-version"] = nil }
            h[name] = value
        }
        return h
    }

    /// The exact JSON body of `request` on this wire.
    public func requestBody(_ request: ChatRequest, stream: Bool) -> JSONValue {
        switch self {
        case .chat: return request.openAIBody(stream: stream)
        case .responses: return ResponsesFormat.body(request, stream: stream)
        case .anthropic: return AnthropicFormat.body(request, stream: stream)
        }
    }
}
