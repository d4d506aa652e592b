/// Maps each enabled tool name to its definition and the executor that answers its calls.
/// Built once per session configuration; immutable, so the dispatcher can read it from any queue.
public final class ToolRegistry: Sendable {
    public struct Entry: Sendable {
        public let tool: SessionTool
        public let executor: any ToolExecutor
    }

    private let entries: [String: Entry]
    /// Tool names in session order.
    public let names: [String]

    /// `builtins` answers `builtin` bindings and `external` the code-running ones; both come from
    /// the front end, so the engine holds no tools of its own.
    public init(tools: [SessionTool], context: SessionContext, builtins: BuiltinToolSet, external: (any ExternalToolFactory)?,
                trusted: Bool, manual: (any ManualResultProvider)?) {
        var entries: [String: Entry] = [:]
        var names: [String] = []
        for tool in tools where tool.enabled && entries[tool.name] == nil {
            entries[tool.name] = Entry(tool: tool, executor: Self.executor(for: tool, context: context, builtins: builtins,
                                                                          external: external, trusted: trusted, manual: manual))
            names.append(tool.name)
        }
        self.entries = entries
        self.names = names
    }

    public func entry(for name: String) -> Entry? { entries[name] }
    public func executor(for name: String) -> (any ToolExecutor)? { entries[name]?.executor }
    public func definition(for name: String) -> ToolDefinition? { entries[name]?.tool.definition }

    private static func executor(for tool: SessionTool, context: SessionContext, builtins: BuiltinToolSet,
                                 external: (any ExternalToolFactory)?, trusted: Bool,
                                 manual: (any ManualResultProvider)?) -> any ToolExecutor {
        switch tool.binding {
        case .builtin(let name):
            if let builtin = builtins.tool(named: name) { return builtin.executor }
            let known = builtins.names.isEmpty ? "this build of toolscope has none" : "built-in tools are: \(builtins.names.joined(separator: ", "))"
            return FixedResultExecutor(outcome: .error("\(tool.name) is bound to the built-in tool \"\(name)\", which does not exist; \(known)"))
        case .mock(let result):
            return FixedResultExecutor(outcome: .success(result))
        case .manual:
            return ManualExecutor(provider: manual)
        case .external(let kind, let config):
            guard trusted else {
                return FixedResultExecutor(outcome: .error("\(tool.name) is disabled: it would run \(describe(kind: kind, config: config)), and this session file is not trusted. Trust it with --trust (or the workbench's trust prompt) to enable it.", status: .disabled))
            }
            guard let external, external.kinds.contains(kind) else {
                return FixedResultExecutor(outcome: .error("\(tool.name) uses a \(kind) binding, which this build of toolscope cannot run"))
            }
            switch external.makeExecutor(for: tool, kind: kind, config: config, session: context) {
            case .success(let executor): return executor
            case .failure(let error): return FixedResultExecutor(outcome: .error("\(tool.name) cannot run: \(error.message)"))
            }
        }
    }

    /// A one-line description of what an external binding would execute, for trust prompts and errors.
    public static func describe(kind: String, config: JSONObject) -> String {
        switch kind {
        case "python": return "the Python function \(config["target"]?.stringValue ?? "?")"
        case "command":
            let argv = (config["argv"]?.arrayValue ?? config["command"]?.arrayValue ?? []).compactMap(\.stringValue)
            return "the command \(VisibleText.make(argv.joined(separator: " ")))"
        case "mcp": return "the MCP tool \(config["tool"]?.stringValue ?? "?") of server \(config["server"]?.stringValue ?? "?")"
        default: return "a \(kind) binding"
        }
    }
}
