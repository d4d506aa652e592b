import Foundation
import ToolscopeEngine

/// An `mcp` binding: `{"server": "NAME", "tool": "TOOL"}`, the server configured in the
/// session's `mcpServers` or in the MCP config file.
struct MCPBinding: Sendable, Hashable {
    let server: MCPServerConfig
    let tool: String

    static func parse(_ config: JSONObject, context: SessionContext, pool: MCPServerPool) -> Result<MCPBinding, ToolBindingError> {
        guard let server = config["server"]?.stringValue, !server.isEmpty else {
            return .failure(ToolBindingError("an mcp binding needs \"server\": the name of an entry of \"mcpServers\""))
        }
        guard let tool = config["tool"]?.stringValue, !tool.isEmpty else {
            return .failure(ToolBindingError("an mcp binding needs \"tool\": the tool's name on server \"\(server)\""))
        }
        do { return .success(MCPBinding(server: try pool.config(server: server, context: context), tool: tool)) } catch {
            return .failure(error)
        }
    }
}

/// Runs calls bound to one tool of an MCP server.
struct MCPExecutor: ToolExecutor {
    let binding: MCPBinding
    let pool: MCPServerPool

    func execute(_ invocation: ToolInvocation, cancellation: CancellationToken,
                 completion: @escaping @Sendable (ToolOutcome) -> Void) {
        let (binding, pool) = (self.binding, self.pool)
        Task {
            completion(await pool.call(binding.server, tool: binding.tool, arguments: invocation.arguments,
                                       timeout: invocation.timeout, cancellation: cancellation))
        }
    }
}
