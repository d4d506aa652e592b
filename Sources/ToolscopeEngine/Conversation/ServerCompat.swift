/// Workarounds for servers that depart from the OpenAI wire in ways a request can avoid. Each is
/// off by default — toolscope sends what OpenAI documents — and is turned on per server, from the
/// session, `--compat`, or remembered for a base URL after the server showed the quirk.
public struct ServerCompat: Sendable, Hashable {
    /// Send `"content": ""` instead of `null` on an assistant message that only carries tool calls.
    /// llama-cpp-python's server rejects the `null` OpenAI itself sends and accepts.
    public var emptyContentWithToolCalls = false

    public init(emptyContentWithToolCalls: Bool = false) {
        self.emptyContentWithToolCalls = emptyContentWithToolCalls
    }

    /// The names `--compat` takes, one per workaround.
    public enum Option: String, Sendable, CaseIterable {
        case emptyContent = "empty-content"

        public var summary: String {
            switch self {
            case .emptyContent: return "send \"content\": \"\" instead of null beside tool calls (llama-cpp-python)"
            }
        }
    }

    public var isDefault: Bool { self == ServerCompat() }

    /// The options turned on, for status lines and messages.
    public var options: [Option] { emptyContentWithToolCalls ? [.emptyContent] : [] }

    public mutating func enable(_ option: Option) {
        switch option {
        case .emptyContent: emptyContentWithToolCalls = true
        }
    }

    /// Both sets of workarounds: what the session asks for and what was remembered for the server.
    public func union(_ other: ServerCompat) -> ServerCompat {
        ServerCompat(emptyContentWithToolCalls: emptyContentWithToolCalls || other.emptyContentWithToolCalls)
    }

    public var json: JSONValue {
        var o = JSONObject()
        if emptyContentWithToolCalls { o["empty_content_with_tool_calls"] = true }
        return .object(o)
    }

    public init(json: JSONValue, path: String) throws(SchemaShapeError) {
        let f = try JSONFields(json, path: path, what: "compat")
        emptyContentWithToolCalls = try f.bool("empty_content_with_tool_calls") ?? false
    }
}
