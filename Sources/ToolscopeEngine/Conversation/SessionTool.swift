/// A tool of a session: the definition sent to the model and the binding that answers its calls.
public struct SessionTool: Sendable, Hashable {
    public var definition: ToolDefinition
    public var binding: ToolBindingSpec
    /// A disabled tool stays in the session but is not sent to the model.
    public var enabled: Bool

    public init(definition: ToolDefinition, binding: ToolBindingSpec, enabled: Bool = true) {
        self.definition = definition
        self.binding = binding
        self.enabled = enabled
    }

    public var name: String { definition.name }
}
