import Foundation
import ToolscopeEngine

/// The text a terminal shows after an experiment: one row per case with each variant's k/n and
/// 95 % Wilson interval, one row per variant with totals, then the comparisons (flipped cases
/// and the significance test, named).
public enum ResultTable {
    public static func render(_ summary: ResultSummary, comparisons: [Comparison], errored: [String: Int] = [:]) -> String {
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
        var text = table(rows)
        text += "\n"
        var totals: [[String]] = [["variant", "passed", "rate", "95% CI", "cases", "errored", "tokens in/out", "latency p50/p95"]]
        for v in summary.variants {
            totals.append([v.variant, "\(v.passes)/\(v.runs)", percent(v.passRate), interval(v.interval), "\(v.casesPassed)/\(v.cases)",
                           "\(errored[v.variant] ?? 0)", "\(v.usage.promptTokens)/\(v.usage.completionTokens)",
                           "\(seconds(v.usage.latencyP50))/\(seconds(v.usage.latencyP95))"])
        }
        text += table(totals)
        for comparison in comparisons {
            text += "\n" + comparison.verdictText + "\n"
            if !comparison.nowPassing.isEmpty { text += "  now passing: " + comparison.nowPassing.joined(separator: ", ") + "\n" }
            if !comparison.nowFailing.isEmpty { text += "  now failing: " + comparison.nowFailing.joined(separator: ", ") + "\n" }
        }
        return text
    }

    static func interval(_ i: Interval?) -> String {
        guard let i else { return "[—]" }
        return "[\(Int((i.low * 100).rounded()))–\(Int((i.high * 100).rounded()))%]"
    }

    public static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }

    static func seconds(_ s: Double?) -> String {
        guard let s else { return "—" }
        return s < 1 ? "\(Int((s * 1000).rounded())) ms" : String(format: "%.2f s", s)
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
