import ToolscopeEngine

/// One line of the "Copy as" menu: what it copies, and the key that picks it.
public struct CopyChoice: Sendable, Hashable {
    public var key: Character
    public var label: String
    public var format: ExportFormat
    public var target: ExportTarget
}

/// The "Copy as" menu (Ctrl-Y, or y in the trace): exports of what the focused pane points at.
public struct CopyMenuState: Sendable, Hashable {
    /// What the choices are about ("round 2 · call get_weather call_1").
    public var subject: String
    public var choices: [CopyChoice]
    public var selected: Int = 0
}

/// Builds the menu from the focus and the trace selection, and handles its keys.
enum CopyMenu {
    /// The menu for the trace's selected row, the conversation's selected message (a click
    /// selects one), or else for the newest message and call.
    static func make(_ state: AppState) -> CopyMenuState {
        let session = state.session
        let rounds = SessionRounds(session)
        var subject = "the newest message"
        var round: Int? = rounds.latest
        var callID: String? = session.messages.last(where: { !$0.toolCalls.isEmpty })?.toolCalls.last?.id
        var message: Int? = session.messages.isEmpty ? nil : session.messages.count
        if state.focus == .trace, let row = selectedTraceRow(state) {
            switch row {
            case .call(let t, let e, let c):
                if case .round(let r) = state.trace.turns[t].entries[e], c < r.calls.count {
                    let id = r.calls[c].id
                    callID = session.messages.contains { $0.toolCalls.contains { $0.id == id } } ? id : nil
                    round = callID.flatMap(rounds.round(ofCall:))
                    message = round.flatMap { rounds.answers.indices.contains($0 - 1) ? rounds.answers[$0 - 1] + 1 : nil }
                    subject = r.isTry ? "a tried call (not part of the conversation)" : "call \(TextSanitizer.singleLine(r.calls[c].name)) \(id)"
                }
            case .round(let t, let e):
                if case .round(let r) = state.trace.turns[t].entries[e] {
                    round = r.responseMessage.flatMap(rounds.round(answering:)) ?? (r.error != nil && rounds.hasPending ? rounds.latest : nil)
                    message = round.flatMap { rounds.answers.indices.contains($0 - 1) ? rounds.answers[$0 - 1] + 1 : nil }
                    callID = nil
                    subject = round.map { "round \($0)" } ?? "a round not in the conversation"
                }
            case .turn, .note, .streamingCall:
                subject = "the latest round"
                callID = nil
            }
        } else if state.focus == .conversation, let index = state.selectedMessage, session.messages.indices.contains(index) {
            // The message a click selected: it, and the call it makes or answers.
            let chosen = session.messages[index]
            message = index + 1
            subject = "message \(index + 1) (\(chosen.role.rawValue))"
            callID = chosen.toolCalls.last?.id ?? (chosen.role == .tool ? chosen.toolCallID : nil)
            round = callID.flatMap(rounds.round(ofCall:)) ?? round
        }
        var choices: [CopyChoice] = []
        if let message {
            choices.append(CopyChoice(key: "m", label: "message JSON (message \(message))", format: .json, target: ExportTarget(message: message)))
        }
        if let callID {
            let target = ExportTarget(callID: callID)
            choices.append(CopyChoice(key: "j", label: "call JSON (\(callID))", format: .json, target: target))
            choices.append(CopyChoice(key: "a", label: "arguments", format: .arguments, target: target))
            if session.messages.contains(where: { $0.role == .tool && $0.toolCallID == callID }) {
                choices.append(CopyChoice(key: "r", label: "result", format: .result, target: target))
            }
        }
        if let round {
            let pending = round > rounds.count ? ", not answered" : ""
            choices.append(CopyChoice(key: "c", label: "request of round \(round)\(pending) as curl", format: .curl, target: ExportTarget(round: round)))
        }
        if !session.messages.isEmpty {
            choices.append(CopyChoice(key: "s", label: "all messages JSON", format: .json, target: ExportTarget()))
        }
        choices.append(CopyChoice(key: "p", label: "session as a Python script (openai SDK)", format: .python, target: ExportTarget()))
        return CopyMenuState(subject: subject, choices: choices)
    }

    static func selectedTraceRow(_ state: AppState) -> TraceRow? {
        let rows = TraceRow.build(state)
        guard !rows.isEmpty else { return nil }
        return rows[min(max(0, state.traceSelection), rows.count - 1)]
    }

    static func handleKey(_ state: inout AppState, _ menu: CopyMenuState, _ key: Key) -> [Effect] {
        var menu = menu
        switch state.command(for: key, in: .copyMenu) {
        case .close?:
            state.modal = nil
            return []
        // Letters pick choices, so only the arrows move.
        case .moveUp?: menu.selected = max(0, menu.selected - 1)
        case .moveDown?: menu.selected = min(menu.choices.count - 1, menu.selected + 1)
        case .accept?: return pick(&state, menu.choices[menu.selected])
        default:
            if case .char(let c) = key, let choice = menu.choices.first(where: { $0.key == c }) { return pick(&state, choice) }
        }
        state.modal = .copyMenu(menu)
        return []
    }

    static func pick(_ state: inout AppState, _ choice: CopyChoice) -> [Effect] {
        state.modal = nil
        return [.copy(choice.format, choice.target, what: choice.label)]
    }
}
