/// Counts identical calls (same name, same arguments) within one turn. Arguments are compared
/// as parsed JSON when they parse, so `{"a":1, "b":2}` and `{"b":2,"a":1}` are the same call.
struct RepeatedCallDetector {
    private var counts: [String: Int] = [:]

    /// Records the calls of one round and returns the first call whose count reached `limit`.
    mutating func record(_ calls: [ToolCall], limit: Int) -> (call: ToolCall, count: Int)? {
        var hit: (ToolCall, Int)?
        for call in calls {
            let key = call.name + "\u{0}" + Self.canonical(call.arguments)
            let n = (counts[key] ?? 0) + 1
            counts[key] = n
            if n >= limit, hit == nil { hit = (call, n) }
        }
        return hit
    }

    static func canonical(_ arguments: String) -> String {
        guard let value = try? JSONParser.parse(arguments) else { return arguments }
        return sorted(value).compact
    }

    private static func sorted(_ v: JSONValue) -> JSONValue {
        switch v {
        case .object(let o):
            var out = JSONObject()
            for key in o.keys.sorted() { out[key] = sorted(o[key]!) }
            return .object(out)
        case .array(let a): return .array(a.map(sorted))
        default: return v
        }
    }
}
