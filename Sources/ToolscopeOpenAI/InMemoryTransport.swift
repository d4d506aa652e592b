import ToolscopeEngine

/// A transport that answers from a script, in process: for tests of retry timing, stream
/// framing, stalls and cancellation that must be exact and fast, without a socket.
///
/// Each request consumes the next `Reply`. Every request is recorded, so a test can check the
/// exact bytes and headers that would have gone over the wire.
public final class InMemoryTransport: HTTPTransport {
    /// How one scripted response body ends.
    public enum End: Sendable {
        /// The body ends cleanly.
        case finish
        /// The connection breaks after the chunks.
        case fail(TransportError)
        /// The server goes silent until the request is cancelled.
        case stall
    }

    public enum Reply: Sendable {
        /// Status, headers, then the body in these pieces, `chunkDelay` seconds apart.
        case respond(status: Int, headers: [String: String], chunks: [[UInt8]], end: End = .finish, chunkDelay: Double = 0)
        /// No response at all: the transport fails.
        case fail(TransportError)
        /// Never answers until cancelled (a server that accepted the connection and hung).
        case hang

        /// A 200 `text/event-stream` body cut into the given pieces.
        public static func stream(_ text: String, pieces: Int = 1, end: End = .finish, chunkDelay: Double = 0) -> Reply {
            let bytes = Array(text.utf8)
            let size = max(1, (bytes.count + max(1, pieces) - 1) / max(1, pieces))
            let chunks = stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
            return .respond(status: 200, headers: ["content-type": "text/event-stream"], chunks: chunks, end: end, chunkDelay: chunkDelay)
        }

        /// A JSON body with the given status.
        public static func json(_ status: Int, _ body: String, headers: [String: String] = [:]) -> Reply {
            var h = headers
            h["content-type"] = "application/json"
            return .respond(status: status, headers: h, chunks: [Array(body.utf8)])
        }
    }

    private let state: Locked<(replies: [Reply], requests: [HTTPRequestSpec])>

    public init(_ replies: [Reply]) {
        state = Locked((replies: replies, requests: []))
    }

    /// Every request received so far, in order.
    public var requests: [HTTPRequestSpec] { state.current.requests }

    public func send(_ request: HTTPRequestSpec) async throws(TransportError) -> HTTPResponse {
        let (reply, number): (Reply?, Int) = state.withLock { s in
            s.requests.append(request)
            return (s.replies.isEmpty ? nil : s.replies.removeFirst(), s.requests.count)
        }
        guard let reply else {
            throw TransportError(.other, "InMemoryTransport has no reply scripted for request \(number)")
        }
        switch reply {
        case .fail(let error):
            throw error
        case .hang:
            try await Self.sleepUntilCancelled()
            throw TransportError(.cancelled, "the request was cancelled")
        case .respond(let status, let headers, let chunks, let end, let delay):
            let cursor = Locked(0)
            let body = HTTPResponseBody { () async throws(TransportError) -> [UInt8]? in
                let i = cursor.withLock { c in defer { c += 1 }; return c }
                if i < chunks.count {
                    if delay > 0 { try await Self.sleep(delay) }
                    return chunks[i]
                }
                switch end {
                case .finish: return nil
                case .fail(let error): throw error
                case .stall:
                    try await Self.sleepUntilCancelled()
                    return nil
                }
            }
            var lowered: [String: String] = [:]
            for (k, v) in headers { lowered[k.lowercased()] = v }
            return HTTPResponse(status: status, headers: lowered, body: body)
        }
    }

    private static func sleep(_ seconds: Double) async throws(TransportError) {
        do {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
        } catch {
            throw TransportError(.cancelled, "the request was cancelled")
        }
    }

    private static func sleepUntilCancelled() async throws(TransportError) {
        while true { try await sleep(3600) }
    }
}
