import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-connection HTTP server on 127.0.0.1 that answers with exactly the bytes and pauses a
/// test scripts: for transport behaviour that depends on how bytes are cut into socket writes
/// (many events in one write, events spaced in time, a body that stops or breaks off), which
/// no real server can be made to do reliably.
///
/// It reads the request (head plus `Content-Length` body), then plays `steps` on a thread of
/// its own, then — unless told to hang up — waits until the client closes and records when.
final class ScriptedHTTPServer: @unchecked Sendable {
    enum Step {
        case write([UInt8])
        case pause(Double)
        /// Closes the connection at once (a server that dies mid-response).
        case hangUp
        /// Waits for the next request on the same connection (keep-alive).
        case readRequest
    }

    let port: Int
    private let listener: Int32
    private let state = NSLock()
    private var clientClosedAt: Double?
    private var requests: [[UInt8]] = []
    private let finished = DispatchSemaphore(value: 0)

    convenience init(_ steps: [Step]) throws {
        try self.init(connections: [steps])
    }

    /// Serves `connections.count` connections one after another, each with its own steps. Every
    /// connection but the last is closed when its steps are done.
    init(connections: [[Step]]) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw Failure("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 4) == 0 else {
            close(listener)
            throw Failure("bind/listen failed")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in serve(connections) }
        thread.start()
    }

    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    /// Seconds on `MonotonicClock`-compatible time when the client closed its end, if it did.
    var closedByClientAt: Double? { state.withLock { clientClosedAt } }

    /// The first request's bytes as received (head and body).
    var receivedRequest: [UInt8] { state.withLock { requests.first ?? [] } }

    /// Every request received, on any connection, in order.
    var receivedRequests: [[UInt8]] { state.withLock { requests } }

    /// Waits (at most `timeout` seconds) until the script ran and the connection ended.
    @discardableResult
    func waitUntilDone(timeout: Double) -> Bool {
        finished.wait(timeout: .now() + timeout) == .success
    }

    private func serve(_ connections: [[Step]]) {
        defer {
            close(listener)
            finished.signal()
        }
        for (index, steps) in connections.enumerated() {
            var connection: Int32
            while true {
                connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                var one: Int32 = 1
                _ = setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                if readRequest(connection) { break }
                // A connection closed before any request (AsyncHTTPClient sometimes opens one it
                // then does not need): not one of the scripted connections.
                close(connection)
            }
            defer { close(connection) }
            let last = index == connections.count - 1
            if !play(steps, on: connection, waitForClient: last) { return }
        }
    }

    /// Plays `steps`; returns false when the client went away (nothing more to serve).
    private func play(_ steps: [Step], on connection: Int32, waitForClient: Bool) -> Bool {
        for step in steps {
            switch step {
            case .write(let bytes):
                var offset = 0
                while offset < bytes.count {
                    let sent = bytes[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    if sent <= 0 { noteClosed(); return false }
                    offset += sent
                }
            case .pause(let seconds):
                usleep(UInt32(seconds * 1e6))
            case .hangUp:
                return true
            case .readRequest:
                _ = readRequest(connection)
            }
        }
        guard waitForClient else { return true }
        // Keep the connection open until the client lets go (or 30 s pass).
        var pollFD = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
        var scratch = [UInt8](repeating: 0, count: 4096)
        let giveUp = Self.now() + 30
        while Self.now() < giveUp {
            guard poll(&pollFD, 1, 50) > 0 else { continue }
            if recv(connection, &scratch, scratch.count, 0) <= 0 { noteClosed(); return true }
        }
        return true
    }

    /// Reads one request; false when the client closed without sending one.
    private func readRequest(_ connection: Int32) -> Bool {
        var received: [UInt8] = []
        var scratch = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(connection, &scratch, scratch.count, 0)
            if n <= 0 { break }
            received.append(contentsOf: scratch[0..<n])
            let text = String(decoding: received, as: UTF8.self)
            guard let headEnd = text.range(of: "\r\n\r\n") else { continue }
            let head = text[..<headEnd.lowerBound].lowercased()
            let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            if received.count >= text.utf8.distance(from: text.utf8.startIndex, to: headEnd.upperBound) + length { break }
        }
        if received.isEmpty { return false }
        state.withLock { requests.append(received) }
        return true
    }

    private func noteClosed() {
        state.withLock { if clientClosedAt == nil { clientClosedAt = Self.now() } }
    }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ text: String) { description = text }
    }

    // MARK: - Building responses

    /// A 200 `text/event-stream` head with chunked transfer encoding.
    static let streamHead = Array("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n".utf8)

    /// `bytes` as one HTTP/1.1 chunk.
    static func chunk(_ bytes: [UInt8]) -> [UInt8] {
        Array(String(bytes.count, radix: 16).utf8) + [13, 10] + bytes + [13, 10]
    }

    static let lastChunk = Array("0\r\n\r\n".utf8)

    /// The n-th content event of a made-up completion stream.
    static func event(_ n: Int) -> [UInt8] {
        Array("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"w\(n) \"}}]}\n\n".utf8)
    }
}
