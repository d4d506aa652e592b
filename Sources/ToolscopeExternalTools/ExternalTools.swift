import Foundation
import ToolscopeEngine

/// The factory the engine asks for `python`, `command` and `mcp` executors. It owns the
/// long-lived processes those bindings share (warm Python workers, running MCP servers), so
/// one instance should live as long as the app, and `shutdown()` ends them on exit.
public struct ExternalTools: ExternalToolFactory {
    public let kinds: Set<String> = ["python", "command", "mcp"]
    let python: PythonWorkerPool
    let mcp: MCPServerPool
    /// Bounds the Python and command processes running at once, across every session this serves.
    let limiter = ProcessLimiter()

    /// - Parameters:
    ///   - mcpConfigFile: an extra `{"mcpServers": {…}}` file; defaults to `mcp.json` in
    ///     toolscope's config directory when that exists. Servers in the session win.
    ///   - cacheDirectory: where the embedded Python worker is written; defaults to
    ///     `$XDG_CACHE_HOME/toolscope` (tests pass a temporary directory).
    public init(mcpConfigFile: String? = nil, cacheDirectory: String? = nil) {
        python = PythonWorkerPool(cacheDirectory: cacheDirectory ?? UserDirectories.cache())
        mcp = MCPServerPool(configFile: mcpConfigFile ?? UserDirectories.config() + "/mcp.json")
    }

    public func makeExecutor(for tool: SessionTool, kind: String, config: JSONObject,
                             session: SessionContext) -> Result<any ToolExecutor, ToolBindingError> {
        switch kind {
        case "python":
            return PythonBinding.parse(config, context: session).map { PythonExecutor(binding: $0, pool: python, limiter: limiter, limits: session.processLimits) }
        case "command":
            return CommandBinding.parse(config, context: session).map { CommandExecutor(binding: $0, limiter: limiter, limits: session.processLimits) }
        case "mcp":
            return MCPBinding.parse(config, context: session, pool: mcp).map { MCPExecutor(binding: $0, pool: mcp) }
        default:
            return .failure(ToolBindingError("\(tool.name): unknown binding kind \"\(kind)\"; expected python, command or mcp"))
        }
    }

    /// Stops every Python worker and MCP server this instance started.
    public func shutdown() {
        python.shutdown()
        mcp.shutdown()
    }

    /// The tools an MCP server offers, as definitions with their schemas' key order kept,
    /// each paired with the binding that calls it; starts the server when needed.
    public func importMCPTools(server: String, session: SessionContext) throws(ToolBindingError) -> [SessionTool] {
        try mcp.importTools(server: server, context: session)
    }

    /// Tool definitions generated from a Python file's functions (see `PythonSchemaImporter`).
    public func importPython(file: String, function: String? = nil, interpreter: String = "python3",
                             session: SessionContext) throws(ToolBindingError) -> PythonImport {
        try PythonSchemaImporter(pool: python).importTools(file: file, function: function, interpreter: interpreter, context: session)
    }
}
