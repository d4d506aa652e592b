import ToolscopeEngine

/// The one letter at the right of each row of the tools list: how the tool's calls are
/// answered. One table for the row, the list's legend and the help screen, so they agree.
enum ToolTag {
    static let legend: [(tag: String, meaning: String, short: String)] = [
        ("b", "built-in: answered by toolscope's own demo tools", "built-in"),
        ("m", "mock: answers a fixed result", "mock"),
        ("h", "manual: a person types the result", "manual"),
        ("x", "code: a python, command or MCP binding (runs only when trusted)", "code"),
        ("-", "disabled: kept in the session, not sent to the model", "off"),
    ]

    static func tag(for tool: SessionTool) -> String {
        guard tool.enabled else { return "-" }
        switch tool.binding {
        case .builtin: return "b"
        case .mock: return "m"
        case .manual: return "h"
        case .external: return "x"
        }
    }

    /// The legend packed into rows of at most `width` cells ("b built-in  m mock", …).
    static func legendRows(width: Int) -> [String] {
        var rows: [String] = []
        var row = ""
        for entry in legend {
            let item = "\(entry.tag) \(entry.short)"
            if row.isEmpty {
                row = item
            } else if row.count + 2 + item.count <= width {
                row += "  " + item
            } else {
                rows.append(row)
                row = item
            }
        }
        if !row.isEmpty { rows.append(row) }
        return rows
    }
}
