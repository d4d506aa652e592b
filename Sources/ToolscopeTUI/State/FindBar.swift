/// The find bar shared by the conversation (`/`) and the JSON editor (Ctrl-F): a prompt that
/// stays open like a browser's. Enter finds the query (again: the next match), Up the previous
/// one; the pane moves to the match and the status line says "/q: k of n". Esc closes it,
/// keeping the marks (and, in the conversation, n / N on an empty line) until the next search.
/// One `TextSearch` value per pane holds the query, the matching rows and the current one.
enum FindBar {
    /// What the bar searches: the conversation's rows as drawn, or the editor's text lines.
    enum Target { case conversation, editor }

    static func purpose(_ target: Target) -> PromptState.Purpose {
        target == .conversation ? .searchConversation : .searchEditor
    }

    /// Opens the bar on `target`, holding its last query.
    static func open(_ state: inout AppState, _ target: Target) {
        let title = target == .conversation ? "Find in the conversation" : "Find in the JSON text"
        let keys = state.keymap
        let bar = "\(keys.keyName(.submit, in: .lineField, usual: .enter)) next · \(keys.keyName(.previousMatch, in: .searchBar, usual: .up)) previous · "
            + "\(keys.keyName(.cancel, in: .lineField, usual: .escape)) close"
        let hint = target == .conversation
            ? bar + ": then \(stepKeys(state)) step while the input line is empty (\(keys.keyName(.cancel, in: .lineField, usual: .escape)) on an empty field types a /)"
            : bar + " (the marks stay; \(keys.keyName(.find, in: .jsonEditor, usual: .ctrl("f"))) reopens)"
        state.modal = .prompt(PromptState(purpose: purpose(target), title: title,
                                          input: LineEditor(text: search(state, target)?.query ?? ""), hint: hint))
    }

    static func key(_ state: inout AppState, _ p: inout PromptState, _ key: Key, _ target: Target) -> [Effect] {
        var forward = true
        switch state.command(for: key, in: .searchBar) {
        case .nextMatch?: break
        case .previousMatch?: forward = false
        default:
            switch LineField.update(&p.input, key, keymap: state.keymap) {
            case .cancel:
                state.modal = nil
                if p.input.text.isEmpty {
                    setSearch(&state, target, nil)
                    // "/" then Esc: the user meant a message that starts with a slash.
                    if target == .conversation, state.input.text.isEmpty { state.input.insert("/") }
                } else if let found = search(state, target), !found.rows.isEmpty, target == .conversation {
                    state.notice = Notice(found.status + " · \(stepKeys(state)) step while the input line is empty · "
                                          + "\(state.keymap.keyName(.clearSearch, in: .conversation, usual: .escape)) clears")
                }
                return []
            case .submit: break
            case .edited, .ignored:
                state.modal = .prompt(p)
                return []
            }
        }
        state.modal = .prompt(p)
        let query = p.input.text
        guard !query.isEmpty else { setSearch(&state, target, nil); return [] }
        if let existing = search(state, target), existing.query == query {
            advance(&state, target, forward: forward)
        } else {
            setSearch(&state, target, TextSearch(query: query, in: rows(state, target), from: startRow(state, target)))
            reveal(&state, target)
        }
        return []
    }

    /// Moves to the next (or previous) match of the pane's search, finding again first (the
    /// text may have changed since).
    static func advance(_ state: inout AppState, _ target: Target, forward: Bool) {
        guard var found = search(state, target) else { return }
        found.find(in: rows(state, target), from: found.currentRow ?? 0)
        found.advance(forward: forward)
        setSearch(&state, target, found)
        reveal(&state, target)
    }

    /// Shows the current match (the conversation scrolls to it, the editor's cursor moves onto
    /// it) and says "k of n".
    static func reveal(_ state: inout AppState, _ target: Target) {
        guard let found = search(state, target) else { return }
        if let row = found.currentRow {
            switch target {
            case .conversation: ConversationReducer.scroll(&state, toRow: row)
            case .editor:
                var b = state.editor.buffer
                let line = row < b.lines.count ? b.lines[row] : ""
                let column = TextSearch.ranges(of: found.query, in: line).first?.lowerBound ?? 0
                b.moveTo(TextPosition(line: row, column: column))
                EditorReducer.commit(&state, b)
            }
        }
        state.notice = Notice(found.status, kind: found.rows.isEmpty ? .warning : .info)
    }

    /// The conversation's next/previous-match keys as texts name them ("n/N").
    static func stepKeys(_ state: AppState) -> String {
        state.keymap.keyName(.nextMatch, in: .conversation, usual: .char("n")) + "/"
            + state.keymap.keyName(.previousMatch, in: .conversation, usual: .char("N"))
    }

    static func search(_ state: AppState, _ target: Target) -> TextSearch? {
        target == .conversation ? state.conversationSearch : state.editor.search
    }

    static func setSearch(_ state: inout AppState, _ target: Target, _ search: TextSearch?) {
        switch target {
        case .conversation: state.conversationSearch = search
        case .editor: state.editor.search = search
        }
    }

    static func rows(_ state: AppState, _ target: Target) -> [String] {
        switch target {
        case .conversation: return ConversationReducer.allRows(state).map(\.text)
        case .editor: return state.editor.buffer.lines
        }
    }

    /// Where a new search starts: the conversation's top row, or the editor's cursor line.
    static func startRow(_ state: AppState, _ target: Target) -> Int {
        switch target {
        case .conversation:
            let (block, line) = ConversationReducer.top(state)
            return ConversationReducer.rowIndex(state, block: block, line: line)
        case .editor: return state.editor.buffer.cursor.line
        }
    }
}
