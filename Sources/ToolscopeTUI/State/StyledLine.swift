/// One row of styled text: runs of (text, style). Views build these, then draw them clipped.
public struct StyledLine: Sendable, Hashable {
    public var runs: [Run]

    public struct Run: Sendable, Hashable {
        public var text: String
        public var style: Style
    }

    public init(_ runs: [Run] = []) { self.runs = runs }

    public init(_ text: String, _ style: Style = .plain) { runs = [Run(text: text, style: style)] }

    public mutating func append(_ text: String, _ style: Style) { runs.append(Run(text: text, style: style)) }

    public var text: String { runs.map(\.text).joined() }

    /// Draws the line at `x`,`y`, clipped at `limit`.
    public func draw(into canvas: inout Canvas, x: Int, y: Int, limit: Int) {
        var col = x
        for run in runs where col < limit {
            col = canvas.put(run.text, x: col, y: y, style: run.style, limit: limit)
        }
    }

    /// This line cut into rows of at most `width` cells, after the last space of a row (past its
    /// leading indentation) when there is one, else mid-word; wide characters are never split.
    /// Continuation rows start with a dim "↪ " so a wrapped line never reads as two lines.
    public func wrapped(width: Int, measure: CellMeasure) -> [StyledLine] {
        let width = max(4, width)
        // Characters with their styles, so a row can be cut anywhere and keep its runs.
        var cells: [(ch: Character, style: Style, w: Int)] = []
        for run in runs { for ch in run.text { cells.append((ch, run.style, measure.width(of: ch))) } }
        if cells.reduce(0, { $0 + $1.w }) <= width { return [self] }
        let marker = Run(text: "↪ ", style: Style(.dim))
        var rows: [StyledLine] = []
        var start = 0
        while start < cells.count {
            let budget = rows.isEmpty ? width : width - 2
            var used = 0
            var end = start
            while end < cells.count, used + cells[end].w <= budget { used += cells[end].w; end += 1 }
            if end == start { end = start + 1 }  // a character wider than the row still moves on
            let indentEnd = cells[start..<end].firstIndex(where: { $0.ch != " " }) ?? end
            if end < cells.count, let space = cells[indentEnd..<end].lastIndex(where: { $0.ch == " " }) {
                end = space + 1
            }
            var row = StyledLine(rows.isEmpty ? [] : [marker])
            for cell in cells[start..<end] {
                if let last = row.runs.last, last.style == cell.style, row.runs.count > (rows.isEmpty ? 0 : 1) {
                    row.runs[row.runs.count - 1].text.append(cell.ch)
                } else {
                    row.runs.append(Run(text: String(cell.ch), style: cell.style))
                }
            }
            rows.append(row)
            start = end
        }
        return rows
    }
}
