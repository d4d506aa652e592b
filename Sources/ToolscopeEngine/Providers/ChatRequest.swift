import OrderedCollections

/// One request to a chat model: the conversation so far, the tools offered and the settings.
public struct ChatRequest: Sendable, Hashable {
    public var messages: [Message]
    public var tools: [ToolDefinition]
    public var settings: SessionSettings
    /// The tool_choice for this request (the loop may relax a forced choice to auto).
    public var toolChoice: ToolChoice

    public init(messages: [Message], tools: [ToolDefinition], settings: SessionSettings, toolChoice: ToolChoice? = nil) {
        self.messages = messages
        self.tools = tools
        self.settings = settings
        self.toolChoice = toolChoice ?? settings.toolChoice
    }

    /// The exact Chat Completions body: optional fields only when set; `tools`, `tool_choice`
    /// and `parallel_tool_calls` only when tools are sent (some servers reject them otherwise).
    public func openAIBody(stream: Bool? = nil) -> JSONValue {
        let streaming = stream ?? settings.stream
        var o = JSONObject()
        o["model"] = .string(settings.model)
        if settings.provider.compat.emptyContentWithToolCalls {
            o["messages"] = .array(messages.map { m in
                guard m.role == .assistant, !m.toolCalls.isEmpty, m.content == nil, m.contentParts == nil,
                      case .object(var body) = m.json else { return m.json }
                body["content"] = ""
                return .object(body)
            })
        } else {
            o["messages"] = .array(messages.map(\.json))
        }
        if !tools.isEmpty {
            o["tools"] = .array(tools.map(\.raw))
            o["tool_choice"] = toolChoice.json
            if let p = settings.parallelToolCalls { o["parallel_tool_calls"] = .bool(p) }
        }
        if let t = settings.temperature { o["temperature"] = .number(t) }
        if let m = settings.maxCompletionTokens { o["max_completion_tokens"] = .number(Double(m)) }
        if let s = settings.seed { o["seed"] = .number(Double(s)) }
        if let rf = settings.responseFormat { o["response_format"] = rf }
        if streaming {
            o["stream"] = true
            o["stream_options"] = ["include_usage": true]
        }
        return .object(o)
    }
}
