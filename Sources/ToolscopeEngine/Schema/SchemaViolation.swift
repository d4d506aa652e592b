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

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// "path: message", or just the message for a violation at the root.
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
