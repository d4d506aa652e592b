import Foundation
import MCP
import ToolscopeEngine
#if canImport(Glibc)
import Glibc
#endif

/// Why an MCP request failed, in words the user can act on.
struct MCPFailure: Error, Sendable, CustomStringConvertible {
    let description: String
    /// True when the server can no longer be used and must be restarted.
    let serverIsGone: Bool
}

/// One running MCP server: the process toolscope spawned and the SDK client talking to it.
final class MCPConnection: Sendable {
    let config: MCPServerConfig
    let process: ToolProcess
    let client: Client
    let transport: PipeTransport
    private let stderrTail: TailBuffer
    /// Raw `tools/list` results seen by the transport, which the SDK's decoding would reorder.
    private let toolPages: Locked<[JSONValue]>
    private let ended: Locked<Bool>

    private init(config: MCPServerConfig, process: ToolProcess, client: Client, transport: PipeTransport,
                 stderrTail: TailBuffer, toolPages: Locked<[JSONValue]>, ended: Locked<Bool>) {
        self.config = config
        self.process = process
        self.client = client
        self.transport = transport
        self.stderrTail = stderrTail
        self.toolPages = toolPages
        self.ended = ended
    }

    /// Spawns the server process; `handshake()` then performs the MCP initialisation. Split so
    /// a server that never answers can still be killed: the process exists before anything waits.
    static func spawn(_ config: MCPServerConfig) throws(MCPFailure) -> MCPConnection {
        let process: ToolProcess
        do {
            process = try ToolProcess.spawn(executable: config.executable, arguments: config.arguments,
                                             environment: config.environment, directory: config.directory)
        } catch {
            throw MCPFailure(description: "cannot start MCP server \"\(config.name)\": \(error.description)", serverIsGone: true)
        }
        let stderrTail = TailBuffer(capacity: 8192)
        StreamDrain.start(fd: process.stderrFD, into: stderrTail, name: "mcp-stderr")
        let pages = Locked<[JSONValue]>([])
        let endedFlag = Locked(false)
        let client = Client(name: "toolscope", version: "0.1")
        let transport = PipeTransport(
            readFD: process.stdoutFD, writeFD: process.stdinFD,
            onMessage: { bytes in MCPConnection.captureToolList(bytes, into: pages) },
            onEnd: {
                endedFlag.withLock { $0 = true }
                Task { await client.disconnect() }  // fails the requests still waiting for an answer
            })
        return MCPConnection(config: config, process: process, client: client, transport: transport,
                             stderrTail: stderrTail, toolPages: pages, ended: endedFlag)
    }

    func handshake() async throws {
        do { try await client.connect(transport: transport) } catch { throw failure(from: error, doing: "starting") }
    }

    /// True once the server closed its output: it exited, crashed or was stopped.
    var hasEnded: Bool { ended.current }

    /// The server's tools as it sent them (raw JSON objects, key order kept), all pages.
    func listTools() async throws -> [JSONValue] {
        var all: [JSONValue] = []
        var cursor: String?
        repeat {
            toolPages.withLock { $0.removeAll() }
            let page: (tools: [Tool], nextCursor: String?)
            do { page = try await client.listTools(cursor: cursor) } catch { throw failure(from: error, doing: "listing tools") }
            let raw = toolPages.withLock { pages in pages.popLast() }
            all += raw?.arrayValue ?? page.tools.map { MCPValues.json(fromTool: $0) }
            cursor = page.nextCursor
        } while cursor != nil && all.count < 10_000
        return all
    }

    func call(tool: String, arguments: JSONValue) async throws -> (content: [Tool.Content], isError: Bool) {
        var args: [String: Value] = [:]
        for (k, v) in arguments.objectValue ?? [:] { args[k] = MCPValues.value(from: v) }
        do {
            let result = try await client.callTool(name: tool, arguments: args)
            return (result.content, result.isError ?? false)
        } catch {
            throw failure(from: error, doing: "calling \(tool)")
        }
    }

    /// Stops the server and everything it started, without waiting; idempotent. Requests still
    /// waiting fail when the reader sees the end of the server's output.
    func terminate() {
        process.killGroup(SIGKILL)
        transport.closeWriter()
        let (process, client) = (self.process, self.client)
        Task { await client.disconnect() }
        DispatchQueue.global().async { process.waitForExit() }
    }

    /// What the server wrote to stderr since the last time this was asked (its own logs).
    func takeNewStderr() -> String { stderrTail.takeNew() }

    func failure(from error: any Error, doing what: String) -> MCPFailure {
        if let failure = error as? MCPFailure { return failure }
        if hasEnded {
            process.killGroup(SIGKILL)
            let status = process.waitForExit()
            usleep(20_000)
            let tail = stderrTail.text.split(separator: "\n").suffix(5).joined(separator: "\n")
            return MCPFailure(description: "MCP server \"\(config.name)\" exited (\(status)) while \(what)"
                              + (tail.isEmpty ? "" : ": \(tail)") + "; it restarts on the next call", serverIsGone: true)
        }
        if let mcp = error as? MCPError {
            return MCPFailure(description: "MCP server \"\(config.name)\" answered \(what) with an error: \(mcp.localizedDescription)",
                              serverIsGone: false)
        }
        return MCPFailure(description: "MCP server \"\(config.name)\" failed while \(what): \(error)", serverIsGone: false)
    }

    private static func captureToolList(_ bytes: [UInt8], into pages: Locked<[JSONValue]>) {
        guard bytes.count < 16_000_000, containsToolsKey(bytes),
              let message = try? JSONParser.parse(bytes: bytes), let tools = message["result"]?["tools"], tools.arrayValue != nil
        else { return }
        pages.withLock { $0.append(tools) }
    }

    private static func containsToolsKey(_ bytes: [UInt8]) -> Bool {
        let needle = Array("\"tools\"".utf8)
        guard bytes.count >= needle.count else { return false }
        for i in 0...(bytes.count - needle.count) where bytes[i] == needle[0] {
            if Array(bytes[i..<(i + needle.count)]) == needle { return true }
        }
        return false
    }
}
