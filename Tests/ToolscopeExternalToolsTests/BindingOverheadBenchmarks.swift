import Foundation
import Testing
import ToolscopeEngine
@testable import ToolscopeExternalTools

/// Per-call overhead of each binding, against trivial tools, so what is measured is toolscope's
/// cost (spawn, pipes, JSON, protocol), not the tool's. Run with `TOOLSCOPE_BENCH=1`; the
/// numbers go to stdout and into BENCHMARKS.md. One guard runs always: a warm Python call
/// must stay far cheaper than starting Python.
@Suite("binding overhead", .serialized, .enabled(if: TestSupport.hasPython))
final class BindingOverheadBenchmarks {
    let tools = ExternalTools(mcpConfigFile: "/nonexistent/mcp.json", cacheDirectory: TestSupport.temporaryDirectory("cache"))
    deinit { tools.shutdown() }

    static var benchEnabled: Bool { ProcessInfo.processInfo.environment["TOOLSCOPE_BENCH"] == "1" }

    /// Median and mean milliseconds of `count` sequential calls, after `warmup` unmeasured ones.
    func measure(_ executor: any ToolExecutor, _ args: JSONValue, count: Int, warmup: Int = 3) async -> (median: Double, mean: Double, errors: Int) {
        for _ in 0..<warmup { _ = await TestSupport.call(executor, args) }
        let samples = await TestSupport.offThread { () -> ([Double], Int) in
            var times: [Double] = []
            var errors = 0
            for _ in 0..<count {
                let invocation = ToolInvocation(call: ToolCall(id: "b", name: "b", arguments: args.compact), arguments: args, definition: nil, timeout: 30)
                let done = DispatchSemaphore(value: 0)
                let failed = Locked(false)
                let start = MonotonicClock.now()
                executor.execute(invocation, cancellation: CancellationToken()) { outcome in
                    failed.withLock { $0 = outcome.isError }
                    done.signal()
                }
                done.wait()
                times.append((MonotonicClock.now() - start) * 1000)
                if failed.current { errors += 1 }
            }
            return (times, errors)
        }
        let sorted = samples.0.sorted()
        return (sorted[sorted.count / 2], sorted.reduce(0, +) / Double(sorted.count), samples.1)
    }

    func python(_ function: String) throws -> any ToolExecutor {
        try TestSupport.executor(tools, kind: "python", ["target": .string("sample_tools.py:\(function)"), "interpreter": .string(TestSupport.python)])
    }

    /// The same function run the naive way: a new interpreter per call.
    func pythonPerProcess() throws -> any ToolExecutor {
        let code = "import sys, json; sys.path.insert(0, '.'); import sample_tools; print(json.dumps(sample_tools.add(**json.load(sys.stdin))))"
        return try TestSupport.executor(tools, kind: "command", ["argv": [.string(TestSupport.python), "-S", "-c", .string(code)]])
    }

    @Test func aWarmPythonCallCostsFarLessThanStartingPython() async throws {
        let warm = await measure(try python("add"), ["a": 1, "b": 2], count: 30)
        let cold = await measure(try pythonPerProcess(), ["a": 1, "b": 2], count: 5, warmup: 1)
        #expect(warm.errors == 0 && cold.errors == 0)
        #expect(warm.median * 5 < cold.median, "warm \(warm.median) ms vs a process per call \(cold.median) ms")
    }

    @Test(.enabled(if: BindingOverheadBenchmarks.benchEnabled))
    func perCallOverhead() async throws {
        let n = Int(ProcessInfo.processInfo.environment["TOOLSCOPE_BENCH_N"] ?? "") ?? 300
        let context = SessionContext(baseDirectory: TestSupport.fixtures,
                                     mcpServers: ["demo": ["command": .string(TestSupport.python), "args": ["mcp_server.py"]]])
        let mcp = try TestSupport.executor(tools, kind: "mcp", ["server": "demo", "tool": "echo"], context: context)
        let cat = try TestSupport.executor(tools, kind: "command", ["argv": ["/bin/cat"], "inherit_env": []])
        let rows: [(String, any ToolExecutor, JSONValue, Int)] = [
            ("python (warm worker), add(a, b)", try python("add"), ["a": 1, "b": 2], n),
            ("python, one interpreter per call", try pythonPerProcess(), ["a": 1, "b": 2], max(10, n / 10)),
            ("command /bin/cat (spawn per call)", cat, ["a": 1, "b": 2], n),
            ("mcp echo (python mcp 2.3.0 server)", mcp, ["zebra": "x"], n),
        ]
        print("binding overhead, \(n) sequential calls each (fewer for one interpreter per call):")
        for (label, executor, args, count) in rows {
            let r = await measure(executor, args, count: count)
            print("  " + label.padding(toLength: 40, withPad: " ", startingAt: 0)
                  + String(format: "median %7.3f ms   mean %7.3f ms   errors %d", r.median, r.mean, r.errors))
            #expect(r.errors == 0)
        }
    }
}
