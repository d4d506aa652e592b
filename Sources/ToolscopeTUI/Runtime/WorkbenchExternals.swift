import ToolscopeEngine

/// What the workbench needs from outside its module to work with tools that run code: trust
/// decisions remembered on disk, and generating tools from Python files and MCP servers. The
/// `toolscope` command supplies it (from ToolscopeExternalTools), so this module never spawns
/// processes itself. Every method may block (it can start an interpreter or a server); the
/// workbench calls the importers off the main thread.
public protocol WorkbenchExternals: Sendable {
    /// Whether the file at `path`, as it is on disk now, was trusted before.
    func isTrusted(path: String) -> Bool
    /// Remembers that the file at `path`, as it is on disk now, is trusted.
    func rememberTrust(path: String) throws
    /// Tools generated from a Python file's (or module's) functions, bound to them; the notes
    /// lint them for `api`, the wire the session speaks.
    func importPython(file: String, function: String?, interpreter: String, context: SessionContext, api: WireAPI) throws -> ImportedTools
    /// The tools an MCP server offers, bound to it; `context.mcpServers` names the server.
    func importMCP(server: String, context: SessionContext, api: WireAPI) throws -> ImportedTools
}

/// The result of an import: tools bound to their code, and notes for the user to read.
public struct ImportedTools: Sendable, Hashable {
    public var tools: [SessionTool]
    public var notes: [String]
    public init(tools: [SessionTool], notes: [String] = []) {
        self.tools = tools
        self.notes = notes
    }
}
