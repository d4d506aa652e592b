import ToolscopeEngine

/// Turns conversation messages into wrapped, styled rows. A *block* is one message, or the
/// live assistant message still streaming (always the last block).
///
/// A value made from the state by `init(_:)` holding exactly what the rows are made of. The
/// renderer draws with it and the reducer scrolls with it (so both agree on heights); the
/// wrapped rows of a message are cached in a `RenderContext`, keyed by its `MessageBlock`.
public struct ConversationLines {
    /// Tool results longer than this are folded unless expanded.
    public static let foldAfter = 4

    /// Everything one message's rows are made of: the cache's key. Two equal blocks always wrap
    /// to the same rows at the same width, so a changed message, name, status, edit, replay
    /// comparison or fold setting is a cache miss by itself.
    struct MessageBlock: Hashable, Sendable {
        var message: Message
        /// A tool message: the function of the call it answers, what happened to it, and how its
        /// re-execution compared with the recording (replay).
        var callName: String?
        var status: ToolOutcome.Status?
        var difference: ReexecutionComparison?
        /// An assistant message: the arguments the model sent, per call, for calls the user edited.
        var originals: [String?] = []
        /// Long tool results unfolded (Ctrl-R, or this one alone); false for other roles.
        var expanded = false
        /// This result alone was unfolded (a click or Ctrl-T): its rows end with a fold marker.
        var unfoldedAlone = false
        /// A click selected this message (what Copy as copies): its first row says so.
        var selected = false
        /// The keys a folded / unfolded-alone result names (those in force); "" for other roles.
        var expandKey = ""
        var foldKey = ""
    }

    /// The streaming assistant message: what arrived, and the spinner beside it.
    struct Live: Sendable {
        var turn: StreamingMessage
        var spinner: String
        var label: String
    }

    var messages: ArraySlice<Message>
    var live: Live?
    var callNames: [String: String]
    var trace: TraceModel
    let outcomes: CallOutcomes
    var callEdit: @Sendable (String) -> CallEdit?
    var differences: [String: ReexecutionComparison]
    var expanded: Bool
    /// Per-result folds that differ from `expanded`, by message index (true: unfolded).
    var folds: [Int: Bool]
    var expandKey: String
    var foldKey: String
    /// `AppState.selectedMessage`.
    var selected: Int?
    var measure: CellMeasure

    /// What the row under a folded result says, whatever key it names: a click on it unfolds
    /// that result (see `foldNote`).
    static let foldedMark = "more lines ("
    /// What the row under a result unfolded alone says: a click on it folds the result again.
    static let unfoldedMark = "▴ fold this result"

    public init(_ state: AppState) {
        messages = state.displayedMessages
        live = state.live.map { Live(turn: $0, spinner: Spinner.frame(at: state.now), label: state.runState.label) }
        callNames = state.callNames
        trace = state.trace
        outcomes = CallOutcomes(state.trace)
        let edits = state.replay?.recording.callEdits ?? state.session.callEdits
        callEdit = { edits[$0] }
        differences = state.replay?.differences ?? [:]
        expanded = state.expandResults
        folds = state.resultFolds
        selected = state.selectedMessage
        expandKey = Self.expandKey(state.keymap)
        foldKey = state.keymap.keyName(.foldResult, in: .conversation, usual: .ctrl("t"))
        measure = state.measure
    }

    public var blockCount: Int { messages.count + (live != nil ? 1 : 0) }

    /// The key that unfolds long results, as the fold line names it.
    static func expandKey(_ keymap: Keymap) -> String { keymap.keyName(.expandResults, in: .conversation, usual: .ctrl("r")) }

    /// The end of the row that stands for a folded result's hidden lines (a click on it expands).
    static func foldNote(key: String) -> String { "more lines (\(key) expands)" }

    /// The rows of `block` at `width`, from `context`'s cache when it has them (the live message
    /// is always wrapped afresh: it changes with every delta).
    func lines(block: Int, width: Int, context: RenderContext? = RenderContext.current) -> [StyledLine] {
        guard block < messages.count else { return liveLines(width: width) }
        let source = messageBlock(block)
        guard let context else { return Self.messageLines(source, width: width, measure: measure) }
        return context.messageLines(index: block, block: source, width: width) {
            Self.messageLines(source, width: width, measure: measure)
        }
    }

    /// Every row of the conversation at `width`, in order.
    func allRows(width: Int, context: RenderContext? = RenderContext.current) -> [StyledLine] {
        (0..<blockCount).flatMap { lines(block: $0, width: width, context: context) }
    }

    func messageBlock(_ block: Int) -> MessageBlock {
        let message = messages[messages.startIndex + block]
        var source = MessageBlock(message: message)
        source.selected = messages.startIndex + block == selected
        switch message.role {
        case .tool:
            source.callName = message.toolCallID.flatMap { callNames[$0] }
            source.status = CallMarkStyle.status(callID: message.toolCallID, content: message.displayText, outcomes: outcomes, edit: callEdit)
            source.difference = message.toolCallID.flatMap { differences[$0] }
            let alone = folds[messages.startIndex + block]
            source.expanded = alone ?? expanded
            source.unfoldedAlone = alone == true && !expanded
            source.expandKey = expandKey
            source.foldKey = foldKey
        case .assistant where !message.toolCalls.isEmpty:
            source.originals = message.toolCalls.map { callEdit($0.id)?.originalArguments }
        default:
            break
        }
        return source
    }

    static func messageLines(_ source: MessageBlock, width: Int, measure: CellMeasure) -> [StyledLine] {
        let message = source.message
        let wrapper = WordWrapper(measure: measure)
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
            for (i, call) in message.toolCalls.enumerated() {
                out += callLines(name: call.name, arguments: call.arguments, wrapper: wrapper, width: width)
                if i < source.originals.count, let original = source.originals[i] {
                    out += editedLines(original: original, wrapper: wrapper, width: width)
                }
            }
        case .tool:
            let name = source.callName ?? "tool"
            let content = TextSanitizer.clean(message.displayText)
            let status = source.status ?? .ok
            let isError = status.isError
            out.append(StyledLine([.init(text: "  ↳ ", style: Style(.tool)),
                                   .init(text: name, style: Style(.tool, bold: true)),
                                   .init(text: " " + status.mark.text, style: CallMarkStyle.style(status))]))
            var rows = jsonRows(content, width: max(1, width - 4), measure: measure, style: isError ? Style(.error) : nil)
                ?? wrapper.wrap(content, width: max(1, width - 4)).map { StyledLine($0, Style(isError ? .error : .text)) }
            if !source.expanded, rows.count > foldAfter {
                let hidden = rows.count - (foldAfter - 1)
                rows = Array(rows.prefix(foldAfter - 1))
                out += rows.map { indented($0, by: 4) }
                out.append(StyledLine("    … \(hidden) " + foldNote(key: source.expandKey), Style(.dim)))
            } else {
                out += rows.map { indented($0, by: 4) }
                if source.unfoldedAlone, rows.count > foldAfter {
                    out.append(StyledLine("    \(unfoldedMark) (click or \(source.foldKey))", Style(.dim)))
                }
            }
            if let diff = source.difference {
                if diff.matches {
                    out.append(StyledLine("    = re-executed result matches the recording", Style(.success)))
                } else {
                    out.append(StyledLine("    ≠ re-executed result differs from the recording:", Style(.warning, bold: true)))
                    out += diffLines(diff.lines, wrapper: wrapper, width: width)
                }
            }
        }
        if source.selected, !out.isEmpty { out[0].append("  ◀ selected", Style(.warning, bold: true)) }
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

    func liveLines(width: Int) -> [StyledLine] {
        let wrapper = WordWrapper(measure: measure)
        guard let live else { return [] }
        var out = [StyledLine([.init(text: "▌ assistant ", style: Style(.assistant, bold: true)),
                               .init(text: live.spinner + " " + live.label, style: Style(.dim))])]
        let turn = live.turn
        if !turn.reasoning.isEmpty {
            out += wrapper.wrap("thinking: " + TextSanitizer.clean(turn.reasoning), width: max(1, width - 2))
                .map { StyledLine("  " + $0, Style(.dim)) }
        }
        if !turn.text.isEmpty {
            out += wrapper.wrap(TextSanitizer.clean(turn.text), width: max(1, width - 2)).map { StyledLine("  " + $0) }
        }
        for c in trace.streamingCalls {
            out += Self.callLines(name: c.name ?? "", arguments: c.arguments, wrapper: wrapper, width: width)
        }
        return out
    }
}

/// What happened to each call of a trace, by tool_call_id, for one `ConversationLines`: read
/// from the newest turn back only as far as a lookup needs, and remembered. The rows on screen
/// are usually the newest (a few calls read), and a search over every row reads the trace once,
/// where a scan per tool message would read it once per message.
final class CallOutcomes {
    private let turns: [TraceModel.Turn]
    /// Turns not read yet: `turns[..<unread]`.
    private var unread: Int
    private var statuses: [String: ToolOutcome.Status?] = [:]

    init(_ trace: TraceModel) {
        turns = trace.turns
        unread = turns.count
    }

    /// The status of call `id`'s outcome; nil while it runs or when the trace has no such call.
    /// The same answer as `TraceModel.call(id:)`: a later turn's call wins.
    func status(of id: String) -> ToolOutcome.Status? {
        while statuses[id] == nil, unread > 0 {
            unread -= 1
            for entry in turns[unread].entries {
                guard case .round(let round) = entry else { continue }
                for call in round.calls where statuses[call.id] == nil { statuses[call.id] = .some(call.outcome?.status) }
            }
        }
        return statuses[id] ?? nil
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
