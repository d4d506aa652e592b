/// Dragging a pane border with the mouse: a press on the border between the conversation and
/// the right column (or between the trace and the tools) starts it, motion with the button
/// held (xterm mode 1002) moves the split, the release ends it and remembers the split the way
/// the split keys (F9, F10, Shift-F9, Shift-F10) do. Same state, same limits as those keys.
public enum SplitDrag {
    public enum Border: Sendable, Hashable { case vertical, horizontal }

    /// Handles `event` when it starts, continues or ends a drag; nil leaves it to the panes.
    static func handle(_ state: inout AppState, _ event: MouseEvent, layout: Layout) -> [Effect]? {
        if let border = state.splitDrag {
            switch event.kind {
            case .drag, .press:
                move(&state, border, to: event)
                return []
            case .release:
                move(&state, border, to: event)
                state.splitDrag = nil
                return [.rememberSplit(conversation: state.splitPercent, trace: state.traceSplitPercent)]
            case .wheelUp, .wheelDown:
                state.splitDrag = nil
                return nil
            }
        }
        guard event.kind == .press, !state.zoomed, let border = border(at: event, in: layout) else { return nil }
        state.splitDrag = border
        state.notice = Notice("drag to move the split; release to keep it")
        return []
    }

    /// The border under a press: the two columns where the conversation and the right column
    /// meet, or the two rows where the trace and the tools meet.
    static func border(at event: MouseEvent, in layout: Layout) -> Border? {
        let (x, y) = (event.x, event.y)
        let left = layout.trace.x
        if (x == left - 1 || x == left), y >= 0, y < layout.conversation.maxY { return .vertical }
        let seam = layout.editor.y
        if x > left, (y == seam - 1 || y == seam) { return .horizontal }
        return nil
    }

    /// Puts `border` where the pointer is (as near as whole percents allow).
    static func move(_ state: inout AppState, _ border: Border, to event: MouseEvent) {
        switch border {
        case .vertical:
            guard state.width > 0 else { return }
            let percent = Int((Double(event.x + 1) * 100 / Double(state.width)).rounded())
            state.splitPercent = min(max(percent, Layout.splitRange.lowerBound), Layout.splitRange.upperBound)
        case .horizontal:
            let body = state.height - 1
            guard body > 0 else { return }
            let percent = Int((Double(event.y + 1) * 100 / Double(body)).rounded())
            state.traceSplitPercent = min(max(percent, Layout.traceSplitRange.lowerBound), Layout.traceSplitRange.upperBound)
        }
    }
}
