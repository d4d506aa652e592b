import ToolscopeEngine

extension BuiltinTools {
    /// One demo tool: its OpenAI definition and the pure function that answers its calls.
    /// Implementations are values over static data, so a call has no side effects and the
    /// same arguments always give the same result (recorded sessions replay identically).
    protocol Tool: Sendable {
        var name: String { get }
        var definition: ToolDefinition { get }
        /// The result for one call, or a failure the model can read and recover from.
        func run(_ arguments: JSONValue) throws(ToolFailure) -> JSONValue
    }
}

extension BuiltinTools.Tool {
    /// The argument names the definition declares: anything else in a call is rejected.
    var parameterNames: [String] {
        definition.parameters?["properties"]?.objectValue.map { Array($0.keys) } ?? []
    }

    /// Reads `arguments` as an object whose keys the definition declares.
    func read(_ arguments: JSONValue) throws(BuiltinTools.ToolFailure) -> BuiltinTools.ToolArguments {
        try BuiltinTools.ToolArguments(arguments, allowed: BuiltinTools.parameterNamesByTool[name] ?? parameterNames)
    }
}
