import ToolscopeEngine

/// Where a yes/no dialog and its detail lines go on a screen of a given size. The reducer
/// (scrolling, paging) and the view (drawing) both use it, so they agree on how many rows the
/// wrapped details take.
///
/// Details are the trust listing: every character counts, so long lines wrap at the exact
/// cell where the row ends (a word wrapper would drop the space it breaks at), and each
/// continuation row starts with `↪`, so a wrapped line is never mistaken for a new field.
struct ConfirmLayout {
    /// One screen row of the wrapped details.
    struct Row: Equatable {
        var text: String
        /// The first row of an entry (a tool or server): drawn bold.
        var heading: Bool
    }

    static let continuationMark = "↪ "

    /// The whole dialog, border included.
    let box: Rect
    /// The question, word-wrapped: it is never cut either.
    let question: [String]
    /// The rows the details wrap to, at the dialog's inner width.
    let rows: [Row]
    /// How many detail rows are visible at once.
    let visibleRows: Int

    init(_ confirm: ConfirmState, width: Int, height: Int, measure: CellMeasure) {
        let w = confirm.details.isEmpty ? min(60, width - 2) : max(0, width - 4)
        let inner = max(1, w - 4)
        var rows: [Row] = []
        for line in confirm.details {
            rows += Self.wrap(line, width: inner, measure: measure)
        }
        question = WordWrapper(measure: measure).wrap(TextSanitizer.singleLine(confirm.question), width: inner)
        // The question, a blank row, the detail rows, a blank row, the position line; plus the border.
        let chrome = question.count + 5
        let wanted = confirm.details.isEmpty ? question.count + 4 : rows.count + chrome
        let h = max(0, min(wanted, height - 2))
        box = Rect(x: max(0, (width - w) / 2), y: max(0, (height - h) / 2), width: max(0, w), height: h)
        self.rows = rows
        visibleRows = confirm.details.isEmpty ? 0 : max(0, h - chrome)
    }

    /// The largest useful scroll offset: the last row sits on the last visible line.
    var maxScroll: Int { max(0, rows.count - visibleRows) }

    func clamped(_ scroll: Int) -> Int { min(max(0, scroll), maxScroll) }

    /// "lines 1–20 of 87 · 67 more below" — always says whether anything is out of sight.
    func position(scroll: Int) -> String {
        guard !rows.isEmpty else { return "" }
        let first = clamped(scroll)
        let last = min(rows.count, first + visibleRows)
        if first == 0 && last == rows.count { return "all \(rows.count) lines shown" }
        var text = visibleRows == 0 ? "lines 0 of \(rows.count)" : "lines \(first + 1)–\(last) of \(rows.count)"
        if first > 0 { text += " · \(first) above" }
        if last < rows.count { text += " · \(rows.count - last) more below (↓ PgDn End)" }
        return text
    }

    /// Breaks one listing line into rows of at most `width` cells, indenting fields under
    /// their heading and marking continuations. Wide characters are never split.
    static func wrap(_ line: ExecutionListing.Line, width: Int, measure: CellMeasure) -> [Row] {
        let indent = String(repeating: "  ", count: line.depth)
        let first = indent
        let next = indent + "  " + continuationMark
        var rows: [Row] = []
        var current = first
        var used = cells(first, measure)
        var empty = true
        for ch in line.text {
            let w = measure.width(of: ch)
            if !empty && used + w > width {
                rows.append(Row(text: current, heading: line.depth == 0))
                current = next
                used = cells(next, measure)
                empty = true
            }
            current.append(ch)
            used += w
            empty = false
        }
        rows.append(Row(text: current, heading: line.depth == 0))
        return rows
    }

    private static func cells(_ s: String, _ measure: CellMeasure) -> Int {
        s.reduce(0) { $0 + measure.width(of: $1) }
    }
}
