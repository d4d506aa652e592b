import ToolscopeEngine
#if canImport(Glibc)
import Glibc
#endif

/// One TCP connection driven by blocking system calls, for use on a `BlockingLane`.
///
/// The owner (one request at a time) connects, writes, reads and closes it from its lane.
/// `abort()` may come from any thread — a cancelled task, a watchdog — and wakes a blocked
/// `read`, `write` or connect at once; the lock only keeps the descriptor from being reused
/// between that shutdown and the owner's `close()`.
final class SocketConnection: Sendable {
    private struct State: Sendable {
        var fd: Int32 = -1
        var aborted = false
        var closed = false
    }

    let host: String
    let port: Int
    private let state = Locked(State())

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    private var endpointName: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    // MARK: - Connecting

    /// Resolves the host and connects to the first address that accepts, within `timeout` seconds.
    func connect(timeout: Double) throws(TransportError) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw TransportError(.dns, "could not resolve the host name \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        let deadline = MonotonicClock.now() + timeout
        var lastError = TransportError(.connectionRefused, "connection refused: nothing is listening on \(endpointName) (is the server running?)")
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            cursor = info.pointee.ai_next
            do {
                try connect(to: info.pointee, deadline: deadline, timeout: timeout)
                return
            } catch {
                lastError = error
                if error.kind == .cancelled || error.kind == .connectTimeout { throw error }
            }
        }
        throw lastError
    }

    private func connect(to info: addrinfo, deadline: Double, timeout: Double) throws(TransportError) {
        let fd = socket(info.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), info.ai_protocol)
        guard fd >= 0 else { throw TransportError(.other, "could not open a socket to \(endpointName): \(Self.describe(errno))") }
        let aborted = state.withLock { s in
            s.fd = fd
            return s.aborted
        }
        guard !aborted else { throw closeFailed(fd, TransportError(.cancelled, "the request was cancelled")) }
        if Glibc.connect(fd, info.ai_addr, info.ai_addrlen) != 0 {
            guard errno == EINPROGRESS else { throw closeFailed(fd, connectError(errno)) }
            // Polled in short slices so a cancel (which cannot wake poll on a connecting
            // socket) is noticed within 50 ms.
            while true {
                if state.withLock({ $0.aborted }) { throw closeFailed(fd, TransportError(.cancelled, "the request was cancelled")) }
                let left = deadline - MonotonicClock.now()
                if left <= 0 {
                    throw closeFailed(fd, TransportError(.connectTimeout, "could not connect to \(endpointName) within the connect timeout of \(RetryPolicy.format(timeout)) s"))
                }
                var pollfd = Glibc.pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                let ready = poll(&pollfd, 1, Int32(min(50, max(1, left * 1000))))
                if ready < 0 && errno != EINTR { throw closeFailed(fd, connectError(errno)) }
                if ready > 0 { break }
            }
            var code: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length)
            if code != 0 { throw closeFailed(fd, connectError(code)) }
        }
        // Blocking from here on: reads and writes wait on the lane, and abort() wakes them.
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags & ~Int32(O_NONBLOCK))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    private func closeFailed(_ fd: Int32, _ error: TransportError) -> TransportError {
        state.withLock { s in
            if s.fd == fd { s.fd = -1 }
        }
        Glibc.close(fd)
        return error
    }

    private func connectError(_ code: Int32) -> TransportError {
        switch code {
        case ECONNREFUSED:
            return TransportError(.connectionRefused, "connection refused: nothing is listening on \(endpointName) (is the server running?)")
        case ETIMEDOUT:
            return TransportError(.connectTimeout, "could not connect to \(endpointName): the connection timed out")
        default:
            return TransportError(.other, "could not connect to \(endpointName): \(Self.describe(code))")
        }
    }

    // MARK: - Reading and writing

    /// Sends all of `bytes`.
    func write(_ bytes: [UInt8]) throws(TransportError) {
        let fd = state.withLock { $0.fd }
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ioError(errno, while: "sending the request")
            }
            sent += n
        }
    }

    /// Waits for bytes and reads what is there (at most `buffer.count`); 0 means the peer closed.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> Int {
        let fd = state.withLock { $0.fd }
        while true {
            let n = recv(fd, buffer.baseAddress, buffer.count, 0)
            if n >= 0 {
                // A shutdown by abort() reads as end of file: say it was a cancel.
                if n == 0, state.withLock({ $0.aborted }) { throw TransportError(.cancelled, "the request was cancelled") }
                return n
            }
            if errno == EINTR { continue }
            throw ioError(errno, while: "reading the response")
        }
    }

    private func ioError(_ code: Int32, while doing: String) -> TransportError {
        if state.withLock({ $0.aborted }) { return TransportError(.cancelled, "the request was cancelled") }
        switch code {
        case ECONNRESET, EPIPE:
            return TransportError(.connectionClosed, "the connection to \(endpointName) broke while \(doing): \(Self.describe(code))")
        default:
            return TransportError(.other, "\(doing) failed on the connection to \(endpointName): \(Self.describe(code))")
        }
    }

    // MARK: - Lifetime

    /// Wakes whatever the owner is blocked in and makes every later call fail as cancelled.
    func abort() {
        state.withLock { s in
            s.aborted = true
            if s.fd >= 0 && !s.closed { shutdown(s.fd, Int32(SHUT_RDWR)) }
        }
    }

    func close() {
        let fd: Int32 = state.withLock { s in
            defer {
                s.closed = true
                s.fd = -1
            }
            return s.closed ? -1 : s.fd
        }
        if fd >= 0 { Glibc.close(fd) }
    }

    /// True when an idle connection is still open and has nothing unread: the server has not
    /// closed it while it waited in the pool (a kept-alive connection a server dropped would
    /// otherwise fail the next request).
    func isReusable() -> Bool {
        let (fd, usable) = state.withLock { ($0.fd, !$0.aborted && !$0.closed) }
        guard usable, fd >= 0 else { return false }
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT))
        return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
    }

    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
