import Foundation
import ToolscopeEngine

/// Help and detail views: scrolling, finding, closing.
extension ModalReducer {
    static func helpKey(_ state: inout AppState, _ scroll: HelpState, _ key: Key) -> [Effect] {
        var h = scroll
        if h.searchInput != nil {
            if findFieldKey(&h.searchInput, &h.search, key, keymap: state.keymap, rows: helpRows(state).map(\.text), from: h.scroll) {
                showMatch(&state, &h)
            }
            state.modal = .help(h)
            return []
        }
        if let command = state.command(for: key, in: .help, .scrolling) { helpCommand(&state, &h, command) }
        return []
    }

    /// A key while a full-screen view's find field is open (no other key of the view acts):
    /// Enter finds the field's query in `rows` from row `from` (an empty query clears the
    /// search), Esc gives up, other keys edit. True when Enter made a search.
    static func findFieldKey(_ field: inout LineEditor?, _ search: inout TextSearch?, _ key: Key, keymap: Keymap,
                             rows: @autoclosure () -> [String], from: Int) -> Bool {
        guard var input = field else { return false }
        switch LineField.update(&input, key, keymap: keymap) {
        case .cancel:
            field = nil
        case .submit:
            field = nil
            search = input.text.isEmpty ? nil : TextSearch(query: input.text, in: rows(), from: from)
            return search != nil
        case .edited, .ignored:
            field = input
        }
        return false
    }

    /// The help's rows as the dialog draws them on this screen (see `DialogView.draw`).
    static func helpRows(_ state: AppState) -> [StyledLine] {
        let inner = DialogChrome.of(.help(HelpState()), keys: state.keymap, width: state.width, height: state.height, measure: state.measure).inner
        return KeyHelp.lines(width: inner.width, keymap: state.keymap, measure: state.measure)
    }

    /// Scrolls the help so its current match sits a third of the way down, and says "k of n".
    static func showMatch(_ state: inout AppState, _ h: inout HelpState) {
        guard let search = h.search else { return }
        if let row = search.currentRow { h.scroll = max(0, row - DialogView.fullScreenRows(height: state.height) / 3) }
        state.notice = Notice(search.status, kind: search.rows.isEmpty ? .warning : .info)
    }

    static func helpCommand(_ state: inout AppState, _ h: inout HelpState, _ command: Command) {
        let page = max(1, state.height - 8)
        switch command {
        case .close: state.modal = nil; return
        case .search: h.searchInput = LineEditor(text: h.search?.query ?? "")
        case .nextMatch, .previousMatch:
            let from = h.search?.currentRow ?? 0
            h.search?.find(in: helpRows(state).map(\.text), from: from)
            h.search?.advance(forward: command == .nextMatch)
            showMatch(&state, &h)
        case .clearSearch: h.search = nil
        default:
            // End stays put: the help's length is known only when it is drawn at a width.
            if command != .last, let next = scrolled(h.scroll, command, page: page, end: 0) { h.scroll = max(0, next) }
        }
        state.modal = .help(h)
    }

    static func detailKey(_ state: inout AppState, _ d: inout DetailState, _ key: Key) -> [Effect] {
        d.fit(screenWidth: state.width, measure: state.measure)
        let rows = DialogView.fullScreenRows(height: state.height)
        if d.searchInput != nil {
            if findFieldKey(&d.searchInput, &d.search, key, keymap: state.keymap, rows: d.lines.map(\.text), from: d.scroll),
               let row = d.search?.currentRow {
                d.scroll = max(0, row - rows / 3)
            }
            d.scroll = min(max(0, d.scroll), max(0, d.lines.count - rows))
            state.modal = .detail(d)
            return []
        }
        if let command = state.command(for: key, in: .detail, .scrolling) {
            detailCommand(&state, &d, command)
        } else {
            state.modal = .detail(d)
        }
        return []
    }

    static func detailCommand(_ state: inout AppState, _ d: inout DetailState, _ command: Command) {
        d.fit(screenWidth: state.width, measure: state.measure)
        let rows = DialogView.fullScreenRows(height: state.height)
        let page = max(1, state.height - 8)
        switch command {
        case .search:
            d.searchInput = LineEditor(text: d.search?.query ?? "")
        case .nextMatch, .previousMatch:
            d.search?.advance(forward: command == .nextMatch)
            if let row = d.search?.currentRow { d.scroll = max(0, row - rows / 3) }
        case .clearSearch: d.search = nil
        case .close: state.modal = d.then.map { .confirm($0) }; return
        default:
            if let next = scrolled(d.scroll, command, page: page, end: d.lines.count) { d.scroll = next }
        }
        d.scroll = min(max(0, d.scroll), max(0, d.lines.count - rows))
        state.modal = .detail(d)
    }
}
