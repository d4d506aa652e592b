import ToolscopeEngine

/// Why an arithmetic expression could not be evaluated. `message` names the 1-based
/// `position` in words ("… at position 7 …") because it goes to a model verbatim, and a
/// model fixes an expression far more reliably when told where the problem is.
public struct ArithmeticError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based index of the offending character, counted in Unicode scalars.
    public var position: Int
    public var message: String

    public init(position: Int, message: String) {
        self.position = position
        self.message = message
    }

    public var description: String { message }
}
