/// The trace pane: the live tree of turns, rounds and calls, with a selection bar.
enum TraceView {
    /// The first row shown: follow the newest row unless the user moved the selection up. A
    /// click is mapped to a row with the same rule.
    static func top(rowCount: Int, selection: Int, focused: Bool, height: Int) -> Int {
        if !focused || selection == rowCount - 1 { return max(0, rowCount - height) }
        return min(max(0, selection - height / 2), max(0, rowCount - height))
    }

    /// What the pane draws.
    struct Model {
        var trace: TraceModel
        var folded: Set<String>
        var rows: [TraceRow]
        var selection: Int
        var focused: Bool
        var now: Double
        /// The last search's query: every occurrence is marked.
        var searchQuery: String?
        /// The focused pane's key hint, with the keys in force.
        var hint: String

        init(_ state: AppState) {
            trace = state.trace
            folded = state.traceFolded
            rows = TraceRow.build(trace, folded: folded)
            selection = min(max(0, state.traceSelection), max(0, rows.count - 1))
            focused = state.focus == .trace
            now = state.now
            searchQuery = state.traceSearch?.query
            let keys = state.keymap
            hint = " \(keys.keyName(.details, in: .trace, usual: .enter)) details · \(keys.keyName(.fold, in: .trace, usual: .char(" "))) fold · "
                + "\(keys.keyName(.copyAs, in: .trace, usual: .char("y"))) copy "
        }
    }

    static func draw(_ model: Model, rect: Rect, into canvas: inout Canvas) {
        let focused = model.focused
        Renderer.frame(rect, title: "Trace", focused: focused, into: &canvas)
        let content = rect.inset(by: 1)
        guard !content.isEmpty else { return }
        let rows = model.rows
        if rows.isEmpty {
            canvas.put("Rounds and tool calls appear here as they run.", x: content.x + 1, y: content.y, style: Style(.dim), limit: content.maxX)
            return
        }
        let selection = model.selection
        let top = Self.top(rowCount: rows.count, selection: selection, focused: focused, height: content.height)
        for (i, row) in rows[top..<min(rows.count, top + content.height)].enumerated() {
            let y = content.y + i
            var line = row.line(trace: model.trace, folded: model.folded, now: model.now)
            if let query = model.searchQuery { line = DialogView.mark(line, query: query, style: Style(.accent, underline: true)) }
            if focused, top + i == selection {
                canvas.fill(Rect(x: content.x, y: y, width: content.width, height: 1), style: Style(.selection))
                line.runs = line.runs.map { StyledLine.Run(text: $0.text, style: Style(.selection, bold: $0.style.bold)) }
            }
            line.draw(into: &canvas, x: content.x, y: y, limit: content.maxX)
        }
        if focused {
            let hint = model.hint
            canvas.put(hint, x: max(rect.x + 1, rect.maxX - 1 - hint.count), y: rect.maxY - 1, style: Style(.dim), limit: rect.maxX - 1)
        }
    }
}
