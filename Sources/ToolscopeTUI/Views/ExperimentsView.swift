import Foundation
import ToolscopeEval

/// Draws the Experiments screen from its own state (never the whole `AppState`): the fields,
/// the model and progress lines, the cases × variants matrix with coloured `k/n` cells, the
/// totals per variant, the significance of each comparison and the keys.
enum ExperimentsView {
    /// The keys line, naming the keys in force (a keys.conf remap shows here too).
    static func keysText(_ keys: Keymap) -> String {
        func name(_ command: Command, _ scope: KeyScope, _ usual: Key) -> String { keys.keyName(command, in: scope, usual: usual) }
        return "\(name(.nextField, .experiments, .tab)) field · arrows cell · \(name(.openRun, .experimentsMatrix, .enter)) open run · "
            + "\(name(.runSuite, .experimentsMatrix, .char("r"))) run suite · \(name(.runCase, .experimentsMatrix, .char("c"))) run case · "
            + "\(name(.filter, .experimentsMatrix, .char("f"))) filter · \(name(.difference, .experimentsMatrix, .char("d"))) diff tools · "
            + "\(name(.openCase, .experimentsMatrix, .char("w"))) open in workbench · \(name(.stopExperiment, .experimentsMatrix, .char("x"))) stop · "
            + "\(name(.close, .experiments, .escape)) back"
    }

    /// Draws `screen`; `keys` is the binding table in force, for the texts that name keys.
    static func draw(_ screen: ExperimentsState, keys: Keymap = .defaults, rect: Rect, into canvas: inout Canvas) {
        guard rect.width >= 20, rect.height >= 8 else { return }
        Renderer.frame(rect, title: "Experiments", focused: true, into: &canvas)
        let inner = rect.inset(by: 1)
        let wrapper = WordWrapper(measure: canvas.measure)
        drawFields(screen, x: inner.x, y: inner.y, width: inner.width, into: &canvas)
        let model = "Model: " + (screen.modelLabel ?? "the session's provider (\(keys.keyName(.provider, in: .global, usual: .function(2))) changes it); "
            + "\(keys.keyName(.runSuite, in: .experimentsField, usual: .enter)) runs the suite")
        canvas.put(TextSanitizer.singleLine(wrapper.truncate(model, width: inner.width)), x: inner.x, y: inner.y + 1, style: Style(.dim), limit: inner.maxX)
        progressLine(screen).draw(into: &canvas, x: inner.x, y: inner.y + 2, limit: inner.maxX)

        let matrix = screen.matrix
        let summary = matrix.summary
        let flipped = matrix.flipped(summary)
        let cases = matrix.visibleCases(screen.filter)
        var comparisonRows: [(String, Style)] = []
        for c in matrix.comparisons(summary) {
            let style = Style(c.significant ? .success : .dim)
            for row in wrapper.wrap(c.verdictText, width: inner.width) { comparisonRows.append((row, style)) }
        }
        let keysY = inner.maxY - 1
        let totalsRows = matrix.variants.isEmpty ? 0 : 3
        let bottom = keysY - comparisonRows.count - totalsRows
        let headerY = inner.y + 3
        let caseRows = max(1, bottom - headerY - 1)

        let columns = Columns(matrix: matrix, cases: cases, width: inner.width)
        if !matrix.variants.isEmpty {
            var header = StyledLine("  " + columns.pad("case", columns.caseWidth), Style(.title, bold: true))
            for v in matrix.variants { header.append(columns.pad(v, columns.variantWidth), Style(.title, bold: true)) }
            header.draw(into: &canvas, x: inner.x, y: headerY, limit: inner.maxX)
        } else {
            canvas.put("No results yet.", x: inner.x, y: headerY, style: Style(.dim), limit: inner.maxX)
        }
        if cases.isEmpty && !matrix.cases.isEmpty {
            canvas.put("No case is \(screen.filter == .failing ? "failing" : "flipped") (f changes the filter).", x: inner.x, y: headerY + 1, style: Style(.dim), limit: inner.maxX)
        }
        // The selected row stays in sight.
        let start = max(0, screen.row - caseRows + 1)
        for (i, caseID) in cases.enumerated().dropFirst(start).prefix(caseRows) {
            let y = headerY + 1 + (i - start)
            let isFlipped = flipped.contains(caseID)
            var line = StyledLine(isFlipped ? "⇄ " : "  ", Style(.accent, bold: true))
            line.append(columns.pad(caseID, columns.caseWidth), isFlipped ? Style(.accent, bold: true) : Style(.text))
            for (j, v) in matrix.variants.enumerated() {
                var style = cellStyle(matrix.outcome(caseID: caseID, variant: v))
                if screen.field == .matrix, i == screen.row, j == screen.column { style = style.reversed() }
                line.append(columns.pad(matrix.cellText(caseID: caseID, variant: v), columns.variantWidth), style)
            }
            line.draw(into: &canvas, x: inner.x, y: y, limit: inner.maxX)
        }

        var y = bottom
        if totalsRows > 0 {
            let byName = Dictionary(summary.variants.map { ($0.variant, $0) }, uniquingKeysWith: { a, _ in a })
            let rows: [(String, (VariantSummary) -> String)] = [
                ("passes", { "\($0.passes)/\($0.runs)" }),
                ("rate", { String(format: "%.1f%%", $0.passRate * 100) }),
                ("95% Wilson", { s in s.interval.map { "\(Int(($0.low * 100).rounded()))–\(Int(($0.high * 100).rounded()))%" } ?? "—" }),
            ]
            for (label, value) in rows {
                var line = StyledLine("  " + columns.pad(label, columns.caseWidth), Style(.title, bold: true))
                for v in matrix.variants { line.append(columns.pad(byName[v].map(value) ?? "—", columns.variantWidth), Style(.text, bold: true)) }
                line.draw(into: &canvas, x: inner.x, y: y, limit: inner.maxX)
                y += 1
            }
        }
        for (row, style) in comparisonRows {
            canvas.put(row, x: inner.x, y: y, style: style, limit: inner.maxX)
            y += 1
        }
        canvas.put(wrapper.truncate(keysText(keys), width: inner.width), x: inner.x, y: keysY, style: Style(.dim), limit: inner.maxX)
    }

    /// `Suite [path]  Repeats [n]  Concurrency [n]`, the focused field holding the cursor.
    static func drawFields(_ screen: ExperimentsState, x: Int, y: Int, width: Int, into canvas: inout Canvas) {
        let small = 4
        let suiteWidth = max(8, width - "Suite ".count - " Repeats ".count - small - " Concurrency ".count - small)
        func label(_ text: String, _ field: ExperimentsState.Field, at x: Int) -> Int {
            canvas.put(text, x: x, y: y, style: Style(screen.field == field ? .titleFocused : .title, bold: screen.field == field), limit: x + width)
        }
        var col = label("Suite ", .suite, at: x)
        DialogView.drawField(screen.suitePath, x: col, y: y, width: suiteWidth, focused: screen.field == .suite, into: &canvas)
        col = label(" Repeats ", .repeats, at: col + suiteWidth)
        DialogView.drawField(screen.repeats, x: col, y: y, width: small, focused: screen.field == .repeats, into: &canvas)
        col = label(" Concurrency ", .concurrency, at: col + small)
        DialogView.drawField(screen.concurrency, x: col, y: y, width: small, focused: screen.field == .concurrency, into: &canvas)
    }

    /// A bar and the counts, the experiment's state (with the time left while it runs), and the
    /// filter; or the problem that stopped it.
    static func progressLine(_ screen: ExperimentsState) -> StyledLine {
        if let problem = screen.problem { return StyledLine("✖ " + TextSanitizer.singleLine(problem), Style(.error, bold: true)) }
        guard let p = screen.progress else {
            return StyledLine("Enter runs the suite · Tab moves between the fields and the matrix · filter: \(screen.filter.rawValue)", Style(.dim))
        }
        var line = StyledLine(p.bar(width: 10), Style(screen.running ? .statusBusy : .success))
        let state = screen.running ? "running" : p.done < p.total ? "stopped" : "done"
        line.append(" \(p.done)/\(p.total) runs · \(p.passed) passed, \(p.failed) failed, \(p.errored) errored · \(state)", Style(.text))
        if screen.running { line.append(" · ETA \(p.eta)", Style(.text)) }
        if p.reused > 0 { line.append(" · \(p.reused) reused", Style(.dim)) }
        line.append(" · filter: \(screen.filter.rawValue)", Style(.accent))
        return line
    }

    static func cellStyle(_ outcome: ExperimentMatrix.Outcome) -> Style {
        switch outcome {
        case .pending: return Style(.dim)
        case .allPassed: return Style(.success, bold: true)
        case .somePassed: return Style(.warning, bold: true)
        case .nonePassed: return Style(.error, bold: true)
        case .errored: return Style(.error, underline: true)
        }
    }

    /// Column widths: variants as wide as their names (at least 9), the case column the rest.
    struct Columns {
        var caseWidth: Int
        var variantWidth: Int

        init(matrix: ExperimentMatrix, cases: [String], width: Int) {
            variantWidth = max(9, (matrix.variants.map(\.count).max() ?? 0) + 2)
            let longest = max(12, (cases.map(\.count).max() ?? 0) + 2)
            caseWidth = max(10, min(longest, width - 2 - variantWidth * matrix.variants.count))
        }

        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? String(text.prefix(max(1, width - 2))) + "… " : text + String(repeating: " ", count: width - text.count)
        }
    }
}
