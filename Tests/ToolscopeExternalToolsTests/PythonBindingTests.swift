import Foundation
import Testing
import ToolscopeEngine
@testable import ToolscopeExternalTools

@Suite("python binding", .serialized, .enabled(if: TestSupport.hasPython))
final class PythonBindingTests {
    let tools = ExternalTools(mcpConfigFile: "/nonexistent/mcp.json", cacheDirectory: TestSupport.temporaryDirectory("cache"))
    deinit { tools.shutdown() }

    func executor(_ target: String) throws -> any ToolExecutor {
        try TestSupport.executor(tools, kind: "python", ["target": .string(target), "interpreter": .string(TestSupport.python)])
    }

    @Test func callsATypedFunctionWithKeywordArguments() async throws {
        let outcome = await TestSupport.call(try executor("sample_tools.py:get_weather"), ["city": "Paris", "unit": "fahrenheit", "days": 2])
        #expect(!outcome.isError)
        #expect(outcome.content == #"{"city":"Paris","unit":"fahrenheit","days":2,"temps":[21.5,21.5]}"#)
    }

    /// An ID beyond 2^53 reaches Python and comes back digit for digit.
    @Test func largeIntegersCrossTheWorkerExactly() async throws {
        let arguments = try JSONParser.parse(#"{"a": 12345678901234567890, "b": 1}"#)
        let outcome = await TestSupport.call(try executor("sample_tools.py:add"), arguments)
        #expect(!outcome.isError)
        #expect(outcome.content == "12345678901234567891")
    }

    @Test func buildsDataclassesFromNestedObjects() async throws {
        let outcome = await TestSupport.call(try executor("sample_tools.py:distance"),
                                             ["p": ["x": 0, "y": 0], "q": ["x": 3, "y": 4], "mode": "manhattan"])
        #expect(outcome.content == "7")
    }

    @Test func anExceptionBecomesAnErrorWithTheTracebackInTheTrace() async throws {
        let outcome = await TestSupport.call(try executor("sample_tools.py:fail"), ["reason": "no quota left"])
        #expect(outcome.isError)
        #expect(outcome.content == #"{"error":"no quota left","type":"ValueError"}"#)
        let traceback = outcome.details?["traceback"]?.stringValue ?? ""
        #expect(traceback.contains("sample_tools.py"))
        #expect(traceback.contains("raise ValueError(reason)"))
        #expect(!traceback.contains("_serve"), "the worker's own frames are hidden")
    }

    @Test func printsAndWarningsGoToTheTraceNotTheResult() async throws {
        let outcome = await TestSupport.call(try executor("sample_tools.py:chatty"), ["n": 21])
        #expect(outcome.content == "42")
        #expect(outcome.logs.contains("stdout: working on 21"))
        #expect(outcome.logs.contains { $0.hasPrefix("warning: ") && $0.contains("DeprecationWarning: chatty is deprecated") })
    }

    @Test func aValueJSONCannotHoldIsSentAsTextAndFlagged() async throws {
        let outcome = await TestSupport.call(try executor("sample_tools.py:when"), [:])
        #expect(!outcome.isError)
        #expect(outcome.content == #"{"at":"2024-05-01 12:00:00","ok":true}"#)
        #expect(outcome.logs.contains { $0.contains("$.at: datetime is not JSON-serialisable") })
        #expect(outcome.details?["converted_to_text"]?.arrayValue?.count == 1)
    }

    @Test func aCallOverItsTimeoutIsAbandonedAndTheWorkerRestarted() async throws {
        let slow = try executor("sample_tools.py:slow")
        let started = MonotonicClock.now()
        let outcome = await TestSupport.call(slow, ["seconds": 30], timeout: 0.5)
        let elapsed = MonotonicClock.now() - started
        #expect(outcome.isError)
        #expect(outcome.content.contains("timed out after 0.50 s"))
        #expect(outcome.status == .timedOut)
        #expect(TestSupport.parse(outcome.content)?["type"] == .string("TimeoutError"), "docs/bindings.md promises the type")
        #expect(elapsed < 5)
        let next = await TestSupport.call(slow, ["seconds": 0], timeout: 10)
        #expect(next.content == "done")
    }

    /// Through the dispatcher, whose own timer usually fires first: the same shape, as documented.
    @Test func aTimeoutThroughTheDispatcherSaysTimeoutError() async throws {
        let config: JSONObject = ["target": "sample_tools.py:slow", "interpreter": .string(TestSupport.python)]
        let registry = ToolRegistry(tools: [TestSupport.tool("slow", kind: "python", config)], context: TestSupport.context,
                                    builtins: .none, external: tools, trusted: true, manual: nil)
        let dispatcher = Dispatcher(registry: registry)
        let outcomes: [ToolOutcome] = await withCheckedContinuation { continuation in
            dispatcher.dispatch([ToolCall(id: "c1", name: "slow", arguments: #"{"seconds": 30}"#)], timeout: 0.5,
                                cancellation: CancellationToken(), onEvent: { _ in }) { continuation.resume(returning: $0) }
        }
        let error = try #require(TestSupport.parse(outcomes[0].content))
        #expect(error["type"] == .string("TimeoutError"), "\(outcomes[0].content)")
        #expect(error["error"]?.stringValue?.hasPrefix("slow timed out after 0.50 s") == true)
        #expect(error["timeout_seconds"] == .number(0.5))
        #expect(outcomes[0].status == .timedOut)
    }

    @Test func aCallToAFunctionTheBindingDoesNotHaveFailsWithAType() async throws {
        let outcome = await TestSupport.call(try executor("sample_tools.py:no_such_function"), [:])
        #expect(outcome.isError)
        #expect(TestSupport.parse(outcome.content)?["type"]?.stringValue?.isEmpty == false, "\(outcome.content)")
    }

    @Test func aCrashedWorkerGivesAnErrorAndIsRestarted() async throws {
        let crash = await TestSupport.call(try executor("sample_tools.py:crash"), [:])
        #expect(crash.isError)
        #expect(crash.content.contains("exited (exit status 3)"))
        let after = await TestSupport.call(try executor("sample_tools.py:add"), ["a": 2, "b": 3])
        #expect(after.content == "5")
    }

    @Test func cancellationStopsTheCall() async throws {
        let token = CancellationToken()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { token.cancel() }
        let started = MonotonicClock.now()
        let outcome = await TestSupport.call(try executor("sample_tools.py:slow"), ["seconds": 30], cancellation: token)
        #expect(outcome.isError)
        #expect(outcome.content.contains("cancelled"))
        #expect(MonotonicClock.now() - started < 5)
    }

    @Test func anEditedModuleIsReimported() async throws {
        let dir = TestSupport.temporaryDirectory("reload")
        let file = dir + "/mod.py"
        try "def answer() -> int:\n    return 1\n".write(toFile: file, atomically: true, encoding: .utf8)
        let context = SessionContext(baseDirectory: dir)
        let e = try TestSupport.executor(tools, kind: "python", ["target": "mod.py:answer", "interpreter": .string(TestSupport.python)], context: context)
        #expect(await TestSupport.call(e, [:]).content == "1")
        try "def answer() -> int:\n    return 22  # edited\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(await TestSupport.call(e, [:]).content == "22")
    }

    @Test func parallelCallsRunInSeparateWorkers() async throws {
        let slow = try executor("sample_tools.py:slow")
        let started = MonotonicClock.now()
        async let a = TestSupport.call(slow, ["seconds": 1])
        async let b = TestSupport.call(slow, ["seconds": 1])
        let (ra, rb) = await (a, b)
        #expect(ra.content == "done" && rb.content == "done")
        #expect(MonotonicClock.now() - started < 1.8, "two 1 s calls overlapped (in turn they take 2 s)")
    }

    @Test func wrongArgumentsAreATypeError() async throws {
        let outcome = await TestSupport.call(try executor("sample_tools.py:add"), ["a": 1, "c": 2])
        #expect(outcome.isError)
        #expect(TestSupport.parse(outcome.content)?["type"] == "TypeError")
    }

    @Test(arguments: [
        (#"{"target":"sample_tools.py"}"#, "has no function"),
        (#"{"target":"missing.py:f"}"#, "no file at"),
        (#"{"target":"sample_tools.py:not-a-name"}"#, "is not a Python function name"),
        (#"{"interpreter":"python3"}"#, "needs \"target\""),
        (#"{"target":"sample_tools.py:add","interpreter":"no-such-python-xyz"}"#, "command not found: no-such-python-xyz"),
    ])
    func misconfiguredBindingsSaySo(config: String, message: String) throws {
        let object = try #require(TestSupport.parse(config)?.objectValue)
        let result = tools.makeExecutor(for: TestSupport.tool("t", kind: "python", object), kind: "python", config: object, session: TestSupport.context)
        guard case .failure(let error) = result else { Issue.record("expected an error for \(config)"); return }
        #expect(error.message.contains(message), "\(error.message)")
    }
}
