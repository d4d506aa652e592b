/// The transport the OpenAI provider uses unless told otherwise: `http://` URLs go to
/// `SocketHTTPTransport` (about half the CPU per streamed round, see BENCHMARKS.md), `https://`
/// ones to `AsyncHTTPClientTransport`, which does TLS.
///
/// `TOOLSCOPE_HTTP_CLIENT=asynchttpclient` sends every URL through AsyncHTTPClient — a way out if
/// a plain-HTTP server ever disagrees with the socket transport.
///
/// Event streams over `http://` are read at most once per `streamReadInterval` (1 ms unless
/// `TOOLSCOPE_STREAM_READ_INTERVAL_MS` says otherwise; 0 reads every event the moment it lands).
/// A server that streams slower than that (any real model: a token every 5–50 ms) is read
/// exactly as without the interval; one that streams faster (a local mock, a cached answer) has
/// its events read in batches — one wake-up per millisecond instead of one per event, about
/// half the client's CPU per streamed round — at the price of at most 1 ms extra delay.
/// Nothing is lost: a stream that breaks is read to its last byte first.
public struct DefaultHTTPTransport: HTTPTransport {
    public enum Choice: String, Sendable, CaseIterable {
        /// By scheme, as described above.
        case auto
        case socket
        case asynchttpclient
    }

    public static let defaultStreamReadInterval = 0.001

    public let choice: Choice
    private let socket: SocketHTTPTransport
    private let client = AsyncHTTPClientTransport()

    public init(_ choice: Choice = .auto, streamReadInterval: Double = Self.defaultStreamReadInterval) {
        self.choice = choice
        self.socket = SocketHTTPTransport(streamReadInterval: streamReadInterval)
    }

    /// As `TOOLSCOPE_HTTP_CLIENT` and `TOOLSCOPE_STREAM_READ_INTERVAL_MS` say (defaults when unset or invalid).
    public init(environment: [String: String]) {
        let interval = environment["TOOLSCOPE_STREAM_READ_INTERVAL_MS"].flatMap(Double.init).flatMap { (0...100).contains($0) ? $0 / 1000 : nil }
        self.init(environment["TOOLSCOPE_HTTP_CLIENT"].flatMap { Choice(rawValue: $0.lowercased()) } ?? .auto,
                  streamReadInterval: interval ?? Self.defaultStreamReadInterval)
    }

    public func send(_ request: HTTPRequestSpec) async throws(TransportError) -> HTTPResponse {
        try await transport(for: request.url).send(request)
    }

    public func executorLease(forURL url: String) -> ExecutorLease? {
        transport(for: url).executorLease(forURL: url)
    }

    /// Which transport serves `url`.
    public func transport(for url: String) -> any HTTPTransport {
        switch choice {
        case .socket: return socket
        case .asynchttpclient: return client
        case .auto: return url.lowercased().hasPrefix("http://") ? socket : client
        }
    }
}
