import OrderedCollections

/// How a session talks to its model and how the loop guards itself. Saved in the session file.
/// Optional request fields are sent only when set, so the request says exactly what the user chose.
public struct SessionSettings: Sendable, Hashable {
    public var model: String = "gpt-4o-mini"
    public var toolChoice: ToolChoice = .auto
    /// `nil` sends nothing (server default, true); only sent when tools are sent.
    public var parallelToolCalls: Bool? = nil
    public var temperature: Double? = nil
    public var maxCompletionTokens: Int? = nil
    public var seed: Int? = nil
    public var responseFormat: JSONValue? = nil
    /// Stream responses (SSE). Default on.
    public var stream: Bool = true
    /// The loop stops after this many model requests in one turn.
    public var maxRounds: Int = 10
    /// The loop stops when the same call (name + arguments) has been requested this many times in one turn.
    public var repeatedCallLimit: Int = 3
    /// Seconds each tool call may run before it is abandoned with a timeout error.
    public var toolTimeout: Double = 30
    /// External tool processes running at once, all tools together; `nil` means the default (see `ToolProcessLimits`).
    public var maxToolProcesses: Int? = nil
    /// External tool processes running at once for one tool; `nil` means the default.
    public var maxProcessesPerTool: Int? = nil
    public var provider: ProviderConfig = ProviderConfig()

    public init() {}

    public var json: JSONValue {
        var o = JSONObject()
        o["model"] = .string(model)
        o["tool_choice"] = toolChoice.json
        if let parallelToolCalls { o["parallel_tool_calls"] = .bool(parallelToolCalls) }
        if let temperature { o["temperature"] = .number(temperature) }
        if let maxCompletionTokens { o["max_completion_tokens"] = .number(Double(maxCompletionTokens)) }
        if let seed { o["seed"] = .number(Double(seed)) }
        if let responseFormat { o["response_format"] = responseFormat }
        o["stream"] = .bool(stream)
        o["max_rounds"] = .number(Double(maxRounds))
        o["repeated_call_limit"] = .number(Double(repeatedCallLimit))
        o["tool_timeout"] = .number(toolTimeout)
        if let maxToolProcesses { o["max_tool_processes"] = .number(Double(maxToolProcesses)) }
        if let maxProcessesPerTool { o["max_processes_per_tool"] = .number(Double(maxProcessesPerTool)) }
        o["provider"] = provider.json
        return .object(o)
    }

    public init(json: JSONValue, path: String = "") throws(SchemaShapeError) {
        guard let o = json.objectValue else { throw SchemaShapeError(path: path, message: "settings must be an object") }
        func int(_ key: String) throws(SchemaShapeError) -> Int? {
            guard let v = o[key], !v.isNull else { return nil }
            guard let i = v.intValue else { throw SchemaShapeError(path: path + "/" + key, message: "\(key) must be an integer") }
            return i
        }
        func double(_ key: String) throws(SchemaShapeError) -> Double? {
            guard let v = o[key], !v.isNull else { return nil }
            guard let d = v.doubleValue else { throw SchemaShapeError(path: path + "/" + key, message: "\(key) must be a number") }
            return d
        }
        if let m = o["model"] {
            guard let s = m.stringValue else { throw SchemaShapeError(path: path + "/model", message: "model must be a string") }
            model = s
        }
        if let tc = o["tool_choice"] { toolChoice = try ToolChoice(json: tc, path: path + "/tool_choice") }
        if let p = o["parallel_tool_calls"], !p.isNull {
            guard let b = p.boolValue else { throw SchemaShapeError(path: path + "/parallel_tool_calls", message: "parallel_tool_calls must be true, false or null") }
            parallelToolCalls = b
        }
        temperature = try double("temperature")
        maxCompletionTokens = try int("max_completion_tokens")
        seed = try int("seed")
        if let rf = o["response_format"], !rf.isNull { responseFormat = rf }
        if let s = o["stream"]?.boolValue { stream = s }
        if let r = try int("max_rounds") {
            guard r >= 1 else { throw SchemaShapeError(path: path + "/max_rounds", message: "max_rounds must be at least 1") }
            maxRounds = r
        }
        if let r = try int("repeated_call_limit") { repeatedCallLimit = max(1, r) }
        if let t = try double("tool_timeout") {
            guard t > 0 else { throw SchemaShapeError(path: path + "/tool_timeout", message: "tool_timeout must be positive") }
            toolTimeout = t
        }
        if let n = try int("max_tool_processes") {
            guard n >= 1 else { throw SchemaShapeError(path: path + "/max_tool_processes", message: "max_tool_processes must be at least 1") }
            maxToolProcesses = n
        }
        if let n = try int("max_processes_per_tool") {
            guard n >= 1 else { throw SchemaShapeError(path: path + "/max_processes_per_tool", message: "max_processes_per_tool must be at least 1") }
            maxProcessesPerTool = n
        }
        if let p = o["provider"] { provider = try ProviderConfig(json: p, path: path + "/provider") }
    }
}
