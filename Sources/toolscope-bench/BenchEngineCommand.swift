import ArgumentParser
import Dispatch
import Foundation
import ToolscopeDemo
import ToolscopeEngine

/// `toolscope-bench bench-engine`: the engine's own overhead, with the model and the tools taken out.
/// A provider that answers instantly from memory and tools bound to fixed results leave only
/// what toolscope itself does: request building, queue hops, argument parsing and validation,
/// the dispatcher, trace events and session bookkeeping.
struct BenchEngineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-engine",
        abstract: "Measure the engine's overhead per loop round and per dispatched tool call.")

    @Option(help: "Turns to run (each turn: tool rounds of 3 parallel calls, then an answer).")
    var turns = 300

    @Option(help: "Model requests per turn.")
    var rounds = 5

    @Option(help: "Single calls to dispatch for the per-call figure.")
    var calls = 20000

    func run() throws {
        Console.out("toolscope bench-engine: \(turns) turns × \(rounds) rounds (3 parallel calls per tool round); \(calls) single dispatches\n")
        let round = measureRounds()
        Console.out(String(format: "loop round overhead:   %.1f µs wall, %.1f µs CPU per round (target < 1000 µs)\n", round.wall * 1e6, round.cpu * 1e6))
        // As a real server's rounds look: the request body reported, the answer streamed in 8
        // pieces; once with no secret, once masking a key (every event and message scanned).
        let streamed = measureRounds(streaming: true, masker: .none)
        let masked = measureRounds(streaming: true, masker: SecretMasker(secrets: ["sk-bench-0123456789abcdefghijklmnop", "gateway-value-42"]))
        Console.out(String(format: "  with request events and 8 deltas: %.1f µs CPU per round; masking two secrets: %.1f µs CPU (+%.1f µs)\n",
                           streamed.cpu * 1e6, masked.cpu * 1e6, (masked.cpu - streamed.cpu) * 1e6))
        let mock = measureCalls(binding: .mock(["ok": true]), tool: "mock_tool")
        Console.out(String(format: "dispatch (mock tool):  %.1f µs wall, %.1f µs CPU per call\n", mock.wall * 1e6, mock.cpu * 1e6))
        let builtin = measureCalls(binding: .builtin("get_weather"), tool: "get_weather")
        let toolOnly = measureToolOnly()
        Console.out(String(format: "dispatch (get_weather): %.1f µs wall per call, of which the tool itself %.1f µs → overhead %.1f µs (target < 50 µs)\n",
                           builtin.wall * 1e6, toolOnly * 1e6, (builtin.wall - toolOnly) * 1e6))
    }

    private func tool(_ name: String, binding: ToolBindingSpec) -> SessionTool {
        let definition = BuiltinTools.definition(named: name) ?? ToolDefinition(
            name: name, description: "A benchmark tool that returns a fixed result.",
            parameters: ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"], "additionalProperties": false])
        return SessionTool(definition: definition, binding: binding)
    }

    private func measureRounds(streaming: Bool = false, masker: SecretMasker = .none) -> (wall: Double, cpu: Double) {
        var settings = SessionSettings()
        settings.maxRounds = rounds + 1
        settings.repeatedCallLimit = 1000
        let tools = [tool("mock_tool", binding: .mock(["temperature": 21, "condition": "sunny"]))]
        let registry = ToolRegistry(tools: tools, context: SessionContext(baseDirectory: "."), builtins: BuiltinTools.toolSet, external: nil, trusted: true, manual: nil)
        let provider = InstantProvider(toolRounds: rounds - 1, streaming: streaming)
        let cpu0 = Self.cpuTime()
        let t0 = MonotonicClock.now()
        for _ in 0..<turns {
            let session = Session(title: "bench", settings: settings, tools: tools, messages: [.system("bench")])
            let loop = ToolLoop(session: session, provider: provider, dispatcher: Dispatcher(registry: registry), masker: masker)
            let result = loop.sendAndWait("go")
            precondition(result.reason == .answered && result.rounds == rounds, "benchmark turn ended with \(result.reason)")
        }
        let n = Double(turns * rounds)
        return ((MonotonicClock.now() - t0) / n, (Self.cpuTime() - cpu0) / n)
    }

    private func measureCalls(binding: ToolBindingSpec, tool name: String) -> (wall: Double, cpu: Double) {
        let registry = ToolRegistry(tools: [tool(name, binding: binding)], context: SessionContext(baseDirectory: "."),
                                    builtins: BuiltinTools.toolSet, external: nil, trusted: true, manual: nil)
        let dispatcher = Dispatcher(registry: registry)
        let call = ToolCall(id: "call_bench", name: name, arguments: #"{"city":"Tokyo"}"#)
        let token = CancellationToken()
        let semaphore = DispatchSemaphore(value: 0)
        let cpu0 = Self.cpuTime()
        let t0 = MonotonicClock.now()
        for _ in 0..<calls {
            dispatcher.dispatch([call], timeout: 30, cancellation: token, onEvent: { _ in }) { _ in semaphore.signal() }
            semaphore.wait()
        }
        let n = Double(calls)
        return ((MonotonicClock.now() - t0) / n, (Self.cpuTime() - cpu0) / n)
    }

    private func measureToolOnly() -> Double {
        let arguments: JSONValue = ["city": "Tokyo"]
        let t0 = MonotonicClock.now()
        for _ in 0..<calls { _ = BuiltinTools.run("get_weather", arguments: arguments) }
        return (MonotonicClock.now() - t0) / Double(calls)
    }

    /// CPU time of the whole process (user + system), in seconds.
    static func cpuTime() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// Answers at once: `toolRounds` replies of three parallel calls, then a text answer.
private struct InstantProvider: ChatProvider {
    let toolRounds: Int
    /// Also report the request body and stream the answer, as the HTTP provider does.
    var streaming = false
    var displayName: String { "instant (benchmark)" }

    func send(_ request: ChatRequest, cancellation: CancellationToken, onEvent: @escaping @Sendable (TraceEvent.Kind) -> Void,
              completion: @escaping @Sendable (Result<ChatResponse, ProviderError>) -> Void) {
        let done = request.messages.filter { $0.role == .assistant }.count
        if streaming {
            onEvent(.requestSent(url: "http://127.0.0.1:1/v1/chat/completions", headers: ["Authorization": "Bearer [redacted]"],
                                 body: request.openAIBody(), attempt: 1))
            for piece in ["The ", "weather ", "in ", "Tokyo ", "is ", "sunny ", "and ", "mild."] { onEvent(.contentDelta(piece)) }
        }
        if done < toolRounds {
            let calls = (0..<3).map { ToolCall(id: "call_\(done)_\($0)", name: "mock_tool", arguments: #"{"city":"City \#(done)-\#($0)"}"#) }
            completion(.success(ChatResponse(message: .assistant(nil, toolCalls: calls), finishReason: "tool_calls")))
        } else {
            completion(.success(ChatResponse(message: .assistant("done"), finishReason: "stop")))
        }
    }
}
