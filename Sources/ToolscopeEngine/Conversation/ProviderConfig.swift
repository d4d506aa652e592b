import OrderedCollections

/// Which model answers, and how to reach it. Never holds a key: only the *name* of the
/// environment variable the key is read from.
public struct ProviderConfig: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The deterministic scripted model (offline, the embedded default).
        case scripted
        /// Plays a saved session's assistant turns.
        case replay
        /// An HTTP server, spoken to in the wire `api` names (Chat Completions by default, so any
        /// OpenAI-compatible server works without more configuration).
        case openai
    }

    public var kind: Kind = .scripted
    /// The HTTP API for `.openai`: Chat Completions, Responses or Anthropic Messages.
    public var api: WireAPI = .chat
    /// Script file for `.scripted`; `nil` means the embedded demo script.
    public var scriptPath: String? = nil
    /// Session file whose turns `.replay` plays; `nil` means the session's own recording.
    public var replayPath: String? = nil
    public var baseURL: String? = nil
    public var apiKeyEnv: String = "OPENAI_API_KEY"
    public var organization: String? = nil
    public var project: String? = nil
    /// Extra HTTP headers for gateways, as the session file writes them (saved back as written).
    public var extraHeaders: [String: String] = [:]
    /// Headers given for this run only (`--header`): sent like `extraHeaders`, masked like every
    /// secret, and never saved — a key typed on the command line must not land in a file.
    public var commandLineHeaders: [String: String] = [:]
    public var maxRetries: Int = 2
    public var connectTimeout: Double = 5
    /// Longest silence allowed between two reads of a response body.
    public var readTimeout: Double = 60
    /// Longest a whole request (all attempts) may take.
    public var deadline: Double = 600
    /// Workarounds for this server's departures from the OpenAI wire (see `ServerCompat`).
    public var compat = ServerCompat()
    /// Keys this version does not model (a newer toolscope's), written back as they were.
    public var extra: JSONObject = [:]

    /// The keys this version models; the rest are kept in `extra`. A new typed field must be
    /// added here too, or its loaded value would be written back over the typed one.
    static let knownKeys: Set<String> = ["kind", "api", "script", "replay", "base_url", "api_key_env", "organization", "project",
                                         "headers", "max_retries", "connect_timeout", "read_timeout", "deadline", "compat"]

    public init(kind: Kind = .scripted) { self.kind = kind }

    /// Moves to another wire. A key variable left at the old wire's default follows to the new
    /// wire's (ANTHROPIC_API_KEY for Anthropic); one the user named stays.
    public mutating func switchWire(to newAPI: WireAPI) {
        if apiKeyEnv == api.defaultKeyEnv { apiKeyEnv = newAPI.defaultKeyEnv }
        api = newAPI
    }

    /// Every header sent besides the standard ones: the session's, then the command line's.
    public var allHeaders: [String: String] {
        extraHeaders.merging(commandLineHeaders) { _, commandLine in commandLine }
    }

    public var json: JSONValue {
        var o: JSONObject = ["kind": .string(kind.rawValue)]
        if api != .chat { o["api"] = .string(api.rawValue) }
        if let scriptPath { o["script"] = .string(scriptPath) }
        if let replayPath { o["replay"] = .string(replayPath) }
        if let baseURL { o["base_url"] = .string(baseURL) }
        if apiKeyEnv != api.defaultKeyEnv { o["api_key_env"] = .string(apiKeyEnv) }
        if let organization { o["organization"] = .string(organization) }
        if let project { o["project"] = .string(project) }
        if !extraHeaders.isEmpty {
            var h = JSONObject()
            for k in extraHeaders.keys.sorted() { h[k] = .string(extraHeaders[k]!) }
            o["headers"] = .object(h)
        }
        o["max_retries"] = .number(Double(maxRetries))
        o["connect_timeout"] = .number(connectTimeout)
        o["read_timeout"] = .number(readTimeout)
        o["deadline"] = .number(deadline)
        if !compat.isDefault { o["compat"] = compat.json }
        o.merge(unknown: extra)
        return .object(o)
    }

    public init(json: JSONValue, path: String = "") throws(SchemaShapeError) {
        let f = try JSONFields(json, path: path, what: "provider")
        if let k = try f.string("kind") {
            guard let kind = Kind(rawValue: k) else {
                throw SchemaShapeError(path: f.pointer("kind"), message: "unknown provider kind \"\(k)\"; expected scripted, replay or openai")
            }
            self.kind = kind
        }
        if let a = try f.string("api") {
            guard let api = WireAPI(rawValue: a) else {
                throw SchemaShapeError(path: f.pointer("api"),
                                       message: "unknown api \"\(a)\"; expected \(WireAPI.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.api = api
        }
        scriptPath = try f.string("script")
        replayPath = try f.string("replay")
        baseURL = try f.string("base_url")
        apiKeyEnv = try f.string("api_key_env") ?? api.defaultKeyEnv
        organization = try f.string("organization")
        project = try f.string("project")
        if let h = try f.stringMap("headers") {
            for (k, v) in h { if let s = v.stringValue { extraHeaders[k] = s } }
        }
        if let r = try f.int("max_retries", atLeast: 0) { maxRetries = r }
        if let t = try f.positiveNumber("connect_timeout") { connectTimeout = t }
        if let t = try f.positiveNumber("read_timeout") { readTimeout = t }
        if let t = try f.positiveNumber("deadline") { deadline = t }
        if let c = f.object["compat"], !c.isNull { compat = try ServerCompat(json: c, path: f.pointer("compat")) }
        extra = f.unknown(known: Self.knownKeys)
    }
}
