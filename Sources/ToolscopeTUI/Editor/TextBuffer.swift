/// The text of the schema editor: lines, a cursor, an optional selection and undo history.
///
/// It is a value type so that it can live inside `AppState` and be changed only by `reduce`;
/// every operation is a mutating method that can be tested without a screen. Lines are kept
/// as an array of strings, so a keystroke costs work proportional to the line it touches
/// (plus a copy of the array of references when an undo step begins), never to the square of
/// the document.
///
/// Invariants: there is always at least one line; the cursor and the selection anchor always
/// point inside the text; columns count `Character`s.
public struct TextBuffer: Sendable, Hashable {
    /// The document, one string per line, without line terminators.
    public private(set) var lines: [String]
    /// Where typing happens; also the moving end of the selection.
    public private(set) var cursor: TextPosition
    /// The fixed end of the selection while the user extends it; nil when nothing is selected.
    private(set) var anchor: TextPosition?
    /// The display column that Up/Down/Page try to keep, so moving through a short line does
    /// not pull the cursor to the left for good. Cleared by every other motion and edit.
    var goalColumn: Int?
    private var savedLines: [String]
    private var history = UndoHistory()

    /// Opens `text`; CR LF and lone CR line ends become plain line breaks.
    public init(text: String) {
        lines = Self.splitLines(text)
        cursor = .zero
        savedLines = lines
    }

    /// The whole document with lines joined by "\n", as it would be saved or parsed.
    public var text: String { lines.joined(separator: "\n") }

    /// The selected range in document order, or nil when nothing is selected.
    public var selection: Range<TextPosition>? {
        guard let anchor, anchor != cursor else { return nil }
        return min(anchor, cursor)..<max(anchor, cursor)
    }

    /// Whether the text differs from what was opened or last saved. Undoing back to that text
    /// makes the buffer unmodified again, which is why this compares text, not edit counts.
    public var isModified: Bool { lines != savedLines }

    /// Declares the current text to be the saved one.
    public mutating func markSaved() {
        savedLines = lines
        history.breakRun()
    }

    /// The selected text with lines joined by "\n", or nil when nothing is selected.
    public func selectedText() -> String? {
        guard let range = selection else { return nil }
        return text(in: range)
    }

    /// The position just after the last character of the document.
    public var endPosition: TextPosition {
        TextPosition(line: lines.count - 1, column: lines[lines.count - 1].count)
    }

    // MARK: - Edits with undo

    /// Inserts `text` in place of the selection (or at the cursor). Pasted text may span
    /// several lines; the cursor ends after it. One undo step.
    public mutating func insert(_ text: String) {
        guard !text.isEmpty || selection != nil else { return }
        edit(.other) { buffer in
            let range = buffer.selection ?? buffer.cursor..<buffer.cursor
            buffer.place(buffer.replace(range, with: text))
        }
    }

    /// Backspace: removes the selection, else an empty bracket or quote pair around the
    /// cursor, else one indentation step of spaces, else one character; at column 0 it joins
    /// the line to the previous one.
    public mutating func deleteBackward() {
        edit(.other) { buffer in
            if let range = buffer.selection {
                buffer.place(buffer.replace(range, with: ""))
                return
            }
            let at = buffer.cursor
            guard at.column > 0 else {
                guard at.line > 0 else { return }
                let end = TextPosition(line: at.line - 1, column: buffer.lineLength(at.line - 1))
                buffer.place(buffer.replace(end..<at, with: ""))
                return
            }
            let chars = buffer.characters(ofLine: at.line)
            let column = min(at.column, chars.count)
            var start = column - 1
            var end = column
            if column < chars.count, Self.isEmptyPair(chars[column - 1], chars[column]),
               !TextBuffer.stringState(of: chars, before: column - 1).inString {
                end = column + 1
            } else if chars[..<column].allSatisfy({ $0 == " " }) {
                start = column - ((column - 1) % Self.indentWidth + 1)
            }
            buffer.place(buffer.replace(
                TextPosition(line: at.line, column: start)..<TextPosition(line: at.line, column: end),
                with: ""))
        }
    }

    /// Delete: removes the selection, else the character under the cursor, else joins the
    /// next line onto this one.
    public mutating func deleteForward() {
        edit(.other) { buffer in
            if let range = buffer.selection {
                buffer.place(buffer.replace(range, with: ""))
                return
            }
            let at = buffer.cursor
            let length = buffer.lineLength(at.line)
            let end: TextPosition
            if at.column < length {
                end = TextPosition(line: at.line, column: at.column + 1)
            } else if at.line + 1 < buffer.lines.count {
                end = TextPosition(line: at.line + 1, column: 0)
            } else {
                return
            }
            buffer.place(buffer.replace(at..<end, with: ""))
        }
    }

    /// Replaces the whole document, e.g. with a formatted version, as one undo step. The
    /// cursor stays at the same line and column as far as the new text allows.
    public mutating func replaceAll(with text: String) {
        edit(.other) { buffer in
            buffer.lines = Self.splitLines(text)
            buffer.place(buffer.clamp(buffer.cursor))
        }
    }

    /// Reverts the newest undo step and puts the cursor where it was before that edit.
    /// Returns false when there is nothing to undo.
    @discardableResult
    public mutating func undo() -> Bool {
        guard let previous = history.undo(current: snapshot) else { return false }
        restore(previous)
        return true
    }

    /// Re-applies the newest undone step. Any new edit after an undo discards the redo steps.
    /// Returns false when there is nothing to redo.
    @discardableResult
    public mutating func redo() -> Bool {
        guard let next = history.redo(current: snapshot) else { return false }
        restore(next)
        return true
    }

    /// Whether `undo()` / `redo()` would do anything, for enabling menu entries.
    public var canUndo: Bool { !history.undoStack.isEmpty }
    public var canRedo: Bool { !history.redoStack.isEmpty }

    /// The partner of the bracket at the cursor, or just before it, skipping brackets that
    /// are inside strings. nil when there is none, so the view can highlight both ends.
    public func matchingBracket() -> TextPosition? {
        BracketMatcher.match(in: lines, near: cursor)
    }

    // MARK: - Primitives for the other files of this type

    /// Spaces per indentation level, the width JSONPrinter uses too.
    static let indentWidth = 2

    /// Runs `body` as one undoable edit. The state before it is recorded only if the text
    /// actually changed, so no-op edits leave no empty undo steps; typing that continues a run
    /// skips the snapshot altogether, which keeps a keystroke from copying the line array.
    mutating func edit(_ kind: UndoHistory.EditKind, _ body: (inout TextBuffer) -> Void) {
        let extendsRun = kind == .typing && history.isRunOpen
        let before: UndoHistory.Snapshot? = extendsRun ? nil : snapshot
        body(&self)
        goalColumn = nil
        if let before {
            if before.lines != lines { history.record(before: before, kind: kind) }
        } else {
            history.record(before: nil, kind: kind)
        }
        if kind == .other { history.breakRun() }
    }

    /// Ends a typing run; the next typed character starts a new undo step.
    mutating func breakTypingRun() { history.breakRun() }

    /// Replaces the text in `range` (clamped) with `text` and returns the position just after
    /// the inserted text. Records no undo step by itself; callers wrap it in `edit`.
    @discardableResult
    mutating func replace(_ range: Range<TextPosition>, with text: String) -> TextPosition {
        let lower = clamp(range.lowerBound)
        let upper = max(lower, clamp(range.upperBound))
        let head = String(characters(ofLine: lower.line)[..<lower.column])
        let tail = String(characters(ofLine: upper.line)[upper.column...])
        var pieces = Self.splitLines(text)
        pieces[0] = head + pieces[0]
        let last = pieces.count - 1
        let end = TextPosition(line: lower.line + last, column: pieces[last].count)
        pieces[last] += tail
        lines.replaceSubrange(lower.line...upper.line, with: pieces)
        return end
    }

    /// Replaces whole lines; an empty document keeps one empty line.
    mutating func replaceLines(_ range: Range<Int>, with newLines: [String]) {
        lines.replaceSubrange(range, with: newLines)
        if lines.isEmpty { lines = [""] }
    }

    /// Moves the cursor (clamped) and sets or clears the selection anchor, without touching
    /// the undo history; used inside edits.
    mutating func place(_ position: TextPosition, anchor newAnchor: TextPosition? = nil) {
        cursor = clamp(position)
        anchor = newAnchor.map(clamp)
    }

    /// Moves the cursor as a motion: extends the selection when `selecting`, else clears it,
    /// and ends any typing run so that the next characters typed are a separate undo step.
    mutating func move(to position: TextPosition, selecting: Bool, keepGoal: Bool = false) {
        if selecting {
            if anchor == nil { anchor = cursor }
        } else {
            anchor = nil
        }
        cursor = clamp(position)
        if !keepGoal { goalColumn = nil }
        history.breakRun()
    }

    /// The nearest valid position to `position`.
    func clamp(_ position: TextPosition) -> TextPosition {
        let line = min(max(position.line, 0), lines.count - 1)
        let column = min(max(position.column, 0), lines[line].count)
        return TextPosition(line: line, column: column)
    }

    func characters(ofLine line: Int) -> [Character] { Array(lines[line]) }

    func lineLength(_ line: Int) -> Int { lines[line].count }

    /// The text between two valid positions, lines joined with "\n".
    func text(in range: Range<TextPosition>) -> String {
        let lower = clamp(range.lowerBound)
        let upper = clamp(range.upperBound)
        if lower.line == upper.line {
            return String(characters(ofLine: lower.line)[lower.column..<upper.column])
        }
        var parts = [String(characters(ofLine: lower.line)[lower.column...])]
        parts.append(contentsOf: lines[(lower.line + 1)..<upper.line])
        parts.append(String(characters(ofLine: upper.line)[..<upper.column]))
        return parts.joined(separator: "\n")
    }

    /// Whether the characters before `column` leave a JSON string open, and whether a
    /// backslash escape is pending. Lines are judged alone: JSON strings never span lines.
    static func stringState(of chars: [Character], before column: Int) -> (inString: Bool, escaped: Bool) {
        var inString = false
        var escaped = false
        for c in chars[..<min(column, chars.count)] {
            _ = JSONCharacter.scan(c, inString: &inString, escaped: &escaped)
        }
        return (inString, escaped)
    }

    /// Splits on "\n", "\r\n" and "\r"; always returns at least one line.
    static func splitLines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
            .map(String.init)
    }

    private static func isEmptyPair(_ open: Character, _ close: Character) -> Bool {
        (open == "{" && close == "}") || (open == "[" && close == "]") || (open == "\"" && close == "\"")
    }

    private var snapshot: UndoHistory.Snapshot {
        UndoHistory.Snapshot(lines: lines, cursor: cursor, anchor: anchor)
    }

    private mutating func restore(_ snapshot: UndoHistory.Snapshot) {
        lines = snapshot.lines
        cursor = clamp(snapshot.cursor)
        anchor = snapshot.anchor.map(clamp)
        goalColumn = nil
    }
}
