import Foundation
import Testing
@testable import ToolscopeEngine
import ToolscopeTestSupport

/// A turn runs on a snapshot and reports every change as an event; whoever keeps the session
/// applies the events with `Session.apply` and ends up with what the turn ended with. Nothing
/// is merged back, and a loop that does not hold the session keeps none.
@Suite("One owner for the session")
struct SessionOwnershipTests {
    struct StepGate: CallApprovalGate {
        func review(_ calls: [ToolCall], cancellation: CancellationToken, completion: @escaping @Sendable ([CallDecision]) -> Void) {
            completion([.run(arguments: #"{"city":"Edited"}"#), .answer(content: "by hand"), .skip])
        }
    }

    private func approvalModeTurn() -> (loop: ToolLoop, snapshot: Session) {
        let tools = [TestTools.tool("t", binding: .test)]
        let provider = QueueProvider(messages: [
            .assistant(nil, toolCalls: [call("a", "t", #"{"city":"A"}"#), call("b", "t", #"{"city":"B"}"#), call("c", "t", #"{"city":"C"}"#)]),
            .assistant("done"),
        ])
        let snapshot = Session(title: "mine", tools: tools, messages: [.system("sys")])
        let loop = ToolLoop(provider: provider, dispatcher: Dispatcher(registry: TestTools.registry(tools, overrides: ["t": SleepingExecutor(seconds: 0)]).registry),
                            approvalGate: StepGate())
        return (loop, snapshot)
    }

    private func wait(_ loop: ToolLoop, _ text: String, on session: Session, onEvent: @escaping @Sendable (TraceEvent) -> Void) -> TurnResult {
        let done = DispatchSemaphore(value: 0)
        let box = Locked<TurnResult?>(nil)
        loop.send(text, on: session, onEvent: onEvent) { result in
            box.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return box.current!
    }

    @Test("applying a turn's events to the snapshot gives the turn's session: messages, call edits, trace")
    func eventsRebuildTheSession() {
        let (loop, snapshot) = approvalModeTurn()
        let kept = Locked(snapshot)
        let result = wait(loop, "go", on: snapshot) { event in kept.withLock { $0.apply(event) } }
        let mine = kept.current
        #expect(result.reason == .answered)
        #expect(mine.messages == result.session.messages)
        #expect(mine.messages.count == 7, "system, user, assistant with 3 calls, 3 tool results, the answer")
        #expect(mine.callEdits == result.session.callEdits)
        #expect(mine.callEdits["a"] == CallEdit(originalArguments: #"{"city":"A"}"#, arguments: #"{"city":"Edited"}"#))
        #expect(mine.callEdits["b"] == CallEdit(resultTypedByUser: true))
        #expect(mine.callEdits["c"] == CallEdit(skippedByUser: true))
        #expect(mine.trace == result.session.trace)
        #expect(!mine.trace.contains { $0.isDelta }, "deltas are not kept")
    }

    @Test("a loop that does not hold the session keeps none; the snapshot is not changed")
    func theCallerKeepsTheOnlyCopy() {
        let (loop, snapshot) = approvalModeTurn()
        _ = wait(loop, "go", on: snapshot) { _ in }
        #expect(loop.session.messages.isEmpty, "the loop's held session stays empty")
        #expect(snapshot.messages.count == 1)
    }

    @Test("a skipped call's result says so in its details, which is how the skip is recorded")
    func skipIsInTheEvent() {
        let (loop, snapshot) = approvalModeTurn()
        let log = EventLog()
        _ = wait(loop, "go", on: snapshot, onEvent: log.record)
        let skipped = log.kinds.compactMap { kind -> ToolOutcome? in
            if case .callFinished("c", _, _, let outcome) = kind { return outcome }
            return nil
        }
        #expect(skipped.first?.wasSkippedByUser == true)
        #expect(skipped.first?.status == .denied)
    }

    @Test("the held session of send(_:) follows the events as they come")
    func heldSessionFollowsEvents() {
        let provider = QueueProvider(messages: [.assistant(nil, toolCalls: [call("a", "t", #"{"city":"A"}"#)]), .assistant("done")])
        let tools = [TestTools.tool("t")]
        let loop = ToolLoop(session: Session(title: "held", tools: tools), provider: provider,
                            dispatcher: Dispatcher(registry: TestTools.registry(tools).registry))
        let seen = Locked<[Int]>([])
        let result = loop.sendAndWait("go") { event in
            if case .messageAppended = event.kind { seen.withLock { $0.append(loop.session.messages.count) } }
        }
        #expect(seen.current == [1, 2, 3, 4], "each appended message is in the held session when its event arrives")
        #expect(loop.session.messages == result.session.messages)
    }

    @Test("roundIsAnswered: true once every call of the newest assistant message has its result")
    func roundIsAnswered() {
        var s = Session(title: "r")
        #expect(s.roundIsAnswered)
        s.messages = [.user("go"), .assistant(nil, toolCalls: [call("a", "t", "{}"), call("b", "t", "{}")])]
        #expect(!s.roundIsAnswered)
        s.messages.append(.tool(callID: "a", content: "1"))
        #expect(!s.roundIsAnswered)
        s.messages.append(.tool(callID: "b", content: "2"))
        #expect(s.roundIsAnswered)
    }

    @Test("streamed tool calls: id and name set once, arguments concatenated, one event per useful fragment")
    func streamedToolCalls() {
        var calls = StreamedToolCalls()
        #expect(calls.add(index: 1, id: "b", name: "second", arguments: "") == .toolCallDelta(index: 1, id: "b", name: "second", arguments: ""))
        #expect(calls.add(index: 0, id: "a", name: "first", arguments: "{\"x\"") != nil)
        #expect(calls.add(index: 0, id: "a", name: "first", arguments: "") == nil, "a repeated id and name add nothing")
        calls.add(.toolCallDelta(index: 0, id: nil, name: nil, arguments: ":1}"))
        #expect(calls.ordered.map(\.arguments) == ["{\"x\":1}", ""])
        var notes: [String] = []
        #expect(calls.toolCalls(warnings: &notes).map(\.id) == ["a", "b"])
        #expect(notes.isEmpty)
        var anonymous = StreamedToolCalls()
        anonymous.add(index: 2, id: nil, name: nil, arguments: "{}")
        #expect(anonymous.toolCalls(warnings: &notes).first?.id == "toolscope_call_2")
        #expect(notes.count == 2, "no id and no name are both said")
    }
}

/// Streams its answer in pieces, as a server does.
private struct PiecesProvider: ChatProvider {
    var displayName: String { "pieces" }
    func send(_ request: ChatRequest, cancellation: CancellationToken, onEvent: @escaping @Sendable (TraceEvent.Kind) -> Void,
              completion: @escaping @Sendable (Result<ChatResponse, ProviderError>) -> Void) {
        onEvent(.requestSent(url: "test://", headers: [:], body: .object([:]), attempt: 1))
        for piece in ["The ", "answer ", "is 42."] { onEvent(.contentDelta(piece)) }
        completion(.success(ChatResponse(message: .assistant("The answer is 42."), finishReason: "stop")))
    }
}

@Suite("Reporting deltas")
struct DeltaReportingTests {
    private func run(reportsDeltas: Bool) -> (events: [TraceEvent.Kind], result: TurnResult) {
        let loop = ToolLoop(provider: PiecesProvider(), dispatcher: Dispatcher(registry: TestTools.registry([]).registry))
        loop.setReportsDeltas(reportsDeltas)
        let log = EventLog()
        let result = loop.sendAndWait("q", on: Session(title: "d"), onEvent: log.record)
        return (log.kinds, result)
    }

    @Test("with deltas off (an experiment's runs) no piece is reported, and the turn ends the same")
    func deltasOff() {
        let on = run(reportsDeltas: true)
        let off = run(reportsDeltas: false)
        #expect(on.events.filter(\.isDelta).count == 3)
        #expect(off.events.filter(\.isDelta).isEmpty)
        #expect(off.events.count == on.events.count - 3)
        #expect(off.result.session.messages == on.result.session.messages)
        #expect(off.result.finalText == "The answer is 42.")
    }
}
