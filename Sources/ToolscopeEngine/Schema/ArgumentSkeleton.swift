/// Builds an arguments document from a JSON Schema so a tool can be tried without a model:
/// required properties are filled with typed placeholders (enum's first value, const, default,
/// or an obvious "<name>" string), optional ones are left for the user to add.
public enum ArgumentSkeleton {
    public static func make(for schema: JSONValue?, depth: Int = 0) -> JSONValue {
        make(schema, name: "value", depth: depth)
    }

    static func make(_ schema: JSONValue?, name: String, depth: Int) -> JSONValue {
        guard let schema, let o = schema.objectValue, depth < 12 else { return .object([:]) }
        if let c = o["const"] { return c }
        if let d = o["default"] { return d }
        if let e = o["enum"]?.arrayValue, let first = e.first { return first }
        for key in ["anyOf", "oneOf", "allOf"] {
            if let options = o[key]?.arrayValue,
               let first = options.first(where: { $0["type"]?.stringValue != "null" }) ?? options.first {
                return make(first, name: name, depth: depth + 1)
            }
        }
        let type: String? = o["type"]?.stringValue
            ?? o["type"]?.arrayValue?.compactMap(\.stringValue).first { $0 != "null" }
            ?? (o["properties"] != nil ? "object" : nil)
        switch type {
        case "object":
            var out = JSONObject()
            let required = Set(o["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            for (key, sub) in o["properties"]?.objectValue ?? [:] where required.contains(key) {
                out[key] = make(sub, name: key, depth: depth + 1)
            }
            return .object(out)
        case "array":
            let count = o["minItems"]?.intValue ?? 0
            return .array(Array(repeating: make(o["items"], name: name, depth: depth + 1), count: min(count, 3)))
        case "string":
            switch o["format"]?.stringValue {
            case "date": return "2025-01-31"
            case "date-time": return "2025-01-31T12:00:00Z"
            case "email": return "someone@example.com"
            case "uri": return "https://example.com"
            default: return .string("<\(name)>")
            }
        case "integer": return .number(Double(o["minimum"]?.intValue ?? 0))
        case "number": return .number(o["minimum"]?.doubleValue ?? 0)
        case "boolean": return false
        case "null": return .null
        default: return .object([:])
        }
    }
}
