import Dispatch
import ToolscopeEngine

/// The one HTTP exchange the OpenAI client needs: send a request, get the status and headers,
/// then read the body piece by piece as it arrives.
///
/// It is a protocol so the provider's retry, streaming and error logic can be tested against
/// an in-process fake (`InMemoryTransport`) as well as a real server. Cancellation is Swift task
/// cancellation: cancelling the task that awaits `send` or `next()` must abort the request at once.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequestSpec) async throws(TransportError) -> HTTPResponse

    /// Where reading and parsing a response body should run, or `nil` for anywhere.
    ///
    /// AsyncHTTPClient returns its event loop: each body chunk then reaches the reader without
    /// a thread switch (measured in BENCHMARKS.md, "OpenAI client"). Whatever runs there must
    /// never block.
    var readerExecutor: (any TaskExecutor)? { get }

    /// The same thread as a serial queue, for a turn that runs beside its reads
    /// (`ChatProvider.ioQueue`), or `nil` when there is none.
    var ioQueue: (any TurnQueue)? { get }

    /// Runs `work` once after `seconds` unless cancelled first: the timer of each attempt's
    /// watchdog (read timeout, overall deadline). It must fire even while a response is being
    /// read, so it never waits behind that work for longer than a step of it.
    func schedule(after seconds: Double, _ work: @escaping @Sendable () -> Void) -> ScheduledWork
}

extension HTTPTransport {
    public var readerExecutor: (any TaskExecutor)? { nil }
    public var ioQueue: (any TurnQueue)? { nil }

    /// A Dispatch timer on the global queue (a cancelled one still fires, and does nothing).
    public func schedule(after seconds: Double, _ work: @escaping @Sendable () -> Void) -> ScheduledWork {
        let cancelled = Locked(false)
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
            if !cancelled.current { work() }
        }
        return ScheduledWork { cancelled.withLock { $0 = true } }
    }
}

/// A timer set by `HTTPTransport.schedule`; `cancel()` stops it if it has not fired.
public struct ScheduledWork: Sendable {
    private let cancelWork: @Sendable () -> Void

    public init(cancel: @escaping @Sendable () -> Void) {
        cancelWork = cancel
    }

    public func cancel() { cancelWork() }
}

/// What goes out. `headers` are sent as given (names are case-insensitive on the wire).
public struct HTTPRequestSpec: Sendable, Hashable {
    public var method: String
    public var url: String
    public var headers: [String: String]
    public var body: [UInt8]
    /// Seconds allowed to establish the connection (TCP + TLS).
    public var connectTimeout: Double

    public init(method: String = "POST", url: String, headers: [String: String], body: [UInt8], connectTimeout: Double = 5) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
    }
}

/// What comes back: head first, body on demand.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header names lower-cased; repeated headers joined with ", ".
    public var headers: [String: String]
    public var body: HTTPResponseBody

    public init(status: Int, headers: [String: String], body: HTTPResponseBody) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// A response body read as it arrives. `next()` returns `nil` at the clean end of the body and
/// throws a `TransportError` when the connection breaks first.
public struct HTTPResponseBody: Sendable {
    private let nextChunk: @Sendable () async throws(TransportError) -> [UInt8]?
    private let endExpected: @Sendable () -> Void

    /// `endExpected` is told when the reader knows the body is about to end (see `expectEnd`).
    public init(next: @escaping @Sendable () async throws(TransportError) -> [UInt8]?,
                endExpected: @escaping @Sendable () -> Void = {}) {
        self.nextChunk = next
        self.endExpected = endExpected
    }

    /// Everything that arrived since the previous call (at least one byte), or `nil` at the end.
    public func next() async throws(TransportError) -> [UInt8]? {
        try await nextChunk()
    }

    /// The reader saw the last event of the stream coming (a `finish_reason`): a transport that
    /// batches its reads should now read the rest as it arrives, so the end is not held back.
    /// AsyncHTTPClient does not batch (it hands over each read at once), so for it this is a no-op.
    public func expectEnd() {
        endExpected()
    }

    /// Reads the rest of the body, keeping at most `limit` bytes (the rest is read and dropped).
    public func collect(limit: Int = 4 << 20) async throws(TransportError) -> [UInt8] {
        var all: [UInt8] = []
        while let chunk = try await next() {
            if all.count < limit { all.append(contentsOf: chunk.prefix(limit - all.count)) }
        }
        return all
    }
}

/// A failure below HTTP: the request never got a status, or its body broke off.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case connectionRefused, connectTimeout, readTimeout, tls, dns, connectionClosed, cancelled, invalidURL, other
    }

    public var kind: Kind
    /// A sentence naming what failed and where ("nothing is listening on 127.0.0.1:9").
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
