import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import ToolscopeEngine

/// Receives one response on the event loop and lets one reader take its body in batches.
///
/// AsyncHTTPClient calls the delegate methods on the connection's event loop. Body parts are
/// appended to `pending`; a waiting reader is only *woken*, and takes whatever has piled up by
/// the time it runs — so the parts of one socket read (one HTTP chunk each, often one SSE event
/// each) cost one hand-off, not one each, and no read of the socket waits for the reader.
/// Above `highWater` unread bytes the delegate stops AHC from reading further until the
/// reader catches up, so a stalled reader cannot grow memory without bound.
///
/// All state is behind one lock because the reader may run on any thread (it normally runs on
/// the same event loop, see `EventLoopTaskExecutor`, and then the lock is never contended).
final class ResponseReceiver: HTTPClientResponseDelegate, Sendable {
    typealias Response = Void

    /// How the body ended, once it has.
    enum End: Sendable {
        case finished
        case failed(TransportError)
    }

    private struct State: Sendable {
        var task: HTTPClient.Task<Void>?
        var head: HTTPResponseHead?
        var headWaiter: UnsafeContinuation<Result<HTTPResponseHead, TransportError>, Never>?
        var pending: [UInt8] = []
        var bodyWaiter: UnsafeContinuation<Void, Never>?
        /// Completed when the reader drains `pending`; set while AHC is told to stop reading.
        var backpressure: EventLoopPromise<Void>?
        var end: End?
        var cancelled = false
    }

    static let highWater = 1 << 20

    private let state = Locked(State())
    private let host: String
    private let port: Int
    private let connectTimeout: Double
    private let proxy: ProxySettings.Server?

    init(host: String, port: Int, connectTimeout: Double, proxy: ProxySettings.Server? = nil) {
        self.host = host
        self.port = port
        self.connectTimeout = connectTimeout
        self.proxy = proxy
    }

    /// Hands over the AHC task so cancellation can reach it; a cancel that came first applies now.
    func attach(_ task: HTTPClient.Task<Void>) {
        let cancelNow = state.withLock { s in
            s.task = task
            return s.cancelled
        }
        if cancelNow { task.cancel() }
        // A failure AHC reports only through the task's future (one that never reached a
        // connection, say) must still end the waits.
        task.futureResult.whenFailure { [self] error in finish(.failed(translate(error))) }
    }

    // MARK: - Reader side

    /// Waits for the response head; throws when the request fails or is cancelled first.
    func head() async throws(TransportError) -> HTTPResponseHead {
        let result = await withTaskCancellationHandler {
            await withUnsafeContinuation { (continuation: UnsafeContinuation<Result<HTTPResponseHead, TransportError>, Never>) in
                let now: Result<HTTPResponseHead, TransportError>? = state.withLock { s in
                    if s.cancelled { return .failure(Self.cancellation) }
                    if let head = s.head { return .success(head) }
                    switch s.end {
                    case .failed(let error): return .failure(error)
                    case .finished: return .failure(closedBeforeHead)
                    case nil: break
                    }
                    s.headWaiter = continuation
                    return nil
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            cancel()
        }
        return try result.get()
    }

    /// Everything that arrived since the last call, waiting if nothing has; `nil` at the clean end.
    func next() async throws(TransportError) -> [UInt8]? {
        while true {
            switch takeAvailable() {
            case .some(.success(let bytes)): return bytes
            case .some(.failure(let error)): throw error
            case .none: break
            }
            await withTaskCancellationHandler {
                await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
                    let ready = state.withLock { s in
                        if s.cancelled || s.end != nil || !s.pending.isEmpty { return true }
                        s.bodyWaiter = continuation
                        return false
                    }
                    if ready { continuation.resume() }
                }
            } onCancel: {
                cancel()
            }
        }
    }

    /// The pending bytes, the end, or `nil` when the reader has to wait.
    private func takeAvailable() -> Result<[UInt8]?, TransportError>? {
        let (taken, resume): (Result<[UInt8]?, TransportError>?, EventLoopPromise<Void>?) = state.withLock { s in
            if s.cancelled { return (.failure(Self.cancellation), nil) }
            if !s.pending.isEmpty {
                var bytes: [UInt8] = []
                swap(&bytes, &s.pending)
                defer { s.backpressure = nil }
                return (.success(bytes), s.backpressure)
            }
            switch s.end {
            case .finished: return (.success(nil), nil)
            case .failed(let error): return (.failure(error), nil)
            case nil: return (nil, nil)
            }
        }
        resume?.succeed()
        return taken
    }

    /// Aborts the request at once: waiting readers get `.cancelled`, AHC closes the connection.
    func cancel() {
        let (task, headWaiter, bodyWaiter) = state.withLock { s in
            s.cancelled = true
            defer { s.headWaiter = nil; s.bodyWaiter = nil }
            return (s.task, s.headWaiter, s.bodyWaiter)
        }
        headWaiter?.resume(returning: .failure(Self.cancellation))
        bodyWaiter?.resume()
        task?.cancel()
    }

    /// The reader let go of the body: if it is not over yet, nobody will read the rest.
    func abandon() {
        let task: HTTPClient.Task<Void>? = state.withLock { s in s.end == nil && !s.cancelled ? s.task : nil }
        task?.cancel()
    }

    // MARK: - Event-loop side (HTTPClientResponseDelegate)

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        let waiter = state.withLock { s in
            s.head = head
            defer { s.headWaiter = nil }
            return s.headWaiter
        }
        waiter?.resume(returning: .success(head))
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let loop = task.eventLoop
        let (waiter, backpressure): (UnsafeContinuation<Void, Never>?, EventLoopPromise<Void>?) = state.withLock { s in
            s.pending.append(contentsOf: buffer.readableBytesView)
            let waiter = s.bodyWaiter
            s.bodyWaiter = nil
            if !s.cancelled, waiter == nil, s.pending.count >= Self.highWater {
                // AHC reads no further until the reader has taken the pending bytes.
                let promise = loop.makePromise(of: Void.self)
                s.backpressure = promise
                return (nil, promise)
            }
            return (waiter, nil)
        }
        waiter?.resume()
        return backpressure?.futureResult ?? loop.makeSucceededVoidFuture()
    }

    func didReceiveError(task: HTTPClient.Task<Void>, _ error: any Error) {
        finish(.failed(translate(error)))
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {
        finish(.finished)
    }

    private func finish(_ end: End) {
        let (ended, headWaiter, bodyWaiter, backpressure) = state.withLock { s in
            if s.end == nil { s.end = end }
            defer { s.headWaiter = nil; s.bodyWaiter = nil; s.backpressure = nil }
            return (s.end!, s.headWaiter, s.bodyWaiter, s.backpressure)
        }
        if let headWaiter {
            // Still waiting for a head: the request failed before any response.
            if case .failed(let error) = ended {
                headWaiter.resume(returning: .failure(error))
            } else {
                headWaiter.resume(returning: .failure(closedBeforeHead))
            }
        }
        bodyWaiter?.resume()
        backpressure?.succeed()
    }

    private var closedBeforeHead: TransportError {
        TransportError(.connectionClosed, "\(host):\(port) closed the connection before sending a response")
    }

    private func translate(_ error: any Error) -> TransportError {
        AsyncHTTPClientTransport.translate(error, host: host, port: port, connectTimeout: connectTimeout, proxy: proxy)
    }

    private static let cancellation = TransportError(.cancelled, "the request was cancelled")
}

/// The reader's hold on a response body: when the last reference goes (the provider returned,
/// perhaps early on a malformed chunk), a body still arriving is aborted rather than left to
/// fill a buffer nobody reads and keep the connection busy.
final class ResponseBodyHandle: Sendable {
    private let receiver: ResponseReceiver

    init(_ receiver: ResponseReceiver) {
        self.receiver = receiver
    }

    func next() async throws(TransportError) -> [UInt8]? {
        try await receiver.next()
    }

    deinit {
        receiver.abandon()
    }
}
