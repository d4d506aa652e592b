/// Measures how many cells a character takes. The terminal front end installs one built on the
/// C library's `wcwidth` so the grid and curses agree; tests use the pure-Swift table.
public struct CellMeasure: Sendable {
    private let scalarWidth: @Sendable (Unicode.Scalar) -> Int

    public init(scalarWidth: @escaping @Sendable (Unicode.Scalar) -> Int) {
        self.scalarWidth = scalarWidth
    }

    /// Pure Swift: the editor's `DisplayWidth` table.
    public static let swift = CellMeasure { scalar in DisplayWidth.of(Character(scalar)) }

    /// Width of a grapheme: its first scalar decides (that is what curses stores in the cell).
    /// Control characters count as one cell because the sanitizer shows them as a symbol.
    public func width(of ch: Character) -> Int {
        guard let first = ch.unicodeScalars.first else { return 0 }
        if first.value < 0x20 || (first.value >= 0x7F && first.value < 0xA0) { return 1 }
        let w = scalarWidth(first)
        if w < 0 { return 1 }
        return min(w, 2)
    }

    /// The grapheme reduced to what one curses cell can hold: the base character and its
    /// zero-width marks. Joined emoji sequences keep only their first picture, because a
    /// terminal draws each joined part separately and the columns would drift.
    public func normalized(_ ch: Character) -> String {
        var scalars = ch.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return " " }
        if first.value < 0x20 || (first.value >= 0x7F && first.value < 0xA0) { return "\u{FFFD}" }
        var out = String(first)
        var kept = 0
        while let s = scalars.next(), kept < 4 {
            guard scalarWidth(s) == 0, s.value != 0x200D else { break }
            out.unicodeScalars.append(s)
            kept += 1
        }
        return out
    }
}
