import ToolscopeEngine

/// Replay: stepping through a recording, and forking it into a live session.
enum ReplayReducer {
    static func step(_ state: inout AppState, by delta: Int) -> [Effect] {
        guard var replay = state.replay else { return [] }
        guard !state.runState.isBusy else { return [] }
        let target = min(max(0, replay.step + delta), replay.lastStep)
        guard target != replay.step else {
            state.notice = Notice(delta > 0 ? "end of the recording: type a message to continue live" : "start of the recording")
            return []
        }
        replay.step = target
        state.replay = replay
        state.conversation = ConversationScroll()
        state.notice = Notice("replay step \(target) of \(replay.lastStep)")
        // A result the user typed, or a call they skipped, is replayed as recorded, not run again.
        let edits = replay.recording.callEdits
        if delta > 0, !replay.compared.contains(target), let round = replay.round(at: target) {
            let calls = round.calls.filter { !(edits[$0.id].map { $0.resultTypedByUser || $0.skippedByUser } ?? false) }
            if !calls.isEmpty { return [.reexecute(step: target, calls: calls, recorded: round.recorded)] }
        }
        return []
    }

    /// The recording cut at the current step, as a new unsaved session that continues live.
    static func fork(_ state: inout AppState) -> Session {
        guard let replay = state.replay else { return state.session }
        var session = replay.recording
        session.messages = Array(replay.recording.messages.prefix(replay.visibleCount))
        session.trace = []
        session.title = replay.recording.title + " (fork)"
        state.replay = nil
        state.session = session
        state.sessionPath = nil
        state.trace = TraceModel()
        state.traceSelection = 0
        state.rebuildCallNames()
        state.unsaved = true
        state.notice = Notice("continuing live from step \(replay.step): a fork of the recording", kind: .success)
        return session
    }
}
