/// The conversation's input line: edits like a shell prompt and remembers what was sent.
///
/// A value type for the same reason as `TextBuffer`: it lives in `AppState` and changes only
/// in `reduce`. The text is kept as an array of `Character`s so cursor steps and kills are
/// index arithmetic rather than string index walks.
public struct LineEditor: Sendable, Hashable {
    private var chars: [Character] = []
    /// Character offset of the cursor, 0...text.count.
    public private(set) var cursor = 0
    /// Sent lines, oldest first.
    public private(set) var history: [String]
    /// The history entry on show while browsing with Up/Down; nil while editing the draft.
    private var historyIndex: Int?
    /// What was being typed before browsing started, given back after the newest entry.
    private var draft: [Character] = []

    public init(history: [String] = []) {
        self.history = history
    }

    /// A field pre-filled with `text` (a setting being edited, a suggestion), cursor at the end
    /// where the user will most likely continue. The text is cleaned as `insert` cleans it.
    public init(text: String, history: [String] = []) {
        self.history = history
        insert(text)
    }

    public var text: String { String(chars) }

    // MARK: Editing

    /// Inserts at the cursor. Line breaks and tabs become spaces and other control characters
    /// are dropped: the field is one line, and a pasted escape sequence must not reach the
    /// terminal.
    public mutating func insert(_ s: String) {
        var clean: [Character] = []
        for c in s {
            if c == "\n" || c == "\r\n" || c == "\r" || c == "\t" {
                clean.append(" ")
            } else if let lead = c.unicodeScalars.first, lead.value >= 0x20, !(0x7F...0x9F).contains(lead.value) {
                clean.append(c)
            }
        }
        guard !clean.isEmpty else { return }
        replace(cursor..<cursor, with: clean)
        cursor += clean.count
    }

    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        replace((cursor - 1)..<cursor, with: [])
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < chars.count else { return }
        replace(cursor..<(cursor + 1), with: [])
    }

    /// Ctrl-U: deletes from the start of the line to the cursor.
    public mutating func killToStart() {
        guard cursor > 0 else { return }
        replace(0..<cursor, with: [])
        cursor = 0
    }

    /// Ctrl-W: deletes the whitespace-delimited word before the cursor, as a shell does, so
    /// `--flag=value` goes in one press.
    public mutating func killWordBackward() {
        var start = cursor
        while start > 0, chars[start - 1].isWhitespace { start -= 1 }
        while start > 0, !chars[start - 1].isWhitespace { start -= 1 }
        guard start < cursor else { return }
        replace(start..<cursor, with: [])
        cursor = start
    }

    /// Ctrl-K: deletes from the cursor to the end of the line.
    public mutating func killToEnd() {
        guard cursor < chars.count else { return }
        replace(cursor..<chars.count, with: [])
    }

    // MARK: Motion

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(chars.count, cursor + 1) }
    /// Home and Ctrl-A.
    public mutating func moveHome() { cursor = 0 }
    /// End and Ctrl-E.
    public mutating func moveEnd() { cursor = chars.count }
    public mutating func moveWordLeft() { cursor = WordMotion.previousBoundary(in: chars, from: cursor) }
    public mutating func moveWordRight() { cursor = WordMotion.nextBoundary(in: chars, from: cursor) }

    // MARK: History

    /// Up: shows the previous (older) history entry, first saving the draft being typed.
    public mutating func historyPrevious() {
        guard !history.isEmpty else { return }
        if let index = historyIndex {
            guard index > 0 else { return }
            show(index - 1)
        } else {
            draft = chars
            show(history.count - 1)
        }
    }

    /// Down: shows the next (newer) entry; past the newest, gives back the draft.
    public mutating func historyNext() {
        guard let index = historyIndex else { return }
        if index + 1 < history.count {
            show(index + 1)
        } else {
            historyIndex = nil
            chars = draft
            cursor = chars.count
        }
    }

    /// Enter: returns the text and clears the line. Non-blank text joins the history unless it
    /// repeats the newest entry, so pressing Up brings back what was just sent exactly once.
    public mutating func submit() -> String {
        let sent = String(chars)
        if !sent.allSatisfy(\.isWhitespace), history.last != sent {
            history.append(sent)
        }
        chars = []
        cursor = 0
        draft = []
        historyIndex = nil
        return sent
    }

    // MARK: Display

    /// The part of the line to draw in a field `width` cells wide, and the cursor's cell within
    /// it. When the line is too long the view scrolls: near the end it shows the tail; elsewhere
    /// it keeps a quarter of the width as context to the left of the cursor. Wide characters
    /// are never cut in half.
    public func viewport(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 0 else { return ("", 0) }
        let widths = chars.map(DisplayWidth.of)
        let start = scrollStart(width: width, widths: widths)
        var used = 0
        var end = start
        while end < chars.count, used + widths[end] <= width {
            used += widths[end]
            end += 1
        }
        let cursorColumn = widths[start..<cursor].reduce(0, +)
        return (String(chars[start..<end]), min(cursorColumn, width - 1))
    }

    private func scrollStart(width: Int, widths: [Int]) -> Int {
        // One cell is kept for the cursor when it sits after the last character.
        let budget = width - 1
        if widths.reduce(0, +) <= budget { return 0 }
        var tailStart = chars.count
        var tailWidth = 0
        while tailStart > 0, tailWidth + widths[tailStart - 1] <= budget {
            tailStart -= 1
            tailWidth += widths[tailStart]
        }
        let margin = width / 4
        if cursor >= tailStart, widths[tailStart..<cursor].reduce(0, +) >= margin {
            return tailStart
        }
        var start = cursor
        var context = 0
        while start > 0, context + widths[start - 1] <= margin {
            start -= 1
            context += widths[start]
        }
        return start
    }

    // MARK: Private

    /// Every edit goes through here: editing a recalled history entry turns it into the draft,
    /// so Down can no longer throw the edit away and the history itself stays as it was sent.
    private mutating func replace(_ range: Range<Int>, with new: [Character]) {
        chars.replaceSubrange(range, with: new)
        historyIndex = nil
    }

    private mutating func show(_ index: Int) {
        historyIndex = index
        chars = Array(history[index])
        cursor = chars.count
    }
}
