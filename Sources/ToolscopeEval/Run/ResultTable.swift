import Foundation
import ToolscopeEngine

/// The per-case matrix a terminal shows after an experiment: one row per case with each
/// variant's k/n and 95 % Wilson interval (variant totals and comparisons are `EvalReport`'s).
public enum ResultTable {
    /// One row per case, one column per variant: passes/runs and the 95 % Wilson interval.
    public static func cells(_ summary: ResultSummary) -> String {
        let variants = summary.variants.map(\.variant)
        var caseOrder: [String] = []
        var cells: [String: [String: CellSummary]] = [:]
        for cell in summary.cells {
            if cells[cell.caseID] == nil { caseOrder.append(cell.caseID); cells[cell.caseID] = [:] }
            cells[cell.caseID]![cell.variant] = cell
        }
        var rows: [[String]] = [["case"] + variants]
        for id in caseOrder {
            rows.append([id] + variants.map { v in cells[id]?[v].map { "\($0.passes)/\($0.runs) \(interval($0.interval))" } ?? "—" })
        }
        return table(rows)
    }

    static func interval(_ i: Interval?) -> String {
        guard let i else { return "[—]" }
        return "[\(Int((i.low * 100).rounded()))–\(Int((i.high * 100).rounded()))%]"
    }

    /// Columns padded to their widest cell (by characters), two spaces apart.
    public static func table(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.map(\.count).max() ?? 0)).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in c == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[c] - cell.count) }
                .joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
