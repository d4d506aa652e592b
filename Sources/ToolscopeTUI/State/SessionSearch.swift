import ToolscopeEngine

/// A search across the whole session (Shift-F3): every conversation message and every traced
/// tool call whose text holds the query, case ignored, in order. A pure value, so what is found
/// is tested without a screen; the dialog that lists the hits is `SessionSearchState`.
public struct SessionSearch: Sendable {
    /// Where a hit is: the message at an index of the conversation, or a call of the trace.
    public enum Place: Sendable, Hashable {
        case message(index: Int)
        case call(turn: Int, entry: Int, call: Int)
    }

    public struct Hit: Sendable, Hashable {
        public var place: Place
        /// "#3 user" or "round 2 · get_weather · arguments".
        public var label: String
        /// The matching text around the first occurrence, on one line.
        public var snippet: String
    }

    /// Characters of context kept on each side of the match in a snippet.
    static let context = 40

    /// The hits for `query` in `messages` (the conversation as shown) and `trace` (its calls'
    /// arguments and results). An empty query finds nothing.
    public static func find(_ query: String, messages: [Message], trace: TraceModel) -> [Hit] {
        guard !query.isEmpty else { return [] }
        var hits: [Hit] = []
        for (i, message) in messages.enumerated() {
            if let snippet = snippet(of: query, in: text(of: message)) {
                hits.append(Hit(place: .message(index: i), label: "#\(i + 1) \(message.role.rawValue)", snippet: snippet))
            }
        }
        for (t, turn) in trace.turns.enumerated() {
            for (e, entry) in turn.entries.enumerated() {
                guard case .round(let round) = entry else { continue }
                for (c, call) in round.calls.enumerated() {
                    let fields = [("name", call.name), ("arguments", call.arguments), ("result", call.outcome?.content ?? "")]
                    guard let (field, snippet) = fields.lazy.compactMap({ field, text in snippet(of: query, in: text).map { (field, $0) } }).first
                    else { continue }
                    let where_ = round.isTry ? "try" : "round \(round.number)"
                    hits.append(Hit(place: .call(turn: t, entry: e, call: c),
                                    label: "\(where_) · \(TextSanitizer.singleLine(call.name)) · \(field)", snippet: snippet))
                }
            }
        }
        return hits
    }

    /// What a message's search sees: its text and its tool calls' names and arguments.
    static func text(of message: Message) -> String {
        ([message.displayText] + message.toolCalls.map { "\($0.name)(\($0.arguments))" }).joined(separator: " ")
    }

    /// The text around the first occurrence of `query` on one line, with "…" where it was cut;
    /// nil when `text` does not hold it.
    static func snippet(of query: String, in text: String) -> String? {
        let line = TextSanitizer.singleLine(text)
        guard let first = TextSearch.ranges(of: query, in: line).first else { return nil }
        let chars = Array(line)
        let start = max(0, first.lowerBound - context)
        let end = min(chars.count, first.upperBound + context)
        return (start > 0 ? "…" : "") + String(chars[start..<end]) + (end < chars.count ? "…" : "")
    }
}

/// The session-wide search's dialog: the hits, the selected one; Enter jumps there.
public struct SessionSearchState: Sendable {
    public var query: String
    public var hits: [SessionSearch.Hit]
    public var selected = 0
}
