import ToolscopeEngine
#if canImport(Glibc)
import Glibc
#endif

/// Reads one response body from its connection with blocking calls (on a lane), and gives the
/// connection back to the pool when the body ended cleanly and the server keeps it open.
///
/// One reader calls `next()` at a time; the lock is there for Sendable, not for contention.
/// A body abandoned before its end (an error, a cancel) closes its connection.
final class SocketBodyReader: Sendable {
    private struct State {
        var decoder: HTTP1BodyDecoder
        /// Body bytes that came in the same reads as the head.
        var early: [UInt8]
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var done = false
        /// Seconds between the starts of two reads; 0 once the end is expected.
        var interval: Double
        /// When the last read began; the head's read counts.
        var lastRead = MonotonicClock.now()
    }

    private let connection: SocketConnection
    private let poolKey: String
    private let reusable: Bool
    private let state: Locked<State>

    init(connection: SocketConnection, poolKey: String, head: HTTP1ResponseHead, framing: HTTP1BodyDecoder.Framing, early: [UInt8],
         readInterval: Double) {
        self.connection = connection
        self.poolKey = poolKey
        self.reusable = !head.closesConnection && framing != .untilClose
        self.state = Locked(State(decoder: HTTP1BodyDecoder(framing), early: early, interval: readInterval))
    }

    /// The reader saw the last event coming: read the rest without pauses.
    func expectEnd() {
        state.withLock { $0.interval = 0 }
    }

    deinit {
        if !state.withLock({ $0.done }) { connection.close() }
    }

    /// Stops a blocked read from any thread (the request was cancelled).
    func abort() {
        connection.abort()
    }

    /// The body bytes that arrived next (at least one), or `nil` at the end. Blocks.
    func next() throws(TransportError) -> [UInt8]? {
        let result: Result<[UInt8]?, TransportError> = state.withLock { s in
            do throws(TransportError) {
                return .success(try read(&s))
            } catch {
                s.done = true
                connection.close()
                return .failure(error)
            }
        }
        return try result.get()
    }

    private func read(_ s: inout State) throws(TransportError) -> [UInt8]? {
        var out: [UInt8] = []
        if !s.early.isEmpty {
            let early = s.early
            s.early = []
            try early.withUnsafeBytes { bytes in Result { () throws(TransportError) in try decode(bytes, &s.decoder, &out) } }.get()
        }
        while out.isEmpty {
            if s.done { return nil }
            if s.decoder.isComplete {
                finish(&s)
                return nil
            }
            if s.interval > 0 {
                let wait = s.lastRead + s.interval - MonotonicClock.now()
                if wait > 0 { usleep(UInt32(wait * 1e6)) }
                s.lastRead = MonotonicClock.now()
            }
            let count = try s.buffer.withUnsafeMutableBytes { buffer in
                Result { () throws(TransportError) in try connection.read(into: buffer) }
            }.get()
            if count == 0 {
                if let missing = s.decoder.missingAtClose() {
                    throw TransportError(.connectionClosed, "\(connection.host):\(connection.port) closed the connection before the response was complete (\(missing))")
                }
                s.done = true
                connection.close()
                return nil
            }
            try s.buffer.withUnsafeBytes { buffer in
                Result { () throws(TransportError) in try decode(UnsafeRawBufferPointer(rebasing: buffer[..<count]), &s.decoder, &out) }
            }.get()
        }
        if s.decoder.isComplete { finish(&s) }
        return out
    }

    private func decode(_ bytes: UnsafeRawBufferPointer, _ decoder: inout HTTP1BodyDecoder, _ out: inout [UInt8]) throws(TransportError) {
        do {
            try decoder.decode(bytes, into: &out)
        } catch {
            throw TransportError(.other, "\(connection.host):\(connection.port) sent a body that is not valid HTTP/1.1: \(error.reason)")
        }
    }

    /// The body is complete: the connection goes back to the pool or is closed.
    private func finish(_ s: inout State) {
        guard !s.done else { return }
        s.done = true
        if reusable && s.decoder.surplus == 0 {
            SocketConnectionPool.shared.put(connection, poolKey)
        } else {
            connection.close()
        }
    }
}
