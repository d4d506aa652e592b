/// Cursor motion. Every motion takes `selecting`: true extends the selection from where it
/// started (Shift+arrow), false drops it. Motions never change the text and end any typing
/// run, so the next characters typed become their own undo step.
extension TextBuffer {
    /// One character left, wrapping to the end of the previous line. Without `selecting`, a
    /// selection collapses to its start instead of moving.
    public mutating func moveLeft(selecting: Bool = false) {
        if !selecting, let range = selection {
            move(to: range.lowerBound, selecting: false)
            return
        }
        let at = cursor
        if at.column > 0 {
            move(to: TextPosition(line: at.line, column: at.column - 1), selecting: selecting)
        } else if at.line > 0 {
            move(to: TextPosition(line: at.line - 1, column: lineLength(at.line - 1)), selecting: selecting)
        } else {
            move(to: at, selecting: selecting)
        }
    }

    /// One character right, wrapping to the start of the next line. Without `selecting`, a
    /// selection collapses to its end instead of moving.
    public mutating func moveRight(selecting: Bool = false) {
        if !selecting, let range = selection {
            move(to: range.upperBound, selecting: false)
            return
        }
        let at = cursor
        if at.column < lineLength(at.line) {
            move(to: TextPosition(line: at.line, column: at.column + 1), selecting: selecting)
        } else if at.line + 1 < lines.count {
            move(to: TextPosition(line: at.line + 1, column: 0), selecting: selecting)
        } else {
            move(to: at, selecting: selecting)
        }
    }

    /// One line up, keeping the display column across short lines; on the first line, to
    /// its start.
    public mutating func moveUp(selecting: Bool = false) {
        moveVertically(by: -1, selecting: selecting)
    }

    /// One line down, keeping the display column across short lines; on the last line, to
    /// its end.
    public mutating func moveDown(selecting: Bool = false) {
        moveVertically(by: 1, selecting: selecting)
    }

    /// Page Up/Down: `rows` lines at once (at least one), keeping the display column.
    public mutating func movePage(up: Bool, rows: Int, selecting: Bool = false) {
        // Clamped to the document so an absurd row count cannot overflow the line arithmetic.
        let step = min(max(1, rows), lines.count)
        moveVertically(by: up ? -step : step, selecting: selecting)
    }

    /// To the start of the previous word, or the end of the previous line from column 0.
    public mutating func moveWordLeft(selecting: Bool = false) {
        let at = cursor
        if at.column == 0 {
            moveLeft(selecting: selecting)
            return
        }
        let column = WordMotion.previousBoundary(in: characters(ofLine: at.line), from: at.column)
        move(to: TextPosition(line: at.line, column: column), selecting: selecting)
    }

    /// To the end of the next word, or the start of the next line from the end of a line.
    public mutating func moveWordRight(selecting: Bool = false) {
        let at = cursor
        if at.column >= lineLength(at.line) {
            moveRight(selecting: selecting)
            return
        }
        let column = WordMotion.nextBoundary(in: characters(ofLine: at.line), from: at.column)
        move(to: TextPosition(line: at.line, column: column), selecting: selecting)
    }

    /// Smart Home: to the first non-blank character of the line; pressed again there, to
    /// column 0. Indented JSON makes the first non-blank the useful stop.
    public mutating func moveLineStart(selecting: Bool = false) {
        let at = cursor
        let firstNonBlank = Self.leadingWhitespaceCount(characters(ofLine: at.line))
        let column = at.column == firstNonBlank ? 0 : firstNonBlank
        move(to: TextPosition(line: at.line, column: column), selecting: selecting)
    }

    public mutating func moveLineEnd(selecting: Bool = false) {
        move(to: TextPosition(line: cursor.line, column: lineLength(cursor.line)), selecting: selecting)
    }

    public mutating func moveDocumentStart(selecting: Bool = false) {
        move(to: .zero, selecting: selecting)
    }

    public mutating func moveDocumentEnd(selecting: Bool = false) {
        move(to: endPosition, selecting: selecting)
    }

    /// To `position`, clamped into the document (e.g. a mouse click or "go to diagnostic").
    public mutating func moveTo(_ position: TextPosition, selecting: Bool = false) {
        move(to: position, selecting: selecting)
    }

    private mutating func moveVertically(by delta: Int, selecting: Bool) {
        let at = cursor
        let target = at.line + delta
        if target < 0 {
            move(to: .zero, selecting: selecting)
            return
        }
        if target >= lines.count {
            move(to: endPosition, selecting: selecting)
            return
        }
        let goal = goalColumn ?? displayColumn(of: at)
        let column = Self.column(forDisplayColumn: goal, in: characters(ofLine: target))
        move(to: TextPosition(line: target, column: column), selecting: selecting, keepGoal: true)
        goalColumn = goal
    }

    /// Cells from the line start to `position`; vertical motion keeps this, not the character
    /// count, so the cursor stays visually straight above wide characters.
    func displayColumn(of position: TextPosition) -> Int {
        characters(ofLine: position.line).prefix(position.column).reduce(0) { $0 + DisplayWidth.of($1) }
    }

    /// The last column whose display position does not pass `goal`.
    static func column(forDisplayColumn goal: Int, in chars: [Character]) -> Int {
        var cells = 0
        var column = 0
        while column < chars.count {
            let width = DisplayWidth.of(chars[column])
            if cells + width > goal { break }
            cells += width
            column += 1
        }
        return column
    }
}
