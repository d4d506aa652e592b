import ToolscopeEngine

/// The user's answers in dialogs: approvals (approval mode) and manual results (the `manual`
/// binding). The engine asks on its own queue, the question travels to the UI through the
/// mailbox, and the answer given in the dialog completes the request. A
/// cancelled turn completes every pending request so the loop is never left waiting.
final class DialogAnswers: CallApprovalGate, ManualResultProvider, @unchecked Sendable {
    private let post: @Sendable (Action) -> Void
    private let approvals = Locked<[Int: @Sendable ([CallDecision]) -> Void]>([:])
    private let manuals = Locked<[Int: @Sendable (ToolOutcome) -> Void]>([:])
    private let counter = Locked(0)

    init(post: @escaping @Sendable (Action) -> Void) { self.post = post }

    private func nextID() -> Int { counter.withLock { $0 += 1; return $0 } }

    func review(_ calls: [ToolCall], cancellation: CancellationToken, completion: @escaping @Sendable ([CallDecision]) -> Void) {
        let id = nextID()
        approvals.withLock { $0[id] = completion }
        cancellation.onCancel { [approvals] in
            if let pending = approvals.withLock({ $0.removeValue(forKey: id) }) { pending(calls.map { _ in .skip }) }
        }
        post(.approvalRequested(id: id, calls: calls))
    }

    func requestResult(for call: ToolCall, arguments: JSONValue, cancellation: CancellationToken,
                       completion: @escaping @Sendable (ToolOutcome) -> Void) {
        let id = nextID()
        manuals.withLock { $0[id] = completion }
        cancellation.onCancel { [manuals] in
            if let pending = manuals.withLock({ $0.removeValue(forKey: id) }) { pending(.error("cancelled before a result was given")) }
        }
        post(.manualResultRequested(id: id, call: call, arguments: arguments))
    }

    func approve(id: Int, decisions: [CallDecision]) {
        approvals.withLock { $0.removeValue(forKey: id) }?(decisions)
    }

    func answer(id: Int, outcome: ToolOutcome) {
        manuals.withLock { $0.removeValue(forKey: id) }?(outcome)
    }
}
