/// What a person decided about one tool call in step mode.
public enum CallDecision: Sendable, Hashable {
    /// Run it with these arguments (the original string, or an edited one).
    case run(arguments: String)
    /// Do not run it; use this content as the tool result.
    case answer(content: String)
    /// Do not run it; send an error result saying the user skipped it.
    case skip
}

/// Step mode: before the dispatcher runs a turn's calls, the gate decides each one.
/// The TUI shows the calls and answers when the user chooses; the loop waits (cancellable).
public protocol CallApprovalGate: Sendable {
    func review(_ calls: [ToolCall], cancellation: CancellationToken,
                completion: @escaping @Sendable ([CallDecision]) -> Void)
}
