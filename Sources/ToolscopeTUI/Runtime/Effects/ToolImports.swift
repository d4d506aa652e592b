import Foundation
import ToolscopeEngine

/// The effect handler for tools that come from outside: generating tools from a Python file's
/// functions or an MCP server's listing (each on its own thread, since it may start an
/// interpreter or a server and wait for it), and remembering that a file is trusted. Results
/// come back through `post` as actions.
struct ToolImports {
    let externals: (any WorkbenchExternals)?
    let post: @Sendable (Action) -> Void

    /// Where an import runs: the session's file (relative paths start beside it), its MCP
    /// servers, and the wire whose rules the generated tools are linted for.
    struct Context {
        var sessionPath: String?
        var mcpServers: JSONObject
        var api: WireAPI
    }

    /// `file` is a path (relative to where the workbench runs) or a dotted module name.
    func importPython(file: String, function: String?, interpreter: String, in context: Context) -> [Action] {
        let isPath = file.hasSuffix(".py") || file.contains("/")
        let resolved = isPath && !file.hasPrefix("/") ? FileManager.default.currentDirectoryPath + "/" + file : file
        let sessionContext = LoopHost.context(path: context.sessionPath, mcpServers: context.mcpServers)
        let api = context.api
        return run(source: file, mcpServers: [:]) { externals in
            try externals.importPython(file: resolved, function: function, interpreter: interpreter, context: sessionContext, api: api)
        }
    }

    /// Lists an MCP server's tools; `config`, when given, is a new server to add as `server`.
    func importMCP(server: String, config: JSONValue?, in context: Context) -> [Action] {
        var sessionContext = LoopHost.context(path: context.sessionPath, mcpServers: context.mcpServers)
        var added: JSONObject = [:]
        if let config { added[server] = config; sessionContext.mcpServers[server] = config }
        let withServer = sessionContext
        let api = context.api
        return run(source: "MCP server \(server)", mcpServers: added) { externals in
            try externals.importMCP(server: server, context: withServer, api: api)
        }
    }

    /// Records the user's trust for the file at `path` as it is on disk now.
    func rememberTrust(path: String) -> [Action] {
        guard let externals else { return [] }
        do {
            try externals.rememberTrust(path: path)
            return []
        } catch {
            return [.notice(Notice("trusted for this run; could not remember it: \(error)", kind: .warning))]
        }
    }

    private func run(source: String, mcpServers: JSONObject,
                     _ work: @escaping @Sendable (any WorkbenchExternals) throws -> ImportedTools) -> [Action] {
        guard let externals else { return [.importFailed("importing tools is not available in this build")] }
        let post = self.post
        let thread = Thread {
            do {
                post(.toolsImported(try work(externals), source: source, mcpServers: mcpServers))
            } catch {
                post(.importFailed("\(source): \(error)"))
            }
        }
        thread.name = "toolscope.import"
        thread.start()
        return []
    }
}
