import Foundation
import ToolscopeEngine

/// Talks to any OpenAI-compatible Chat Completions server: sends exactly the body
/// `ChatRequest.openAIBody` builds, streams the answer (or not, as the settings say), retries like
/// the official SDK, and reports every attempt, status and wait as a `ProviderEvent`.
///
/// The work runs in a Swift `Task`; `send` bridges it to the engine's callback API. Cancelling
/// the turn's `CancellationToken` cancels that task — which aborts the HTTP request — and
/// completes with `.cancelled` at once, without waiting for the network.
public final class OpenAIProvider: ChatProvider {
    public let endpoint: OpenAIEndpoint
    private let transport: any HTTPTransport
    private let retryPolicy: RetryPolicy
    private let redactor: Redactor

    public var displayName: String { "openai \(endpoint.baseURL)" }

    public init(endpoint: OpenAIEndpoint, transport: any HTTPTransport = AsyncHTTPClientTransport(), retryPolicy: RetryPolicy? = nil) {
        self.endpoint = endpoint
        self.transport = transport
        self.retryPolicy = retryPolicy ?? RetryPolicy(maxRetries: endpoint.maxRetries)
        self.redactor = endpoint.redactor
    }

    /// Resolves `config` against `environment` (base URL, key); throws a `.configuration` error when it cannot.
    public convenience init(config: ProviderConfig, environment: [String: String],
                            transport: any HTTPTransport = AsyncHTTPClientTransport()) throws(ProviderError) {
        self.init(endpoint: try OpenAIEndpoint(config: config, environment: environment), transport: transport)
    }

    /// Closes the process-wide HTTP clients; call once before the process exits.
    public static func shutdownSharedClient() async {
        await AsyncHTTPClientTransport.shutdownShared()
    }

    /// The redactor for this provider's secrets, for front ends that print or save what it reported.
    public var secretRedactor: Redactor { redactor }

    public func send(_ request: ChatRequest, cancellation: CancellationToken,
                     onEvent: @escaping @Sendable (ProviderEvent) -> Void,
                     completion: @escaping @Sendable (Result<ChatResponse, ProviderError>) -> Void) {
        let once = Once<Result<ChatResponse, ProviderError>>(completion)
        // Started on the transport's I/O thread (when it has one), where `complete` would
        // move anyway: one thread hop fewer per request.
        let task = Task(executorPreference: transport.preferredExecutor) {
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
    /// It runs on the transport's preferred executor (AsyncHTTPClient: its event loop), so
    /// `onEvent` may be called there and must not block — hand the event on, as `send`'s callers do.
    public func complete(_ request: ChatRequest, onEvent: @escaping @Sendable (ProviderEvent) -> Void) async -> Result<ChatResponse, ProviderError> {
        // On the transport's I/O thread when it has one: the stream is read chunk by chunk, and
        // a thread switch per chunk would cost more than parsing it.
        await withTaskExecutorPreference(transport.preferredExecutor) {
            await attempts(request, onEvent: onEvent)
        }
    }

    private func attempts(_ request: ChatRequest, onEvent: @escaping @Sendable (ProviderEvent) -> Void) async -> Result<ChatResponse, ProviderError> {
        let startedAt = MonotonicClock.now()
        let deadlineAt = startedAt + endpoint.deadline
        let streaming = request.settings.stream
        let body = request.openAIBody(stream: streaming)
        let headers = endpoint.headers(streaming: streaming)
        let shownHeaders = redactor.headers(headers)
        let url = endpoint.chatCompletionsURL
        let spec = HTTPRequestSpec(url: url, headers: headers, body: Array(body.compact.utf8), connectTimeout: endpoint.connectTimeout)
        var retries = 0
        while true {
            if Task.isCancelled { return .failure(ProviderError(kind: .cancelled, message: "the request was cancelled")) }
            let attemptNumber = retries + 1
            onEvent(.requestSent(url: url, headers: shownHeaders, body: body, attempt: attemptNumber))
            let attempt = RequestAttempt(transport: transport, spec: spec, endpoint: endpoint, redactor: redactor,
                                         streaming: streaming, model: request.settings.model, attempt: attemptNumber,
                                         deadlineAt: deadlineAt, onEvent: onEvent)
            let outcome = await attempt.run()
            switch outcome.result {
            case .success(var response):
                response.warnings += ResponseAudit.warnings(request: request, response: response)
                return .success(response)
            case .failure(var error):
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
