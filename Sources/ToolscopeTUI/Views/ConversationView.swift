/// The conversation pane: messages as wrapped blocks, drawn from the scroll position; only the
/// blocks that reach the screen are wrapped (and those are cached), so size does not matter.
enum ConversationView {
    /// What the pane draws.
    struct Model {
        var lines: ConversationLines
        var title: String
        var focused: Bool
        var isReplay: Bool
        /// The first block and line on screen (`ConversationReducer.top`).
        var top: (block: Int, line: Int)
        var following: Bool
        /// The find bar's query: every occurrence is marked.
        var searchQuery: String?
        /// The empty pane's hint, with the keys in force.
        var emptyHint: String

        init(_ state: AppState, context: RenderContext?) {
            lines = ConversationLines(state)
            title = "Conversation"
            if let replay = state.replay { title += " · replay step \(replay.step)/\(replay.lastStep)" }
            focused = state.focus == .conversation
            isReplay = state.replay != nil
            top = ConversationReducer.top(state, lines: lines, context: context)
            following = state.conversation.following
            searchQuery = state.conversationSearch?.query
            emptyHint = "Type a message below and press \(state.keymap.keyName(.submit, in: .lineField, usual: .enter)). "
                + "\(state.keymap.keyName(.help, in: .global, usual: .function(1))) lists every key."
        }
    }

    static func draw(_ model: Model, rect: Rect, context: RenderContext?, into canvas: inout Canvas) {
        Renderer.frame(rect, title: model.title, focused: model.focused, into: &canvas)
        let content = rect.inset(by: 1)
        guard !content.isEmpty else { return }
        let count = model.lines.blockCount
        if count == 0 {
            let hint = model.isReplay ? "The recording is empty." : model.emptyHint
            canvas.put(hint, x: content.x + 1, y: content.y, style: Style(.dim), limit: content.maxX)
            return
        }
        var (block, line) = model.top
        var y = content.y
        while y < content.maxY, block < count {
            let lines = model.lines.lines(block: block, width: content.width, context: context)
            while line < lines.count, y < content.maxY {
                var row = lines[line]
                if let query = model.searchQuery { row = DialogView.mark(row, query: query, style: Style(.accent, underline: true)) }
                row.draw(into: &canvas, x: content.x, y: y, limit: content.maxX)
                y += 1
                line += 1
            }
            block += 1
            line = 0
        }
        if !model.following {
            let marker = " ↓ more below (End) "
            canvas.put(marker, x: max(content.x, content.maxX - marker.count), y: rect.maxY - 1, style: Style(.accent, bold: true), limit: content.maxX)
        }
    }
}

/// The input line under the conversation: a prompt and the line editor's visible part.
enum InputLineView {
    /// What the line draws.
    struct Model {
        var input: LineEditor
        var focused: Bool
        var isReplay: Bool
        var busy: Bool
        var runLabel: String
        /// The keys the hints name: the one that cancels a turn, the one that moves focus here.
        var cancelKey: String
        var focusKey: String

        init(_ state: AppState) {
            input = state.input
            focused = state.focus == .conversation && state.modal == nil
            isReplay = state.replay != nil
            busy = state.runState.isBusy
            runLabel = state.runState.label
            cancelKey = state.cancelTurnKey
            focusKey = state.keymap.keyName(.focusNext, in: .global, usual: .tab)
        }
    }

    static func draw(_ model: Model, rect: Rect, into canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        let focused = model.focused
        let prompt = model.isReplay ? "fork› " : "› "
        let promptStyle = Style(focused ? .accent : .dim, bold: true)
        let x = canvas.put(prompt, x: rect.x, y: rect.y, style: promptStyle, limit: rect.maxX)
        let width = rect.maxX - x
        if model.input.text.isEmpty, !focused || model.busy {
            let hint = model.busy ? "\(model.runLabel)… \(model.cancelKey) cancels" : "\(model.focusKey) here to type a message"
            canvas.put(hint, x: x, y: rect.y, style: Style(.dim), limit: rect.maxX)
        } else if model.input.text.isEmpty {
            canvas.put("Ask something, e.g. Compare the weather in Tokyo, London and New York", x: x, y: rect.y, style: Style(.dim), limit: rect.maxX)
        }
        let view = model.input.viewport(width: max(1, width))
        if !view.text.isEmpty {
            canvas.put(TextSanitizer.singleLine(view.text), x: x, y: rect.y, style: .plain, limit: rect.maxX)
        }
        if focused { canvas.cursor = (x + view.cursorColumn, rect.y) }
    }
}
