/// The in-memory screen: a grid of cells that views draw into and the terminal copies out.
///
/// Views never talk to curses; they write here, so every screen is testable by rendering into a
/// canvas and reading its rows back as text. Cell widths come from `measure`, which at run time
/// is the C library's `wcwidth` (the one curses uses) and in tests a pure-Swift table.
public struct Canvas: Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]
    public let measure: CellMeasure
    /// Where the terminal cursor should be shown after drawing (`nil` hides it).
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int, measure: CellMeasure = .swift) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.measure = measure
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { inBounds(x, y) ? cells[y * width + x] : Cell() }
        set { if inBounds(x, y) { cells[y * width + x] = newValue } }
    }

    private func inBounds(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Fills `rect` with blanks in `style`.
    public mutating func fill(_ rect: Rect, style: Style) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        let blank = Cell(text: " ", style: style)
        for y in y0..<y1 {
            for x in x0..<x1 { cells[y * width + x] = blank }
        }
    }

    /// Writes `text` on row `y` from column `x`, never past `limit` (exclusive; defaults to the
    /// right edge). Returns the column after the last cell written. A wide character that would
    /// cross the limit is not drawn, so nothing ever spills into a neighbouring pane.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style, limit: Int? = nil) -> Int {
        let end = min(limit ?? width, width)
        guard y >= 0, y < height else { return x }
        var col = x
        for ch in text {
            if col >= end { break }
            let w = measure.width(of: ch)
            if w == 0 {
                attachCombining(ch, before: col, y: y)
                continue
            }
            if col + w > end { break }
            if col < 0 { col += w; continue }
            place(measure.normalized(ch), width: w, x: col, y: y, style: style)
            col += w
        }
        return col
    }

    /// Draws a horizontal run of `ch` from `x` for `count` cells.
    public mutating func hline(_ ch: Character, x: Int, y: Int, count: Int, style: Style) {
        guard count > 0 else { return }
        put(String(repeating: ch, count: count), x: x, y: y, style: style, limit: x + count)
    }

    public mutating func vline(_ ch: Character, x: Int, y: Int, count: Int, style: Style) {
        guard count > 0 else { return }
        for row in y..<(y + count) { put(String(ch), x: x, y: row, style: style, limit: x + 1) }
    }

    /// Draws a box outline (single lines) around `rect` with an optional title in the top edge.
    public mutating func box(_ rect: Rect, style: Style, title: String? = nil, titleStyle: Style? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let inner = rect.width - 2
        put("┌", x: rect.x, y: rect.y, style: style)
        hline("─", x: rect.x + 1, y: rect.y, count: inner, style: style)
        put("┐", x: rect.maxX - 1, y: rect.y, style: style)
        vline("│", x: rect.x, y: rect.y + 1, count: rect.height - 2, style: style)
        vline("│", x: rect.maxX - 1, y: rect.y + 1, count: rect.height - 2, style: style)
        put("└", x: rect.x, y: rect.maxY - 1, style: style)
        hline("─", x: rect.x + 1, y: rect.maxY - 1, count: inner, style: style)
        put("┘", x: rect.maxX - 1, y: rect.maxY - 1, style: style)
        if let title, inner > 2 {
            put(" " + title + " ", x: rect.x + 1, y: rect.y, style: titleStyle ?? style, limit: rect.maxX - 1)
        }
    }

    /// The visible text of row `y` (continuation cells skipped), for tests and the benchmark.
    public func rowText(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var s = ""
        for x in 0..<width { s += cells[y * width + x].text }
        return s
    }

    /// Every row joined with newlines, trailing spaces trimmed: what a person would read.
    public var text: String {
        (0..<height).map { row in
            var line = rowText(row)
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// Resizes to `width`x`height`, clearing every cell.
    public mutating func resize(width w: Int, height h: Int) {
        width = max(0, w)
        height = max(0, h)
        cells = Array(repeating: Cell(), count: width * height)
        cursor = nil
    }

    public mutating func clear() {
        for i in cells.indices { cells[i] = Cell() }
        cursor = nil
    }

    private mutating func place(_ text: String, width w: Int, x: Int, y: Int, style: Style) {
        // Overwriting half of a wide character would leave the other half as garbage on screen.
        if self[x, y].isContinuation, x > 0 { self[x - 1, y] = Cell(text: " ", style: self[x - 1, y].style) }
        let lastCovered = x + w - 1
        if lastCovered + 1 < width, self[lastCovered + 1, y].isContinuation {
            self[lastCovered + 1, y] = Cell(text: " ", style: self[lastCovered + 1, y].style)
        }
        self[x, y] = Cell(text: text, style: style)
        if w > 1 {
            for c in (x + 1)...lastCovered { self[c, y] = Cell(text: "", style: style) }
        }
    }

    private mutating func attachCombining(_ ch: Character, before col: Int, y: Int) {
        var target = col - 1
        while target > 0, self[target, y].isContinuation { target -= 1 }
        guard target >= 0, target < width, !self[target, y].text.isEmpty else { return }
        var cell = self[target, y]
        if cell.text.unicodeScalars.count < 5 { cell.text += String(ch) }
        self[target, y] = cell
    }
}
