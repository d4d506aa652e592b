/// A problem to show beside the editor's text: a syntax error from the parser or a lint
/// finding about a tool definition, placed at a 0-based line and column (in `Character`s,
/// like `TextPosition`) so the view can mark the exact spot.
public struct EditorDiagnostic: Sendable, Hashable {
    public enum Severity: Sendable, Hashable {
        /// The text cannot be used as it is (it does not parse, or a provider would reject it).
        case error
        /// The text works but is probably not what was meant.
        case warning
    }

    public var line: Int
    public var column: Int
    public var severity: Severity
    public var message: String

    public init(line: Int, column: Int, severity: Severity, message: String) {
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    /// Where the diagnostic points, as a cursor position for "jump to problem".
    public var position: TextPosition { TextPosition(line: line, column: column) }
}
