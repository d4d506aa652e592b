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
    /// Responses only: `store` as sent; `nil` sends nothing (the server keeps the response).
    /// `false` also asks for `reasoning.encrypted_content`, so reasoning can travel statelessly.
    public var store: Bool? = nil
    /// Responses only: resend the whole history (default) or name the previous response.
    public var responsesHistory: ResponsesHistory = .full
    /// Keys this version does not model (a newer toolscope's), written back as they were.
    public var extra: JSONObject = [:]

    /// The keys this version models; the rest are kept in `extra`. A new typed field must be
    /// added here too, or its loaded value would be written back over the typed one.
    static let knownKeys: Set<String> = ["max_tool_processes", "max_processes_per_tool", "model", "tool_choice", "parallel_tool_calls", "temperature", "max_completion_tokens",
                                         "seed", "response_format", "stream", "max_rounds", "repeated_call_limit",
                                         "tool_timeout", "provider", "store", "responses_history"]

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
        if let store { o["store"] = .bool(store) }
        if responsesHistory != .full { o["responses_history"] = .string(responsesHistory.rawValue) }
        o.merge(unknown: extra)
        return .object(o)
    }

    public init(json: JSONValue, path: String = "") throws(SchemaShapeError) {
        let f = try JSONFields(json, path: path, what: "settings")
        if let m = try f.string("model") { model = m }
        if let tc = f.value("tool_choice") { toolChoice = try ToolChoice(json: tc, path: f.pointer("tool_choice")) }
        parallelToolCalls = try f.bool("parallel_tool_calls")
        temperature = try f.number("temperature")
        maxCompletionTokens = try f.int("max_completion_tokens")
        seed = try f.int("seed")
        responseFormat = f.value("response_format")
        if let s = try f.bool("stream") { stream = s }
        if let r = try f.int("max_rounds", atLeast: 1) { maxRounds = r }
        if let r = try f.int("repeated_call_limit", atLeast: 1) { repeatedCallLimit = r }
        if let t = try f.positiveNumber("tool_timeout") { toolTimeout = t }
        if let n = try f.int("max_tool_processes", atLeast: 1) { maxToolProcesses = n }
        if let n = try f.int("max_processes_per_tool", atLeast: 1) { maxProcessesPerTool = n }
        if let p = f.value("provider") { provider = try ProviderConfig(json: p, path: f.pointer("provider")) }
        store = try f.bool("store")
        if let h = try f.string("responses_history") {
            guard let mode = ResponsesHistory(rawValue: h) else {
                throw SchemaShapeError(path: f.pointer("responses_history"),
                                       message: "unknown responses_history \"\(h)\"; expected \(ResponsesHistory.allCases.map(\.rawValue).joined(separator: " or "))")
            }
            responsesHistory = mode
        }
        extra = f.unknown(known: Self.knownKeys)
    }
}
