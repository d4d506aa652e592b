import ToolscopeEngine

/// Turns conversation messages into wrapped, styled rows. A *block* is one message, or the
/// live assistant message still streaming (always the last block).
///
/// Used by the renderer and by the reducer (to scroll by rows), so both agree on heights.
public enum ConversationLines {
    /// Tool results longer than this are folded unless expanded.
    public static let foldAfter = 4

    public static func blockCount(_ state: AppState) -> Int {
        state.displayedMessages.count + (state.live != nil ? 1 : 0)
    }

    public static func lines(block: Int, state: AppState, width: Int) -> [StyledLine] {
        let messages = state.displayedMessages
        if block >= messages.count {
            return liveLines(state: state, width: width)
        }
        return state.blockCache.lines(block: block, revision: state.messagesRevision, width: width, expanded: state.expandResults) {
            messageLines(messages[messages.startIndex + block], state: state, width: width)
        }
    }

    static func messageLines(_ message: Message, state: AppState, width: Int) -> [StyledLine] {
        let wrapper = WordWrapper(measure: state.measure)
        var out: [StyledLine] = []
        let body = max(1, width - 2)
        switch message.role {
        case .user:
            out.append(StyledLine("▌ you", Style(.user, bold: true)))
            out += wrapper.wrap(TextSanitizer.clean(message.displayText), width: body).map { StyledLine("  " + $0) }
        case .system, .developer:
            out.append(StyledLine("▌ \(message.role.rawValue)", Style(.system, bold: true)))
            out += wrapper.wrap(TextSanitizer.clean(message.displayText), width: body).map { StyledLine("  " + $0, Style(.dim)) }
        case .assistant:
            out.append(StyledLine("▌ assistant", Style(.assistant, bold: true)))
            let text = TextSanitizer.clean(message.displayText)
            if !text.isEmpty || message.toolCalls.isEmpty {
                let style = message.refusal != nil && message.content == nil ? Style(.warning) : Style.plain
                out += wrapper.wrap(text, width: body).map { StyledLine("  " + $0, style) }
            }
            for call in message.toolCalls {
                out += callLines(name: call.name, arguments: call.arguments, wrapper: wrapper, width: width)
                if let original = CallMarkStyle.original(callID: call.id, state: state) {
                    out += editedLines(original: original, wrapper: wrapper, width: width)
                }
            }
        case .tool:
            let name = message.toolCallID.flatMap { state.callNames[$0] } ?? "tool"
            let content = TextSanitizer.clean(message.displayText)
            let status = CallMarkStyle.status(callID: message.toolCallID, content: message.displayText, state: state)
            let isError = status.isError
            out.append(StyledLine([.init(text: "  ↳ ", style: Style(.tool)),
                                   .init(text: name, style: Style(.tool, bold: true)),
                                   .init(text: " " + status.mark.text, style: CallMarkStyle.style(status))]))
            var rows = jsonRows(content, width: max(1, width - 4), measure: state.measure, style: isError ? Style(.error) : nil)
                ?? wrapper.wrap(content, width: max(1, width - 4)).map { StyledLine($0, Style(isError ? .error : .text)) }
            if !state.expandResults, rows.count > foldAfter {
                let hidden = rows.count - (foldAfter - 1)
                rows = Array(rows.prefix(foldAfter - 1))
                out += rows.map { indented($0, by: 4) }
                out.append(StyledLine("    … \(hidden) more lines (Ctrl-R expands)", Style(.dim)))
            } else {
                out += rows.map { indented($0, by: 4) }
            }
            if let id = message.toolCallID, let diff = state.replay?.differences[id] {
                if diff.matches {
                    out.append(StyledLine("    = re-executed result matches the recording", Style(.success)))
                } else {
                    out.append(StyledLine("    ≠ re-executed result differs from the recording:", Style(.warning, bold: true)))
                    out += diffLines(diff.lines, wrapper: wrapper, width: width)
                }
            }
        }
        out.append(StyledLine(""))
        return out
    }

    static func callLines(name: String, arguments: String, wrapper: WordWrapper, width: Int) -> [StyledLine] {
        let text = "⚙ " + TextSanitizer.singleLine(name) + " " + TextSanitizer.singleLine(arguments)
        // Arguments that fit stay on the call's line, as sent; longer JSON is pretty-printed under
        // it, coloured, and wrapped between tokens. Text that is not JSON (a malformed or still
        // streaming call) is shown exactly as it came.
        if wrapper.width(of: text) > max(1, width - 2),
           let rows = jsonRows(arguments, width: max(1, width - 4), measure: wrapper.measure, style: nil) {
            return [StyledLine("  ⚙ " + TextSanitizer.singleLine(name), Style(.toolCall))] + rows.map { indented($0, by: 4) }
        }
        let rows = wrapper.wrap(text, width: max(1, width - 4))
        return rows.enumerated().map { i, row in StyledLine((i == 0 ? "  " : "    ") + row, Style(.toolCall)) }
    }

    /// `text` as rows of at most `width` cells: itself on one row when it fits, else pretty JSON
    /// coloured by syntax (or all in `style`), each line wrapped at a space so no token is cut
    /// unless it is longer than a row. Nil when `text` is not a JSON object or array.
    static func jsonRows(_ text: String, width: Int, measure: CellMeasure, style: Style?) -> [StyledLine]? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("{") || trimmed.hasPrefix("["), let value = try? JSONParser.parse(trimmed) else { return nil }
        let single = TextSanitizer.singleLine(trimmed)
        var lines: [StyledLine]
        if WordWrapper(measure: measure).width(of: single) <= width {
            lines = [StyledLine(single, style ?? .plain)]
        } else {
            lines = JSONLines.pretty(value)
        }
        if let style { lines = lines.map { StyledLine($0.text, style) } }
        return lines.flatMap { $0.wrapped(width: width, measure: measure) }
    }

    static func indented(_ line: StyledLine, by columns: Int) -> StyledLine {
        StyledLine([StyledLine.Run(text: String(repeating: " ", count: columns), style: .plain)] + line.runs)
    }

    /// Under an edited call: the mark, and the arguments the model sent, so the edit is visible.
    static func editedLines(original: String, wrapper: WordWrapper, width: Int) -> [StyledLine] {
        let rows = wrapper.wrap("the model sent " + TextSanitizer.singleLine(original), width: max(1, width - 6))
        return [StyledLine("    " + CallMark.edited.text, CallMarkStyle.editedStyle)]
            + rows.map { StyledLine("      " + $0, Style(.dim)) }
    }

    /// A re-execution's changes, one `-`/`+` pair per changed JSON leaf (see `ResultDiff`).
    static func diffLines(_ lines: [ResultDiff.Line], wrapper: WordWrapper, width: Int) -> [StyledLine] {
        let shown = 12
        var out: [StyledLine] = []
        for line in lines.prefix(shown) {
            let style = Style(line.kind == .removed ? .error : .success)
            out += wrapper.wrap(TextSanitizer.clean(line.rendered), width: max(1, width - 6)).map { StyledLine("      " + $0, style) }
        }
        if lines.count > shown { out.append(StyledLine("      … \(lines.count - shown) more changed lines", Style(.dim))) }
        return out
    }

    static func liveLines(state: AppState, width: Int) -> [StyledLine] {
        let wrapper = WordWrapper(measure: state.measure)
        var out = [StyledLine([.init(text: "▌ assistant ", style: Style(.assistant, bold: true)),
                               .init(text: Spinner.frame(at: state.now) + " " + state.runState.label, style: Style(.dim))])]
        if let live = state.live {
            if !live.reasoning.isEmpty {
                out += wrapper.wrap("thinking: " + TextSanitizer.clean(live.reasoning), width: max(1, width - 2))
                    .map { StyledLine("  " + $0, Style(.dim)) }
            }
            if !live.text.isEmpty {
                out += wrapper.wrap(TextSanitizer.clean(live.text), width: max(1, width - 2)).map { StyledLine("  " + $0) }
            }
            for c in state.trace.streamingCalls {
                out += callLines(name: c.name ?? "", arguments: c.arguments, wrapper: wrapper, width: width)
            }
        }
        return out
    }
}

/// A braille spinner driven by the clock, so frames advance with ticks and tests can pin it.
public enum Spinner {
    static let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    public static func frame(at time: Double) -> String {
        guard time.isFinite, time >= 0 else { return frames[0] }
        return frames[Int(time * 10) % frames.count]
    }
}
