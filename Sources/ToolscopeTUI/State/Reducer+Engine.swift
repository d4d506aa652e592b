import ToolscopeEngine

extension Reducer {
    /// Folds one loop event into the conversation, the live message, the trace and the status.
    static func applyTrace(_ state: inout AppState, _ event: TraceEvent) -> [Effect] {
        state.trace.apply(event)
        let isTry = event.callID.map { state.tryCalls.contains($0) } ?? false
        switch event.kind {
        case .turnStarted:
            state.runState = .waitingForModel
            state.round = 0
            state.live = LiveTurn()
            state.conversation.following = true
        case .messageAppended(let message):
            guard state.replay == nil else { break }
            state.session.messages.append(message)
            for c in message.toolCalls { state.callNames[c.id] = c.name }
            if message.role == .assistant { state.live = nil }
            state.unsaved = true
        case .requestSent:
            state.round = event.round
            state.runState = .waitingForModel
            if state.live == nil { state.live = LiveTurn() }
        case .contentDelta(let text), .refusalDelta(let text):
            state.runState = .streaming
            if state.live == nil { state.live = LiveTurn() }
            state.live!.text += text
        case .reasoningDelta(let text):
            state.runState = .streaming
            if state.live == nil { state.live = LiveTurn() }
            state.live!.reasoning += text
        case .toolCallDelta(let index, _, let name, let arguments):
            state.runState = .streaming
            if state.live == nil { state.live = LiveTurn() }
            var call = state.live!.calls[index] ?? LiveTurn.PartialCall(name: "", arguments: "")
            if let name { call.name += name }
            call.arguments += arguments
            state.live!.calls[index] = call
        case .assistantMessage:
            state.live = nil
        case .usage(let usage):
            state.totals = state.totals + usage
        case .callStarted(let id, _, _):
            guard !isTry else { break }
            state.runningCalls.insert(id)
            state.runState = .runningTools(state.runningCalls.count)
        case .callFinished(let id, _, _, let outcome):
            guard !isTry else { break }
            if outcome.status == .typed, state.replay == nil { state.session.record(CallEdit(resultTypedByUser: true), callID: id) }
            state.runningCalls.remove(id)
            state.runState = state.runningCalls.isEmpty ? .waitingForModel : .runningTools(state.runningCalls.count)
        case .callEdited(let id, _, let original, let edited):
            // The loop rewrote the assistant message to the arguments that ran; mirror it here.
            guard state.replay == nil else { break }
            state.session.record(CallEdit(originalArguments: original, arguments: edited), callID: id)
        case .callAwaitingHuman:
            if state.stepMode { state.runState = .awaitingApproval }
        case .error(let message, _):
            state.notice = Notice(TextSanitizer.singleLine(message), kind: .error)
        case .guardStop(let reason):
            state.notice = Notice("stopped: " + TextSanitizer.singleLine(reason), kind: .warning)
        case .turnFinished:
            state.runState = .idle
            state.live = nil
            state.runningCalls = []
        case .responseStarted, .retrying, .callValidated, .warning, .callQueued, .callDequeued, .unrecognized:
            break
        }
        return []
    }

    static func finishTurn(_ state: inout AppState, _ result: TurnResult) -> [Effect] {
        state.runState = .idle
        state.live = nil
        state.runningCalls = []
        if result.reason == .busy {
            state.notice = Notice(result.detail ?? "a turn is already running", kind: .warning)
            return []
        }
        let before = state.session.messages.count
        state.session = result.session
        if state.session.messages.count != before { state.rebuildCallNames() }
        if let path = state.sessionPath, !state.isProtected(path) { state.unsaved = false }
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
        case .callStarted(let id, _, _), .callValidated(let id, _), .callFinished(let id, _, _, _), .callAwaitingHuman(let id, _, _),
             .callEdited(let id, _, _, _), .callQueued(let id, _), .callDequeued(let id, _):
            return id
        default: return nil
        }
    }
}
