import ArgumentParser
import Dispatch
import Foundation
import ToolscopeDemo
import ToolscopeEngine
import ToolscopeExternalTools

/// `toolscope-bench bench-bindings`: what calling the user's code costs toolscope, per call and per
/// binding kind, against trivial tools so the tool's own work is negligible. Calls go through
/// the dispatcher as in a real turn (validation, trace events, the executor, the process).
struct BenchBindingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-bindings",
        abstract: "Measure the per-call overhead of python, command and MCP bindings.",
        discussion: "The MCP row needs a Python with the `mcp` package (e.g. --python .venv/bin/python after scripts/test).")

    @Option(help: "The Python interpreter for the python and MCP rows.")
    var python = "python3"

    @Option(help: "Sequential calls per binding (a tenth of them for one interpreter per call).")
    var calls = 300

    func run() throws {
        // Bindings resolve relative paths against the session's directory (a temporary one here).
        let python = self.python.contains("/") && !self.python.hasPrefix("/")
            ? FileManager.default.currentDirectoryPath + "/" + self.python : self.python
        let directory = NSTemporaryDirectory() + "toolscope-bench-bindings-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.toolsModule.write(toFile: directory + "/bench_tools.py", atomically: true, encoding: .utf8)
        try Self.mcpServer.write(toFile: directory + "/bench_mcp_server.py", atomically: true, encoding: .utf8)

        let external = ExternalTools(mcpConfigFile: "/nonexistent/mcp.json", cacheDirectory: directory + "/cache")
        defer { external.shutdown() }
        let perProcess = "import sys, json; sys.path.insert(0, '.'); import bench_tools; print(json.dumps(bench_tools.add(**json.load(sys.stdin))))"
        let hasMCP = Self.canImport("mcp", python: python)
        var rows: [(label: String, binding: ToolBindingSpec, arguments: String, count: Int)] = [
            ("python, warm worker: add(a, b)", .external(kind: "python", config: ["target": "bench_tools.py:add", "interpreter": .string(python)]), #"{"a":1,"b":2}"#, calls),
            ("python, one interpreter per call", .external(kind: "command", config: ["argv": [.string(python), "-S", "-c", .string(perProcess)]]), #"{"a":1,"b":2}"#, max(10, calls / 10)),
            ("command /bin/cat, a process per call", .external(kind: "command", config: ["argv": ["/bin/cat"], "inherit_env": []]), #"{"a":1,"b":2}"#, calls),
        ]
        if hasMCP {
            rows.append(("mcp echo (Python mcp server, stdio)", .external(kind: "mcp", config: ["server": "bench", "tool": "echo"]), #"{"text":"x"}"#, calls))
        }
        let tools = rows.enumerated().map { i, row in
            SessionTool(definition: ToolDefinition(name: "t\(i)", description: row.label, parameters: ["type": "object"], strict: false), binding: row.binding)
        }
        let context = SessionContext(baseDirectory: directory, mcpServers: ["bench": ["command": .string(python), "args": ["bench_mcp_server.py"]]])
        let dispatcher = Dispatcher(registry: ToolRegistry(tools: tools, context: context, builtins: BuiltinTools.toolSet, external: external, trusted: true, manual: nil))

        Console.out("toolscope bench-bindings: \(calls) sequential calls per binding through the dispatcher, after 3 warm-up calls\n")
        var failed = false
        for (i, row) in rows.enumerated() {
            let result = measure(dispatcher, tool: "t\(i)", arguments: row.arguments, count: row.count)
            Console.out("  " + row.label.padding(toLength: 40, withPad: " ", startingAt: 0)
                        + String(format: "median %7.3f ms   mean %7.3f ms   errors %d of %d\n", result.median, result.mean, result.errors, row.count))
            if let firstError = result.firstError { Console.out("    first error: \(firstError)\n"); failed = true }
        }
        if !hasMCP { Console.out("  (mcp row skipped: \(python) cannot import mcp)\n") }
        if failed { throw ExitCode(1) }
    }

    private func measure(_ dispatcher: Dispatcher, tool: String, arguments: String, count: Int)
        -> (median: Double, mean: Double, errors: Int, firstError: String?) {
        let call = ToolCall(id: "call_bench", name: tool, arguments: arguments)
        let token = CancellationToken()
        func once() -> ToolOutcome {
            let done = DispatchSemaphore(value: 0)
            let outcome = Locked<ToolOutcome?>(nil)
            dispatcher.dispatch([call], timeout: 30, cancellation: token, onEvent: { _ in }) { outcomes in
                outcome.withLock { $0 = outcomes.first }
                done.signal()
            }
            done.wait()
            return outcome.current ?? .error("no outcome")
        }
        for _ in 0..<3 { _ = once() }
        var times: [Double] = []
        var errors = 0
        var firstError: String?
        for _ in 0..<count {
            let start = MonotonicClock.now()
            let outcome = once()
            times.append((MonotonicClock.now() - start) * 1000)
            if outcome.isError { errors += 1; firstError = firstError ?? outcome.content }
        }
        times.sort()
        return (times[times.count / 2], times.reduce(0, +) / Double(times.count), errors, firstError)
    }

    private static func canImport(_ module: String, python: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c", "import \(module)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static let toolsModule = """
        def add(a: int, b: int) -> int:
            \"\"\"Adds two integers.\"\"\"
            return a + b
        """

    /// A one-tool stdio MCP server on the `mcp` package (2.x names it MCPServer, 1.x FastMCP).
    static let mcpServer = """
        try:
            from mcp.server.mcpserver import MCPServer as Server
        except ImportError:
            from mcp.server.fastmcp import FastMCP as Server
        server = Server("toolscope-bench")

        @server.tool()
        def echo(text: str) -> str:
            \"\"\"Returns its argument.\"\"\"
            return text

        server.run("stdio")
        """
}
