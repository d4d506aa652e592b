import OrderedCollections

/// Which model answers, and how to reach it. Never holds a key: only the *name* of the
/// environment variable the key is read from.
public struct ProviderConfig: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The deterministic scripted model (offline, the embedded default).
        case scripted
        /// Plays a saved session's assistant turns.
        case replay
        /// Any OpenAI-compatible HTTP server.
        case openai
    }

    public var kind: Kind = .scripted
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

    public init(kind: Kind = .scripted) { self.kind = kind }

    /// Every header sent besides the standard ones: the session's, then the command line's.
    public var allHeaders: [String: String] {
        extraHeaders.merging(commandLineHeaders) { _, commandLine in commandLine }
    }

    public var json: JSONValue {
        var o: JSONObject = ["kind": .string(kind.rawValue)]
        if let scriptPath { o["script"] = .string(scriptPath) }
        if let replayPath { o["replay"] = .string(replayPath) }
        if let baseURL { o["base_url"] = .string(baseURL) }
        if apiKeyEnv != "OPENAI_API_KEY" { o["api_key_env"] = .string(apiKeyEnv) }
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
        return .object(o)
    }

    public init(json: JSONValue, path: String = "") throws(SchemaShapeError) {
        guard let o = json.objectValue else { throw SchemaShapeError(path: path, message: "provider must be an object") }
        if let k = o["kind"]?.stringValue {
            guard let kind = Kind(rawValue: k) else {
                throw SchemaShapeError(path: path + "/kind", message: "unknown provider kind \"\(k)\"; expected scripted, replay or openai")
            }
            self.kind = kind
        }
        scriptPath = o["script"]?.stringValue
        replayPath = o["replay"]?.stringValue
        baseURL = o["base_url"]?.stringValue
        apiKeyEnv = o["api_key_env"]?.stringValue ?? "OPENAI_API_KEY"
        organization = o["organization"]?.stringValue
        project = o["project"]?.stringValue
        if let h = o["headers"]?.objectValue {
            for (k, v) in h { if let s = v.stringValue { extraHeaders[k] = s } }
        }
        if let r = o["max_retries"]?.intValue { maxRetries = max(0, r) }
        if let t = o["connect_timeout"]?.doubleValue, t > 0 { connectTimeout = t }
        if let t = o["read_timeout"]?.doubleValue, t > 0 { readTimeout = t }
        if let t = o["deadline"]?.doubleValue, t > 0 { deadline = t }
    }
}
