/// Finds the partner of a `{ } [ ]` in JSON text, ignoring brackets inside strings.
///
/// Strings are judged line by line: a JSON string can never contain a raw newline, so an
/// unterminated quote while the user is typing only disturbs its own line instead of flipping
/// every bracket below it.
enum BracketMatcher {
    /// A bracket that is part of the document's structure rather than a string's content.
    struct Bracket: Equatable {
        var column: Int
        var character: Character
    }

    /// The brackets of one line that lie outside strings, left to right.
    static func structuralBrackets(in line: String) -> [Bracket] {
        var result: [Bracket] = []
        var inString = false
        var escaped = false
        for (column, c) in line.enumerated() {
            if JSONCharacter.scan(c, inString: &inString, escaped: &escaped), let b = JSONCharacter.bracket(c) {
                result.append(Bracket(column: column, character: b))
            }
        }
        return result
    }

    /// The partner of the structural bracket exactly at `position`, or nil when there is no
    /// bracket there, it sits inside a string, or it is unbalanced.
    static func match(in lines: [String], at position: TextPosition) -> TextPosition? {
        guard lines.indices.contains(position.line) else { return nil }
        let here = structuralBrackets(in: lines[position.line])
        guard let bracket = here.first(where: { $0.column == position.column }),
              let partner = JSONCharacter.partner(of: bracket.character) else { return nil }
        if bracket.character == "{" || bracket.character == "[" {
            return searchForward(lines, from: position, open: bracket.character, close: partner, first: here)
        }
        return searchBackward(lines, from: position, open: partner, close: bracket.character, first: here)
    }

    /// The partner of the bracket at the cursor, or else of the one just before it — the two
    /// places a user's eye goes after typing or arriving at a bracket.
    static func match(in lines: [String], near cursor: TextPosition) -> TextPosition? {
        if let found = match(in: lines, at: cursor) { return found }
        guard cursor.column > 0 else { return nil }
        return match(in: lines, at: TextPosition(line: cursor.line, column: cursor.column - 1))
    }

    private static func searchForward(
        _ lines: [String], from start: TextPosition, open: Character, close: Character, first: [Bracket]
    ) -> TextPosition? {
        var depth = 0
        var line = start.line
        var brackets = first.filter { $0.column > start.column }
        while true {
            for b in brackets {
                if b.character == open {
                    depth += 1
                } else if b.character == close {
                    if depth == 0 { return TextPosition(line: line, column: b.column) }
                    depth -= 1
                }
            }
            line += 1
            guard line < lines.count else { return nil }
            brackets = structuralBrackets(in: lines[line])
        }
    }

    private static func searchBackward(
        _ lines: [String], from start: TextPosition, open: Character, close: Character, first: [Bracket]
    ) -> TextPosition? {
        var depth = 0
        var line = start.line
        var brackets = first.filter { $0.column < start.column }
        while true {
            for b in brackets.reversed() {
                if b.character == close {
                    depth += 1
                } else if b.character == open {
                    if depth == 0 { return TextPosition(line: line, column: b.column) }
                    depth -= 1
                }
            }
            line -= 1
            guard line >= 0 else { return nil }
            brackets = structuralBrackets(in: lines[line])
        }
    }
}
