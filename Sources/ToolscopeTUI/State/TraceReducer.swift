import ToolscopeEngine

/// Keys for the trace pane: move through the tree, fold rounds, open the detail view.
enum TraceReducer {
    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        let rows = TraceRow.build(state)
        let page = max(1, state.layout.traceContent.height - 1)
        guard !rows.isEmpty else { return [] }
        var selection = min(max(0, state.traceSelection), rows.count - 1)
        switch key {
        case .up, .char("k"): selection -= 1
        case .down, .char("j"): selection += 1
        case .pageUp: selection -= page
        case .pageDown: selection += page
        case .home, .char("g"): selection = 0
        case .end, .char("G"): selection = rows.count - 1
        case .char(" "), .left, .right:
            if let key = rows[selection].foldKey {
                if state.traceFolded.contains(key) { state.traceFolded.remove(key) } else { state.traceFolded.insert(key) }
            }
        case .enter:
            if var detail = TraceDetail.make(for: rows[selection], state: state) {
                detail.fit(screenWidth: state.width, measure: state.measure)
                state.modal = .detail(detail)
            }
        default: break
        }
        state.traceSelection = min(max(0, selection), max(0, TraceRow.build(state).count - 1))
        return []
    }
}
