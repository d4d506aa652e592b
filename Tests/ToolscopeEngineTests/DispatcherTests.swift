import Dispatch
import Foundation
import Testing
@testable import ToolscopeEngine

@Suite("Dispatcher")
struct DispatcherTests {
    private func dispatch(_ registry: ToolRegistry, _ calls: [ToolCall], timeout: Double = 5,
                          cancellation: CancellationToken = CancellationToken()) -> (outcomes: [ToolOutcome], events: [TraceEvent.Kind]) {
        let events = Locked<[TraceEvent.Kind]>([])
        let semaphore = DispatchSemaphore(value: 0)
        let result = Locked<[ToolOutcome]>([])
        Dispatcher(registry: registry).dispatch(calls, timeout: timeout, cancellation: cancellation, onEvent: { e in events.withLock { $0.append(e) } }) { outcomes in
            result.withLock { $0 = outcomes }
            semaphore.signal()
        }
        semaphore.wait()
        return (result.current, events.current)
    }

    @Test func unknownFunctionKeepsTheExactErrorAndListsWhatExists() throws {
        let r = dispatch(TestTools.registry([TestTools.tool("known"), TestTools.tool("other")]).registry, [call("c1", "nope", "{}")])
        let error = try JSONParser.parse(r.outcomes[0].content)
        #expect(error["error"] == .string("Unknown function: nope"))
        #expect(error["available_tools"] == .array(["known", "other"]))
        #expect(error["did_you_mean"] == nil, "nothing is close to \"nope\"")
        #expect(r.outcomes[0].content.hasPrefix(#"{"error":"Unknown function: nope","#))
        #expect(r.outcomes[0].status == .error)
    }

    @Test func aMisspeltFunctionGetsTheNearestName() throws {
        let registry = TestTools.registry([TestTools.tool("get_weather"), TestTools.tool("search_products")]).registry
        let error = try JSONParser.parse(dispatch(registry, [call("c1", "get_wether", "{}")]).outcomes[0].content)
        #expect(error["did_you_mean"] == .string("get_weather"))
        #expect(error["available_tools"] == .array(["get_weather", "search_products"]))
    }

    @Test func invalidJSONArgumentsNameThePosition() throws {
        let r = dispatch(TestTools.registry([TestTools.tool("t")]).registry, [call("c1", "t", #"{"city": "Paris",}"#)])
        let error = try JSONParser.parse(r.outcomes[0].content)
        #expect(error["error"]!.stringValue!.contains("line 1, column 18"))
        #expect(error["arguments"] == .string(#"{"city": "Paris",}"#))
        let validated = r.events.compactMap { if case .callValidated(_, let p) = $0 { return p }; return nil }
        #expect(validated.first?.first?.contains("not valid JSON") == true)
    }

    @Test func schemaViolationsAreListed() throws {
        let r = dispatch(TestTools.registry([TestTools.tool("t")]).registry, [call("c1", "t", #"{"town": 3}"#)])
        let error = try JSONParser.parse(r.outcomes[0].content)
        let problems = error["problems"]!.arrayValue!.compactMap(\.stringValue)
        #expect(problems.count >= 2, "\(problems)")
        #expect(problems.contains { $0.contains("city") })
        #expect(problems.contains { $0.contains("town") })
    }

    @Test func emptyArgumentsMeanAnEmptyObject() {
        let schema: JSONValue = ["type": "object", "properties": [:]]
        let r = dispatch(TestTools.registry([TestTools.tool("t", schema: schema)]).registry, [call("c1", "t", "")])
        #expect(!r.outcomes[0].isError)
    }

    @Test func thrownErrorsBecomeResultsNamingTheError() throws {
        let throwing = ClosureToolExecutor { _, _ in throw TestFailure() }
        let r = dispatch(TestTools.registry([TestTools.tool("t", binding: .test)], overrides: ["t": throwing]).registry,
                         [call("c1", "t", #"{"city":"x"}"#)])
        let error = try JSONParser.parse(r.outcomes[0].content)
        #expect(error["error"]!.stringValue!.contains("TestFailure"))
        #expect(error["error"]!.stringValue!.contains("the disk is on fire"))
    }

    @Test func hangingToolTimesOutAndIsCancelled() throws {
        let hanging = HangingExecutor()
        let start = MonotonicClock.now()
        let r = dispatch(TestTools.registry([TestTools.tool("slow", binding: .test)], overrides: ["slow": hanging]).registry,
                         [call("c1", "slow", #"{"city":"x"}"#)], timeout: 0.2)
        let elapsed = MonotonicClock.now() - start
        #expect(elapsed >= 0.19 && elapsed < 3)
        #expect(r.outcomes[0].isError)
        #expect(r.outcomes[0].content.contains("timed out after 0.20 s"))
        #expect(r.outcomes[0].status == .timedOut)
        let error = try JSONParser.parse(r.outcomes[0].content)
        #expect(error["type"] == .string("TimeoutError"))
        #expect(error["timeout_seconds"] == .number(0.2))
        let finished = r.events.compactMap { if case .callFinished(_, _, _, let o) = $0 { return o.status }; return nil }
        #expect(finished == [.timedOut], "the trace event carries the same status")
        // The result is delivered first, then the call's token is cancelled: wait for it.
        let deadline = MonotonicClock.now() + 2
        while hanging.cancelled.current == 0 && MonotonicClock.now() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(hanging.cancelled.current == 1)
    }

    @Test func parallelCallsOverlapInTimeAndKeepCallOrder() throws {
        let sleeper = SleepingExecutor(seconds: 0.3)
        let registry = TestTools.registry([TestTools.tool("nap", binding: .test)], overrides: ["nap": sleeper]).registry
        let calls = (0..<4).map { call("c\($0)", "nap", #"{"city":"c\#($0)"}"#) }
        let start = MonotonicClock.now()
        let r = dispatch(registry, calls)
        let elapsed = MonotonicClock.now() - start
        // Four 0.3 s calls finish in about the time of one, not 1.2 s.
        #expect(elapsed < 0.9, "took \(elapsed) s")
        let spans = sleeper.spans.current.sorted { $0.start < $1.start }
        #expect(spans.count == 4)
        #expect(spans[1].start < spans[0].end, "calls did not overlap")
        for (i, outcome) in r.outcomes.enumerated() {
            #expect(try JSONParser.parse(outcome.content)["city"] == .string("c\(i)"))
        }
    }

    @Test func cancellationEndsRunningCallsAtOnce() {
        let hanging = HangingExecutor()
        let token = CancellationToken()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) { token.cancel() }
        let start = MonotonicClock.now()
        let r = dispatch(TestTools.registry([TestTools.tool("h", binding: .test)], overrides: ["h": hanging]).registry,
                         [call("c1", "h", #"{"city":"x"}"#)], timeout: 30, cancellation: token)
        #expect(MonotonicClock.now() - start < 2)
        #expect(r.outcomes[0].content.contains("Cancelled"))
        #expect(r.outcomes[0].status == .cancelled)
    }

    @Test func eventsForEachCall() {
        let r = dispatch(TestTools.registry([TestTools.tool("t")]).registry, [call("a", "t", #"{"city":"x"}"#), call("b", "t", #"{"city":"y"}"#)])
        let started = r.events.compactMap { if case .callStarted(let id, _, _) = $0 { return id }; return nil }
        let finished = r.events.compactMap { if case .callFinished(let id, _, let d, _) = $0, d >= 0 { return id }; return nil }
        #expect(Set(started) == ["a", "b"])
        #expect(Set(finished) == ["a", "b"])
    }

    @Test func untrustedExternalBindingsExplainThemselves() {
        let tool = SessionTool(definition: ToolDefinition(name: "py", description: "x", parameters: ["type": "object"]),
                               binding: .external(kind: "python", config: ["target": "tools.py:run"]))
        let registry = ToolRegistry(tools: [tool], context: SessionContext(baseDirectory: "."), builtins: .none, external: nil, trusted: false, manual: nil)
        let r = dispatch(registry, [call("c", "py", "{}")])
        #expect(r.outcomes[0].content.contains("tools.py:run"))
        #expect(r.outcomes[0].content.contains("--trust"))
        #expect(r.outcomes[0].status == .disabled)
        #expect(r.outcomes[0].isError)
    }

    /// The engine ships no built-in tools: a `builtin` binding runs the set its caller passed in.
    @Test func aBuiltinBindingRunsTheToolTheFrontEndPassedIn() {
        let echo = ToolDefinition(name: "echo", description: "Echoes.", parameters: TestTools.citySchema)
        let builtins = BuiltinToolSet([.init(definition: echo, executor: ClosureToolExecutor { arguments, _ in ["city": arguments["city"] ?? .null] })])
        let tool = SessionTool(definition: ToolDefinition(name: "renamed", description: "d", parameters: TestTools.citySchema), binding: .builtin("echo"))
        let registry = ToolRegistry(tools: [tool], context: SessionContext(baseDirectory: "."), builtins: builtins, external: nil, trusted: false, manual: nil)
        let r = dispatch(registry, [call("c", "renamed", #"{"city":"Lima"}"#)])
        #expect(r.outcomes[0].content == #"{"city":"Lima"}"#)
        #expect(r.outcomes[0].status == .ok)
    }

    @Test(arguments: [(BuiltinToolSet.none, "this build of toolscope has none"),
                      (BuiltinToolSet([.init(definition: ToolDefinition(name: "a", description: "d", parameters: nil), executor: FixedResultExecutor(outcome: .success(1)))]),
                       "built-in tools are: a")])
    func aBuiltinNameNotInTheSetIsAClearError(builtins: BuiltinToolSet, known: String) {
        let tool = SessionTool(definition: ToolDefinition(name: "w", description: "d", parameters: nil), binding: .builtin("get_weather"))
        let registry = ToolRegistry(tools: [tool], context: SessionContext(baseDirectory: "."), builtins: builtins, external: nil, trusted: true, manual: nil)
        let r = dispatch(registry, [call("c", "w", "{}")])
        #expect(r.outcomes[0].isError)
        #expect(r.outcomes[0].content.contains(#"w is bound to the built-in tool \"get_weather\", which does not exist; \#(known)"#))
    }

    @Test func mockBindingReturnsItsResult() {
        let r = dispatch(TestTools.registry([TestTools.tool("m", binding: .mock(["answer": 42]))]).registry, [call("c", "m", #"{"city":"x"}"#)])
        #expect(r.outcomes[0].content == #"{"answer":42}"#)
        #expect(r.outcomes[0].status == .ok)
    }

    @Test func everyStatusHasItsOwnMark() {
        let marks = ToolOutcome.Status.allCases.map(\.mark)
        #expect(Set(marks.map(\.symbol)).count == marks.count, "\(marks)")
        #expect(ToolOutcome.Status.timedOut.mark.text == "⏱ timed out")
        #expect(ToolOutcome.Status.disabled.mark.text == "⊘ disabled")
        #expect(!ToolOutcome.Status.allCases.filter { $0 != .ok }.contains { $0.mark.symbol == "✓" })
    }

    @Test func settingIsErrorKeepsAPreciseFailure() {
        var outcome = ToolOutcome.error("slow", status: .timedOut)
        outcome.isError = true
        #expect(outcome.status == .timedOut)
        outcome.isError = false
        #expect(outcome.status == .ok)
        #expect(ToolOutcome.error("x", status: .ok).status == .error, "an error result is never ok")
    }
}
