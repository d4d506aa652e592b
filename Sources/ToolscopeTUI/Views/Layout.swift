/// Where every part of the screen goes for the current size, split and zoom.
///
/// The conversation pane sits left with the input line under it; trace over schema editor on
/// the right; the status line spans the bottom row. Below 80x24 the layout is not attempted.
public struct Layout: Sendable, Hashable {
    public static let minimumWidth = 80
    public static let minimumHeight = 24
    /// Where the user may put the splits (keys and mouse alike), in percent: the conversation's
    /// share of the width, the trace's share of the right column.
    public static let splitRange = 25...75
    public static let traceSplitRange = 20...80

    public var tooSmall: Bool
    public var conversation: Rect
    public var input: Rect
    public var trace: Rect
    public var editor: Rect
    public var status: Rect

    public init(width: Int, height: Int, splitPercent: Int, traceSplitPercent: Int, zoomed: Pane?) {
        let empty = Rect(x: 0, y: 0, width: 0, height: 0)
        tooSmall = width < Layout.minimumWidth || height < Layout.minimumHeight
        status = Rect(x: 0, y: max(0, height - 1), width: width, height: height > 0 ? 1 : 0)
        conversation = empty
        input = empty
        trace = empty
        editor = empty
        guard !tooSmall else { return }
        let body = height - 1
        if let zoomed {
            let full = Rect(x: 0, y: 0, width: width, height: body)
            switch zoomed {
            case .conversation:
                conversation = Rect(x: 0, y: 0, width: width, height: body - 1)
                input = Rect(x: 0, y: body - 1, width: width, height: 1)
            case .trace: trace = full
            case .editor: editor = full
            }
            return
        }
        let left = min(max(30, width * min(max(splitPercent, 20), 80) / 100), width - 40)
        conversation = Rect(x: 0, y: 0, width: left, height: body - 1)
        input = Rect(x: 0, y: body - 1, width: left, height: 1)
        let traceHeight = min(max(6, body * min(max(traceSplitPercent, 15), 85) / 100), body - 8)
        trace = Rect(x: left, y: 0, width: width - left, height: traceHeight)
        editor = Rect(x: left, y: traceHeight, width: width - left, height: body - traceHeight)
    }

    public init(state: AppState) {
        self.init(width: state.width, height: state.height, splitPercent: state.splitPercent,
                  traceSplitPercent: state.traceSplitPercent, zoomed: state.zoomed ? state.focus : nil)
    }

    /// The text area inside the conversation pane's border.
    public var conversationContent: Rect { conversation.inset(by: 1) }
    public var traceContent: Rect { trace.inset(by: 1) }
    public var editorContent: Rect { editor.inset(by: 1) }

    /// Width of the tool list inside the editor pane.
    public var toolListWidth: Int { min(24, max(14, editorContent.width / 4)) }
}
