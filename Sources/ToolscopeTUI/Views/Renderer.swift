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
            drawTooSmall(state, into: &canvas)
            return
        }
        let dialog = DialogView.Model(state)
        if let screen = state.experiments, screen.visible {
            ExperimentsView.draw(screen, rect: Rect(x: 0, y: 0, width: state.width, height: max(0, state.height - 1)), into: &canvas)
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

    static func drawTooSmall(_ state: AppState, into canvas: inout Canvas) {
        var lines = [
            "Terminal too small: \(state.width)x\(state.height)",
            "toolscope needs at least \(Layout.minimumWidth)x\(Layout.minimumHeight).",
            "Enlarge the window, or press Ctrl-Q to quit.",
        ]
        if case .confirm(let c)? = state.modal, case .trust = c.purpose {
            lines.append("A trust question is waiting: enlarge the window to read what would run (n declines).")
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
