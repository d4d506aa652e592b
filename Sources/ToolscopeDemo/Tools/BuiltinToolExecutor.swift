import ToolscopeEngine

extension BuiltinTools {
    /// Adapts a built-in tool to the dispatcher's `ToolExecutor` interface. It runs the tool
    /// bound by name, not `invocation.call.name`, because a user may rename the tool in the
    /// schema editor while its binding still points at the built-in implementation.
    struct BuiltinToolExecutor: ToolExecutor {
        let toolName: String

        /// Built-in tools compute from in-memory tables and finish in microseconds.
        var mayBlock: Bool { false }

        func execute(_ invocation: ToolInvocation, cancellation: CancellationToken,
                     completion: @escaping @Sendable (ToolOutcome) -> Void) {
            guard !cancellation.isCancelled else {
                completion(.error("The call to \(toolName) was cancelled before it ran."))
                return
            }
            completion(BuiltinTools.run(toolName, arguments: invocation.arguments))
        }
    }
}
