/// What has streamed in for the assistant message being generated, before it is complete.
/// Its tool calls are not here: the trace model holds the one assembly of them
/// (`TraceModel.streamingCalls`), which the conversation and the trace pane both draw.
public struct StreamingMessage: Sendable, Hashable {
    public var text = ""
    /// Reasoning as it streams (Anthropic thinking, a Responses reasoning summary): shown above
    /// the text while the message streams; the finished message keeps it in its native items.
    public var reasoning = ""

    public init() {}

    public var isEmpty: Bool { text.isEmpty && reasoning.isEmpty }
}
