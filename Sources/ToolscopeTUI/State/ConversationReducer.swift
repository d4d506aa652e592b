import Foundation
import ToolscopeEngine

/// Keys for the conversation pane and its input line.
enum ConversationReducer {
    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        if let command = state.command(for: key, in: .conversation) { return run(&state, command) }
        switch LineField.update(&state.input, key, keymap: state.keymap) {
        case .submit: return submit(&state)
        case .cancel:
            if !state.input.text.isEmpty { state.input.killToStart(); state.input.killToEnd() }
        case .edited, .ignored: break
        }
        return []
    }

    /// Runs a command of the `conversation` scope (the input line's own keys are `LineField`'s).
    static func run(_ state: inout AppState, _ command: Command) -> [Effect] {
        let page = max(1, state.layout.conversationContent.height - 1)
        switch command {
        case .pageUp: scroll(&state, by: -page)
        case .pageDown: scroll(&state, by: page)
        case .first: scrollToTop(&state)
        case .last: state.conversation = ConversationScroll()
        case .find: FindBar.open(&state, .conversation)
        case .expandResults:
            state.expandResults.toggle()
            state.resultFolds = [:]
            state.notice = Notice(state.expandResults ? "tool results expanded" : "long tool results folded")
        case .nextMatch, .previousMatch:
            // n / N after the bar closed: only on an empty input line (the binding's
            // condition), so a message that starts with "n" is typed as before.
            FindBar.advance(&state, .conversation, forward: command == .nextMatch)
        case .foldResult:
            toggleFoldNearBottom(&state)
        case .clearSearch:
            state.conversationSearch = nil
            state.notice = Notice("find cleared")
        default: break
        }
        return []
    }

    /// Folds or unfolds the long tool result of message `index` alone.
    static func toggleFold(_ state: inout AppState, message index: Int) {
        let expanded = state.resultFolds[index] ?? state.expandResults
        state.resultFolds[index] = !expanded
        if state.resultFolds[index] == state.expandResults { state.resultFolds[index] = nil }
        state.notice = Notice(expanded ? "result #\(index + 1) folded" : "result #\(index + 1) unfolded")
    }

    /// Ctrl-T: the lowest long tool result on screen (else the newest in the conversation)
    /// is unfolded, or folded again.
    static func toggleFoldNearBottom(_ state: inout AppState) {
        let lines = ConversationLines(state)
        let width = contentSize(state).width
        func foldable(_ block: Int) -> Bool {
            guard block < lines.messages.count, lines.messages[lines.messages.startIndex + block].role == .tool else { return false }
            return lines.lines(block: block, width: width).contains {
                $0.text.contains(ConversationLines.foldedMark) || $0.text.contains(ConversationLines.unfoldedMark)
            }
        }
        let (top, line) = top(state)
        var onScreen: [Int] = []
        var remaining = contentSize(state).height + line
        var block = top
        while block < lines.blockCount, remaining > 0 {
            if foldable(block) { onScreen.append(block) }
            remaining -= lines.lines(block: block, width: width).count
            block += 1
        }
        guard let target = onScreen.last ?? (0..<lines.messages.count).reversed().first(where: foldable) else {
            state.notice = Notice("no long tool result to fold or unfold")
            return
        }
        toggleFold(&state, message: target)
    }

    /// Every row of the conversation at the pane's width, in order (messages come from the
    /// render context's cache; only the live message is wrapped afresh).
    static func allRows(_ state: AppState) -> [StyledLine] {
        ConversationLines(state).allRows(width: contentSize(state).width)
    }

    static func rowIndex(_ state: AppState, block: Int, line: Int) -> Int {
        let width = contentSize(state).width
        let lines = ConversationLines(state)
        return (0..<block).reduce(0) { $0 + lines.lines(block: $1, width: width).count } + line
    }

    /// Scrolls so the conversation's `row` (counted over all blocks) is the top row.
    static func scroll(_ state: inout AppState, toRow row: Int) {
        let width = contentSize(state).width
        let lines = ConversationLines(state)
        var remaining = row
        for block in 0..<lines.blockCount {
            let n = lines.lines(block: block, width: width).count
            if remaining < n {
                state.conversation = ConversationScroll()
                state.conversation.following = false
                state.conversation.block = block
                state.conversation.line = remaining
                return
            }
            remaining -= n
        }
    }

    static func submit(_ state: inout AppState) -> [Effect] {
        let text = state.input.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return [] }
        if state.runState.isBusy {
            state.notice = Notice("a turn is running; wait for it or press \(state.cancelTurnKey) to cancel", kind: .warning)
            return []
        }
        let check = PreSendCheck(session: state.session)
        if check.blocks {
            // Nothing is sent and the message stays in the input line; the dialog lists why.
            state.modal = .toolCheck(ToolCheckState(text: text, check: check))
            return []
        }
        return send(&state, text)
    }

    /// Sends `text` (already checked, or sent anyway): the input line moves to its history.
    static func send(_ state: inout AppState, _ text: String, anyway: Bool = false) -> [Effect] {
        _ = state.input.submit()
        state.conversation = ConversationScroll()
        if state.replay != nil {
            let recordingPath = state.replay?.recordingPath
            let fork = ReplayReducer.fork(&state)
            return [.fork(fork, recordingPath: recordingPath), anyway ? .sendAnyway(text) : .send(text)]
        }
        return [anyway ? .sendAnyway(text) : .send(text)]
    }

    // MARK: - Scrolling by rows, touching only the blocks passed over

    static func contentSize(_ state: AppState) -> (width: Int, height: Int) {
        let r = state.layout.conversationContent
        return (r.width, r.height)
    }

    /// The block and line at the top of the pane as it is drawn now.
    static func top(_ state: AppState) -> (block: Int, line: Int) {
        top(state, lines: ConversationLines(state), context: RenderContext.current)
    }

    static func top(_ state: AppState, lines: ConversationLines, context: RenderContext?) -> (block: Int, line: Int) {
        let count = lines.blockCount
        guard count > 0 else { return (0, 0) }
        if !state.conversation.following {
            return (min(state.conversation.block, count - 1), state.conversation.line)
        }
        let (width, height) = contentSize(state)
        var remaining = height
        var block = count - 1
        while true {
            let n = lines.lines(block: block, width: width, context: context).count
            if n >= remaining { return (block, n - remaining) }
            remaining -= n
            if block == 0 { return (0, 0) }
            block -= 1
        }
    }

    static func scroll(_ state: inout AppState, by delta: Int) {
        let lines = ConversationLines(state)
        let count = lines.blockCount
        guard count > 0 else { return }
        let (width, height) = contentSize(state)
        var (block, line) = top(state, lines: lines, context: RenderContext.current)
        var d = delta
        while d < 0 {
            if line > 0 {
                let step = min(line, -d)
                line -= step
                d += step
            } else if block > 0 {
                block -= 1
                line = lines.lines(block: block, width: width).count
            } else { break }
        }
        while d > 0 {
            let n = lines.lines(block: block, width: width).count
            if line + d < n { line += d; d = 0 } else if block + 1 < count { d -= n - line; block += 1; line = 0 } else { line = max(0, n - 1); d = 0 }
        }
        // Reaching the end turns following back on, so new messages keep appearing.
        var below = 0
        var b = block
        var first = true
        while b < count, below <= height {
            let n = lines.lines(block: b, width: width).count
            below += first ? n - line : n
            first = false
            b += 1
        }
        if below <= height { state.conversation = ConversationScroll(); return }
        state.conversation.following = false
        state.conversation.block = block
        state.conversation.line = line
    }

    static func scrollToTop(_ state: inout AppState) {
        guard ConversationLines(state).blockCount > 0 else { return }
        state.conversation.following = false
        state.conversation.block = 0
        state.conversation.line = 0
        scroll(&state, by: 0)
    }
}
