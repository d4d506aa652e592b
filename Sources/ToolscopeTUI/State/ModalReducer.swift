import Foundation
import ToolscopeEngine

/// Keys while a dialog is open. Each dialog is a component with its own update function that
/// reads its keys from its scope of the keymap (and the shared `lineField`, `textArea` and
/// `scrolling` scopes). Every dialog closes with Esc (Esc on an approval cancels the turn).
enum ModalReducer {
    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let modal = state.modal else { return [] }
        // Quit's unconditional keys (Ctrl-Q, Ctrl-C) work in every dialog; q only outside text.
        if state.keymap.command(for: key, in: .global) == .quit { state.modal = nil; return Reducer.quit(&state) }
        switch modal {
        case .help(let h): return helpKey(&state, h, key)
        case .detail(var d): return detailKey(&state, &d, key)
        case .approval(let a): return approvalKey(&state, a, key)
        case .copyMenu(let menu): return CopyMenu.handleKey(&state, menu, key)
        case .manualResult(var m): return manualResultKey(&state, &m, key)
        case .provider(var p): return providerKey(&state, &p, key)
        case .picker(var p) where p.path != nil: return pickerPathKey(&state, &p, key)
        case .picker(var p): return pickerKey(&state, &p, key)
        case .tryTool(var t): return tryKey(&state, &t, key)
        case .prompt(var p):
            if p.purpose == .searchConversation { return FindBar.key(&state, &p, key, .conversation) }
            if p.purpose == .searchEditor { return FindBar.key(&state, &p, key, .editor) }
            return promptKey(&state, &p, key)
        case .toolCheck(var t): return toolCheckKey(&state, &t, key)
        case .convertTools(var c): return convertKey(&state, &c, key)
        case .confirm(var c): return confirmKey(&state, &c, key)
        case .sessionSearch(var s): return SessionSearchReducer.key(&state, &s, key)
        }
    }

    /// Rows a scrolling command moves `scroll` to (clamped by the caller); nil when it is not one.
    static func scrolled(_ scroll: Int, _ command: Command?, page: Int, end: Int) -> Int? {
        switch command {
        case .moveDown?: return scroll + 1
        case .moveUp?: return scroll - 1
        case .pageDown?: return scroll + page
        case .pageUp?: return scroll - page
        case .first?: return 0
        case .last?: return end
        default: return nil
        }
    }

    static func promptKey(_ state: inout AppState, _ p: inout PromptState, _ key: Key) -> [Effect] {
        switch LineField.update(&p.input, key, keymap: state.keymap) {
        case .cancel: state.modal = nil; return []
        case .edited, .ignored: state.modal = .prompt(p); return []
        case .submit: break
        }
        state.modal = nil
        let text = p.input.text
        switch p.purpose {
        case .saveAs, .quitSaveAs:
            guard !text.isEmpty else { return [] }
            guard !state.isProtected(text) else {
                // Keep the prompt, so another name is one edit away.
                state.modal = .prompt(p)
                state.notice = Notice("\(text) failed to load; it is not overwritten. Save under another name.", kind: .error)
                return []
            }
            return [.save(path: text)]
        case .renameTool(let index):
            return EditorReducer.rename(&state, index: index, to: text)
        case .binding(let index):
            return ToolBindingReducer.setBinding(&state, index: index, text: text)
        case .importPython:
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
            return ToolBindingReducer.startPythonImport(&state, text: text)
        case .importMCP:
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
            return ToolBindingReducer.startMCPImport(&state, text: text)
        case .caseFromTurn:
            let path = text.trimmingCharacters(in: .whitespaces)
            guard !path.isEmpty else { return [] }
            return [.appendCase(path: path)]
        case .searchTrace:
            TraceReducer.search(&state, query: text)
            return []
        case .searchConversation, .searchEditor:
            return []
        case .searchSession:
            return SessionSearchReducer.open(&state, query: text, prompt: p)
        }
    }

    static func toolCheckKey(_ state: inout AppState, _ t: inout ToolCheckState, _ key: Key) -> [Effect] {
        let page = max(1, state.height - 8)
        let command = state.command(for: key, in: .toolCheck, .scrolling)
        switch command {
        case .close?:
            state.modal = nil
            state.notice = Notice("not sent: fix the tools (\(state.keymap.keyName(.focusNext, in: .global, usual: .tab)) to the tools list), or press "
                                  + "\(state.keymap.keyName(.submit, in: .lineField, usual: .enter)) again and \(state.keymap.keyName(.sendAnyway, in: .toolCheck, usual: .char("S"))) to send anyway", kind: .warning)
            return []
        case .sendAnyway?:
            state.modal = nil
            if state.runState.isBusy { state.notice = Notice("a turn is running; wait for it or press \(state.cancelTurnKey) to cancel", kind: .warning); return [] }
            return ConversationReducer.send(&state, t.text, anyway: true)
        default:
            let end = t.check.findings.count * 2
            guard let next = scrolled(t.scroll, command, page: page, end: end) else { return [] }
            t.scroll = min(max(0, next), end)
            state.modal = .toolCheck(t)
            return []
        }
    }

    static func convertKey(_ state: inout AppState, _ c: inout ConvertToolsState, _ key: Key) -> [Effect] {
        let page = max(1, state.height - 8)
        let command = state.command(for: key, in: .convertTools, .scrolling)
        switch command {
        case .yes?:
            state.modal = nil
            return EditorReducer.applyConversion(&state, c)
        case .no?:
            state.modal = nil
            state.notice = Notice("not converted: the text is left as it is", kind: .warning)
            return []
        default:
            let end = c.diff.count + c.conversion.notes.count
            guard let next = scrolled(c.scroll, command, page: page, end: end) else { return [] }
            c.scroll = min(max(0, next), end)
            state.modal = .convertTools(c)
            return []
        }
    }

    static func confirmKey(_ state: inout AppState, _ c: inout ConfirmState, _ key: Key) -> [Effect] {
        switch state.command(for: key, in: .confirm, .scrolling) {
        case .yes?:
            // The terminal is too small to show what would run: trusting blind is not an answer.
            if case .trust = c.purpose, state.layout.tooSmall {
                state.notice = Notice("enlarge the terminal to read what would run before trusting it", kind: .warning)
                return []
            }
            state.modal = nil
            switch c.purpose {
            case .deleteTool(let index): return EditorReducer.delete(&state, index: index)
            case .trust(let remember): return ToolBindingReducer.answerTrust(&state, yes: true, remember: remember)
            }
        case .no?:
            state.modal = nil
            if case .trust(let remember) = c.purpose { return ToolBindingReducer.answerTrust(&state, yes: false, remember: remember) }
        case let command:
            scrollConfirm(&state, &c, command)
        }
        return []
    }

    /// Scrolls a question's details by row, page, or to either end; the layout clamps it, so
    /// `End` shows the last row on the dialog's last line.
    static func scrollConfirm(_ state: inout AppState, _ c: inout ConfirmState, _ command: Command?) {
        let layout = ConfirmLayout(c, width: state.width, height: state.height, measure: state.measure)
        let page = max(1, layout.visibleRows - 1)
        // A scroll made at another terminal size first comes back inside this one's list.
        c.scroll = layout.clamped(c.scroll)
        guard let next = scrolled(c.scroll, command, page: page, end: layout.maxScroll) else { return }
        c.scroll = layout.clamped(next)
        state.modal = .confirm(c)
    }

    /// Multi-line editing shared by the try and edit-arguments dialogs (the `textArea` scope).
    static func editBuffer(_ b: inout TextBuffer, _ key: Key, state: inout AppState) {
        guard let command = state.command(for: key, in: .argumentsEditor, .textArea) else {
            _ = BufferKeys.type(key, into: &b)
            return
        }
        if command == .insertIndent { b.insert("  "); return }
        _ = BufferKeys.apply(command, to: &b, clipboard: &state.clipboard)
    }
}
