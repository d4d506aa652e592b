/// What has streamed in for the assistant message being generated, before it is complete.
public struct LiveTurn: Sendable, Hashable {
    public struct PartialCall: Sendable, Hashable {
        public var name: String
        public var arguments: String
    }
    public var text = ""
    /// Reasoning as it streams (Anthropic thinking, a Responses reasoning summary): shown above
    /// the text while the message streams; the finished message keeps it in its native items.
    public var reasoning = ""
    public var calls: [Int: PartialCall] = [:]

    public init() {}

    public var isEmpty: Bool { text.isEmpty && reasoning.isEmpty && calls.isEmpty }
}
