import ToolscopeEngine

extension Reducer {
    /// Folds one loop event into the session, the live message, the trace and the status.
    ///
    /// The state's session is the only copy the workbench keeps: a turn runs on a snapshot of
    /// it, and its events change it here through `Session.apply`, the same function the turn
    /// uses on its own copy. Nothing is copied back when the turn ends.
    static func applyTrace(_ state: inout AppState, _ event: TraceEvent) -> [Effect] {
        state.trace.apply(event)
        let isTry = event.callID.map { state.tryCalls.contains($0) } ?? false
        if state.replay == nil, !isTry { state.session.apply(event) }
        var effects: [Effect] = []
        switch event.kind {
        case .turnStarted:
            state.runState = .waitingForModel
            state.round = 0
            state.live = StreamingMessage()
            state.conversation.following = true
        case .messageAppended(let message):
            guard state.replay == nil else { break }
            for c in message.toolCalls { state.callNames[c.id] = c.name }
            if message.role == .assistant { state.live = nil }
            state.unsaved = true
            // After a round's last tool result, the file follows (as the loop did for `run`).
            if message.role == .tool, state.session.roundIsAnswered { effects += autosave(state) }
        case .requestSent:
            state.round = event.round
            state.runState = .waitingForModel
            if state.live == nil { state.live = StreamingMessage() }
        case .contentDelta(let text), .refusalDelta(let text):
            state.runState = .streaming
            if state.live == nil { state.live = StreamingMessage() }
            state.live!.text += text
        case .reasoningDelta(let text):
            state.runState = .streaming
            if state.live == nil { state.live = StreamingMessage() }
            state.live!.reasoning += text
        case .toolCallDelta:
            // The trace model assembled the fragment (`TraceModel.streamingCalls`).
            state.runState = .streaming
            if state.live == nil { state.live = StreamingMessage() }
        case .assistantMessage:
            state.live = nil
        case .usage(let usage):
            state.totals = state.totals + usage
        case .callStarted(let id, _, _):
            guard !isTry else { break }
            state.runningCalls.insert(id)
            state.runState = .runningTools(state.runningCalls.count)
        case .callFinished(let id, _, _, _):
            guard !isTry else { break }
            state.runningCalls.remove(id)
            state.runState = state.runningCalls.isEmpty ? .waitingForModel : .runningTools(state.runningCalls.count)
        case .callEdited:
            // `Session.apply` rewrote the assistant message to the arguments that ran.
            guard state.replay == nil else { break }
        case .callAwaitingApproval:
            if state.approvalMode { state.runState = .awaitingApproval }
        case .error(let message, _):
            state.notice = Notice(TextSanitizer.singleLine(message), kind: .error)
        case .guardStop(let reason):
            state.notice = Notice("stopped: " + TextSanitizer.singleLine(reason), kind: .warning)
        case .turnFinished:
            state.runState = .idle
            state.live = nil
            state.runningCalls = []
            effects += autosave(state)
        case .responseStarted, .retrying, .callValidated, .warning, .callQueued, .callDequeued, .unrecognized:
            break
        }
        return effects
    }

    /// Saves a session that has a file, quietly, after a round and at the end of a turn, so a
    /// crash loses at most the round in flight. Never a protected file, never a replay.
    static func autosave(_ state: AppState) -> [Effect] {
        guard state.replay == nil, let path = state.sessionPath, !state.isProtected(path) else { return [] }
        return [.autosave(path: path)]
    }

    static func finishTurn(_ state: inout AppState, _ result: TurnResult) -> [Effect] {
        state.runState = .idle
        state.live = nil
        state.runningCalls = []
        if result.reason == .busy {
            state.notice = Notice(result.detail ?? "a turn is already running", kind: .warning)
            return []
        }
        // The session already holds everything the turn did (its events were applied as they
        // came); the result only says how the turn ended.
        switch result.reason {
        case .answered: break
        case .cancelled: state.notice = Notice("turn cancelled", kind: .warning)
        default:
            state.notice = Notice("turn ended: \(result.reason.rawValue)" + (result.detail.map { " — " + TextSanitizer.singleLine($0) } ?? ""),
                                  kind: result.reason == .error ? .error : .warning)
        }
        if case .approval = state.modal { state.modal = nil }
        if case .manualResult = state.modal { state.modal = nil }
        return []
    }
}

extension TraceEvent {
    /// The tool call an event is about, if any.
    var callID: String? {
        switch kind {
        case .callStarted(let id, _, _), .callValidated(let id, _), .callFinished(let id, _, _, _), .callAwaitingApproval(let id, _, _),
             .callEdited(let id, _, _, _), .callQueued(let id, _), .callDequeued(let id, _):
            return id
        default: return nil
        }
    }
}
