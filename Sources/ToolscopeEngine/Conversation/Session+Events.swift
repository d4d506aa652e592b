extension Session {
    /// What one loop event changes in a session: the message it appended, the call edits of
    /// approval mode (arguments edited, a result typed, a call skipped), and the event itself in
    /// the trace (deltas are not kept: the finished message holds them).
    ///
    /// The loop's turn and every front end that keeps a session apply the same events with this
    /// one function, so their sessions cannot drift apart and nothing has to merge them.
    public mutating func apply(_ event: TraceEvent) {
        switch event.kind {
        case .messageAppended(let message):
            messages.append(message)
        case .callEdited(let id, _, let original, let edited):
            record(CallEdit(originalArguments: original, arguments: edited), callID: id)
        case .callFinished(let id, _, _, let outcome):
            if outcome.status == .typed { record(CallEdit(resultTypedByUser: true), callID: id) }
            if outcome.wasSkippedByUser { record(CallEdit(skippedByUser: true), callID: id) }
        default:
            break
        }
        if !event.isDelta { trace.append(event) }
    }
}

extension Session {
    /// True when the newest assistant message's tool calls all have their tool messages: the
    /// round is complete (or there was no call), the moment a front end saves.
    public var roundIsAnswered: Bool {
        guard let last = messages.lastIndex(where: { $0.role == .assistant }) else { return true }
        let calls = messages[last].toolCalls
        guard !calls.isEmpty else { return true }
        var answered = Set<String>()
        for m in messages[(last + 1)...] where m.role == .tool { if let id = m.toolCallID { answered.insert(id) } }
        return calls.allSatisfy { answered.contains($0.id) }
    }
}
