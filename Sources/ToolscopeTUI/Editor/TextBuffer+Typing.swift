/// Typing with JSON in mind: auto-indent on Enter, auto-closed brackets and quotes, skipping
/// over a closer that is already there, and closers that put themselves at the right depth.
/// These are what make hand-editing a nested schema bearable in a terminal.
extension TextBuffer {
    /// Enter. The new line copies the current line's indentation, one level deeper after `{`
    /// or `[`; between a bracket pair (`{|}`) the closer moves to its own line below the
    /// cursor. Whitespace right after the cursor is dropped so the new indentation is exact.
    /// One undo step.
    public mutating func insertNewline() {
        edit(.other) { buffer in
            if let range = buffer.selection {
                buffer.place(buffer.replace(range, with: ""))
            }
            let at = buffer.cursor
            let chars = buffer.characters(ofLine: at.line)
            let column = at.column
            let indentCount = min(Self.leadingWhitespaceCount(chars), column)
            let indent = String(chars[..<indentCount])
            var gapEnd = column
            while gapEnd < chars.count, chars[gapEnd] == " " || chars[gapEnd] == "\t" { gapEnd += 1 }

            let before = chars[..<column].last(where: { !JSONCharacter.isWhitespace($0) })
            let after: Character? = gapEnd < chars.count ? chars[gapEnd] : nil
            let opensBlock = before.map(JSONCharacter.isOpener) == true
                && !Self.stringState(of: chars, before: column).inString
            let deeper = indent + String(repeating: " ", count: Self.indentWidth)
            let range = at..<TextPosition(line: at.line, column: gapEnd)
            let expectedCloser = before.flatMap(JSONCharacter.bracket).flatMap(JSONCharacter.partner(of:))
            let splitsPair = opensBlock && expectedCloser != nil
                && after.flatMap(JSONCharacter.bracket) == expectedCloser
            if splitsPair {
                buffer.replace(range, with: "\n" + deeper + "\n" + indent)
                buffer.place(TextPosition(line: at.line + 1, column: deeper.count))
            } else {
                buffer.place(buffer.replace(range, with: "\n" + (opensBlock ? deeper : indent)))
            }
        }
    }

    /// Types one character. `{`, `[` and `"` insert their closer too when the cursor is not in
    /// a string and the next character is a boundary (end of line, space, closer, `,` `:`);
    /// typing a closer or the closing quote that is already under the cursor just steps over
    /// it; `}` or `]` typed on a line of only indentation re-indents the line to the depth of
    /// its opening bracket. Consecutive typed characters form one undo step.
    public mutating func insertCharacter(_ c: Character) {
        if c == "\n" || c == "\r\n" || c == "\r" {
            insertNewline()
            return
        }
        if selection != nil { breakTypingRun() }
        edit(.typing) { buffer in
            if let range = buffer.selection {
                buffer.place(buffer.replace(range, with: ""))
            }
            buffer.type(c)
        }
    }

    private mutating func type(_ c: Character) {
        let at = cursor
        let chars = characters(ofLine: at.line)
        let next: Character? = at.column < chars.count ? chars[at.column] : nil
        let state = Self.stringState(of: chars, before: at.column)
        let atBoundary = next.map(Self.isBoundary) ?? true

        if JSONCharacter.isCloser(c), !state.inString {
            if next == c {
                place(TextPosition(line: at.line, column: at.column + 1))
            } else if at.column > 0, chars[..<at.column].allSatisfy({ $0 == " " || $0 == "\t" }) {
                typeCloserOnBlankLine(c, rest: chars[at.column...])
            } else {
                place(replace(at..<at, with: String(c)))
            }
        } else if JSONCharacter.isOpener(c), !state.inString, atBoundary,
                  let closer = JSONCharacter.partner(of: c) {
            replace(at..<at, with: String([c, closer]))
            place(TextPosition(line: at.line, column: at.column + 1))
        } else if c == "\"", state.inString, !state.escaped, next == "\"" {
            place(TextPosition(line: at.line, column: at.column + 1))
        } else if c == "\"", !state.inString, atBoundary {
            replace(at..<at, with: "\"\"")
            place(TextPosition(line: at.line, column: at.column + 1))
        } else {
            place(replace(at..<at, with: String(c)))
        }
    }

    /// Puts `closer` at the indentation of its opening bracket, or one level shallower than
    /// the current indentation when the opener cannot be found.
    private mutating func typeCloserOnBlankLine(_ closer: Character, rest: ArraySlice<Character>) {
        let line = cursor.line
        let oldIndent = cursor.column
        var probe = lines
        probe[line] = String(closer) + String(rest)
        let indent: String
        if let opener = BracketMatcher.match(in: probe, at: TextPosition(line: line, column: 0)) {
            indent = String(characters(ofLine: opener.line).prefix(while: { $0 == " " || $0 == "\t" }))
        } else {
            indent = String(repeating: " ", count: max(0, oldIndent - Self.indentWidth))
        }
        replaceLines(line..<(line + 1), with: [indent + probe[line]])
        place(TextPosition(line: line, column: indent.count + 1))
    }

    static func leadingWhitespaceCount(_ chars: [Character]) -> Int {
        chars.prefix(while: { $0 == " " || $0 == "\t" }).count
    }

    /// A character after which an auto-inserted closer cannot glue itself to existing text.
    private static func isBoundary(_ c: Character) -> Bool {
        JSONCharacter.isWhitespace(c) || JSONCharacter.isCloser(c) || c == "," || c == ":"
    }
}
