/// Makes every character of a string visible, for text a person must read exactly before
/// deciding to run it (the trust listing).
///
/// A terminal hides a carriage return (it moves the cursor back and the rest overwrites the
/// start), a run of 150 spaces (it pushes the rest past the dialog edge), zero-width and bidi
/// controls (they hide or reorder what follows) and look-alike spaces. Here each becomes a mark:
///
/// - CR `␍`, LF `␊`, TAB `␉`, ESC `␛`, other C0 controls their Control Picture (`␀`…), DEL `␡`;
/// - C1 controls, Unicode spaces other than U+0020, line/paragraph separators and every format
///   character (zero-width, bidi embeddings, overrides and isolates, BOM, soft hyphen) `⟨U+202E⟩`;
/// - runs of three or more spaces `␣×150`;
/// - the marks' own characters (Control Pictures, `⟨`), when they occur in the input, `⟨U+240D⟩`,
///   so a literal `␍` cannot pass for a carriage return.
///
/// Ordinary text, one or two spaces included, comes back unchanged.
public enum VisibleText {
    /// Runs of this many spaces or more are shown with their count.
    public static let spaceRunThreshold = 3

    public static func make(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        var spaces = 0
        func flushSpaces() {
            if spaces >= spaceRunThreshold {
                out += "␣×\(spaces)"
            } else if spaces > 0 {
                out += String(repeating: " ", count: spaces)
            }
            spaces = 0
        }
        for scalar in text.unicodeScalars {
            if scalar == " " { spaces += 1; continue }
            flushSpaces()
            if let mark = mark(for: scalar) {
                out += mark
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        flushSpaces()
        return out
    }

    /// True when `make` would change `text`.
    public static func needsMarks(_ text: String) -> Bool { make(text) != text }

    /// `text` in double quotes, with `"` and `\` escaped and everything else made visible, so
    /// where one argv element ends and the next begins is never in doubt.
    public static func quoted(_ text: String) -> String {
        var escaped = ""
        for ch in text {
            switch ch {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            default: escaped.append(ch)
            }
        }
        return "\"" + make(escaped) + "\""
    }

    /// The mark that replaces `scalar`, or nil when it is shown as itself.
    static func mark(for scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        switch v {
        case 0x0D: return "␍"
        case 0x0A: return "␊"
        case 0x09: return "␉"
        case 0x00..<0x20: return String(Unicode.Scalar(0x2400 + v)!)
        case 0x7F: return "␡"
        case 0x80..<0xA0: return codePoint(v)
        case 0x2400...0x243F, 0x27E8: return codePoint(v)
        default: break
        }
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .format: return codePoint(v)
        default: return nil
        }
    }

    private static func codePoint(_ v: UInt32) -> String {
        let hex = String(v, radix: 16, uppercase: true)
        return "⟨U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "⟩"
    }
}
