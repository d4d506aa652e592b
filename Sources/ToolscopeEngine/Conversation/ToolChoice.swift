import OrderedCollections

/// Every form of `tool_choice` the Chat Completions API accepts.
public enum ToolChoice: Sendable, Hashable {
    case auto
    case none
    case required
    /// Force one named function.
    case function(String)
    /// `{"type":"allowed_tools","allowed_tools":{"mode":…,"tools":[…]}}`.
    case allowedTools(mode: String, tools: [JSONValue])

    public var json: JSONValue {
        switch self {
        case .auto: return "auto"
        case .none: return "none"
        case .required: return "required"
        case .function(let name): return ["type": "function", "function": ["name": .string(name)]]
        case .allowedTools(let mode, let tools):
            return ["type": "allowed_tools", "allowed_tools": ["mode": .string(mode), "tools": .array(tools)]]
        }
    }

    /// True when the choice obliges the model to call a tool; the loop relaxes such a choice to
    /// `auto` once it has been honoured, so a forced call cannot repeat forever.
    public var forcesCall: Bool {
        switch self {
        case .required, .function: return true
        case .allowedTools(let mode, _): return mode == "required"
        case .auto, .none: return false
        }
    }

    /// A short label for status lines: "auto", "none", "required", "fn:get_weather", "allowed(2)".
    public var label: String {
        switch self {
        case .auto: return "auto"
        case .none: return "none"
        case .required: return "required"
        case .function(let name): return "fn:\(name)"
        case .allowedTools(let mode, let tools): return "allowed(\(tools.count),\(mode))"
        }
    }

    public init(json: JSONValue, path: String = "") throws(SchemaShapeError) {
        switch json {
        case .string("auto"): self = .auto
        case .string("none"): self = .none
        case .string("required"): self = .required
        case .object(let o):
            if o["type"]?.stringValue == "function", let name = o["function"]?["name"]?.stringValue {
                self = .function(name)
            } else if o["type"]?.stringValue == "allowed_tools", let at = o["allowed_tools"]?.objectValue,
                      let mode = at["mode"]?.stringValue, let tools = at["tools"]?.arrayValue {
                self = .allowedTools(mode: mode, tools: tools)
            } else {
                throw SchemaShapeError(path: path, message: "tool_choice object must be {\"type\":\"function\",\"function\":{\"name\":…}} or {\"type\":\"allowed_tools\",…}")
            }
        default:
            throw SchemaShapeError(path: path, message: "tool_choice must be \"auto\", \"none\", \"required\" or an object, not \(json.stringValue.map { "\"\($0)\"" } ?? json.kindDescription)")
        }
    }
}
