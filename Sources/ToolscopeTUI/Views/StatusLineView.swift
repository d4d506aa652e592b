import ToolscopeEngine

/// The bottom line: provider and model, tool_choice, parallel, round and state, tokens, file
/// and unsaved marker, then the main keys (or the latest notice). Segments drop from the
/// least important when the line is narrow, so the state is always readable.
enum StatusLineView {
    /// What the line shows.
    struct Model {
        var providerName: String
        var settings: SessionSettings
        var runState: RunState
        var round: Int
        var totals: Usage
        /// The session's file name (or the recording's in replay), "*" when unsaved.
        var file: String
        var unsaved: Bool
        var approvalMode: Bool
        var notice: Notice?
        var spinner: String
        /// The binding table's hints, so a remapped key shows where it now is.
        var globalHints: [(key: Key, word: String)]
        var paneHints: [(key: Key, word: String)]

        init(_ state: AppState) {
            providerName = state.providerName
            settings = state.session.settings
            runState = state.runState
            round = state.round
            totals = state.totals
            file = (state.replay != nil ? "replay " + (state.replay?.recordingPath?.lastComponent ?? "") : state.sessionPath?.lastComponent ?? "unsaved")
                + (state.unsaved ? "*" : "")
            unsaved = state.unsaved
            approvalMode = state.approvalMode
            notice = state.notice
            spinner = Spinner.frame(at: state.now)
            globalHints = state.keymap.hints(for: [.global])
            paneHints = state.keymap.hints(for: [state.focusedScope])
        }
    }

    static func draw(_ model: Model, rect: Rect, into canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        canvas.fill(rect, style: Style(.statusBar))
        let settings = model.settings
        let stateText = (model.round > 0 && model.runState.isBusy ? "r\(model.round) " : "") + model.runState.label
        let file = model.file
        let segments: [(text: String, style: Style, priority: Int)] = [
            (" " + TextSanitizer.singleLine(model.providerName) + " · " + TextSanitizer.singleLine(settings.model) + " ", Style(.statusBar, bold: true), 0),
            (" " + (model.runState.isBusy ? model.spinner + " " : "") + stateText + " ", Style(model.runState.isBusy ? .statusBusy : .statusBar, bold: true), 0),
            (" tool_choice " + settings.toolChoice.label + " ", Style(.statusBar), 1),
            (" parallel " + ((settings.parallelToolCalls ?? true) ? "on" : "off") + " ", Style(.statusBar), 1),
            (" round \(model.round) ", Style(.statusBar), 3),
            (" \(Format.count(model.totals.promptTokens))↑ \(Format.count(model.totals.completionTokens))↓ tok ", Style(.statusBar), 2),
            (" " + TextSanitizer.singleLine(file) + " ", Style(model.unsaved ? .statusKey : .statusBar), 1),
            (model.approvalMode ? " APPROVE " : "", Style(.statusBusy, bold: true), 0),
        ]
        var right: StyledLine
        /// The focused pane's hints, shown before the global ones only where they fit whole.
        var paneKeys: StyledLine?
        if let notice = model.notice {
            let role: ThemeRole = notice.kind == .error ? .error : notice.kind == .warning ? .warning : notice.kind == .success ? .success : .statusBar
            right = StyledLine(" " + TextSanitizer.singleLine(notice.text) + " ", Style(role, bold: notice.kind == .error, reverse: notice.kind == .error || notice.kind == .warning))
        } else {
            // The binding table's hints, so a remapped key shows where it now is.
            right = hintLine(model.globalHints)
            if !model.paneHints.isEmpty { paneKeys = hintLine(model.paneHints + model.globalHints) }
        }
        let wrapper = WordWrapper(measure: canvas.measure)
        var rightWidth = wrapper.width(of: right.text)
        // Drop low-priority segments until the left part and at least the keys fit.
        var chosen = segments.filter { !$0.text.isEmpty }
        for level in [3, 2, 1] {
            let width = chosen.reduce(0) { $0 + wrapper.width(of: $1.text) + 1 }
            if width + min(rightWidth, 30) <= rect.width { break }
            chosen.removeAll { $0.priority >= level }
        }
        var x = rect.x
        for (i, s) in chosen.enumerated() {
            if i > 0 { x = canvas.put("│", x: x, y: rect.y, style: Style(.statusBar), limit: rect.maxX) }
            x = canvas.put(s.text, x: x, y: rect.y, style: s.style, limit: rect.maxX)
        }
        let available = rect.maxX - x - 1
        guard available > 3 else { return }
        if let paneKeys, wrapper.width(of: paneKeys.text) <= available {
            right = paneKeys
            rightWidth = wrapper.width(of: right.text)
        }
        if rightWidth <= available {
            right.draw(into: &canvas, x: rect.maxX - rightWidth, y: rect.y, limit: rect.maxX)
        } else {
            let cut = wrapper.truncate(right.text, width: available)
            canvas.put(cut, x: rect.maxX - wrapper.width(of: cut), y: rect.y, style: right.runs.first?.style ?? Style(.statusBar), limit: rect.maxX)
        }
    }

    /// " F1 help Tab focus …": each hint's key, bold, then its word.
    static func hintLine(_ hints: [(key: Key, word: String)]) -> StyledLine {
        var keys = StyledLine()
        for hint in hints {
            keys.append(" " + hint.key.shortLabel, Style(.statusKey, bold: true))
            keys.append(" " + hint.word, Style(.statusBar))
        }
        keys.append(" ", Style(.statusBar))
        return keys
    }
}
