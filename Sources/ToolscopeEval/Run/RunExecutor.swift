import Foundation
import ToolscopeDemo
import ToolscopeEngine

/// One run's tool loop, exactly as `toolscope run` does it: a session built from the inputs, a
/// `ToolLoop` with a `Dispatcher` over the tools' own bindings (or the case's mocks), the
/// provider's normal retry policy (a 429 with Retry-After is waited for inside the provider),
/// and the whole conversation and trace kept as the run's transcript.
public struct RunExecutor: Sendable {
    /// How the turn went, with what the scorer and the store need.
    public struct Outcome: Sendable {
        public var result: TurnResult
        /// The session after the turn: messages and trace (the transcript).
        public var session: Session
        /// Index in `session.messages` of the prompt: the turn's messages follow it.
        public var promptIndex: Int
        public var tokensIn: Int
        public var tokensOut: Int
        /// Wall time from sending the prompt to the end of the turn, in seconds.
        public var latency: Double
        /// Provider failure (after the provider's retries), or nil.
        public var providerError: String? { result.reason == .error ? (result.detail ?? "the provider failed") : nil }
    }

    public let provider: any ChatProvider
    public let external: (any ExternalToolFactory)?
    public let context: SessionContext
    /// Whether code-running bindings may run (the caller decided trust, as `run` does).
    public let trusted: Bool

    public init(provider: any ChatProvider, external: (any ExternalToolFactory)?, context: SessionContext, trusted: Bool) {
        self.provider = provider
        self.external = external
        self.context = context
        self.trusted = trusted
    }

    /// Runs the turn; blocks the calling thread until it ends. Cancelling `cancellation` stops
    /// the request and the tools at once (the outcome then has reason `.cancelled`).
    public func run(_ inputs: RunInputs, title: String, cancellation: CancellationToken) -> Outcome {
        let session = Session(title: title, settings: inputs.settings, tools: inputs.tools, messages: inputs.history)
        let registry = ToolRegistry(tools: inputs.tools, context: context, builtins: BuiltinTools.toolSet, external: external, trusted: trusted, manual: nil)
        // On the provider's I/O thread when it has one: a run has no autosave and no approval
        // gate, and its tools that may block run on threads of their own, so nothing blocks
        // that thread, and each response reaches the turn without a thread switch.
        let loop = ToolLoop(provider: provider, dispatcher: Dispatcher(registry: registry), queue: provider.ioQueue)
        // Nobody watches a run stream: its deltas are dropped at the provider.
        loop.setReportsDeltas(false)
        let usage = Locked((input: 0, output: 0))
        cancellation.onCancel { loop.cancel() }
        let start = MonotonicClock.now()
        // A suite's tools are what is being measured, as written: errors the pre-send check
        // finds are trace warnings here (a server that rejects them fails the case visibly).
        let result = loop.sendAndWait(inputs.prompt, on: session, check: .sendAnyway) { event in
            if case .usage(let u) = event.kind {
                usage.withLock { $0.input += u.promptTokens; $0.output += u.completionTokens }
            }
        }
        let latency = MonotonicClock.now() - start
        let tokens = usage.current
        return Outcome(result: result, session: result.session, promptIndex: inputs.history.count, tokensIn: tokens.input,
                       tokensOut: tokens.output, latency: latency)
    }
}
