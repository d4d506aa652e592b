import Foundation
import MCP
import ToolscopeEngine

/// Starts MCP servers on first use, keeps them running, and replaces one that crashed, hung
/// or changed configuration. Every request has a timeout; a server that misses it is killed so
/// the next call starts it afresh.
final class MCPServerPool: Sendable {
    private final class Entry: Sendable {
        let connection: MCPConnection
        let ready: Task<Void, any Error>
        let tools = Locked<[JSONValue]?>(nil)
        init(connection: MCPConnection) {
            self.connection = connection
            ready = Task { try await connection.handshake() }
        }
    }

    private let entries = Locked<[String: Entry]>([:])
    private let closed = Locked(false)
    /// The `{"mcpServers": …}` file consulted for servers the session does not configure.
    let configFile: String
    /// Seconds a server may take to start and list its tools.
    let startTimeout: Double

    init(configFile: String, startTimeout: Double = 30) {
        self.configFile = configFile
        self.startTimeout = startTimeout
    }

    /// The configuration of `server`: the session's entry first, then the config file's.
    func config(server: String, context: SessionContext) throws(ToolBindingError) -> MCPServerConfig {
        if let json = context.mcpServers[server] {
            return try MCPServerConfig.parse(name: server, json, baseDirectory: context.baseDirectory)
        }
        let fileServers = try MCPServerConfig.servers(inFile: configFile)
        if let json = fileServers[server] {
            return try MCPServerConfig.parse(name: server, json, baseDirectory: (configFile as NSString).deletingLastPathComponent)
        }
        let known = (Array(context.mcpServers.keys) + Array(fileServers.keys)).sorted()
        throw ToolBindingError("no MCP server named \"\(server)\" (known: \(known.isEmpty ? "none" : known.joined(separator: ", "))); "
                               + "add it under \"mcpServers\" in the session or in \(configFile)")
    }

    /// A started, initialised server for `config`.
    private func ready(_ config: MCPServerConfig, timeout: Double) async throws(MCPFailure) -> Entry {
        if closed.current { throw MCPFailure(description: "toolscope is shutting down; MCP servers no longer run", serverIsGone: true) }
        let spawned = entries.withLock { e -> Result<(Entry, Entry?), MCPFailure> in
            if let existing = e[config.name], existing.connection.config == config, !existing.connection.hasEnded {
                return .success((existing, nil))
            }
            do throws(MCPFailure) {
                let fresh = Entry(connection: try MCPConnection.spawn(config))
                defer { e[config.name] = fresh }
                return .success((fresh, e[config.name]))
            } catch {
                return .failure(error)
            }
        }
        let (entry, replaced) = try spawned.get()
        replaced?.connection.terminate()
        switch await Deadline.race(seconds: timeout, { try await entry.ready.value }) {
        case .value: return entry
        case .timedOut:
            discard(entry)
            throw MCPFailure(description: "MCP server \"\(config.name)\" did not finish starting within \(PythonExecutor.formatSeconds(timeout)); it was stopped", serverIsGone: true)
        case .failed(let error):
            discard(entry)
            throw entry.connection.failure(from: error, doing: "starting")
        }
    }

    /// Stops `entry`'s server and forgets it, unless it was already replaced.
    private func discard(_ entry: Entry) {
        entries.withLock { e in if e[entry.connection.config.name] === entry { e[entry.connection.config.name] = nil } }
        entry.connection.terminate()
    }

    /// The server's tools as raw JSON (key order kept), listed once per server start.
    func tools(_ config: MCPServerConfig) async throws(MCPFailure) -> [JSONValue] {
        let entry = try await ready(config, timeout: startTimeout)
        if let cached = entry.tools.current { return cached }
        switch await Deadline.race(seconds: startTimeout, { try await entry.connection.listTools() }) {
        case .value(let tools):
            entry.tools.withLock { $0 = tools }
            return tools
        case .timedOut:
            discard(entry)
            throw MCPFailure(description: "MCP server \"\(config.name)\" did not list its tools within \(PythonExecutor.formatSeconds(startTimeout)); it was stopped", serverIsGone: true)
        case .failed(let error):
            let failure = entry.connection.failure(from: error, doing: "listing tools")
            if failure.serverIsGone { discard(entry) }
            throw failure
        }
    }

    /// Calls `tool`; every failure becomes an error result, never a thrown error.
    func call(_ config: MCPServerConfig, tool: String, arguments: JSONValue, timeout: Double,
              cancellation: CancellationToken) async -> ToolOutcome {
        let started = MonotonicClock.now()
        let entry: Entry
        do { entry = try await ready(config, timeout: min(timeout, startTimeout)) } catch { return .error(error.description) }
        let finished = Locked(false)
        cancellation.onCancel { [self] in
            if !finished.current { discard(entry) }
        }
        let remaining = timeout - (MonotonicClock.now() - started)
        let result = await Deadline.race(seconds: remaining, { try await entry.connection.call(tool: tool, arguments: arguments) })
        finished.withLock { $0 = true }
        let stderr = entry.connection.takeNewStderr()
        let logs = stderr.isEmpty ? [] : ["server stderr: " + stderr.split(separator: "\n").suffix(20).joined(separator: "\n")]
        switch result {
        case .value(let (content, isError)):
            let text = MCPValues.text(of: content)
            if isError { return .error(text.isEmpty ? "the MCP tool reported an error" : text, logs: logs, details: MCPValues.details(of: content)) }
            var outcome = ToolOutcome(content: text, logs: logs)
            outcome.details = MCPValues.details(of: content)
            return outcome
        case .timedOut:
            discard(entry)
            var outcome = Dispatcher.timedOut("MCP tool \"\(tool)\" on server \"\(config.name)\"", after: timeout,
                                              "the server was stopped and restarts on the next call")
            outcome.logs = logs
            return outcome
        case .failed(let error):
            if cancellation.isCancelled { return .error("cancelled; MCP server \"\(config.name)\" was stopped", status: .cancelled) }
            let failure = entry.connection.failure(from: error, doing: "calling \(tool)")
            if failure.serverIsGone { discard(entry) }
            return .error(failure.description, logs: logs)
        }
    }

    /// Stops every server without waiting for them.
    func shutdown() {
        closed.withLock { $0 = true }
        let all = entries.withLock { e in defer { e.removeAll() }; return Array(e.values) }
        for entry in all { entry.connection.terminate() }
    }

    /// Session tools for every tool `server` offers, bound by name.
    func importTools(server: String, context: SessionContext) throws(ToolBindingError) -> [SessionTool] {
        let config = try self.config(server: server, context: context)
        let listed = Deadline.blocking { () -> Result<[JSONValue], MCPFailure> in
            do throws(MCPFailure) { return .success(try await self.tools(config)) } catch { return .failure(error) }
        }
        let raw: [JSONValue]
        switch listed {
        case .success(let tools): raw = tools
        case .failure(let failure): throw ToolBindingError(failure.description)
        }
        return raw.compactMap { tool in
            guard let name = tool["name"]?.stringValue else { return nil }
            var function: JSONObject = ["name": .string(Self.functionName(name))]
            if let description = tool["description"]?.stringValue { function["description"] = .string(description) }
            function["parameters"] = tool["inputSchema"] ?? ["type": "object", "properties": [:]]
            return SessionTool(definition: ToolDefinition(raw: ["type": "function", "function": .object(function)]),
                               binding: .external(kind: "mcp", config: ["server": .string(server), "tool": .string(name)]))
        }
    }

    /// MCP tool names may hold characters OpenAI function names may not (`^[a-zA-Z0-9_-]{1,64}$`).
    static func functionName(_ name: String) -> String {
        let cleaned = String(name.unicodeScalars.map { s -> Character in
            (s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s))) || s == "_" || s == "-" ? Character(s) : "_"
        })
        return String((cleaned.isEmpty ? "tool" : cleaned).prefix(64))
    }
}
