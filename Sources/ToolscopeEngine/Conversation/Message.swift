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
    /// The turn as a non-chat wire sent it (see `NativeItems`); saved, never sent on Chat Completions.
    public var native: NativeItems?
    /// On a tool message: the content is an error (the outcome's status says so). Chat Completions
    /// has no place for it and `json` leaves it out; Anthropic sends it as `is_error: true`.
    /// Saved as `"is_error": true`.
    public var isError = false
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
    public static func tool(callID: String, content: String, isError: Bool = false) -> Message {
        var m = Message(role: .tool, content: content, toolCallID: callID)
        m.isError = isError
        return m
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

    /// What a session file and the trace record: the chat message plus, when a non-chat wire
    /// produced it, its native items under `"native"`, and `"is_error": true` on a failed call's
    /// result (both left out of `json`, so a Chat Completions request never carries them).
    public var recordJSON: JSONValue {
        guard native != nil || isError, case .object(var o) = json else { return json }
        if isError { o["is_error"] = true }
        if let native { o["native"] = native.json }
        return .object(o)
    }

    /// The keys this version models; everything else is kept in `extra`.
    static let knownKeys: Set<String> = ["role", "content", "name", "tool_calls", "tool_call_id", "refusal", "native", "is_error"]

    public init(json: JSONValue, path: String = "") throws(SchemaShapeError) {
        let f = try JSONFields(json, path: path, what: "a message")
        guard let roleValue = f.object["role"] else {
            throw SchemaShapeError(path: path, message: "a message needs a string \"role\"")
        }
        guard case .string(let roleText) = roleValue else { throw f.wrongType("role", expected: "a string", found: roleValue) }
        guard let role = Role(rawValue: roleText) else {
            throw SchemaShapeError(path: f.pointer("role"), message: "unknown role \"\(roleText)\"; expected one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var content: String?
        var parts: [JSONValue]?
        switch f.object["content"] {
        case .string(let s)?: content = s
        case .array(let a)?: parts = a
        case nil, .null?: content = nil
        case let other?:
            throw f.wrongType("content", expected: "a string, an array of parts or null", found: other)
        }
        var calls: [ToolCall] = []
        if let array = try f.array("tool_calls", expected: "an array of tool calls") {
            calls.reserveCapacity(array.count)
            for (i, item) in array.enumerated() {
                calls.append(try ToolCall(json: item, path: JSONPointer.appending(f.pointer("tool_calls"), i)))
            }
        }
        let toolCallID = try f.string("tool_call_id")
        if role == .tool, toolCallID == nil {
            throw SchemaShapeError(path: f.object["tool_call_id"] == nil ? path : f.pointer("tool_call_id"),
                                   message: "a tool message needs a string \"tool_call_id\"")
        }
        self.init(role: role, content: content, name: try f.string("name"), toolCalls: calls,
                  toolCallID: toolCallID, refusal: try f.string("refusal"), extra: f.unknown(known: Self.knownKeys))
        self.contentParts = parts
        self.isError = try f.bool("is_error") ?? false
        if let native = f.object["native"], !native.isNull {
            self.native = try NativeItems(json: native, path: f.pointer("native"))
        }
    }
}
