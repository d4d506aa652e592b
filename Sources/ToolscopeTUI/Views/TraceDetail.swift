import Foundation
import ToolscopeEngine

/// Builds the detail view for a trace row: the exact request and response JSON of a round, or a
/// call's arguments, validation report, timing and result. Headers and bodies arrive redacted
/// from the provider; this view adds nothing secret.
enum TraceDetail {
    static func make(for row: TraceRow, state: AppState) -> DetailState? {
        let trace = state.trace
        switch row {
        case .round(let t, let e):
            guard case .round(let r) = trace.turns[t].entries[e] else { return nil }
            return DetailState(title: r.number == 0 ? "Try" : "Round \(r.number)", lines: roundLines(r))
        case .call(let t, let e, let c):
            guard case .round(let r) = trace.turns[t].entries[e], c < r.calls.count else { return nil }
            return DetailState(title: "Call \(r.calls[c].name)", lines: callLines(r.calls[c]))
        case .streamingCall(let t, let e, let s):
            guard case .round(let r) = trace.turns[t].entries[e], s < r.streamed.count else { return nil }
            let call = r.streamed.ordered[s]
            var lines = [heading("Arguments so far (still streaming)")]
            lines += TextSanitizer.clean(call.arguments).components(separatedBy: "\n").map { StyledLine($0) }
            return DetailState(title: "Call \(call.name ?? "…") (streaming)", lines: lines)
        case .note(let t, let e):
            guard case .note(let n) = trace.turns[t].entries[e] else { return nil }
            return DetailState(title: n.kind == .error ? "Error" : "Warning", lines: TextSanitizer.clean(n.text).components(separatedBy: "\n").map { StyledLine($0) })
        case .turn(let t):
            let turn = trace.turns[t]
            var lines = [heading("User message")]
            lines += TextSanitizer.clean(turn.userMessage).components(separatedBy: "\n").map { StyledLine($0) }
            lines.append(StyledLine(""))
            lines.append(StyledLine("ended: \(turn.finishReason ?? "running")"))
            return DetailState(title: "Turn \(t + 1)", lines: lines)
        }
    }

    static func heading(_ text: String) -> StyledLine { StyledLine("── " + text + " ──", Style(.accent, bold: true)) }

    static func roundLines(_ r: TraceModel.Round) -> [StyledLine] {
        var lines: [StyledLine] = [heading("Timing")]
        lines.append(StyledLine("latency \(r.latency.map(Format.seconds) ?? "–")   time to first token \(r.timeToFirstToken.map(Format.seconds) ?? "–")"))
        if let u = r.usage {
            lines.append(StyledLine("tokens: prompt \(u.promptTokens), completion \(u.completionTokens), total \(u.totalTokens)"
                                    + (u.cachedTokens.map { ", cached \($0)" } ?? "") + (u.reasoningTokens.map { ", reasoning \($0)" } ?? "")))
        }
        lines.append(StyledLine("finish_reason: \(r.finishReason ?? "–")   HTTP status: \(r.status.map(String.init) ?? "–")"))
        for retry in r.retries { lines.append(StyledLine("retry: " + TextSanitizer.singleLine(retry), Style(.warning))) }
        if let error = r.error { lines.append(StyledLine("error: " + TextSanitizer.singleLine(error), Style(.error, bold: true))) }
        lines.append(StyledLine(""))
        lines.append(heading("Request" + (r.url.map { "  POST " + TextSanitizer.singleLine($0) } ?? "")))
        lines += headerLines(r.requestHeaders)
        if let body = r.request { lines += JSONLines.pretty(body) } else { lines.append(StyledLine("(not recorded)", Style(.dim))) }
        lines.append(StyledLine(""))
        lines.append(heading("Response" + (r.status.map { "  HTTP \($0)" } ?? "")))
        lines += headerLines(r.responseHeaders)
        if let raw = r.rawBody, !raw.isEmpty {
            lines += JSONLines.pretty(raw)
        } else if let m = r.responseMessage {
            lines += JSONLines.pretty(m.json)
        } else {
            lines.append(StyledLine(r.finished ? "(no body)" : "(waiting…)", Style(.dim)))
        }
        return lines
    }

    /// Headers sorted by name, one per line, then a blank line; values arrive masked from the
    /// provider, and are sanitised here so a hostile server cannot move the cursor.
    static func headerLines(_ headers: [String: String]) -> [StyledLine] {
        guard !headers.isEmpty else { return [] }
        var lines = headers.sorted { $0.key.lowercased() < $1.key.lowercased() }.map { name, value in
            var line = StyledLine(TextSanitizer.singleLine(name) + ": ", Style(.dim))
            line.append(TextSanitizer.singleLine(value), .plain)
            return line
        }
        lines.append(StyledLine(""))
        return lines
    }

    static func callLines(_ c: TraceModel.Call) -> [StyledLine] {
        var lines: [StyledLine] = [heading("Call")]
        lines.append(StyledLine("name: " + TextSanitizer.singleLine(c.name) + "   id: " + TextSanitizer.singleLine(c.id)))
        lines.append(StyledLine("duration: " + (c.duration.map(Format.seconds) ?? "running")))
        if let waiting = c.awaitingApproval { lines.append(StyledLine("waiting: " + waiting, Style(.warning))) }
        if let o = c.outcome { lines.append(StyledLine("status: " + o.status.mark.text, CallMarkStyle.style(o.status))) }
        if c.queuedSince != nil { lines.append(StyledLine("queued: waiting for a free tool process slot", Style(.warning))) }
        if let waited = c.waited { lines.append(StyledLine("queued for: " + Format.seconds(waited) + " (included in the duration)")) }
        lines.append(StyledLine(""))
        lines.append(heading(c.editedFrom == nil ? "Arguments" : "Arguments (" + CallMark.edited.word + ")"))
        lines += JSONLines.pretty(c.arguments.isEmpty ? "{}" : c.arguments)
        if let original = c.editedFrom {
            lines.append(StyledLine(""))
            lines.append(heading("Arguments the model sent"))
            lines += JSONLines.pretty(original.isEmpty ? "{}" : original)
        }
        lines.append(StyledLine(""))
        lines.append(heading("Validation"))
        switch c.problems {
        case nil: lines.append(StyledLine("not validated yet", Style(.dim)))
        case let problems? where problems.isEmpty: lines.append(StyledLine("✓ arguments match the schema", Style(.success)))
        case let problems?:
            for p in problems { lines.append(StyledLine("✖ " + TextSanitizer.singleLine(p), Style(.error))) }
        }
        if let o = c.outcome {
            lines.append(StyledLine(""))
            lines.append(heading(o.status == .ok ? "Result" : "Result (" + o.status.mark.word + ")"))
            lines += JSONLines.pretty(o.content)
            if !o.logs.isEmpty {
                lines.append(StyledLine(""))
                lines.append(heading("Logs"))
                for log in o.logs { lines += TextSanitizer.clean(log).components(separatedBy: "\n").map { StyledLine($0, Style(.dim)) } }
            }
            if let d = o.details {
                lines.append(StyledLine(""))
                lines.append(heading("Details"))
                lines += JSONLines.pretty(d)
            }
        }
        return lines
    }
}
