/// One server-sent event, as the WHATWG event-stream rules define it: `data` is every `data:`
/// line of the event joined with "\n". Kept as bytes so the assembler can hand it straight to
/// the JSON parser without a round trip through `String`.
public struct SSEEvent: Sendable, Hashable {
    /// The `event:` field; `nil` means the default type ("message"). OpenAI never sends one.
    public var event: String?
    /// The joined `data:` lines, UTF-8.
    public var data: [UInt8]
    /// The last `id:` seen so far in the stream (it persists across events, as the spec says).
    public var id: String?
    /// A `retry:` reconnection time in milliseconds, when this event carried one.
    public var retry: Int?

    public init(event: String? = nil, data: [UInt8], id: String? = nil, retry: Int? = nil) {
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry
    }

    public init(event: String? = nil, text: String, id: String? = nil, retry: Int? = nil) {
        self.init(event: event, data: Array(text.utf8), id: id, retry: retry)
    }

    /// The data as text (invalid UTF-8 is replaced, never trapped on).
    public var text: String { String(decoding: data, as: UTF8.self) }
}
