/// Classifies characters for the JSON-aware editing features.
///
/// JSON's syntax is ASCII, but a `Character` is a grapheme cluster: a quote followed by a
/// combining accent is a single `Character` that is not equal to `"`. The strict parser works
/// on bytes and sees the quote, so these helpers look at the cluster's first scalar to agree
/// with it.
enum JSONCharacter {
    static func lead(_ c: Character) -> Unicode.Scalar? { c.unicodeScalars.first }

    static func isQuote(_ c: Character) -> Bool { lead(c) == "\"" }
    static func isBackslash(_ c: Character) -> Bool { lead(c) == "\\" }

    /// JSON's four whitespace characters (and CR LF, which Swift keeps as one cluster).
    static func isWhitespace(_ c: Character) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\r\n"
    }

    static func isOpener(_ c: Character) -> Bool { lead(c) == "{" || lead(c) == "[" }
    static func isCloser(_ c: Character) -> Bool { lead(c) == "}" || lead(c) == "]" }

    /// The ASCII bracket a cluster starts with, or nil for anything else.
    static func bracket(_ c: Character) -> Character? {
        switch lead(c) {
        case "{": return "{"
        case "}": return "}"
        case "[": return "["
        case "]": return "]"
        default: return nil
        }
    }

    /// `{` ↔ `}` and `[` ↔ `]`.
    static func partner(of bracket: Character) -> Character? {
        switch bracket {
        case "{": return "}"
        case "}": return "{"
        case "[": return "]"
        case "]": return "["
        default: return nil
        }
    }

    /// Advances the string-scanning state over one character; returns true when `c` lies
    /// outside any string (and is not the quote opening one). Shared by bracket matching and
    /// the typing helpers, so both agree on what is inside a string.
    static func scan(_ c: Character, inString: inout Bool, escaped: inout Bool) -> Bool {
        if inString {
            if escaped {
                escaped = false
            } else if isBackslash(c) {
                escaped = true
            } else if isQuote(c) {
                inString = false
            }
            return false
        }
        if isQuote(c) {
            inString = true
            return false
        }
        return true
    }
}

