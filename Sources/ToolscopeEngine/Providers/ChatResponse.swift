/// A model's finished answer to one request.
public struct ChatResponse: Sendable, Hashable {
    /// The assistant message (choice 0): text, tool calls, or both.
    public var message: Message
    public var finishReason: String?
    public var usage: Usage?
    /// Other choices when n > 1; the loop follows choice 0.
    public var otherChoices: [Message]
    /// The raw response body (redacted), or the reassembled stream, for the trace's detail view.
    public var rawBody: String?
    /// Seconds from sending to the first content or tool-call byte (streaming only).
    public var timeToFirstToken: Double?
    /// Problems the provider noticed but survived (ignored tool_choice, too many parallel calls…).
    public var warnings: [String]

    public init(message: Message, finishReason: String?, usage: Usage? = nil, otherChoices: [Message] = [],
                rawBody: String? = nil, timeToFirstToken: Double? = nil, warnings: [String] = []) {
        self.message = message
        self.finishReason = finishReason
        self.usage = usage
        self.otherChoices = otherChoices
        self.rawBody = rawBody
        self.timeToFirstToken = timeToFirstToken
        self.warnings = warnings
    }
}
