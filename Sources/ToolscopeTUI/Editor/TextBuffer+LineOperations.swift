/// Selection and whole-line commands: select all/line, cut, delete, duplicate, move and
/// indent lines. With a selection they act on every line it touches (a selection ending at
/// column 0 does not touch that last line); without one, on the cursor's line.
extension TextBuffer {
    public mutating func selectAll() {
        place(endPosition, anchor: .zero)
        goalColumn = nil
        breakTypingRun()
    }

    /// Selects the cursor's line including its line break. Pressed again on a selection of
    /// whole lines, it extends by one more line, so repeated presses grow the block.
    public mutating func selectLine() {
        var lower = cursor.line
        var upper = cursor.line
        if let range = selection {
            // A selection of whole lines ends at column 0 of the next line, so taking that
            // line in full is exactly "one more line"; any other selection grows to whole lines.
            lower = range.lowerBound.line
            upper = range.upperBound.line
        }
        let end = upper + 1 < lines.count
            ? TextPosition(line: upper + 1, column: 0)
            : TextPosition(line: upper, column: lineLength(upper))
        place(end, anchor: TextPosition(line: lower, column: 0))
        goalColumn = nil
        breakTypingRun()
    }

    /// Cuts the selection, or the whole current line with its line break when nothing is
    /// selected, and returns the text for the clipboard. nil when there is nothing to cut.
    @discardableResult
    public mutating func cut() -> String? {
        if let range = selection {
            let removed = text(in: range)
            edit(.other) { buffer in buffer.place(buffer.replace(range, with: "")) }
            return removed
        }
        guard lines.count > 1 || !lines[0].isEmpty else { return nil }
        let removed = lines[cursor.line] + "\n"
        deleteLine()
        return removed
    }

    /// Removes every line the selection touches (or the cursor's line).
    public mutating func deleteLine() {
        let block = selectedLines
        let column = cursor.column
        edit(.other) { buffer in
            buffer.replaceLines(block.lowerBound..<(block.upperBound + 1), with: [])
            let line = min(block.lowerBound, buffer.lines.count - 1)
            buffer.place(TextPosition(line: line, column: column))
        }
    }

    /// Copies the touched lines below themselves and moves the cursor and selection onto the
    /// copy, so pressing it again keeps duplicating downwards.
    public mutating func duplicateLine() {
        let block = selectedLines
        edit(.other) { buffer in
            let copy = Array(buffer.lines[block])
            buffer.replaceLines((block.upperBound + 1)..<(block.upperBound + 1), with: copy)
            buffer.shiftCursorLines(by: copy.count)
        }
    }

    /// Swaps the touched lines with the line above or below; the cursor and selection travel
    /// with them. Does nothing at the top or bottom of the document.
    public mutating func moveLine(up: Bool) {
        let block = selectedLines
        if up {
            guard block.lowerBound > 0 else { return }
        } else {
            guard block.upperBound + 1 < lines.count else { return }
        }
        edit(.other) { buffer in
            if up {
                let above = buffer.lines[block.lowerBound - 1]
                buffer.replaceLines((block.lowerBound - 1)..<block.lowerBound, with: [])
                buffer.replaceLines(block.upperBound..<block.upperBound, with: [above])
            } else {
                let below = buffer.lines[block.upperBound + 1]
                buffer.replaceLines((block.upperBound + 1)..<(block.upperBound + 2), with: [])
                buffer.replaceLines(block.lowerBound..<block.lowerBound, with: [below])
            }
            buffer.shiftCursorLines(by: up ? -1 : 1)
        }
    }

    /// Adds one indentation level to every touched non-empty line (Tab on a selection).
    public mutating func indentSelection() {
        let block = selectedLines
        let pad = String(repeating: " ", count: Self.indentWidth)
        let hadSelection = selection != nil
        edit(.other) { buffer in
            var changed: [Int: Int] = [:]
            for line in block where !buffer.lines[line].isEmpty {
                buffer.replaceLines(line..<(line + 1), with: [pad + buffer.lines[line]])
                changed[line] = Self.indentWidth
            }
            // A selection edge at column 0 stays there so whole lines remain selected.
            buffer.adjustColumns(changed, sign: 1, keepColumnZero: hadSelection)
        }
    }

    /// Removes up to one indentation level (spaces, or one tab) from every touched line
    /// (Shift-Tab).
    public mutating func dedentSelection() {
        let block = selectedLines
        edit(.other) { buffer in
            var changed: [Int: Int] = [:]
            for line in block {
                let chars = buffer.characters(ofLine: line)
                let removed = chars.first == "\t"
                    ? 1 : chars.prefix(Self.indentWidth).prefix(while: { $0 == " " }).count
                guard removed > 0 else { continue }
                buffer.replaceLines(line..<(line + 1), with: [String(chars.dropFirst(removed))])
                changed[line] = removed
            }
            buffer.adjustColumns(changed, sign: -1, keepColumnZero: true)
        }
    }

    /// The lines an operation applies to.
    var selectedLines: ClosedRange<Int> {
        guard let range = selection else { return cursor.line...cursor.line }
        let lower = range.lowerBound.line
        var upper = range.upperBound.line
        if range.upperBound.column == 0, upper > lower { upper -= 1 }
        return lower...upper
    }

    private mutating func shiftCursorLines(by delta: Int) {
        let shift = { (p: TextPosition) in TextPosition(line: p.line + delta, column: p.column) }
        place(shift(cursor), anchor: anchor.map(shift))
    }

    private mutating func adjustColumns(_ changed: [Int: Int], sign: Int, keepColumnZero: Bool) {
        let adjust = { (p: TextPosition) -> TextPosition in
            guard let amount = changed[p.line] else { return p }
            if sign > 0, keepColumnZero, p.column == 0 { return p }
            return TextPosition(line: p.line, column: max(0, p.column + sign * amount))
        }
        place(adjust(cursor), anchor: anchor.map(adjust))
    }
}
