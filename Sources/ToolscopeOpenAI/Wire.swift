import ToolscopeEngine

/// What differs between the HTTP APIs toolscope speaks — the URL, the headers that carry the
/// key, the request body, the stream's events and the plain body. Everything else is shared by
/// every wire and lives in `HTTPProvider` and `RequestAttempt`: attempts, retries, the watchdog,
/// raw capture, redaction and cancellation.
///
/// A new wire is one type conforming to this protocol plus its `WireStreamReader`; `Wires.make`
/// maps the session's `WireAPI` to it.
public protocol Wire: Sendable {
    var api: WireAPI { get }

    /// The URL requests go to, from the endpoint's base URL (no trailing slash).
    func url(baseURL: String) -> String

    /// A base URL that already names the request path (".../chat/completions"), as a mistake to
    /// report before anything is sent; `nil` when the base URL is fine.
    func misplacedPath(inBaseURL base: String) -> String?

    /// Every header of a request: content type, the key in this wire's header, the extras.
    func headers(_ endpoint: OpenAIEndpoint, streaming: Bool) -> [String: String]

    /// The exact JSON body for `request`.
    func body(_ request: ChatRequest, stream: Bool) -> JSONValue

    /// A fresh reader for one streamed response.
    func makeStreamReader() -> any WireStreamReader

    /// Decodes a whole (non-streamed) response body.
    func decode(_ bytes: [UInt8]) throws(ProviderError) -> ChatResponse

    /// Differences between what was asked and what came back that only this wire can see
    /// (an ignored tool_choice, a finish reason that says the answer was cut off…).
    func warnings(request: ChatRequest, response: ChatResponse) -> [String]
}

/// Rebuilds one streamed response from its server-sent events. Strict about the end (a stream
/// without its terminal event is an error that keeps what arrived) and lenient about the middle.
public protocol WireStreamReader: Sendable {
    /// Consumes one event; returns what the followed answer gained, for live display.
    mutating func consume(_ event: SSEEvent) throws(ProviderError) -> [TraceEvent.Kind]

    /// True once the terminal event (or the one just before it) arrived: a transport that
    /// batches reads should then read the rest as it comes, so the end is not held back.
    var endIsNear: Bool { get }

    /// Events consumed so far, for messages about where a stream broke.
    var eventCount: Int { get }

    /// The stream's last bytes formed an event with no blank line after it. Returns a warning
    /// when the wire accepts it as the end anyway, `nil` when it means the stream was cut off.
    mutating func acceptUnterminated(_ event: SSEEvent) -> String?

    /// The whole answer, or why the stream does not make one (keeping what arrived as `partial`).
    func finish() -> Result<ChatResponse, ProviderError>

    /// What arrived so far as a message, for errors and timeouts mid-stream.
    func partialMessage() -> Message?
}

/// The wire for each `WireAPI`.
public enum Wires {
    public static func make(_ api: WireAPI) -> any Wire {
        switch api {
        case .chat: return ChatCompletionsWire()
        case .responses: return ResponsesWire()
        case .anthropic: return AnthropicWire()
        }
    }
}
