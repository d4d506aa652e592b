import ToolscopeEngine

/// The trace tree flattened into selectable rows. Rows are cheap identities; the text of a row
/// is formatted only when it is on screen.
public enum TraceRow: Hashable, Sendable {
    case turn(Int)
    case round(turn: Int, entry: Int)
    case call(turn: Int, entry: Int, call: Int)
    /// A call of the response still streaming: its arguments grow as they arrive.
    case streamingCall(turn: Int, entry: Int, index: Int)
    case note(turn: Int, entry: Int)

    /// Key used to remember folded rounds.
    var foldKey: String? {
        if case .round(let t, let e) = self { return "\(t):\(e)" }
        return nil
    }

    public static func build(_ state: AppState) -> [TraceRow] { build(state.trace, folded: state.traceFolded) }

    /// The rows of `trace` with the rounds in `folded` ("turn:entry") showing no calls.
    static func build(_ trace: TraceModel, folded: Set<String>) -> [TraceRow] {
        var rows: [TraceRow] = []
        for (t, turn) in trace.turns.enumerated() {
            rows.append(.turn(t))
            for (e, entry) in turn.entries.enumerated() {
                switch entry {
                case .round(let round):
                    rows.append(.round(turn: t, entry: e))
                    if !folded.contains("\(t):\(e)") {
                        for c in round.calls.indices { rows.append(.call(turn: t, entry: e, call: c)) }
                        for s in round.streamed.ordered.indices { rows.append(.streamingCall(turn: t, entry: e, index: s)) }
                    }
                case .note:
                    rows.append(.note(turn: t, entry: e))
                }
            }
        }
        return rows
    }

    /// The styled text of this row.
    public func line(in state: AppState) -> StyledLine { line(trace: state.trace, folded: state.traceFolded, now: state.now) }

    /// The styled text of this row of `trace`; `now` turns spinners and running times.
    func line(trace: TraceModel, folded: Set<String>, now: Double) -> StyledLine {
        switch self {
        case .turn(let t):
            let turn = trace.turns[t]
            var line = StyledLine("▸ ", Style(.accent))
            // The outcome goes first so a narrow pane still shows it.
            if let reason = turn.finishReason {
                line.append(reason + " ", Style(reason == "answered" || reason == "tried" ? .success : reason == "error" ? .error : .warning, bold: true))
            }
            line.append(turn.userMessage.isEmpty ? "turn \(t + 1)" : "\"" + TextSanitizer.singleLine(turn.userMessage) + "\"", Style(.user, bold: true))
            return line
        case .round(let t, let e):
            guard case .round(let r) = trace.turns[t].entries[e] else { return StyledLine() }
            var line = StyledLine(folded.contains("\(t):\(e)") ? "  ▸ " : "  ▾ ", Style(.dim))
            line.append(r.number == 0 ? "try" : "round \(r.number)", Style(.title, bold: true))
            if r.error != nil {
                line.append("  ✖ failed", Style(.error))
            } else if !r.finished {
                line.append("  " + Spinner.frame(at: now) + " " + Format.seconds(max(0, now - r.startedAt)), Style(.statusBusy))
            }
            if let latency = r.latency { line.append("  " + Format.seconds(latency), Style.plain) }
            if let ttft = r.timeToFirstToken { line.append("  ttft " + Format.seconds(ttft), Style(.dim)) }
            if let u = r.usage { line.append("  \(Format.count(u.promptTokens))↑ \(Format.count(u.completionTokens))↓", Style(.dim)) }
            if let f = r.finishReason { line.append("  " + f, Style(f == "stop" || f == "tool_calls" ? .success : .warning)) }
            if !r.retries.isEmpty { line.append("  \(r.retries.count) retr\(r.retries.count == 1 ? "y" : "ies")", Style(.warning)) }
            return line
        case .call(let t, let e, let c):
            guard case .round(let r) = trace.turns[t].entries[e], c < r.calls.count else { return StyledLine() }
            let call = r.calls[c]
            var line = StyledLine(c == r.calls.count - 1 ? "    └ " : "    ├ ", Style(.dim))
            line.append(TextSanitizer.singleLine(call.name), Style(.toolCall, bold: true))
            line.append(" " + TextSanitizer.singleLine(call.arguments), Style(.toolCall))
            // One mark says what happened (ok, error, timed out, disabled, denied, typed); an
            // edit is marked in addition. Valid arguments earn no mark of their own: a ✓ there
            // once sat next to calls that then timed out.
            if call.editedFrom != nil { line.append("  " + CallMark.edited.text, CallMarkStyle.editedStyle) }
            if let problems = call.problems, !problems.isEmpty {
                line.append("  ✖ \(problems.count) problem\(problems.count == 1 ? "" : "s")", Style(.error))
            }
            if let waiting = call.awaitingApproval {
                line.append("  ⏸ " + waiting, Style(.warning))
            } else if let outcome = call.outcome {
                // ✓ alone says ok and keeps narrow panes readable; every other mark needs its word.
                let mark = outcome.status.mark
                line.append("  " + (outcome.status == .ok ? mark.symbol : mark.text), CallMarkStyle.style(outcome.status))
                line.append("  " + Format.seconds(call.duration ?? 0), Style(.dim))
                line.append("  → " + TextSanitizer.singleLine(outcome.content), Style(outcome.isError ? .error : .text))
            } else if let since = call.queuedSince {
                line.append("  ⏳ queued " + Format.seconds(max(0, now - since)), Style(.warning))
            } else {
                line.append("  " + Spinner.frame(at: now) + " " + Format.seconds(max(0, now - call.startedAt)), Style(.statusBusy))
            }
            return line
        case .streamingCall(let t, let e, let s):
            guard case .round(let r) = trace.turns[t].entries[e] else { return StyledLine() }
            let streamed = r.streamed.ordered
            guard s < streamed.count else { return StyledLine() }
            var line = StyledLine(s == streamed.count - 1 ? "    └ " : "    ├ ", Style(.dim))
            line.append(TextSanitizer.singleLine(streamed[s].name ?? "…"), Style(.toolCall, bold: true))
            line.append(" " + TextSanitizer.singleLine(streamed[s].arguments), Style(.toolCall))
            line.append("  " + Spinner.frame(at: now) + " streaming", Style(.statusBusy))
            return line
        case .note(let t, let e):
            guard case .note(let n) = trace.turns[t].entries[e] else { return StyledLine() }
            switch n.kind {
            case .warning: return StyledLine("  ⚠ " + TextSanitizer.singleLine(n.text), Style(.warning, bold: true))
            case .error: return StyledLine("  ✖ " + TextSanitizer.singleLine(n.text), Style(.error, bold: true))
            case .info: return StyledLine("  · " + TextSanitizer.singleLine(n.text), Style(.dim))
            }
        }
    }
}
