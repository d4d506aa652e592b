import Dispatch
import Foundation

/// Runs the tool-calling loop for one session on a serial queue (its own Dispatch queue, or the
/// `TurnQueue` it is given):
/// send messages and tools; when the reply has tool calls, append that assistant message, run
/// every call, append one tool message per call (in call order) and send again; stop when the
/// reply is text, or when a guard (max rounds, a repeated call) or the user stops it.
///
/// A turn runs on a snapshot of a session and reports every change as a `TraceEvent`; whoever
/// keeps the session applies those events (`Session.apply`). Two ways to use it:
/// - `send(_:on:…)`: the caller keeps the session (the workbench's state is its only copy) and
///   passes a snapshot per turn; the loop keeps none.
/// - `send(_:…)`: for headless callers, the loop keeps the session behind a lock, applies the
///   events to it as they come, and `updateSession` changes settings or tools between turns.
/// Provider and dispatcher can be swapped between turns (provider dialog, schema editor "apply").
public final class ToolLoop: Sendable {
    private let queue: any TurnQueue
    private let state: Locked<Session>
    private let parts: Locked<Parts>
    private let running = Locked<CancellationToken?>(nil)

    struct Parts {
        var provider: any ChatProvider
        var dispatcher: Dispatcher
        var approvalGate: (any CallApprovalGate)?
        var autosavePath: String?
        var masker: SecretMasker
        /// Whether streamed pieces (`isDelta` events) are reported; see `setReportsDeltas`.
        var reportsDeltas = true
    }

    /// `masker` hides secrets in every message and trace event the loop records or reports
    /// (see `SecretMasker.forSession`); front ends and files only ever see masked text.
    /// `queue` is where turns run; `nil` for a Dispatch queue of the loop's own (see `TurnQueue`
    /// before passing another: nothing may block it).
    public init(session: Session, provider: any ChatProvider, dispatcher: Dispatcher,
                approvalGate: (any CallApprovalGate)? = nil, autosavePath: String? = nil,
                masker: SecretMasker = .none, queue: (any TurnQueue)? = nil) {
        self.queue = queue ?? DispatchQueue(label: "toolscope.loop")
        state = Locked(session)
        parts = Locked(Parts(provider: provider, dispatcher: dispatcher, approvalGate: approvalGate,
                             autosavePath: autosavePath, masker: masker))
        FileLogHandler.addSecrets(masker)
    }

    /// A loop for a caller that keeps its own session and starts every turn with
    /// `send(_:on:…)`: it holds none (the held session stays empty and unused).
    public convenience init(provider: any ChatProvider, dispatcher: Dispatcher, approvalGate: (any CallApprovalGate)? = nil,
                            masker: SecretMasker = .none, queue: (any TurnQueue)? = nil) {
        self.init(session: Session(title: ""), provider: provider, dispatcher: dispatcher, approvalGate: approvalGate, masker: masker,
                  queue: queue)
    }

    /// A snapshot of the held session (see `send(_:…)`), safe from any thread.
    public var session: Session { state.current }
    public var isRunning: Bool { running.current != nil }
    public var provider: any ChatProvider { parts.current.provider }
    public var dispatcher: Dispatcher { parts.current.dispatcher }
    public var autosavePath: String? { parts.current.autosavePath }

    /// Changes the session (settings, tools, title…). Takes effect from the next request.
    public func updateSession(_ mutate: (inout Session) -> Void) { state.withLock { mutate(&$0) } }
    public func setProvider(_ provider: any ChatProvider) { parts.withLock { $0.provider = provider } }
    public func setDispatcher(_ dispatcher: Dispatcher) { parts.withLock { $0.dispatcher = dispatcher } }
    /// `nil` turns approval mode off.
    public func setApprovalGate(_ gate: (any CallApprovalGate)?) { parts.withLock { $0.approvalGate = gate } }
    /// Where the session is saved after every round; `nil` disables autosave.
    public func setAutosavePath(_ path: String?) { parts.withLock { $0.autosavePath = path } }
    /// The secrets to mask from the next turn on (the provider or the bindings changed).
    public func setMasker(_ masker: SecretMasker) {
        parts.withLock { $0.masker = masker }
        FileLogHandler.addSecrets(masker)
    }
    public var masker: SecretMasker { parts.current.masker }
    /// Off for callers that never show a response while it streams (an experiment's runs): the
    /// deltas are then dropped where the provider reports them, before they cost a hop onto the
    /// loop's queue, masking and a callback each. The finished message is the same either way.
    public func setReportsDeltas(_ on: Bool) { parts.withLock { $0.reportsDeltas = on } }

    /// Starts a turn with a user message on the held session, which follows the turn's events
    /// as they arrive. See `send(_:on:…)`.
    public func send(_ userText: String, check: PreSendCheck.Policy = .stopOnErrors,
                     onEvent: @escaping @Sendable (TraceEvent) -> Void,
                     completion: @escaping @Sendable (TurnResult) -> Void) {
        let held = state
        send(userText, on: held.current, check: check, onEvent: { event in
            held.withLock { $0.apply(event) }
            onEvent(event)
        }, completion: { result in
            if result.reason != .busy { held.withLock { $0.updatedAt = result.session.updatedAt } }
            completion(result)
        })
    }

    /// Starts a turn with a user message on `session`, a snapshot the caller keeps: the loop
    /// holds no copy, and every change the turn makes arrives as an event (apply them with
    /// `Session.apply`). Events arrive in order on the loop's queue; `completion` runs once when
    /// the turn ends (also on the loop's queue), with the turn's own copy for callers that want
    /// it. Before every request the tools are checked (`PreSendCheck`): warnings become trace
    /// warnings, and errors end the turn unsent unless `check` is `.sendAnyway`.
    public func send(_ userText: String, on session: Session, check: PreSendCheck.Policy = .stopOnErrors,
                     onEvent: @escaping @Sendable (TraceEvent) -> Void,
                     completion: @escaping @Sendable (TurnResult) -> Void) {
        let token = CancellationToken()
        let accepted = running.withLock { current -> Bool in
            guard current == nil else { return false }
            current = token
            return true
        }
        guard accepted else {
            completion(TurnResult(reason: .busy, finalText: nil, rounds: 0, detail: "a turn is already running; wait for it or cancel it", session: session))
            return
        }
        queue.enqueue {
            TurnRunner(loop: self, session: session, token: token, check: check, onEvent: onEvent, completion: completion).start(userText)
        }
    }

    /// Cancels the running turn at once: the request is aborted and running tools are abandoned.
    public func cancel() { running.current?.cancel() }

    /// Blocks until the turn started by `send` ends. For the headless CLI and tests, never the UI thread.
    public func sendAndWait(_ userText: String, check: PreSendCheck.Policy = .stopOnErrors,
                            onEvent: @escaping @Sendable (TraceEvent) -> Void = { _ in }) -> TurnResult {
        let semaphore = DispatchSemaphore(value: 0)
        let box = Locked<TurnResult?>(nil)
        send(userText, check: check, onEvent: onEvent) { result in
            box.withLock { $0 = result }
            semaphore.signal()
        }
        semaphore.wait()
        return box.current!
    }

    /// Blocks until the turn started by `send(_:on:…)` ends. For the headless CLI and tests,
    /// never the UI thread.
    public func sendAndWait(_ userText: String, on session: Session, check: PreSendCheck.Policy = .stopOnErrors,
                            onEvent: @escaping @Sendable (TraceEvent) -> Void = { _ in }) -> TurnResult {
        let semaphore = DispatchSemaphore(value: 0)
        let box = Locked<TurnResult?>(nil)
        send(userText, on: session, check: check, onEvent: onEvent) { result in
            box.withLock { $0 = result }
            semaphore.signal()
        }
        semaphore.wait()
        return box.current!
    }

    // MARK: - Used by TurnRunner, on the loop's queue

    var loopQueue: any TurnQueue { queue }
    var currentParts: Parts { parts.current }
    func endTurn() { running.withLock { $0 = nil } }

    /// `PreSendCheck` for `session` with `toolChoice`, reused while nothing it reads changed.
    func preSendCheck(_ session: Session, toolChoice: ToolChoice) -> PreSendCheck {
        PreSendCheck.reused(tools: session.tools, settings: session.settings, toolChoice: toolChoice)
    }
}
