import ToolscopeEngine

/// The demo tools every new session starts with, matching the classic function-calling
/// tutorial: weather, a calculator, temperature conversion, a product search and a small
/// customer database. They run real code over data that ships in the package, so the whole
/// tool loop can be tried offline, and they are deterministic, so a recorded session
/// replays without a single difference.
public enum BuiltinTools {
    /// Tool names, in the order the tutorial introduces them.
    public static let names: [String] = tools.map(\.name)

    /// Complete OpenAI tool definitions (`{"type":"function","function":{…}}`), in `names` order.
    public static var definitions: [ToolDefinition] { cachedDefinitions }

    /// The definition of the built-in tool called `name`, or nil.
    public static func definition(named name: String) -> ToolDefinition? {
        cachedDefinitions.first { $0.name == name }
    }

    /// The demo tools as the engine takes them (`ToolRegistry(builtins:)`): the front ends pass
    /// this set in, so `builtin` bindings name these tools. Each executor completes synchronously
    /// on the calling thread: the work is microseconds of lookups.
    public static let toolSet = BuiltinToolSet(tools.map { BuiltinToolSet.Tool(definition: $0.definition, executor: BuiltinToolExecutor(toolName: $0.name)) })

    /// The pure core: the outcome of calling `name` with `arguments`. Never crashes on bad
    /// input; every problem becomes an `{"error": …}` outcome the model can read.
    public static func run(_ name: String, arguments: JSONValue) -> ToolOutcome {
        guard let tool = tool(named: name) else { return .error("Unknown function: \(name)") }
        do {
            return .success(try tool.run(arguments))
        } catch {
            return error.outcome
        }
    }

    static let tools: [any Tool] = [
        WeatherTool(),
        CalculatorTool(),
        TemperatureConversionTool(),
        ProductSearchTool(),
        UserLookupTool(),
        OrderHistoryTool(),
    ]

    /// Definitions are built once: they are constant, and every call consults them.
    static let cachedDefinitions: [ToolDefinition] = tools.map(\.definition)
    static let parameterNamesByTool: [String: [String]] = Dictionary(uniqueKeysWithValues: tools.map { ($0.name, $0.parameterNames) })

    static func tool(named name: String) -> (any Tool)? {
        tools.first { $0.name == name }
    }
}
