import ToolscopeEngine
import ToolscopeExternalTools
import ToolscopeTUI

/// Gives the workbench the trust store and the Python and MCP importers, sharing the
/// `ExternalTools` instance that runs the tools (so an import warms the same Python workers).
struct WorkbenchExternalsAdapter: WorkbenchExternals {
    let tools: ExternalTools

    func isTrusted(path: String) -> Bool { TrustStore.isTrusted(path: path) }

    func rememberTrust(path: String) throws { try TrustStore.trust(path: path) }

    func importPython(file: String, function: String?, interpreter: String, context: SessionContext, api: WireAPI) throws -> ImportedTools {
        let imported = try tools.importPython(file: file, function: function, interpreter: interpreter, session: context)
        return ImportedTools(tools: imported.tools, notes: imported.notes + Self.lintNotes(imported.tools, api: api))
    }

    func importMCP(server: String, context: SessionContext, api: WireAPI) throws -> ImportedTools {
        let imported = try tools.importMCPTools(server: server, session: context)
        return ImportedTools(tools: imported, notes: Self.lintNotes(imported, api: api))
    }

    /// The linter's findings on generated definitions for the session's wire (on Responses,
    /// `responses-strict` too), each named by its tool rather than by its index in the import
    /// ("add: parameters/properties/x: warning: …").
    static func lintNotes(_ tools: [SessionTool], api: WireAPI) -> [String] {
        let findings = ToolLinter.lint(tools.map(\.definition), api: api)
        return findings.map { finding in
            let parts = finding.path.split(separator: "/", maxSplits: 2).map(String.init)
            guard parts.count >= 1, let index = Int(parts[0]), index < tools.count else { return "lint: \(finding)" }
            var rest = parts.count > 1 ? parts.dropFirst().joined(separator: "/") : ""
            if rest.hasPrefix("function/") { rest.removeFirst("function/".count) } else if rest == "function" { rest = "" }
            return "\(tools[index].name)\(rest.isEmpty ? "" : ": " + rest): \(finding.severity): \(finding.message)"
        }
    }
}
