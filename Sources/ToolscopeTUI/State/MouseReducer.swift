import ToolscopeEngine

/// Clicks, drags and the wheel. A press on a pane border starts dragging the split (`SplitDrag`);
/// in a dialog a press works its footer's keys and list rows (`dialog`). Otherwise a press focuses the pane under the pointer and acts on what it hits (a
/// trace row is selected, and a second press on a selected round folds or unfolds it; a tool in
/// the list is selected; a folded result's "… more lines" row unfolds that result); the wheel
/// scrolls the pane under the pointer, or an open dialog that scrolls. What a mouse does is
/// expressed, where it can be, as the commands the keys run, so both stay one behaviour (and a
/// keymap file that moves a command to another key leaves the mouse as it is).
enum MouseReducer {
    /// Rows a wheel notch moves.
    static let wheelStep = 3

    static func handle(_ state: inout AppState, _ event: MouseEvent) -> [Effect] {
        if state.modal != nil { state.splitDrag = nil; return dialog(&state, event) }
        let layout = state.layout
        // The Experiments screen and a too-small terminal take keys only.
        guard !layout.tooSmall, state.experiments?.visible != true else { return [] }
        if let effects = SplitDrag.handle(&state, event, layout: layout) { return effects }
        guard event.kind != .drag, event.kind != .release else { return [] }
        guard let pane = pane(at: event, in: layout) else { return [] }
        state.notice = nil
        let wasFocused = state.focus == pane
        state.focus = pane
        switch (pane, event.kind) {
        case (.conversation, .press):
            if layout.input.contains(x: event.x, y: event.y) { return [] }
            // A folded result's "… more lines" row unfolds that result alone; the marker under
            // a result unfolded alone folds it again.
            guard let (block, row) = conversationRow(&state, y: event.y) else { return [] }
            if row.text.contains(ConversationLines.foldedMark) || row.text.contains(ConversationLines.unfoldedMark) {
                ConversationReducer.toggleFold(&state, message: block)
            } else if block < state.displayedMessages.count {
                // Any other row of a message selects it (for Copy as); a second click lets go.
                let index = state.displayedMessages.startIndex + block
                let copy = state.keymap.keyName(.copyAs, in: .global, usual: .ctrl("y"))
                state.selectedMessage = state.selectedMessage == index ? nil : index
                state.notice = Notice(state.selectedMessage == nil ? "message \(index + 1) no longer selected"
                                      : "message \(index + 1) selected · \(copy) copies it · click it again to let go")
            }
            return []
        case (.conversation, .wheelUp): ConversationReducer.scroll(&state, by: -wheelStep); return []
        case (.conversation, .wheelDown): ConversationReducer.scroll(&state, by: wheelStep); return []
        case (.trace, .press): return traceClick(&state, y: event.y, wasFocused: wasFocused)
        case (.trace, .wheelUp): return repeatCommand(&state, .moveUp, wheelStep)
        case (.trace, .wheelDown): return repeatCommand(&state, .moveDown, wheelStep)
        case (.editor, .press): return editorClick(&state, event)
        case (.editor, .wheelUp): return repeatCommand(&state, .moveUp, wheelStep)
        case (.editor, .wheelDown): return repeatCommand(&state, .moveDown, wheelStep)
        case (_, .drag), (_, .release): return []
        }
    }

    static func pane(at event: MouseEvent, in layout: Layout) -> Pane? {
        if layout.conversation.contains(x: event.x, y: event.y) || layout.input.contains(x: event.x, y: event.y) { return .conversation }
        if layout.trace.contains(x: event.x, y: event.y) { return .trace }
        if layout.editor.contains(x: event.x, y: event.y) { return .editor }
        return nil
    }

    /// In a dialog the wheel scrolls the help and detail views; a press on a footer's key word
    /// ("y yes", "S send anyway", "Esc close") presses that key, and a press on a list's row
    /// (picker, copy menu, session search) selects it, or opens it when it was selected already.
    /// Hit-testing reads the `DialogChrome` and row rules the view draws with.
    static func dialog(_ state: inout AppState, _ event: MouseEvent) -> [Effect] {
        switch (state.modal, event.kind) {
        case (.help?, .wheelUp), (.detail?, .wheelUp): return repeatCommand(&state, .moveUp, wheelStep)
        case (.help?, .wheelDown), (.detail?, .wheelDown): return repeatCommand(&state, .moveDown, wheelStep)
        case (let modal?, .press): return dialogPress(&state, modal, event)
        default: return []
        }
    }

    static func dialogPress(_ state: inout AppState, _ modal: Modal, _ event: MouseEvent) -> [Effect] {
        let chrome = DialogChrome.of(modal, keys: state.keymap, width: state.width, height: state.height, measure: state.measure)
        if event.y == chrome.outer.maxY - 1,
           let button = chrome.buttons(measure: state.measure).first(where: { $0.columns.contains(event.x) }) {
            return ModalReducer.handleKey(&state, button.key)
        }
        let inner = chrome.inner
        guard event.x >= inner.x, event.x < inner.maxX, event.y >= inner.y else { return [] }
        let row = event.y - inner.y
        switch modal {
        case .picker(var p) where p.path == nil:
            let listHeight = max(0, inner.height - 4)
            let index = DialogView.listTop(selected: p.selected, rows: listHeight) + row
            guard row < listHeight, index < p.entries.count else { return [] }
            if index == p.selected { return press(&state, .openSession, in: .picker) }
            p.selected = index
            state.modal = .picker(p)
        case .copyMenu(var menu):
            guard row < menu.choices.count, row < inner.height else { return [] }
            if row == menu.selected { return press(&state, .accept, in: .copyMenu) }
            menu.selected = row
            state.modal = .copyMenu(menu)
        case .sessionSearch(var s):
            let rows = min(SessionSearchReducer.visibleRows(height: state.height), inner.height)
            let index = DialogView.listTop(selected: s.selected, rows: rows) + row
            guard row < rows, index < s.hits.count else { return [] }
            if index == s.selected { return press(&state, .accept, in: .sessionSearch) }
            s.selected = index
            state.modal = .sessionSearch(s)
        default: break
        }
        return []
    }

    /// Presses the key that runs `command` in the dialog's `scope` now (a keymap file may
    /// have moved it), so a click and that key stay one behaviour.
    static func press(_ state: inout AppState, _ command: Command, in scope: KeyScope) -> [Effect] {
        guard let key = state.keymap.keys(for: command, in: scope).first else { return [] }
        return ModalReducer.handleKey(&state, key)
    }

    /// Runs `command` (moveUp or moveDown) `times` over, as the focused pane or the open
    /// help or detail view runs it for a key.
    static func repeatCommand(_ state: inout AppState, _ command: Command, _ times: Int) -> [Effect] {
        var effects: [Effect] = []
        for _ in 0..<times {
            switch state.modal {
            case .help(var h)?: ModalReducer.helpCommand(&state, &h, command)
            case .detail(var d)?: ModalReducer.detailCommand(&state, &d, command)
            case .some: return effects
            case nil:
                switch state.focus {
                case .trace: effects += TraceReducer.run(&state, command)
                case .editor where state.editor.listFocused: effects += EditorReducer.listCommand(&state, command)
                case .editor: effects += EditorReducer.textCommand(&state, command == .moveUp ? .cursorUp : .cursorDown)
                case .conversation: return effects
                }
            }
        }
        return effects
    }

    /// `wasFocused`: the rows were drawn as a focused pane draws them (see `TraceView.top`).
    static func traceClick(_ state: inout AppState, y: Int, wasFocused: Bool) -> [Effect] {
        let rows = TraceRow.build(state)
        let content = state.layout.traceContent
        guard !rows.isEmpty, content.contains(x: content.x, y: y) else { return [] }
        let selection = min(max(0, state.traceSelection), rows.count - 1)
        let top = TraceView.top(rowCount: rows.count, selection: selection, focused: wasFocused, height: content.height)
        let index = top + (y - content.y)
        guard index < rows.count else { return [] }
        if wasFocused, index == selection, rows[index].foldKey != nil {
            return TraceReducer.run(&state, .fold)
        }
        state.traceSelection = index
        return []
    }

    static func editorClick(_ state: inout AppState, _ event: MouseEvent) -> [Effect] {
        let content = state.layout.editorContent
        let listWidth = state.layout.toolListWidth
        guard content.contains(x: event.x, y: event.y) else { return [] }
        guard event.x < content.x + listWidth else {
            // The JSON text: it takes the keys (as Enter on the list does), the cursor stays.
            if state.editor.listFocused, !state.session.tools.isEmpty { state.editor.listFocused = false }
            return []
        }
        let count = state.session.tools.count
        guard count > 0 else { return [] }
        let top = EditorView.listTop(selected: state.editor.selected, height: content.height)
        let target = top + (event.y - content.y)
        guard target < count else { return [] }
        state.editor.listFocused = true
        let delta = target - state.editor.selected
        return repeatCommand(&state, delta < 0 ? .moveUp : .moveDown, abs(delta))
    }

    /// The conversation row drawn at screen row `y` and its block, from the pane's current top.
    static func conversationRow(_ state: inout AppState, y: Int) -> (block: Int, row: StyledLine)? {
        let content = state.layout.conversationContent
        guard y >= content.y, y < content.maxY else { return nil }
        let conversation = ConversationLines(state)
        var (block, line) = ConversationReducer.top(state, lines: conversation, context: RenderContext.current)
        var remaining = y - content.y
        let count = conversation.blockCount
        while block < count {
            let lines = conversation.lines(block: block, width: content.width)
            if line + remaining < lines.count { return (block, lines[line + remaining]) }
            remaining -= lines.count - line
            line = 0
            block += 1
        }
        return nil
    }
}
