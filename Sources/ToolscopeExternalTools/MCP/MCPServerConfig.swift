import Foundation
import ToolscopeEngine

/// One stdio MCP server as desktop clients configure it: `{"command", "args", "env"}`, plus
/// an optional `"cwd"` (relative to the session's directory).
struct MCPServerConfig: Sendable, Hashable {
    let name: String
    let executable: String
    let arguments: [String]
    let environment: [String: String]
    let directory: String

    /// Passed through from toolscope's environment, as desktop clients do, so `npx`, `uvx`
    /// and interpreters work; everything else must be listed in `"env"`.
    static let inheritedVariables = ExecutionListing.mcpInheritedEnvironment

    static func parse(name: String, _ json: JSONValue, baseDirectory: String,
                      parentEnvironment: [String: String] = ProcessInfo.processInfo.environment) throws(ToolBindingError) -> MCPServerConfig {
        guard let o = json.objectValue, let command = o["command"]?.stringValue, !command.isEmpty else {
            throw ToolBindingError("MCP server \"\(name)\" needs \"command\" (and optionally \"args\", \"env\"); only stdio servers are supported")
        }
        var arguments: [String] = []
        for (i, a) in (o["args"]?.arrayValue ?? []).enumerated() {
            guard let s = a.stringValue else { throw ToolBindingError("MCP server \"\(name)\": args[\(i)] must be a string") }
            arguments.append(s)
        }
        var environment: [String: String] = [:]
        for key in inheritedVariables { if let v = parentEnvironment[key] { environment[key] = v } }
        if let env = o["env"] {
            guard let object = env.objectValue else { throw ToolBindingError("MCP server \"\(name)\": \"env\" must be an object of strings") }
            for (k, v) in object {
                guard let s = v.stringValue else { throw ToolBindingError("MCP server \"\(name)\": env \"\(k)\" must be a string") }
                environment[k] = s
            }
        }
        let directory = PathResolver.absolute(o["cwd"]?.stringValue ?? ".", relativeTo: baseDirectory)
        let executable: String
        do { executable = try ExecutableLocator.locate(command, directory: baseDirectory, path: environment["PATH"]) } catch {
            throw ToolBindingError("MCP server \"\(name)\": \(error.description)")
        }
        return MCPServerConfig(name: name, executable: executable, arguments: arguments, environment: environment, directory: directory)
    }

    /// The servers of a `{"mcpServers": {…}}` file; a missing file has none.
    static func servers(inFile path: String) throws(ToolBindingError) -> JSONObject {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        let json: JSONValue
        do { json = try JSONParser.parse(bytes: Array(data)) } catch {
            throw ToolBindingError("\(path): \(error)")
        }
        guard let servers = json["mcpServers"]?.objectValue else {
            throw ToolBindingError("\(path): expected {\"mcpServers\": {\"NAME\": {\"command\", \"args\", \"env\"}}}")
        }
        return servers
    }
}
