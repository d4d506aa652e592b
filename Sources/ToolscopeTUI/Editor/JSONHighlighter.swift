/// Splits JSON text into coloured tokens, line by line.
///
/// It is a lexer, not a parser: it never fails and colours half-typed text sensibly, which is
/// what an editor needs between keystrokes. The tokens of a line cover every character of it,
/// in order and without gaps, so a view can draw them one after the other.
public enum JSONHighlighter {
    /// Tokens for each line of a document. An unterminated string carries into the next line
    /// so the colouring shows where the missing quote bites; a string is a `.key` when the
    /// next non-blank character on its line is `:`.
    public static func highlight(lines: [String]) -> [[JSONToken]] {
        var inString = false
        var result: [[JSONToken]] = []
        result.reserveCapacity(lines.count)
        for line in lines {
            let highlighted = highlight(line: line, startingInString: inString)
            result.append(highlighted.tokens)
            inString = highlighted.endsInString
        }
        return result
    }

    /// Tokens for one line given whether it starts inside a string, and whether it ends inside
    /// one. A view that caches per-line tokens can call this for just the lines that changed.
    public static func highlight(line: String, startingInString: Bool) -> (tokens: [JSONToken], endsInString: Bool) {
        var lexer = LineLexer(chars: Array(line))
        let endsInString = lexer.run(startingInString: startingInString)
        return (lexer.tokens, endsInString)
    }
}

/// The state machine behind `JSONHighlighter` for one line.
private struct LineLexer {
    let chars: [Character]
    var tokens: [JSONToken] = []
    var index = 0

    init(chars: [Character]) { self.chars = chars }

    /// Lexes the whole line; returns whether it ends inside an unterminated string.
    mutating func run(startingInString: Bool) -> Bool {
        if startingInString, !chars.isEmpty {
            if !lexStringBody(from: 0) { return true }
        } else if startingInString {
            return true
        }
        while index < chars.count {
            let c = chars[index]
            let start = index
            if JSONCharacter.isWhitespace(c) {
                while index < chars.count, JSONCharacter.isWhitespace(chars[index]) { index += 1 }
                emit(.whitespace, from: start)
            } else if JSONCharacter.isQuote(c) {
                index += 1
                if !lexStringBody(from: start) { return true }
            } else if let lead = JSONCharacter.lead(c), "{}[]:,".unicodeScalars.contains(lead) {
                index += 1
                emit(.punctuation, from: start)
            } else if let lead = JSONCharacter.lead(c), lead == "-" || ("0"..."9").contains(lead) {
                lexRun(from: start)
                emit(Self.isNumber(chars[start..<index]) ? .number : .error, from: start)
            } else {
                lexRun(from: start)
                let word = String(chars[start..<index])
                emit(word == "true" || word == "false" || word == "null" ? .keyword : .error, from: start)
            }
        }
        return false
    }

    /// Consumes string content up to and including the closing quote. Returns false when the
    /// line ends first, after emitting what there was as a string.
    private mutating func lexStringBody(from start: Int) -> Bool {
        var escaped = false
        while index < chars.count {
            let c = chars[index]
            index += 1
            if escaped {
                escaped = false
            } else if JSONCharacter.isBackslash(c) {
                escaped = true
            } else if JSONCharacter.isQuote(c) {
                emit(isFollowedByColon() ? .key : .string, from: start)
                return true
            }
        }
        emit(.string, from: start)
        return false
    }

    /// A run of characters that could belong to a number or a bare word, up to the next
    /// delimiter, so that `tru` or `1.2.3` is one error token rather than several.
    private mutating func lexRun(from start: Int) {
        index = start + 1
        while index < chars.count {
            let c = chars[index]
            if JSONCharacter.isWhitespace(c) || JSONCharacter.isQuote(c) { break }
            if let lead = JSONCharacter.lead(c), "{}[]:,".unicodeScalars.contains(lead) { break }
            index += 1
        }
    }

    private func isFollowedByColon() -> Bool {
        var i = index
        while i < chars.count, JSONCharacter.isWhitespace(chars[i]) { i += 1 }
        return i < chars.count && chars[i] == ":"
    }

    private mutating func emit(_ kind: JSONTokenKind, from start: Int) {
        guard index > start else { return }
        tokens.append(JSONToken(kind: kind, range: start..<index))
    }

    /// RFC 8259 number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private static func isNumber(_ chars: ArraySlice<Character>) -> Bool {
        var i = chars.startIndex
        let end = chars.endIndex
        func isDigit(_ k: Int) -> Bool { k < end && chars[k].isASCII && chars[k].isNumber }
        if i < end, chars[i] == "-" { i += 1 }
        guard isDigit(i) else { return false }
        if chars[i] == "0" {
            i += 1
        } else {
            while isDigit(i) { i += 1 }
        }
        if i < end, chars[i] == "." {
            i += 1
            guard isDigit(i) else { return false }
            while isDigit(i) { i += 1 }
        }
        if i < end, chars[i] == "e" || chars[i] == "E" {
            i += 1
            if i < end, chars[i] == "+" || chars[i] == "-" { i += 1 }
            guard isDigit(i) else { return false }
            while isDigit(i) { i += 1 }
        }
        return i == end
    }
}
