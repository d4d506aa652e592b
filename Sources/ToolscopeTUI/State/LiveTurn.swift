/// What has streamed in for the assistant message being generated, before it is complete.
public struct LiveTurn: Sendable, Hashable {
    public struct PartialCall: Sendable, Hashable {
        public var name: String
        public var arguments: String
    }
    public var text = ""
    public var calls: [Int: PartialCall] = [:]

    public init() {}

    public var isEmpty: Bool { text.isEmpty && calls.isEmpty }
}
