import Foundation
import ToolscopeEngine

/// The session picker: the list, and a typed path that also finds sessions.
extension ModalReducer {
    static func pickerKey(_ state: inout AppState, _ p: inout PickerState, _ key: Key) -> [Effect] {
        switch state.command(for: key, in: .picker) {
        case .typePath?:
            // Typing a path: Tab opens the field empty, the first character of a path starts it.
            var field = LineEditor()
            if case .char(let c) = key { field.insert(String(c)) }
            p.path = field
            p.error = nil
            findEntries(&p, field.text)
            state.modal = .picker(p)
        case .close?: state.modal = nil
        case .moveUp?: p.selected = max(0, p.selected - 1); state.modal = .picker(p)
        case .moveDown?: p.selected = min(max(0, p.entries.count - 1), p.selected + 1); state.modal = .picker(p)
        case .openSession?, .openReplay?:
            guard p.selected < p.entries.count else { return [] }
            if state.runState.isBusy { state.notice = state.turnRunningNotice; return [] }
            state.modal = nil
            return [.open(path: p.entries[p.selected].path, replay: state.command(for: key, in: .picker) == .openReplay)]
        case .newSession?:
            state.modal = nil
            return [.newSession]
        default: break
        }
        return []
    }

    /// The picker's path field: Enter opens the typed path (the picker stays until it loads, so
    /// a missing or broken file is explained in it), Tab goes back to the list.
    static func pickerPathKey(_ state: inout AppState, _ p: inout PickerState, _ key: Key) -> [Effect] {
        switch state.command(for: key, in: .pickerPath) {
        case .backToList?:
            p.path = nil
            state.modal = .picker(p)
            return []
        case .nextMatch?, .previousMatch?:
            // The typed text stays the query; the field takes the matching session's path.
            p.search?.advance(forward: state.command(for: key, in: .pickerPath) == .nextMatch)
            if let row = p.search?.currentRow {
                p.selected = row
                p.path = LineEditor(text: p.entries[row].path)
            }
            if let search = p.search { state.notice = Notice(search.status, kind: search.rows.isEmpty ? .warning : .info) }
            state.modal = .picker(p)
            return []
        default: break
        }
        var field = p.path ?? LineEditor()
        switch LineField.update(&field, key, keymap: state.keymap) {
        case .cancel:
            state.modal = nil
            return []
        case .submit:
            let path = field.text.trimmingCharacters(in: .whitespaces)
            guard !path.isEmpty else { p.error = "type the path of a session file, e.g. sessions/parallel-weather.json"; break }
            if state.runState.isBusy { state.notice = state.turnRunningNotice; return [] }
            p.opening = path
            p.error = nil
            state.modal = .picker(p)
            return [.open(path: path, replay: false)]
        case .edited, .ignored:
            if field.text != p.path?.text { findEntries(&p, field.text) }
            p.path = field
        }
        state.modal = .picker(p)
        return []
    }

    /// The picker's search as the path is typed: the entries holding the text are marked and
    /// the first is selected (↓ / ↑ walk them); an empty field has no search.
    static func findEntries(_ p: inout PickerState, _ text: String) {
        guard !text.isEmpty else { p.search = nil; return }
        p.search = TextSearch(query: text, in: p.searchRows, from: 0)
        if let row = p.search?.currentRow { p.selected = row }
    }
}
