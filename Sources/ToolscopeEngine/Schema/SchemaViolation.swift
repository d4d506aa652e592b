/// One way a tool call's arguments break the tool's `parameters` schema.
///
/// The message is written for the model as much as for the developer: it names the field,
/// says what was expected and what arrived, so it can be sent back as the tool result and
/// the model can correct its next call.
public struct SchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// JSON pointer of the offending value inside the arguments ("" is the arguments object).
    public var path: String
    /// A sentence the model can act on.
    public var message: String
    /// The schema itself cannot be applied here (a `"type"` that names no JSON Schema type, an
    /// unresolvable `$ref`, a broken `pattern`…): a fault in the tool definition for its author
    /// to fix, not something the model's arguments did wrong.
    public var isSchemaFault: Bool

    public init(path: String, message: String, isSchemaFault: Bool = false) {
        self.path = path
        self.message = message
        self.isSchemaFault = isSchemaFault
    }

    /// "path: message", or just the message for a violation at the root.
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
