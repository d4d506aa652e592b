import ToolscopeEngine

/// Draws the whole screen for a state into a canvas. Pure: the same state gives the same cells.
public enum Renderer {
    /// Draws `state`, each view from its own model. `context` keeps the wrapped conversation
    /// rows between frames; a fresh one (the default) draws the same cells, only slower.
    public static func render(_ state: AppState, context: RenderContext = RenderContext(), into canvas: inout Canvas) {
        canvas.clear()
        canvas.fill(canvas.bounds, style: .plain)
        let layout = state.layout
        if layout.tooSmall {
            drawTooSmall(TooSmall(state), into: &canvas)
            return
        }
        let dialog = DialogView.Model(state)
        if let screen = state.experiments, screen.visible {
            ExperimentsView.draw(screen, keys: state.keymap, rect: Rect(x: 0, y: 0, width: state.width, height: max(0, state.height - 1)), into: &canvas)
            StatusLineView.draw(StatusLineView.Model(state), rect: layout.status, into: &canvas)
            if let dialog { DialogView.draw(dialog, into: &canvas) }
            return
        }
        context.keepMessages(below: state.displayedMessages.count)
        if !layout.conversation.isEmpty {
            ConversationView.draw(ConversationView.Model(state, context: context), rect: layout.conversation, context: context, into: &canvas)
            InputLineView.draw(InputLineView.Model(state), rect: layout.input, into: &canvas)
        }
        if !layout.trace.isEmpty { TraceView.draw(TraceView.Model(state), rect: layout.trace, into: &canvas) }
        if !layout.editor.isEmpty { EditorView.draw(EditorView.Model(state), rect: layout.editor, into: &canvas) }
        StatusLineView.draw(StatusLineView.Model(state), rect: layout.status, into: &canvas)
        if let dialog { DialogView.draw(dialog, into: &canvas) }
    }

    /// A framed pane with its title; the focused pane gets a bold, coloured frame and a marker.
    static func frame(_ rect: Rect, title: String, focused: Bool, into canvas: inout Canvas) {
        let border = Style(focused ? .borderFocused : .border, bold: focused)
        canvas.box(rect, style: border)
        let label = focused ? "▶ " + title + " " : " " + title + " "
        canvas.put(label, x: rect.x + 2, y: rect.y, style: Style(focused ? .titleFocused : .title, bold: focused), limit: rect.maxX - 1)
    }

    /// What the screen shows when the terminal is below the minimum size: the size, the key
    /// that quits, and whether a trust question waits (with the key that declines it).
    struct TooSmall {
        var width: Int
        var height: Int
        var quitKey: String
        /// The key that answers no, when a trust question is open.
        var declineKey: String?

        init(_ state: AppState) {
            width = state.width
            height = state.height
            quitKey = state.keymap.keyName(.quit, in: .global, usual: .ctrl("q"))
            if case .confirm(let c)? = state.modal, case .trust = c.purpose {
                declineKey = state.keymap.keyName(.no, in: .confirm, usual: .char("n"))
            }
        }
    }

    static func drawTooSmall(_ model: TooSmall, into canvas: inout Canvas) {
        var lines = [
            "Terminal too small: \(model.width)x\(model.height)",
            "toolscope needs at least \(Layout.minimumWidth)x\(Layout.minimumHeight).",
            "Enlarge the window, or press \(model.quitKey) to quit.",
        ]
        if let decline = model.declineKey {
            lines.append("A trust question is waiting: enlarge the window to read what would run (\(decline) declines).")
        }
        let wrapper = WordWrapper(measure: canvas.measure)
        var rows: [String] = []
        for l in lines { rows += wrapper.wrap(l, width: max(1, canvas.width)) }
        let top = max(0, (canvas.height - rows.count) / 2)
        for (i, row) in rows.enumerated() {
            let x = max(0, (canvas.width - wrapper.width(of: row)) / 2)
            canvas.put(row, x: x, y: top + i, style: Style(i == 0 ? .warning : .text, bold: i == 0))
        }
    }
}
