import ToolscopeEngine

/// Kept-alive connections waiting for the next request to the same host and port.
///
/// A chat loop sends its requests one after another to one server, so keeping the connection
/// saves a TCP handshake per request. Idle connections are checked before reuse (the server
/// may have closed them) and dropped after `maxIdle` seconds.
final class SocketConnectionPool: Sendable {
    static let shared = SocketConnectionPool()

    static let maxIdle = 60.0
    static let maxPerEndpoint = 4

    /// Idle connections by host:port, each with the time it was given back (monotonic seconds).
    private let idle = Locked<[String: [(connection: SocketConnection, since: Double)]]>([:])

    /// A still-open idle connection to `key`, or `nil`.
    func take(_ key: String) -> SocketConnection? {
        let now = MonotonicClock.now()
        while true {
            guard let (connection, since) = idle.withLock({ $0[key]?.popLast() }) else { return nil }
            if now - since <= Self.maxIdle, connection.isReusable() { return connection }
            connection.close()
        }
    }

    /// Keeps `connection` for the next request to `key` (closes it when enough are kept).
    func put(_ connection: SocketConnection, _ key: String) {
        let now = MonotonicClock.now()
        let kept = idle.withLock { table in
            guard table[key, default: []].count < Self.maxPerEndpoint else { return false }
            table[key, default: []].append((connection, now))
            return true
        }
        if !kept { connection.close() }
    }
}
