import OrderedCollections

/// An OpenAI chat message, exactly: what toolscope sends and saves pastes straight into user code.
///
/// `content` is the text (or `nil`, as an assistant message with only tool calls has). When a
/// loaded message had array content (multi-part), `contentParts` keeps it so nothing is lost.
/// Keys toolscope does not model are kept in `extra` and written back.
public struct Message: Sendable, Hashable {
    public var role: Role
    public var content: String?
    public var contentParts: [JSONValue]?
    public var name: String?
    public var toolCalls: [ToolCall]
    public var toolCallID: String?
    public var refusal: String?
    public var extra: JSONObject

    public init(role: Role, content: String?, name: String? = nil, toolCalls: [ToolCall] = [],
                toolCallID: String? = nil, refusal: String? = nil, extra: JSONObject = [:]) {
        self.role = role
        self.content = content
        self.name = name
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
        self.refusal = refusal
        self.extra = extra
    }

    public static func system(_ text: String) -> Message { Message(role: .system, content: text) }
    public static func user(_ text: String) -> Message { Message(role: .user, content: text) }
    public static func assistant(_ text: String?, toolCalls: [ToolCall] = []) -> Message {
        Message(role: .assistant, content: text, toolCalls: toolCalls)
    }
    public static func tool(callID: String, content: String) -> Message {
        Message(role: .tool, content: content, toolCallID: callID)
    }

    /// Text for display: content, or the joined text parts, or the refusal.
    public var displayText: String {
        if let content { return content }
        if let parts = contentParts {
            return parts.compactMap { $0["text"]?.stringValue }.joined(separator: "\n")
        }
        return refusal ?? ""
    }

    /// The message as the Chat Completions API expects it.
    public var json: JSONValue {
        var o = JSONObject()
        o["role"] = .string(role.rawValue)
        if let parts = contentParts {
            o["content"] = .array(parts)
        } else if let content {
            o["content"] = .string(content)
        } else {
            o["content"] = .null
        }
        if let name { o["name"] = .string(name) }
        if !toolCalls.isEmpty { o["tool_calls"] = .array(toolCalls.map(\.json)) }
        if let toolCallID { o["tool_call_id"] = .string(toolCallID) }
        if let refusal { o["refusal"] = .string(refusal) }
        for (k, v) in extra where o[k] == nil { o[k] = v }
        return .object(o)
    }

    public init(json: JSONValue, path: String = "") throws(SchemaShapeError) {
        guard let o = json.objectValue else { throw SchemaShapeError(path: path, message: "a message must be an object") }
        guard let roleText = o["role"]?.stringValue else {
            throw SchemaShapeError(path: path + "/role", message: "a message needs a string \"role\"")
        }
        guard let role = Role(rawValue: roleText) else {
            throw SchemaShapeError(path: path + "/role", message: "unknown role \"\(roleText)\"; expected one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var content: String?
        var parts: [JSONValue]?
        switch o["content"] {
        case .string(let s)?: content = s
        case .array(let a)?: parts = a
        case nil, .null?: content = nil
        case let other?:
            throw SchemaShapeError(path: path + "/content", message: "content must be a string, an array of parts or null, not \(other.typeName)")
        }
        var calls: [ToolCall] = []
        if let raw = o["tool_calls"], !raw.isNull {
            guard let array = raw.arrayValue else {
                throw SchemaShapeError(path: path + "/tool_calls", message: "tool_calls must be an array")
            }
            for (i, item) in array.enumerated() {
                calls.append(try ToolCall(json: item, path: path + "/tool_calls/\(i)"))
            }
        }
        if role == .tool, o["tool_call_id"]?.stringValue == nil {
            throw SchemaShapeError(path: path + "/tool_call_id", message: "a tool message needs a string \"tool_call_id\"")
        }
        let known: Set<String> = ["role", "content", "name", "tool_calls", "tool_call_id", "refusal"]
        var extra = JSONObject()
        for (k, v) in o where !known.contains(k) { extra[k] = v }
        self.init(role: role, content: content, name: o["name"]?.stringValue, toolCalls: calls,
                  toolCallID: o["tool_call_id"]?.stringValue, refusal: o["refusal"]?.stringValue, extra: extra)
        self.contentParts = parts
    }
}
