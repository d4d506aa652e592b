/// A tool of a session: the definition sent to the model and the binding that answers its calls.
public struct SessionTool: Sendable, Hashable {
    public var definition: ToolDefinition
    public var binding: ToolBindingSpec
    /// A disabled tool stays in the session but is not sent to the model.
    public var enabled: Bool
    /// Members of the saved binding object this version does not model (a newer toolscope's),
    /// written back beside the binding as they were. Unknown keys of the tool entry itself
    /// live in `definition.raw`, which keeps everything.
    public var bindingExtra: JSONObject

    public init(definition: ToolDefinition, binding: ToolBindingSpec, enabled: Bool = true, bindingExtra: JSONObject = [:]) {
        self.definition = definition
        self.binding = binding
        self.enabled = enabled
        self.bindingExtra = bindingExtra
    }

    /// The tool as a session file stores it: the definition with `binding` (and `enabled`) added.
    public var json: JSONValue {
        guard case .object(var t) = definition.raw else { return definition.raw }
        var b = binding.json
        if !bindingExtra.isEmpty, case .object(var bo) = b {
            bo.merge(unknown: bindingExtra)
            b = .object(bo)
        }
        t["binding"] = b
        if !enabled { t["enabled"] = false }
        return .object(t)
    }

    public var name: String { definition.name }
}
