import OrderedCollections

/// Repeats a recording's approval-mode decisions during a replay, without asking anyone: edited
/// arguments run again as edited, a result the user typed is given again (the tool does not
/// run, and the result is marked typed), a skipped call is skipped again. Calls the user did not
/// touch run with the model's arguments.
public struct RecordedDecisions: CallApprovalGate {
    private let edits: OrderedDictionary<String, CallEdit>
    /// The recording's tool message content by tool_call_id.
    private let results: [String: String]

    public init(recording: Session) {
        edits = recording.callEdits
        var results: [String: String] = [:]
        for m in recording.messages where m.role == .tool {
            if let id = m.toolCallID { results[id] = m.content ?? "" }
        }
        self.results = results
    }

    public var asksPerson: Bool { false }

    public func review(_ calls: [ToolCall], cancellation: CancellationToken,
                       completion: @escaping @Sendable ([CallDecision]) -> Void) {
        completion(calls.map(decision))
    }

    func decision(for call: ToolCall) -> CallDecision {
        guard let edit = edits[call.id] else { return .run(arguments: call.arguments) }
        if edit.resultTypedByUser, let typed = results[call.id] { return .answer(content: typed) }
        if edit.skippedByUser { return .skip }
        return .run(arguments: edit.arguments ?? call.arguments)
    }
}
