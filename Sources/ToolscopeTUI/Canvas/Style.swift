/// How one cell looks, by *meaning* rather than colour: the theme decides colours at the last
/// moment, so a test can assert "this is an error" without knowing the palette.
public struct Style: Hashable, Sendable {
    public var role: ThemeRole
    public var bold: Bool
    public var underline: Bool
    /// Swaps foreground and background: selection and cursors without extra colours.
    public var reverse: Bool

    public init(_ role: ThemeRole = .text, bold: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.role = role
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
    }

    public static let plain = Style(.text)

    public func reversed() -> Style { var s = self; s.reverse = true; return s }
}
