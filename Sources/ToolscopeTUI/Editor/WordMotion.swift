/// Word boundaries shared by the schema editor and the input line, so Ctrl-Left/Right behave
/// the same everywhere: whitespace is skipped, then one run of word characters (letters,
/// digits, `_`) or one run of punctuation is crossed.
enum WordMotion {
    enum CharacterClass: Equatable {
        case whitespace
        case word
        case punctuation

        init(_ c: Character) {
            if c.isWhitespace {
                self = .whitespace
            } else if c.isLetter || c.isNumber || c == "_" {
                self = .word
            } else {
                self = .punctuation
            }
        }
    }

    /// The index just after the next word at or after `index`.
    static func nextBoundary(in chars: [Character], from index: Int) -> Int {
        var i = max(0, min(index, chars.count))
        while i < chars.count, CharacterClass(chars[i]) == .whitespace { i += 1 }
        guard i < chars.count else { return i }
        let kind = CharacterClass(chars[i])
        while i < chars.count, CharacterClass(chars[i]) == kind { i += 1 }
        return i
    }

    /// The index where the word before `index` starts.
    static func previousBoundary(in chars: [Character], from index: Int) -> Int {
        var i = max(0, min(index, chars.count))
        while i > 0, CharacterClass(chars[i - 1]) == .whitespace { i -= 1 }
        guard i > 0 else { return 0 }
        let kind = CharacterClass(chars[i - 1])
        while i > 0, CharacterClass(chars[i - 1]) == kind { i -= 1 }
        return i
    }
}
