import OrderedCollections

/// What runs when the model calls a tool. Stored in the session beside the definition.
///
/// `builtin`, `mock` and `manual` are run by the engine itself. `external` kinds (`python`,
/// `command`, `mcp`) execute user code, are interpreted by the ToolscopeExternalTools module,
/// and stay disabled until the user trusts the session file.
public enum ToolBindingSpec: Sendable, Hashable {
    /// A tool of the `BuiltinToolSet` the front end passes in, by name (toolscope's: the demo tools).
    case builtin(String)
    /// A fixed result, returned as the tool message content (strings as is, other JSON compact).
    case mock(JSONValue)
    /// The user supplies the result (a prompt on stdin in the CLI, a dialog in the TUI).
    case manual
    /// Runs user code; `kind` is "python", "command" or "mcp", `config` the rest of the binding object.
    case external(kind: String, config: JSONObject)

    /// True for bindings that run code from outside toolscope and therefore need trust.
    public var executesUserCode: Bool { if case .external = self { return true }; return false }

    public var json: JSONValue {
        switch self {
        case .builtin(let name): return ["kind": "builtin", "name": .string(name)]
        case .mock(let result): return ["kind": "mock", "result": result]
        case .manual: return ["kind": "manual"]
        case .external(let kind, let config):
            var o: JSONObject = ["kind": .string(kind)]
            for (k, v) in config where k != "kind" { o[k] = v }
            return .object(o)
        }
    }

    public init(json: JSONValue, path: String = "") throws(SchemaShapeError) {
        let what = "a binding must be an object with a string \"kind\" (builtin, mock, manual, python, command, mcp)"
        guard case .object(let o) = json else { throw SchemaShapeError(path: path, message: what + ", not \(json.kindDescription)") }
        guard case .string(let kind)? = o["kind"] else { throw SchemaShapeError(path: o["kind"] == nil ? path : path + "/kind", message: what) }
        switch kind {
        case "builtin":
            guard let name = o["name"] else { throw SchemaShapeError(path: path, message: "a builtin binding needs a string \"name\"") }
            guard case .string(let s) = name else {
                throw SchemaShapeError(path: path + "/name", message: "name must be a string, not \(name.kindDescription)")
            }
            self = .builtin(s)
        case "mock": self = .mock(o["result"] ?? .null)
        case "manual": self = .manual
        case "python", "command", "mcp":
            var config = o
            config.removeValue(forKey: "kind")
            self = .external(kind: kind, config: config)
        default:
            throw SchemaShapeError(path: path + "/kind", message: "unknown binding kind \"\(kind)\"; expected builtin, mock, manual, python, command or mcp")
        }
    }

    /// The members of a binding object that this spec does not carry (an external binding
    /// carries them all), so a session tool can write them back.
    static func unknownKeys(of json: JSONValue, for spec: ToolBindingSpec) -> JSONObject {
        guard case .object(let o) = json else { return [:] }
        let known: Set<String>
        switch spec {
        case .builtin: known = ["kind", "name"]
        case .mock: known = ["kind", "result"]
        case .manual: known = ["kind"]
        case .external: return [:]
        }
        var extra = JSONObject()
        for (k, v) in o where !known.contains(k) { extra[k] = v }
        return extra
    }
}
