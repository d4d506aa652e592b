/// The tools a `builtin` binding can name. The engine runs them like any other binding but ships
/// none: the front end passes a set in (toolscope passes the demo tools of ToolscopeDemo), the way
/// it passes an `ExternalToolFactory` for the code-running bindings. So the engine never knows
/// which tools, if any, are built in.
public struct BuiltinToolSet: Sendable {
    /// One built-in tool: its OpenAI definition and the executor that answers its calls.
    public struct Tool: Sendable {
        public let definition: ToolDefinition
        public let executor: any ToolExecutor

        public init(definition: ToolDefinition, executor: any ToolExecutor) {
            self.definition = definition
            self.executor = executor
        }

        public var name: String { definition.name }
    }

    /// The tools, in the order a front end lists them.
    public let tools: [Tool]

    public init(_ tools: [Tool]) {
        self.tools = tools
    }

    /// No built-in tools: every `builtin` binding then answers with the registry's clear error.
    public static let none = BuiltinToolSet([])

    /// Tool names, in `tools` order.
    public var names: [String] { tools.map(\.name) }

    /// The tool called `name`, or nil.
    public func tool(named name: String) -> Tool? {
        tools.first { $0.name == name }
    }
}
