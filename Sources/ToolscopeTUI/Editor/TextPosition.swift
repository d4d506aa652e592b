/// A place in a `TextBuffer`: a 0-based line and a 0-based column counted in `Character`s
/// (grapheme clusters), so that one cursor step always crosses one visible character, whatever
/// its bytes or cell width.
public struct TextPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The very start of any document.
    public static let zero = TextPosition(line: 0, column: 0)

    /// Document order: earlier lines first, then earlier columns.
    public static func < (lhs: TextPosition, rhs: TextPosition) -> Bool {
        lhs.line != rhs.line ? lhs.line < rhs.line : lhs.column < rhs.column
    }

    /// 1-based "line:column", the way people and compilers say where something is.
    public var description: String { "\(line + 1):\(column + 1)" }
}
