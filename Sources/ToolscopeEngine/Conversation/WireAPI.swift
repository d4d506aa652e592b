/// Which HTTP API a server is spoken to in. The loop, the trace and the session are the same on
/// every wire; only the request body, the stream's events and the transcript's shape differ.
public enum WireAPI: String, Sendable, Hashable, CaseIterable {
    /// OpenAI Chat Completions (`POST {base}/chat/completions`): every OpenAI-compatible server.
    case chat
    /// OpenAI Responses (`POST {base}/responses`): items instead of messages.
    case responses
    /// Anthropic Messages (`POST {base}/v1/messages`): content blocks, `tool_use` / `tool_result`.
    case anthropic

    /// Where requests go when neither the session nor the environment names a server.
    public var defaultBaseURL: String {
        switch self {
        case .chat, .responses: return "https://api.openai.com/v1"
        case .anthropic: return "https://api.anthropic.com"
        }
    }

    /// The environment variable the key is read from unless the session names another.
    public var defaultKeyEnv: String {
        switch self {
        case .chat, .responses: return "OPENAI_API_KEY"
        case .anthropic: return "ANTHROPIC_API_KEY"
        }
    }

    /// The environment variable that overrides the default base URL, as the official SDKs read it.
    public var baseURLEnv: String {
        switch self {
        case .chat, .responses: return "OPENAI_BASE_URL"
        case .anthropic: return "ANTHROPIC_BASE_URL"
        }
    }

    /// How this wire's request says "parallel off", as the warning about a server ignoring it
    /// quotes it: each wire has its own parameter, and the user should see the one that was sent.
    public var parallelOffParameter: String {
        switch self {
        case .chat, .responses: return "parallel_tool_calls is false"
        case .anthropic: return "tool_choice had disable_parallel_tool_use: true"
        }
    }

    /// What the status line and the F2 dialog call it.
    public var label: String {
        switch self {
        case .chat: return "Chat Completions"
        case .responses: return "Responses"
        case .anthropic: return "Anthropic Messages"
        }
    }
}

/// A model turn exactly as its wire sent it (Responses output items, Anthropic content blocks),
/// kept beside the engine's chat-shaped `Message` so nothing the wire had — reasoning items,
/// encrypted content, block ids — is lost when the turn is sent back or saved.
///
/// Only the wire that produced it may use it verbatim; another wire converts the `Message`.
public struct NativeItems: Sendable, Hashable {
    public var wire: WireAPI
    public var items: [JSONValue]
    /// The server's id for the whole answer (Responses `resp_…`), which a later request names
    /// as `previous_response_id` instead of resending the history.
    public var responseID: String?

    public init(wire: WireAPI, items: [JSONValue], responseID: String? = nil) {
        self.wire = wire
        self.items = items
        self.responseID = responseID
    }

    public var json: JSONValue {
        var o: JSONObject = ["wire": .string(wire.rawValue), "items": .array(items)]
        if let responseID { o["response_id"] = .string(responseID) }
        return .object(o)
    }

    public init(json: JSONValue, path: String) throws(SchemaShapeError) {
        let f = try JSONFields(json, path: path, what: "native items")
        guard let name = try f.string("wire") else {
            throw SchemaShapeError(path: path, message: "native items need a string \"wire\"")
        }
        guard let wire = WireAPI(rawValue: name) else {
            throw SchemaShapeError(path: f.pointer("wire"),
                                   message: "unknown wire \"\(name)\"; expected \(WireAPI.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let items = try f.array("items", expected: "an array of items") else {
            throw SchemaShapeError(path: path, message: "native items need an \"items\" array")
        }
        self.init(wire: wire, items: items, responseID: try f.string("response_id"))
    }
}
