/// What a person decided about one tool call in approval mode.
public enum CallDecision: Sendable, Hashable {
    /// Run it with these arguments (the original string, or an edited one).
    case run(arguments: String)
    /// Do not run it; use this content as the tool result.
    case answer(content: String)
    /// Do not run it; send an error result saying the user skipped it.
    case skip
}

/// Approval mode: before the dispatcher runs a turn's calls, the gate decides each one.
/// The TUI shows the calls and answers when the user chooses; the loop waits (cancellable).
public protocol CallApprovalGate: Sendable {
    /// False for a gate that answers by itself (a replay repeating recorded decisions): the loop
    /// then does not report the calls as waiting for a person.
    var asksPerson: Bool { get }
    func review(_ calls: [ToolCall], cancellation: CancellationToken,
                completion: @escaping @Sendable ([CallDecision]) -> Void)
}

extension CallApprovalGate {
    public var asksPerson: Bool { true }
}
