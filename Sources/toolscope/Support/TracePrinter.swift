import Foundation
import ToolscopeEngine

/// Prints the loop's trace for people (rounds, calls with arguments, results, timings, the
/// streamed answer) or as JSON lines (`--json`). Events arrive in order from the loop's queue.
final class TracePrinter: @unchecked Sendable {
    enum Style { case readable, jsonLines }

    private let style: Style
    private let lock = NSLock()
    /// What the line being streamed shows ("assistant", "thinking", "refusal"); nil when none is open.
    private var streaming: String?
    private var turnStart: Double = 0
    private var usage: Usage?
    /// Result bodies longer than this are shortened in readable output (the JSON output is never cut).
    private let resultLimit = 600

    init(style: Style) { self.style = style }

    func handle(_ event: TraceEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch style {
        case .jsonLines: Console.out(event.json.compact + "\n")
        case .readable: readable(event)
        }
    }

    private func endStream() {
        if streaming != nil { Console.out("\n"); streaming = nil }
    }

    /// Streams `text` on a line labelled `label`; another label starts a new line, so reasoning
    /// and the answer never run together.
    private func stream(_ label: String, _ text: String) {
        if streaming != label {
            endStream()
            Console.out("   \(label): ")
            streaming = label
        }
        Console.out(Sanitizer.clean(text))
    }

    private func readable(_ event: TraceEvent) {
        switch event.kind {
        case .turnStarted(let text):
            turnStart = event.time
            usage = nil
            Console.out("▶ user: \(Sanitizer.clean(text))\n")
        case .requestSent(let url, _, let body, let attempt):
            endStream()
            let tools = body["tools"]?.arrayValue?.count ?? 0
            let choice = body["tool_choice"].map { $0.stringValue ?? $0.compact } ?? "-"
            let retry = attempt > 1 ? " (attempt \(attempt))" : ""
            // Responses sends `input` items, and names the answer it continues when it does.
            let sent = body["input"]?.arrayValue.map { "\($0.count) input items" + (body["previous_response_id"]?.stringValue.map { " after \($0)" } ?? "") }
                ?? "\(body["messages"]?.arrayValue?.count ?? 0) messages"
            Console.out("── round \(event.round) ── request to \(url)\(retry): \(sent), \(tools) tools, tool_choice \(choice)\n")
        case .responseStarted(let status, _, _):
            if status != 200 { Console.out("   HTTP \(status)\n") }
        case .contentDelta(let text):
            stream("assistant", text)
        case .refusalDelta(let text):
            stream("refusal", text)
        case .reasoningDelta(let text):
            stream("thinking", text)
        case .toolCallDelta:
            break
        case .retrying(let attempt, let delay, let reason):
            endStream()
            Console.out("   ↻ retry \(attempt) in \(Self.duration(delay)): \(reason)\n")
        case .assistantMessage(let message, let finish, let latency, let ttft, _):
            endStream()
            let first = ttft.map { ", first token \(Self.duration($0))" } ?? ""
            if message.toolCalls.isEmpty {
                if message.displayText.isEmpty { Console.out("   assistant: (empty)\n") }
                Console.out("   ✓ answer (finish_reason \(finish ?? "none"), \(Self.duration(latency))\(first))\n")
            } else {
                Console.out("   assistant asks for \(message.toolCalls.count) tool call\(message.toolCalls.count == 1 ? "" : "s") (finish_reason \(finish ?? "none"), \(Self.duration(latency))\(first))\n")
            }
        case .usage(let u):
            usage = usage.map { $0 + u } ?? u
        case .callStarted(let id, let name, let arguments):
            Console.out("   ⚙ \(Sanitizer.clean(name))(\(Sanitizer.clean(arguments)))  [\(Sanitizer.clean(id))]\n")
        case .callValidated(let id, let problems):
            if !problems.isEmpty {
                Console.out("     ✗ \(Sanitizer.clean(id)) invalid arguments:\n")
                for p in problems { Console.out("       - \(Sanitizer.clean(p))\n") }
            }
        case .callFinished(let id, let name, let duration, let outcome):
            let mark = outcome.status.mark
            var content = Sanitizer.clean(outcome.content)
            if content.count > resultLimit { content = String(content.prefix(resultLimit)) + "… (\(outcome.content.count) chars)" }
            Console.out("     \(mark.symbol) \(Sanitizer.clean(name)) [\(Sanitizer.clean(id))] \(mark.word), \(Self.duration(duration)): \(content)\n")
            for line in outcome.logs { Console.out("       log: \(Sanitizer.clean(line))\n") }
        case .callEdited(let id, let name, let original, let edited):
            Console.out("   \(CallMark.edited.text): \(Sanitizer.clean(name)) [\(Sanitizer.clean(id))] the model sent \(Sanitizer.clean(original)), ran \(Sanitizer.clean(edited))\n")
        case .callQueued(let id, let name):
            Console.out("     ⏳ \(Sanitizer.clean(name)) [\(Sanitizer.clean(id))] queued: the tool process limit is reached\n")
        case .callDequeued(let id, let waited):
            Console.out("     ▷ [\(Sanitizer.clean(id))] started after \(Self.duration(waited)) in the queue\n")
        case .callAwaitingApproval(_, let name, let reason):
            Console.out("     … \(Sanitizer.clean(name)): \(reason)\n")
        case .warning(let text):
            endStream()
            Console.out("   ⚠ \(Sanitizer.clean(text))\n")
        case .error(let text, let partial):
            endStream()
            Console.out("   ✗ error: \(Sanitizer.clean(text))\n")
            if let partial, let note = PartialResponseNote.sentence(text: Sanitizer.clean(partial.displayText.prefix(200).description),
                                                                    toolCallCount: partial.toolCalls.count) {
                Console.out("     (\(note))\n")
            }
        case .guardStop(let reason):
            endStream()
            Console.out("   ■ \(Sanitizer.clean(reason))\n")
        case .turnFinished(let reason):
            endStream()
            let tokens = usage.map { ", tokens \($0.promptTokens) in / \($0.completionTokens) out" } ?? ""
            Console.out("■ \(reason) after \(event.round) round\(event.round == 1 ? "" : "s") (\(Self.duration(event.time - turnStart))\(tokens))\n")
        case .messageAppended, .unrecognized:
            break
        }
    }

    static func duration(_ seconds: Double) -> String {
        if seconds < 0.001 { return String(format: "%.0f µs", seconds * 1e6) }
        if seconds < 1 { return String(format: "%.1f ms", seconds * 1e3) }
        return String(format: "%.2f s", seconds)
    }
}

/// Tool output and model text are untrusted: control characters and escape sequences are
/// shown as visible escapes so they can never drive the terminal, and bidirectional controls
/// (embeddings, overrides, isolates, LRM/RLM/ALM) likewise, so they cannot reorder what a
/// person reads (a U+202E in a result could make `exe.txt` show as `txt.exe`).
enum Sanitizer {
    static func clean(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: out.unicodeScalars.append(scalar)
            case 0x00..<0x20, 0x7F, 0x80..<0xA0: out += "\\u{\(String(scalar.value, radix: 16))}"
            case _ where scalar.isBidiControl: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
