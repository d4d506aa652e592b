import Foundation
import ToolscopeEngine

/// Plain-HTTP/1.1 transport for `http://` servers — the local ones (Ollama, llama.cpp, vLLM,
/// LM Studio) a workbench mostly talks to — using blocking socket calls on a `BlockingLane`.
///
/// Why not AsyncHTTPClient here: a streamed answer is dozens of small reads, and through NIO and
/// AHC each read costs an event-loop wake, a pipeline pass and a hand-off before the SSE framer
/// sees it. A blocking `recv` on the thread that parses costs the wake alone. DESIGN.md ("HTTP
/// transports") has the measurements. `https://` stays with AsyncHTTPClient (TLS).
///
/// Kept-alive connections are reused (`SocketConnectionPool`). Cancelling the task that awaits
/// `send` or a body read shuts the socket down, which wakes the blocked call at once. Idle-read
/// timeouts and the overall deadline are `RequestAttempt`'s, as for every transport.
public struct SocketHTTPTransport: HTTPTransport {
    /// Seconds between socket reads of an event stream (0: read each event as it arrives).
    public let streamReadInterval: Double

    public init(streamReadInterval: Double = 0) {
        self.streamReadInterval = streamReadInterval
    }

    /// Each request runs on a lane of its own, where its reads may block.
    public func executorLease(forURL url: String) -> ExecutorLease? {
        BlockingLanePool.shared.lease()
    }

    public func send(_ spec: HTTPRequestSpec) async throws(TransportError) -> HTTPResponse {
        let target = try Target(spec.url)
        let request = try Self.requestBytes(spec, target)
        let current = Locked<(aborted: Bool, connection: SocketConnection?)>((false, nil))
        let exchange = { @Sendable () throws(TransportError) -> HTTPResponse in
            try Self.exchange(request, target: target, connectTimeout: spec.connectTimeout, readInterval: streamReadInterval,
                              isHead: spec.method.uppercased() == "HEAD", current: current)
        }
        return try await BlockingLanePool.shared.onLane(exchange) {
            let connection = current.withLock { c in
                c.aborted = true
                return c.connection
            }
            connection?.abort()
        }
    }

    // MARK: - The exchange (blocking, on a lane)

    private static func exchange(_ request: [UInt8], target: Target, connectTimeout: Double, readInterval: Double, isHead: Bool,
                                 current: Locked<(aborted: Bool, connection: SocketConnection?)>) throws(TransportError) -> HTTPResponse {
        var reused = SocketConnectionPool.shared.take(target.poolKey)
        while true {
            let connection = reused ?? SocketConnection(host: target.host, port: target.port)
            let aborted = current.withLock { c in
                c.connection = connection
                return c.aborted
            }
            if aborted {
                connection.close()
                throw TransportError(.cancelled, "the request was cancelled")
            }
            var answered = false
            do throws(TransportError) {
                if reused == nil { try connection.connect(timeout: connectTimeout) }
                try connection.write(request)
                let (head, early) = try readHead(connection, target: target, answered: &answered)
                let framing: HTTP1BodyDecoder.Framing
                do {
                    // A response to HEAD has a head only, whatever its Content-Length says.
                    framing = isHead ? .none : try head.framing()
                } catch {
                    throw TransportError(.other, "\(target.display) sent a response that is not valid HTTP/1.1: \(error.reason)")
                }
                let isStream = head.headers["content-type"]?.lowercased().hasPrefix("text/event-stream") ?? false
                let reader = SocketBodyReader(connection: connection, poolKey: target.poolKey, head: head, framing: framing, early: early,
                                              readInterval: isStream ? readInterval : 0)
                let body = HTTPResponseBody(next: { () async throws(TransportError) -> [UInt8]? in
                    try await BlockingLanePool.shared.onLane({ () throws(TransportError) -> [UInt8]? in try reader.next() },
                                                             onCancel: { reader.abort() })
                }, endExpected: { reader.expectEnd() })
                return HTTPResponse(status: head.status, headers: head.headers, body: body)
            } catch where reused != nil && !answered && error.kind == .connectionClosed {
                // The server dropped the kept-alive connection as the request went out (its idle
                // timeout): not one byte was answered, so sending again on a new connection is safe.
                connection.close()
                reused = nil
            } catch {
                connection.close()
                throw error
            }
        }
    }

    /// Reads until the head is complete; skips interim 1xx heads. Returns the body bytes read
    /// with it. `answered` turns true with the first byte from the server.
    private static func readHead(_ connection: SocketConnection, target: Target, answered: inout Bool) throws(TransportError) -> (HTTP1ResponseHead, [UInt8]) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        while true {
            let parsed: (head: HTTP1ResponseHead, length: Int)?
            switch received.withUnsafeBytes({ bytes in Result { () throws(HTTP1ResponseHead.Malformed) in try HTTP1ResponseHead.parse(bytes) } }) {
            case .success(let value):
                parsed = value
            case .failure(let error):
                throw TransportError(.other, "\(target.display) sent a response that is not valid HTTP/1.1: \(error.reason)")
            }
            if let (head, length) = parsed {
                received.removeFirst(length)
                if (100..<200).contains(head.status) && head.status != 101 { continue }
                return (head, received)
            }
            let count = try buffer.withUnsafeMutableBytes { bytes in
                Result { () throws(TransportError) in try connection.read(into: bytes) }
            }.get()
            if count == 0 {
                throw TransportError(.connectionClosed, answered
                    ? "\(target.display) closed the connection in the middle of the response head"
                    : "\(target.display) closed the connection without answering")
            }
            answered = true
            received.append(contentsOf: buffer[..<count])
        }
    }

    // MARK: - The request

    static func requestBytes(_ spec: HTTPRequestSpec, _ target: Target) throws(TransportError) -> [UInt8] {
        let method = spec.method.uppercased()
        guard !method.isEmpty, method.utf8.allSatisfy({ (65...90).contains($0) }) else {
            throw TransportError(.other, "\"\(spec.method)\" is not an HTTP method")
        }
        var head = "\(method) \(target.path) HTTP/1.1\r\nHost: \(target.hostHeader)\r\n"
        let reserved: Set<String> = ["host", "content-length", "transfer-encoding", "connection"]
        for (name, value) in spec.headers.sorted(by: { $0.key.lowercased() < $1.key.lowercased() }) where !reserved.contains(name.lowercased()) {
            guard !name.isEmpty, name.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != UInt8(ascii: ":") }) else {
                throw TransportError(.other, "the header name \"\(name)\" is not valid; the request was not sent")
            }
            guard !value.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 }) else {
                throw TransportError(.other, "the header \(name) contains a line break; the request was not sent")
            }
            head += "\(name): \(value)\r\n"
        }
        if !spec.body.isEmpty || method == "POST" || method == "PUT" || method == "PATCH" {
            head += "Content-Length: \(spec.body.count)\r\n"
        }
        head += "\r\n"
        return Array(head.utf8) + spec.body
    }

    /// Where a URL points, in the pieces an HTTP/1.1 request needs.
    struct Target: Sendable, Equatable {
        var host: String
        var port: Int
        /// Path and query, percent-encoded as given; "/" when empty.
        var path: String

        init(_ url: String) throws(TransportError) {
            guard let components = URLComponents(string: url), components.scheme?.lowercased() == "http",
                  var host = components.host, !host.isEmpty else {
                throw TransportError(.invalidURL, "\"\(url)\" is not an http:// URL (this transport does not do TLS)")
            }
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            let port = components.port ?? 80
            guard (1...65535).contains(port) else { throw TransportError(.invalidURL, "\"\(url)\" has no valid port") }
            self.host = host
            self.port = port
            var path = components.percentEncodedPath
            if path.isEmpty { path = "/" }
            if let query = components.percentEncodedQuery { path += "?" + query }
            self.path = path
        }

        var display: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
        var hostHeader: String { port == 80 ? (host.contains(":") ? "[\(host)]" : host) : display }
        var poolKey: String { display }
    }
}
