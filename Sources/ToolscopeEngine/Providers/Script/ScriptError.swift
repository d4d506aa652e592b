/// A script that cannot be used, with the JSON pointer of the problem.
public struct ScriptError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { path.isEmpty ? "script: \(message)" : "script \(path): \(message)" }
}
