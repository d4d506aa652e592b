/// Makes untrusted text (tool output, model text, file contents) safe to draw.
///
/// Escape sequences and other control characters would otherwise reach the terminal and could
/// move the cursor, change colours or retitle the window. They become visible symbols instead:
/// ESC shows as `␛`, other C0 controls as their Control Pictures, C1 controls and the bidi
/// controls (embeddings, overrides, isolates, LRM, RLM, ALM: they could reorder what a person
/// reads) as `�`. Tabs become spaces; newlines are kept for the wrapper to split on.
public enum TextSanitizer {
    public static func clean(_ text: String, tabWidth: Int = 4) -> String {
        guard text.unicodeScalars.contains(where: needsWork) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s.value {
            case 0x0A: out.append(s)
            case 0x09: out.append(contentsOf: String(repeating: " ", count: tabWidth).unicodeScalars)
            case 0x0D: continue
            case 0x1B: out.append("\u{241B}")
            case 0x00..<0x20: out.append(Unicode.Scalar(0x2400 + s.value)!)
            case 0x7F: out.append("\u{2421}")
            case 0x80..<0xA0: out.append("\u{FFFD}")
            case _ where s.isBidiControl: out.append("\u{FFFD}")
            default: out.append(s)
            }
        }
        return String(out)
    }

    /// One line: newlines shown as `⏎` so the text stays on its row.
    public static func singleLine(_ text: String) -> String {
        clean(text).replacingNewlines()
    }

    private static func needsWork(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (s.value >= 0x7F && s.value < 0xA0) || s.isBidiControl
    }
}

private extension String {
    func replacingNewlines() -> String {
        guard contains("\n") else { return self }
        return split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "⏎")
    }
}
