/// What a run of characters is in JSON, for choosing its colour.
public enum JSONTokenKind: Sendable, Hashable {
    /// A string in key position (followed by `:`), coloured apart from values.
    case key
    case string
    case number
    /// `true`, `false` and `null`.
    case keyword
    /// `{ } [ ] : ,`
    case punctuation
    /// Characters that cannot start any JSON token, or a malformed number or word.
    case error
    case whitespace
}

/// One coloured run within a line. Ranges are `Character` offsets, the same unit as
/// `TextPosition.column`, so the view can map them straight onto the cells it draws.
public struct JSONToken: Sendable, Hashable {
    public var kind: JSONTokenKind
    public var range: Range<Int>

    public init(kind: JSONTokenKind, range: Range<Int>) {
        self.kind = kind
        self.range = range
    }
}
