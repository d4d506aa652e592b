import Foundation
import ToolscopeEngine

/// Talks to a model server over HTTP in one wire (Chat Completions, Responses or Anthropic
/// Messages): sends exactly the body the `Wire` builds, streams the answer (or not, as the
/// settings say), retries like the official SDKs, and reports every attempt, status and wait as a
/// `TraceEvent.Kind` (the one event vocabulary). What differs between the wires is the `Wire`'s; the rest is shared here.
///
/// The work runs in a Swift `Task`; `send` bridges it to the engine's callback API. Cancelling
/// the turn's `CancellationToken` cancels that task — which aborts the HTTP request — and
/// completes with `.cancelled` at once, without waiting for the network.
public final class HTTPProvider: ChatProvider {
    public let endpoint: OpenAIEndpoint
    public let wire: any Wire
    private let transport: any HTTPTransport
    private let retryPolicy: RetryPolicy
    private let redactor: Redactor
    /// The request headers (as sent, and as the trace shows them) without and with streaming:
    /// fixed by the endpoint, so made once rather than per request.
    private let requestHeaders: [Bool: (sent: [String: String], shown: [String: String])]

    public var displayName: String {
        endpoint.api == .chat ? "openai \(endpoint.baseURL)" : "\(endpoint.api.rawValue) \(endpoint.baseURL)"
    }

    public init(endpoint: OpenAIEndpoint, transport: any HTTPTransport = AsyncHTTPClientTransport(), retryPolicy: RetryPolicy? = nil) {
        self.endpoint = endpoint
        self.wire = Wires.make(endpoint.api)
        self.transport = transport
        self.retryPolicy = retryPolicy ?? RetryPolicy(maxRetries: endpoint.maxRetries)
        self.redactor = endpoint.redactor
        var headers: [Bool: (sent: [String: String], shown: [String: String])] = [:]
        for streaming in [false, true] {
            let sent = wire.headers(endpoint, streaming: streaming)
            headers[streaming] = (sent, redactor.headers(sent))
        }
        requestHeaders = headers
    }

    /// Resolves `config` against `environment` (base URL, key); throws a `.configuration` error when it cannot.
    /// Without a transport, `AsyncHTTPClientTransport` with the proxies `environment` names.
    public convenience init(config: ProviderConfig, environment: [String: String],
                            transport: (any HTTPTransport)? = nil) throws(ProviderError) {
        self.init(endpoint: try OpenAIEndpoint(config: config, environment: environment),
                  transport: transport ?? AsyncHTTPClientTransport(environment: environment))
    }

    /// Closes the process-wide HTTP clients; call once before the process exits.
    public static func shutdownSharedClient() async {
        await AsyncHTTPClientTransport.shutdownShared()
    }

    /// The transport's I/O thread (AsyncHTTPClient's event loop), where the request's task runs.
    public var ioQueue: (any TurnQueue)? { transport.ioQueue }

    public func send(_ request: ChatRequest, cancellation: CancellationToken,
                     onEvent: @escaping @Sendable (TraceEvent.Kind) -> Void,
                     completion: @escaping @Sendable (Result<ChatResponse, ProviderError>) -> Void) {
        let once = Once<Result<ChatResponse, ProviderError>>(completion)
        // Started on the transport's reader executor, where the attempts run anyway: a task on
        // Swift's pool would cost a thread hop there and back per request.
        let task = Task(executorPreference: transport.readerExecutor) {
            let result = await self.complete(request) { event in
                if !once.isDone { onEvent(event) }
            }
            once(result)
        }
        cancellation.onCancel {
            task.cancel()
            // The task normally finishes within milliseconds with the partial answer; the
            // fallback keeps the "completes at once" promise even if a transport ignores cancellation.
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.25) {
                once(.failure(ProviderError(kind: .cancelled, message: "the request was cancelled")))
            }
        }
    }

    /// The async core of `send`: every attempt, retry wait and event, then the answer or the error.
    /// Each attempt's exchange runs on the transport's `readerExecutor` (AsyncHTTPClient: its
    /// event loop), so `onEvent` is called there and must return quickly — hand the event on,
    /// as `send`'s callers do.
    public func complete(_ request: ChatRequest, onEvent: @escaping @Sendable (TraceEvent.Kind) -> Void) async -> Result<ChatResponse, ProviderError> {
        await attempts(request, executor: transport.readerExecutor, onEvent: onEvent)
    }

    private func attempts(_ original: ChatRequest, executor: (any TaskExecutor)?,
                          onEvent: @escaping @Sendable (TraceEvent.Kind) -> Void) async -> Result<ChatResponse, ProviderError> {
        var request = original
        // The endpoint may know workarounds the session does not (remembered for this server).
        request.settings.provider.compat = original.settings.provider.compat.union(endpoint.compat)
        let startedAt = MonotonicClock.now()
        let deadlineAt = startedAt + endpoint.deadline
        let streaming = request.settings.stream
        let body = wire.body(request, stream: streaming)
        let (headers, shownHeaders) = requestHeaders[streaming]!
        let url = wire.url(baseURL: endpoint.baseURL)
        let spec = HTTPRequestSpec(url: url, headers: headers, body: Array(body.compact.utf8), connectTimeout: endpoint.connectTimeout)
        var retries = 0
        while true {
            if Task.isCancelled { return .failure(ProviderError(kind: .cancelled, message: "the request was cancelled")) }
            let attemptNumber = retries + 1
            onEvent(.requestSent(url: url, headers: shownHeaders, body: body, attempt: attemptNumber))
            let attempt = RequestAttempt(wire: wire, transport: transport, spec: spec, endpoint: endpoint, redactor: redactor,
                                         streaming: streaming, model: request.settings.model, attempt: attemptNumber,
                                         deadlineAt: deadlineAt, executor: executor, onEvent: onEvent)
            let outcome = await attempt.run()
            switch outcome.result {
            case .success(var response):
                response.warnings += wire.warnings(request: request, response: response)
                return .success(response)
            case .failure(var error):
                if wire.api == .chat, let cause = ServerQuirks.nullContentRejected(error, request: request, baseURL: endpoint.baseURL) {
                    error.message = cause + " (" + error.message + ")"
                    return .failure(error)
                }
                guard let failure = outcome.retry, error.kind != .cancelled, !Task.isCancelled else {
                    return .failure(error)
                }
                switch retryPolicy.decide(failure, retriesSoFar: retries) {
                case .giveUp(let reason):
                    error.message += retries == 0 ? " (not retried: \(reason))" : " (gave up after \(attemptNumber) attempts: \(reason))"
                    return .failure(error)
                case .retry(let delay, let reason):
                    if MonotonicClock.now() + delay >= deadlineAt {
                        error.message += " (not retried: waiting \(RetryPolicy.format(delay)) s would pass the overall deadline of \(RetryPolicy.format(endpoint.deadline)) s)"
                        return .failure(error)
                    }
                    onEvent(.retrying(attempt: attemptNumber, delay: delay, reason: redactor.text(reason + " — " + error.description)))
                    do {
                        try await Task.sleep(nanoseconds: UInt64(delay * 1e9))
                    } catch {
                        return .failure(ProviderError(kind: .cancelled, message: "the request was cancelled while waiting to retry"))
                    }
                    retries += 1
                }
            }
        }
    }
}
