import ToolscopeEngine

/// Keys for the trace pane: move through the tree, fold rounds, open the detail view.
enum TraceReducer {
    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let command = state.command(for: key, in: .trace) else { return [] }
        return run(&state, command)
    }

    /// Runs a command of the `trace` scope (the mouse runs them too).
    static func run(_ state: inout AppState, _ command: Command) -> [Effect] {
        if command == .copyAs { return Reducer.run(&state, .copyAs) }
        let rows = TraceRow.build(state)
        let page = max(1, state.layout.traceContent.height - 1)
        guard !rows.isEmpty else { return [] }
        var selection = min(max(0, state.traceSelection), rows.count - 1)
        switch command {
        case .moveUp: selection -= 1
        case .moveDown: selection += 1
        case .pageUp: selection -= page
        case .pageDown: selection += page
        case .first: selection = 0
        case .last: selection = rows.count - 1
        case .fold:
            if let key = rows[selection].foldKey {
                if state.traceFolded.contains(key) { state.traceFolded.remove(key) } else { state.traceFolded.insert(key) }
            }
        case .search:
            state.modal = .prompt(PromptState(purpose: .searchTrace, title: "Search the trace", input: LineEditor(text: state.traceSearch?.query ?? ""),
                                              hint: "rows whose text contains this (case ignored); \(state.keymap.keyName(.nextMatch, in: .trace, usual: .char("n"))) / "
                                                + "\(state.keymap.keyName(.previousMatch, in: .trace, usual: .char("N"))) next / previous, \(state.keymap.keyName(.clearSearch, in: .trace, usual: .escape)) clears"))
            return []
        case .nextMatch, .previousMatch:
            // The rows can change while a turn runs: match against the rows as they are now.
            guard var search = state.traceSearch else { break }
            let forward = command == .nextMatch
            search.find(in: rows.map { $0.line(in: state).text }, from: selection)
            if search.currentRow == selection { search.advance(forward: forward) } else if !forward { search.advance(forward: false) }
            if let row = search.currentRow { selection = row }
            state.traceSearch = search
            state.notice = Notice(search.status, kind: search.rows.isEmpty ? .warning : .info)
        case .clearSearch:
            state.traceSearch = nil
        case .details:
            if var detail = TraceDetail.make(for: rows[selection], state: state) {
                detail.fit(screenWidth: state.width, measure: state.measure)
                state.modal = .detail(detail)
            }
        default: break
        }
        state.traceSelection = min(max(0, selection), max(0, TraceRow.build(state).count - 1))
        return []
    }

    /// Runs a trace search typed after `/`: selects the first matching row at or after the
    /// selection and says "k of n"; an empty query clears the search.
    static func search(_ state: inout AppState, query: String) {
        state.focus = .trace
        guard !query.isEmpty else { state.traceSearch = nil; return }
        let rows = TraceRow.build(state)
        let search = TextSearch(query: query, in: rows.map { $0.line(in: state).text }, from: state.traceSelection)
        state.traceSearch = search
        if let row = search.currentRow { state.traceSelection = row }
        state.notice = Notice(search.status, kind: search.rows.isEmpty ? .warning : .info)
    }
}
