import OrderedCollections

/// A tool definition exactly as the user wrote it: `{"type":"function","function":{name,
/// description, parameters, strict}}`. The raw JSON is the source of truth so key order and
/// unknown keys (including `{"type":"custom"}` tools) survive editing and saving.
public struct ToolDefinition: Sendable, Hashable {
    public var raw: JSONValue

    public init(raw: JSONValue) { self.raw = raw }

    public init(name: String, description: String?, parameters: JSONValue?, strict: Bool? = nil) {
        var fn = JSONObject()
        fn["name"] = .string(name)
        if let description { fn["description"] = .string(description) }
        if let parameters { fn["parameters"] = parameters }
        if let strict { fn["strict"] = .bool(strict) }
        raw = ["type": "function", "function": .object(fn)]
    }

    /// Accepts the full form, or the bare function object `{"name",…}` that many docs show.
    public static func normalized(_ json: JSONValue) -> JSONValue {
        if let o = json.objectValue, o["type"] == nil, o["function"] == nil, o["name"] != nil {
            return ["type": "function", "function": json]
        }
        return json
    }

    public var function: JSONObject? { raw["function"]?.objectValue }
    public var name: String { function?["name"]?.stringValue ?? raw["name"]?.stringValue ?? raw["custom"]?["name"]?.stringValue ?? "" }
    public var description: String? { function?["description"]?.stringValue }
    public var parameters: JSONValue? { function?["parameters"] }
    public var isStrict: Bool { function?["strict"]?.boolValue ?? false }
    public var isFunction: Bool { raw["type"]?.stringValue == "function" }

    /// A copy renamed (the raw JSON keeps its key order).
    public func renamed(_ newName: String) -> ToolDefinition {
        guard case .object(var o) = raw, case .object(var fn)? = o["function"] else { return self }
        fn["name"] = .string(newName)
        o["function"] = .object(fn)
        return ToolDefinition(raw: .object(o))
    }
}
