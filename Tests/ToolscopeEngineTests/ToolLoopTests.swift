import Dispatch
import Foundation
import Testing
@testable import ToolscopeEngine
import ToolscopeTestSupport

@Suite("Tool loop")
struct ToolLoopTests {
    private func makeLoop(_ provider: any ChatProvider, tools: [SessionTool] = [TestTools.tool("t")], overrides: [String: any ToolExecutor] = [:],
                          settings: (inout SessionSettings) -> Void = { _ in }) -> ToolLoop {
        var s = SessionSettings()
        settings(&s)
        let session = Session(title: "test", settings: s, tools: tools, messages: [.system("sys")])
        return ToolLoop(session: session, provider: provider, dispatcher: Dispatcher(registry: TestTools.registry(tools, overrides: overrides).registry))
    }

    /// Every tool_call_id of every assistant message has exactly one tool message, right after it.
    private func expectConsistent(_ messages: [Message]) {
        var i = 0
        while i < messages.count {
            let m = messages[i]
            if m.role == .assistant, !m.toolCalls.isEmpty {
                let following = messages[(i + 1)...].prefix { $0.role == .tool }
                #expect(following.map(\.toolCallID) == m.toolCalls.map(\.id), "tool messages do not match the calls of message \(i)")
                i += following.count
            }
            i += 1
        }
    }

    @Test func appendsAssistantBeforeResultsInCallOrder() {
        let provider = QueueProvider(messages: [
            .assistant(nil, toolCalls: [call("a", "t", #"{"city":"A"}"#), call("b", "t", #"{"city":"B"}"#)]),
            .assistant("done"),
        ])
        let loop = makeLoop(provider)
        let result = loop.sendAndWait("hi")
        #expect(result.reason == .answered)
        #expect(result.finalText == "done")
        #expect(result.rounds == 2)
        let roles = result.session.messages.map(\.role)
        #expect(roles == [.system, .user, .assistant, .tool, .tool, .assistant])
        #expect(result.session.messages[3].toolCallID == "a")
        #expect(result.session.messages[4].toolCallID == "b")
        // The second request carried the assistant message with its tool_calls and both results.
        let second = provider.requests.current[1].openAIBody()
        let sent = second["messages"]!.arrayValue!
        #expect(sent[2]["tool_calls"]?.arrayValue?.count == 2)
        #expect(sent[2]["content"] == .null)
        #expect(sent[3]["role"] == "tool")
        expectConsistent(result.session.messages)
    }

    @Test func toolCallsWithFinishReasonStopAreStillRun() {
        let provider = QueueProvider([
            .success(ChatResponse(message: .assistant(nil, toolCalls: [call("a", "t", #"{"city":"A"}"#)]), finishReason: "stop")),
            .success(ChatResponse(message: .assistant("ok"), finishReason: "stop")),
        ])
        let result = makeLoop(provider).sendAndWait("go")
        #expect(result.reason == .answered)
        #expect(result.session.messages.filter { $0.role == .tool }.count == 1)
    }

    @Test func stopsAtMaxRoundsWithAReasonAndAConsistentConversation() {
        let replies = (0..<20).map { i in Message.assistant(nil, toolCalls: [call("c\(i)", "t", #"{"city":"C\#(i)"}"#)]) }
        let log = EventLog()
        let loop = makeLoop(QueueProvider(messages: replies)) { $0.maxRounds = 4 }
        let result = loop.sendAndWait("loop forever", onEvent: log.record)
        #expect(result.reason == .maxRounds)
        #expect(result.rounds == 4)
        #expect(result.detail?.contains("max_rounds = 4") == true)
        #expect(log.guardStops.count == 1)
        expectConsistent(result.session.messages)
    }

    @Test func repeatedIdenticalCallsStopTheLoop() {
        // Same call, keys in a different order each time: still the same call.
        let replies = (0..<10).map { i in
            Message.assistant(nil, toolCalls: [call("c\(i)", "t", i % 2 == 0 ? #"{"city":"Rome"}"# : #"{ "city" : "Rome" }"#)])
        }
        let log = EventLog()
        let result = makeLoop(QueueProvider(messages: replies)) { $0.repeatedCallLimit = 3 }.sendAndWait("again", onEvent: log.record)
        #expect(result.reason == .repeatedCall)
        #expect(result.rounds == 3)
        #expect(log.guardStops.first?.contains("3 times") == true)
        let last = result.session.messages.last!
        #expect(last.role == .tool)
        #expect(last.content!.contains("Not run"))
        expectConsistent(result.session.messages)
    }

    @Test func forcedToolChoiceFallsBackToAutoAfterItIsHonoured() {
        let provider = QueueProvider(messages: [
            .assistant(nil, toolCalls: [call("a", "t", #"{"city":"A"}"#)]),
            .assistant("answer"),
        ])
        let result = makeLoop(provider) { $0.toolChoice = .function("t") }.sendAndWait("go")
        #expect(result.reason == .answered)
        let bodies = provider.requests.current.map { $0.openAIBody() }
        #expect(bodies[0]["tool_choice"] == ["type": "function", "function": ["name": "t"]])
        #expect(bodies[1]["tool_choice"] == "auto")
        // The session's own setting is unchanged for the next turn.
        #expect(result.session.settings.toolChoice == .function("t"))
    }

    @Test func cancellationEndsAStalledRequestAtOnce() {
        let loop = makeLoop(StalledProvider())
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) { loop.cancel() }
        let start = MonotonicClock.now()
        let result = loop.sendAndWait("wait")
        #expect(result.reason == .cancelled)
        #expect(MonotonicClock.now() - start < 2)
        #expect(result.session.messages.map(\.role) == [.system, .user])
        #expect(!loop.isRunning)
    }

    @Test func cancellationDuringToolsStillAnswersEveryCall() {
        let hanging = HangingExecutor()
        let tools = [TestTools.tool("h", binding: .test)]
        let provider = QueueProvider(messages: [.assistant(nil, toolCalls: [call("a", "h", #"{"city":"x"}"#), call("b", "h", #"{"city":"y"}"#)])])
        let loop = makeLoop(provider, tools: tools, overrides: ["h": hanging])
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { loop.cancel() }
        let result = loop.sendAndWait("go")
        #expect(result.reason == .cancelled)
        expectConsistent(result.session.messages)
        #expect(result.session.messages.last?.content?.contains("Cancelled") == true)
    }

    @Test func providerErrorKeepsPartialOutOfTheConversation() {
        let partial = Message.assistant("half an ans")
        let provider = QueueProvider([.failure(ProviderError(kind: .truncated, message: "the stream ended without [DONE]", partial: partial))])
        let log = EventLog()
        let result = makeLoop(provider).sendAndWait("go", onEvent: log.record)
        #expect(result.reason == .error)
        #expect(result.session.messages.map(\.role) == [.system, .user])
        let errors = log.kinds.compactMap { if case .error(let m, let p) = $0 { return (m, p) }; return nil }
        #expect(errors.first?.0.contains("[DONE]") == true)
        #expect(errors.first?.1 == partial)
    }

    @Test func approvalModeDecisionsRunAnswerAndSkip() throws {
        struct Gate: CallApprovalGate {
            func review(_ calls: [ToolCall], cancellation: CancellationToken, completion: @escaping @Sendable ([CallDecision]) -> Void) {
                completion([.run(arguments: #"{"city":"Edited"}"#), .answer(content: "by hand"), .skip])
            }
        }
        let sleeper = SleepingExecutor(seconds: 0)
        let tools = [TestTools.tool("t", binding: .test)]
        let provider = QueueProvider(messages: [
            .assistant(nil, toolCalls: [call("a", "t", #"{"city":"A"}"#), call("b", "t", #"{"city":"B"}"#), call("c", "t", #"{"city":"C"}"#)]),
            .assistant("done"),
        ])
        let loop = makeLoop(provider, tools: tools, overrides: ["t": sleeper])
        loop.setApprovalGate(Gate())
        let result = loop.sendAndWait("go")
        let tools_ = result.session.messages.filter { $0.role == .tool }
        #expect(try JSONParser.parse(tools_[0].content!)["city"] == "Edited")
        #expect(tools_[1].content == "by hand")
        #expect(tools_[2].content!.contains("skipped"))
    }

    /// What happened is what is recorded: the message the model sees next round pairs the edited
    /// arguments with their result; the session and the trace keep the original, the typed result and the skip.
    @Test func approvalModeEditsAreRecordedInTheSessionAndTheTrace() throws {
        struct Gate: CallApprovalGate {
            func review(_ calls: [ToolCall], cancellation: CancellationToken, completion: @escaping @Sendable ([CallDecision]) -> Void) {
                completion([.run(arguments: "{\n  \"city\": \"Edited\"\n}"), .answer(content: "by hand"), .skip,
                            .run(arguments: "{\n  \"city\": \"D\"\n}")])
            }
        }
        let provider = QueueProvider(messages: [
            .assistant(nil, toolCalls: [call("a", "t", #"{"city":"A"}"#), call("b", "t", #"{"city":"B"}"#), call("c", "t", #"{"city":"C"}"#),
                                        call("d", "t", #"{"city": "D"}"#)]),
            .assistant("done"),
        ])
        let loop = makeLoop(provider, tools: [TestTools.tool("t", binding: .test)], overrides: ["t": SleepingExecutor(seconds: 0)])
        loop.setApprovalGate(Gate())
        let log = EventLog()
        let session = loop.sendAndWait("go", onEvent: log.record).session
        expectConsistent(session.messages)

        let assistant = try #require(session.messages.first { $0.role == .assistant && !$0.toolCalls.isEmpty })
        #expect(assistant.toolCalls[0].arguments == #"{"city":"Edited"}"#, "the message holds the arguments that ran, compact")
        #expect(assistant.toolCalls[3].arguments == #"{"city": "D"}"#, "re-indenting the same JSON is no edit")
        // The next request shows the model the edited call next to its result.
        let second = try #require(provider.requests.current.last)
        #expect(second.messages.first { $0.role == .assistant }?.toolCalls[0].arguments == #"{"city":"Edited"}"#)

        #expect(session.callEdits["a"] == CallEdit(originalArguments: #"{"city":"A"}"#, arguments: #"{"city":"Edited"}"#))
        #expect(session.callEdits["b"] == CallEdit(resultTypedByUser: true))
        #expect(session.callEdits["c"] == CallEdit(skippedByUser: true))
        #expect(session.callEdits["d"] == nil)

        let edited = log.kinds.compactMap { if case .callEdited(let id, _, let o, let e) = $0 { return [id, o, e] }; return nil }
        #expect(edited == [["a", #"{"city":"A"}"#, #"{"city":"Edited"}"#]])
        let started = log.kinds.compactMap { if case .callStarted(let id, _, let args) = $0 { return id + " " + args }; return nil }
        #expect(started.contains(#"a {"city":"Edited"}"#))
        let statuses = Dictionary(uniqueKeysWithValues: log.kinds.compactMap { kind -> (String, ToolOutcome.Status)? in
            if case .callFinished(let id, _, _, let o) = kind { return (id, o.status) }; return nil
        })
        #expect(statuses == ["a": .ok, "b": .typed, "c": .denied, "d": .ok])

        // All of it survives a save and a load (without the test-only binding, which no file can hold).
        var saved = session
        saved.tools = []
        let reloaded = try Session(json: try JSONParser.parse(saved.json.pretty))
        #expect(reloaded.callEdits == session.callEdits)
        #expect(reloaded.messages == session.messages)
        #expect(reloaded.trace.map(\.json) == session.trace.map(\.json), "times are saved to the microsecond; everything else exactly")
    }

    @Test func aRefusedRepeatIsDenied() {
        let repeated = call("r", "t", #"{"city":"A"}"#)
        var again = repeated
        again.id = "r2"
        let provider = QueueProvider(messages: [.assistant(nil, toolCalls: [repeated]), .assistant(nil, toolCalls: [again])])
        let log = EventLog()
        _ = makeLoop(provider, settings: { $0.repeatedCallLimit = 2 }).sendAndWait("go", onEvent: log.record)
        #expect(log.guardStops.count == 1)
        let finished = log.kinds.compactMap { if case .callFinished(let id, _, _, let o) = $0 { return "\(id) \(o.status.rawValue)" }; return nil }
        #expect(finished == ["r ok", "r2 denied"])
    }

    @Test func autosavesAfterEveryRound() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("autosave-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let provider = QueueProvider(messages: [.assistant(nil, toolCalls: [call("a", "t", #"{"city":"A"}"#)]), .assistant("done")])
        let loop = makeLoop(provider)
        loop.setAutosavePath(path)
        _ = loop.sendAndWait("go")
        let saved = try SessionFile.load(path: path)
        #expect(saved.messages.count == 5)
        #expect(saved.trace.contains { if case .turnFinished("answered") = $0.kind { return true }; return false })
    }

    @Test func aSecondTurnWhileOneRunsIsRefused() {
        let loop = makeLoop(StalledProvider())
        loop.send("one", onEvent: { _ in }, completion: { _ in })
        let second = loop.sendAndWait("two")
        #expect(second.reason == .busy)
        loop.cancel()
    }

    @Test func warnsWhenParallelFalseGetsSeveralCalls() {
        let provider = QueueProvider(messages: [
            .assistant(nil, toolCalls: [call("a", "t", #"{"city":"A"}"#), call("b", "t", #"{"city":"B"}"#)]), .assistant("done"),
        ])
        let log = EventLog()
        _ = makeLoop(provider) { $0.parallelToolCalls = false }.sendAndWait("go", onEvent: log.record)
        #expect(log.warnings.contains { $0.contains("parallel_tool_calls is false") })
    }

    @Test("several calls with parallel off on Anthropic: one warning, naming disable_parallel_tool_use")
    func parallelWarningNamesTheWiresParameter() {
        let provider = QueueProvider(messages: [
            .assistant(nil, toolCalls: [call("a", "t", #"{"city":"A"}"#), call("b", "t", #"{"city":"B"}"#)]), .assistant("done"),
        ])
        let log = EventLog()
        _ = makeLoop(provider) {
            $0.parallelToolCalls = false
            $0.provider.kind = .openai
            $0.provider.switchWire(to: .anthropic)
        }.sendAndWait("go", onEvent: log.record)
        #expect(log.warnings.filter { $0.contains("parallel") }
            == ["tool_choice had disable_parallel_tool_use: true but the model returned 2 calls in one turn; all are run"])
    }
}
