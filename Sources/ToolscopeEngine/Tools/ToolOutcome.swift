import OrderedCollections

/// The result of one tool call: `content` is exactly what goes into the tool message.
/// Errors are results too (JSON `{"error": …}`), so the model can read them and recover.
public struct ToolOutcome: Sendable, Hashable {
    public var content: String
    public var isError: Bool
    /// What the tool printed, warned or logged: shown in the trace, never sent to the model.
    public var logs: [String]
    /// Extra detail for the trace (a traceback, the exit status, the MCP content blocks…).
    public var details: JSONValue?

    public init(content: String, isError: Bool = false, logs: [String] = [], details: JSONValue? = nil) {
        self.content = content
        self.isError = isError
        self.logs = logs
        self.details = details
    }

    /// A successful result: strings are sent as they are, other JSON compact.
    public static func success(_ value: JSONValue, logs: [String] = []) -> ToolOutcome {
        if case .string(let s) = value { return ToolOutcome(content: s, logs: logs) }
        return ToolOutcome(content: value.compact, logs: logs)
    }

    /// An error result: `{"error": message, …extra}` as compact JSON.
    public static func error(_ message: String, extra: JSONObject = [:], logs: [String] = [], details: JSONValue? = nil) -> ToolOutcome {
        var o: JSONObject = ["error": .string(message)]
        for (k, v) in extra { o[k] = v }
        return ToolOutcome(content: JSONValue.object(o).compact, isError: true, logs: logs, details: details)
    }
}
