/// How many terminal cells a character occupies, computed in pure Swift.
///
/// The terminal adapter may ask the C library's `wcwidth` for the cells it draws; this table
/// exists so that layout code and its tests (viewport scrolling, cursor placement) can run
/// without a terminal and still agree with it for the ranges people actually type: ASCII,
/// Latin with combining marks, CJK, Hangul, fullwidth forms and emoji.
///
/// The unit is a grapheme cluster (`Character`), not a scalar: a whole emoji ZWJ sequence or a
/// letter with its accents occupies the cells of its first scalar, because that is how a
/// modern terminal draws it and how the cursor should step over it.
public enum DisplayWidth {
    /// Cells for one grapheme cluster: 0 for control characters and clusters made only of
    /// zero-width scalars, 2 for East Asian Wide/Fullwidth and emoji presentation, else 1.
    public static func of(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 0 }
        let base = width(of: first)
        if base == 0 {
            // A cluster that starts with a lone mark still has no base to draw on.
            return 0
        }
        if base == 1, scalars.count > 1, scalars.contains(emojiPresentationSelector),
           first.properties.isEmoji {
            // U+FE0F asks for the colourful two-cell form of a text-default symbol (❤️, ☀️).
            return 2
        }
        if base == 1, isRegionalIndicator(first) {
            return 2
        }
        return base
    }

    /// Cells for a whole string: the sum over its grapheme clusters.
    public static func of(_ s: String) -> Int {
        var total = 0
        for c in s { total += of(c) }
        return total
    }

    /// Width of a single scalar in the manner of `wcwidth`, except that controls count 0
    /// (rather than -1) so a stray control character can never make a sum negative.
    static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return 0 }
        if v < 0x7F { return 1 }
        if isZeroWidth(scalar) { return 0 }
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    private static let emojiPresentationSelector: Unicode.Scalar = "\u{FE0F}"

    private static func isRegionalIndicator(_ s: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(s.value)
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        // Hangul medial vowels and final consonants join the preceding initial consonant.
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            // U+00AD SOFT HYPHEN is the one format character terminals draw.
            return v != 0x00AD
        default:
            return false
        }
    }

    /// East Asian Wide and Fullwidth blocks (Unicode 15), sorted for a binary search.
    /// Emoji with default emoji presentation are caught by `isEmojiPresentation` instead.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
        0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF,
        0x1AFF0...0x1B2FF, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E,
        0x1F191...0x1F19A, 0x1F200...0x1F2FF, 0x1F300...0x1F64F, 0x1F680...0x1F6FF,
        0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD,
        0x30000...0x3FFFD,
    ]

    private static func isWide(_ v: UInt32) -> Bool {
        guard v >= 0x1100 else { return false }
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if v < range.lowerBound {
                high = mid - 1
            } else if v > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}
