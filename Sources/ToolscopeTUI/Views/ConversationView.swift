/// The conversation pane: messages as wrapped blocks, drawn from the scroll position; only the
/// blocks that reach the screen are wrapped (and those are cached), so size does not matter.
enum ConversationView {
    static func draw(_ state: AppState, layout: Layout, into canvas: inout Canvas) {
        let rect = layout.conversation
        var title = "Conversation"
        if let replay = state.replay { title += " · replay step \(replay.step)/\(replay.lastStep)" }
        Renderer.frame(rect, title: title, focused: state.focus == .conversation, into: &canvas)
        let content = layout.conversationContent
        guard !content.isEmpty else { return }
        let count = ConversationLines.blockCount(state)
        if count == 0 {
            let hint = state.replay != nil ? "The recording is empty." : "Type a message below and press Enter. F1 lists every key."
            canvas.put(hint, x: content.x + 1, y: content.y, style: Style(.dim), limit: content.maxX)
            return
        }
        var (block, line) = ConversationReducer.top(state)
        var y = content.y
        while y < content.maxY, block < count {
            let lines = ConversationLines.lines(block: block, state: state, width: content.width)
            while line < lines.count, y < content.maxY {
                var row = lines[line]
                if let search = state.conversationSearch { row = DialogView.mark(row, query: search.query, style: Style(.accent, underline: true)) }
                row.draw(into: &canvas, x: content.x, y: y, limit: content.maxX)
                y += 1
                line += 1
            }
            block += 1
            line = 0
        }
        if !state.conversation.following {
            let marker = " ↓ more below (End) "
            canvas.put(marker, x: max(content.x, content.maxX - marker.count), y: rect.maxY - 1, style: Style(.accent, bold: true), limit: content.maxX)
        }
    }
}

/// The input line under the conversation: a prompt and the line editor's visible part.
enum InputLineView {
    static func draw(_ state: AppState, rect: Rect, into canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        let focused = state.focus == .conversation && state.modal == nil
        let prompt = state.replay != nil ? "fork› " : "› "
        let promptStyle = Style(focused ? .accent : .dim, bold: true)
        let x = canvas.put(prompt, x: rect.x, y: rect.y, style: promptStyle, limit: rect.maxX)
        let width = rect.maxX - x
        if state.input.text.isEmpty, !focused || state.runState.isBusy {
            let hint = state.runState.isBusy ? "\(state.runState.label)… Esc cancels" : "Tab here to type a message"
            canvas.put(hint, x: x, y: rect.y, style: Style(.dim), limit: rect.maxX)
        } else if state.input.text.isEmpty {
            canvas.put("Ask something, e.g. Compare the weather in Tokyo, London and New York", x: x, y: rect.y, style: Style(.dim), limit: rect.maxX)
        }
        let view = state.input.viewport(width: max(1, width))
        if !view.text.isEmpty {
            canvas.put(TextSanitizer.singleLine(view.text), x: x, y: rect.y, style: .plain, limit: rect.maxX)
        }
        if focused { canvas.cursor = (x + view.cursorColumn, rect.y) }
    }
}
