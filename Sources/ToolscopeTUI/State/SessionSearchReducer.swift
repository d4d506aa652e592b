/// The session-wide search (Shift-F3 or Ctrl-G): a prompt for the query, then a dialog listing
/// every hit (`SessionSearch`); Enter on a hit goes there and focuses that pane.
enum SessionSearchReducer {
    /// The prompt was answered: list the hits, or say why there are none (the prompt stays,
    /// holding the query, so it is one edit away from another try).
    static func open(_ state: inout AppState, query: String, prompt: PromptState) -> [Effect] {
        guard !query.isEmpty else {
            state.modal = .prompt(prompt)
            state.notice = Notice("type what to search for: every message and tool call of the session is searched", kind: .warning)
            return []
        }
        let hits = SessionSearch.find(query, messages: Array(state.displayedMessages), trace: state.trace)
        guard !hits.isEmpty else {
            state.modal = .prompt(prompt)
            let calls = state.trace.turns.reduce(0) { sum, turn in
                sum + turn.entries.reduce(0) { if case .round(let r) = $1 { return $0 + r.calls.count }; return $0 }
            }
            state.notice = Notice("no hit for \"\(TextSanitizer.singleLine(query))\" in \(state.displayedMessages.count) messages and \(calls) tool calls",
                                  kind: .warning)
            return []
        }
        state.modal = .sessionSearch(SessionSearchState(query: query, hits: hits))
        state.notice = Notice("\(hits.count) hit\(hits.count == 1 ? "" : "s") for \"\(TextSanitizer.singleLine(query))\"")
        return []
    }

    /// Rows of hits the dialog shows on a screen `height` tall (see `DialogView.drawSessionSearch`).
    static func visibleRows(height: Int) -> Int { max(1, height - 6) }

    static func key(_ state: inout AppState, _ s: inout SessionSearchState, _ key: Key) -> [Effect] {
        guard let command = state.command(for: key, in: .sessionSearch) else { return [] }
        return run(&state, &s, command)
    }

    static func run(_ state: inout AppState, _ s: inout SessionSearchState, _ command: Command) -> [Effect] {
        let page = visibleRows(height: state.height)
        switch command {
        case .moveUp: s.selected -= 1
        case .moveDown: s.selected += 1
        case .pageUp: s.selected -= page
        case .pageDown: s.selected += page
        case .close: state.modal = nil; return []
        case .accept:
            state.modal = nil
            guard s.selected < s.hits.count else { return [] }
            jump(&state, to: s.hits[s.selected].place)
            return []
        default: return []
        }
        s.selected = min(max(0, s.selected), max(0, s.hits.count - 1))
        state.modal = .sessionSearch(s)
        return []
    }

    /// Goes to a hit: the conversation scrolls so the message is its top row, or the trace
    /// selects the call (its round unfolded); that pane takes the focus.
    static func jump(_ state: inout AppState, to place: SessionSearch.Place) {
        switch place {
        case .message(let index):
            state.focus = .conversation
            guard index < ConversationLines(state).blockCount else { return }
            ConversationReducer.scroll(&state, toRow: ConversationReducer.rowIndex(state, block: index, line: 0))
            state.notice = Notice("message #\(index + 1)")
        case .call(let turn, let entry, let call):
            state.focus = .trace
            state.traceFolded.remove("\(turn):\(entry)")
            let rows = TraceRow.build(state)
            guard let row = rows.firstIndex(of: .call(turn: turn, entry: entry, call: call)) else { return }
            state.traceSelection = row
        }
    }
}
