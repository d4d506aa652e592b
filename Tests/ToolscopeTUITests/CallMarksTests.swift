import Foundation
import Testing
import ToolscopeDemo
import ToolscopeEngine
@testable import ToolscopeTUI

/// Each call's mark says what happened to it, in the trace pane, the call detail and the
/// conversation; edits made in approval mode show as edits.
@Suite("Call marks")
struct CallMarksTests {
    /// A turn with one round whose calls each end with `outcomes[i]`.
    private func state(_ outcomes: [(name: String, outcome: ToolOutcome)], width: Int = 160, height: Int = 40) -> AppState {
        var s = TestSupport.state(width: width, height: height)
        let calls = outcomes.enumerated().map { i, o in ToolCall(id: "c\(i)", name: o.name, arguments: #"{"city":"Tokyo"}"#) }
        TestSupport.event(&s, .turnStarted(userMessage: "weather"), time: 100)
        TestSupport.event(&s, .requestSent(url: "script://demo", headers: [:], body: ["model": "x"], attempt: 1), time: 100)
        let assistant = Message.assistant(nil, toolCalls: calls)
        TestSupport.event(&s, .assistantMessage(assistant, finishReason: "tool_calls", latency: 0.1, timeToFirstToken: nil, rawBody: nil), time: 100.1)
        TestSupport.event(&s, .messageAppended(assistant), time: 100.1)
        for (call, o) in zip(calls, outcomes) {
            TestSupport.event(&s, .callStarted(callID: call.id, name: call.name, arguments: call.arguments), time: 100.1)
            TestSupport.event(&s, .callValidated(callID: call.id, problems: []), time: 100.1)
            TestSupport.event(&s, .callFinished(callID: call.id, name: call.name, duration: 0.2, outcome: o.outcome), time: 100.3)
        }
        for (call, o) in zip(calls, outcomes) { TestSupport.event(&s, .messageAppended(.tool(callID: call.id, content: o.outcome.content)), time: 100.3) }
        return s
    }

    /// The trace pane's row for the call named `name`.
    private func traceRow(_ s: AppState, _ name: String) -> String {
        TraceRow.build(s).map { $0.line(in: s).text }.first { $0.contains("─ " + name + " ") || $0.contains("└ " + name + " ") || $0.contains("├ " + name + " ") } ?? ""
    }

    @Test func theTraceMarksEachCallByWhatHappened() {
        let s = state([
            ("fine", ToolOutcome(content: #"{"temp":18}"#)),
            ("broken", .error("no such city")),
            ("slow", Dispatcher.timedOut("slow", after: 2)),
            ("untrusted", .error("untrusted is disabled", status: .disabled)),
            ("refused", .error("The user skipped this call in approval mode; it was not run.", status: .denied)),
        ])
        #expect(traceRow(s, "fine").contains("✓  200ms"), "ok is the bare ✓: \(traceRow(s, "fine"))")
        #expect(traceRow(s, "broken").contains("✗ error"))
        #expect(traceRow(s, "slow").contains("⏱ timed out"))
        #expect(traceRow(s, "untrusted").contains("⊘ disabled"))
        #expect(traceRow(s, "refused").contains("⊖ denied"))
        for name in ["broken", "slow", "untrusted", "refused"] {
            #expect(!traceRow(s, name).contains("✓"), "\(name): \(traceRow(s, name))")
        }
    }

    @Test func theConversationSaysTheSameAsTheTrace() {
        let s = state([("slow", Dispatcher.timedOut("slow", after: 2)), ("untrusted", .error("off", status: .disabled)),
                       ("fine", ToolOutcome(content: "42"))])
        let text = TestSupport.render(s).text
        #expect(text.contains("↳ slow ⏱ timed out"))
        #expect(text.contains("↳ untrusted ⊘ disabled"))
        #expect(text.contains("↳ fine ✓ ok"))
        #expect(!text.contains(" failed"), "the old word hid which failure it was")
    }

    @Test func aTypedResultIsMarkedTypedByYou() {
        var s = state([("get_weather", ToolOutcome(content: "sunny, I promise", status: .typed))])
        #expect(traceRow(s, "get_weather").contains("✎ typed by you"))
        #expect(TestSupport.render(s).text.contains("↳ get_weather ✎ typed by you"))
        #expect(s.session.callEdits["c0"]?.resultTypedByUser == true)
        // A saved session without its trace still knows, from call_edits.
        var saved = s.session
        saved.trace = []
        s = TestSupport.state(width: 160, session: saved)
        #expect(TestSupport.render(s).text.contains("↳ get_weather ✎ typed by you"))
    }

    @Test func anEditedCallShowsTheArgumentsThatRanAndTheOriginal() {
        var s = TestSupport.state(width: 160, height: 40)
        let call = ToolCall(id: "c1", name: "get_weather", arguments: #"{"city":"Tokyo"}"#)
        let assistant = Message.assistant(nil, toolCalls: [call])
        TestSupport.event(&s, .turnStarted(userMessage: "weather"), time: 100)
        TestSupport.event(&s, .requestSent(url: "script://demo", headers: [:], body: ["model": "x"], attempt: 1), time: 100)
        TestSupport.event(&s, .assistantMessage(assistant, finishReason: "tool_calls", latency: 0.1, timeToFirstToken: nil, rawBody: nil), time: 100.1)
        TestSupport.event(&s, .messageAppended(assistant), time: 100.1)
        TestSupport.event(&s, .callAwaitingApproval(callID: "c1", name: "get_weather", reason: "waiting for approval"), time: 100.1)
        TestSupport.event(&s, .callEdited(callID: "c1", name: "get_weather", original: call.arguments, edited: #"{"city":"Paris"}"#), time: 101)
        TestSupport.event(&s, .callStarted(callID: "c1", name: "get_weather", arguments: #"{"city":"Paris"}"#), time: 101)
        TestSupport.event(&s, .callFinished(callID: "c1", name: "get_weather", duration: 0.1, outcome: ToolOutcome(content: #"{"city":"Paris","temp":12}"#)), time: 101.1)
        TestSupport.event(&s, .messageAppended(.tool(callID: "c1", content: #"{"city":"Paris","temp":12}"#)), time: 101.1)

        #expect(s.session.messages.last { $0.role == .assistant }?.toolCalls[0].arguments == #"{"city":"Paris"}"#)
        let row = traceRow(s, "get_weather")
        #expect(row.contains(#"{"city":"Paris"}"#))
        #expect(row.contains("✎ edited by you"))
        #expect(row.contains("✎ edited by you  ✓"), "the edit mark comes in addition to the result's: \(row)")

        let text = TestSupport.render(s).text
        #expect(text.contains(#"⚙ get_weather {"city":"Paris"}"#))
        #expect(!text.contains(#"⚙ get_weather {"city":"Tokyo"}"#), "the conversation shows what ran")
        #expect(text.contains("✎ edited by you"))
        #expect(text.contains(#"the model sent {"city":"Tokyo"}"#))

        let index = TraceRow.build(s).firstIndex { if case .call = $0 { return true }; return false }!
        let detail = TraceDetail.make(for: TraceRow.build(s)[index], state: s)!.lines.map(\.text)
        #expect(detail.contains("── Arguments (edited by you) ──"))
        #expect(detail.contains("── Arguments the model sent ──"))
        #expect(detail.contains("status: ✓ ok"))
    }

    @Test func theReplayViewShowsOnlyTheChangedField() {
        var recording = Session.embeddedDefault()
        let call = ToolCall(id: "c1", name: "get_weather", arguments: #"{"city":"Tokyo"}"#)
        let recorded = #"{"city":"Tokyo","temperature":18,"unit":"celsius","conditions":"rain","humidity":80}"#
        let actual = #"{"city":"Tokyo","temperature":19,"unit":"celsius","conditions":"rain","humidity":80}"#
        recording.messages += [.user("weather"), .assistant(nil, toolCalls: [call]), .tool(callID: "c1", content: recorded), .assistant("done")]
        var s = TestSupport.state(width: 160, height: 50)
        Reducer.loadSession(&s, recording, path: nil, replay: true)
        _ = ReplayReducer.step(&s, by: 1)
        _ = Reducer.reduce(&s, .replayCompared(step: 1, differences: ["c1": ReexecutionComparison(recorded: recorded, actual: actual, matches: false)]))
        let rows = TestSupport.render(s).text.split(separator: "\n").map { $0.trimmingCharacters(in: .init(charactersIn: "│ ")) }
        #expect(rows.contains { $0.hasPrefix("≠ re-executed result differs") })
        let changed = rows.filter { $0.hasPrefix("- /") || $0.hasPrefix("+ /") }.map { String($0.prefix(20)).trimmingCharacters(in: .whitespaces) }
        #expect(changed == ["- /temperature: 18", "+ /temperature: 19"], "\(rows)")
    }

    @Test func aReplayDoesNotReRunATypedResult() {
        var recording = Session.embeddedDefault()
        let calls = [ToolCall(id: "t1", name: "get_weather", arguments: #"{"city":"Tokyo"}"#),
                     ToolCall(id: "t2", name: "get_weather", arguments: #"{"city":"Paris"}"#)]
        recording.messages += [.user("weather"), .assistant(nil, toolCalls: calls), .tool(callID: "t1", content: "typed"),
                               .tool(callID: "t2", content: "{}"), .assistant("done")]
        recording.record(CallEdit(resultTypedByUser: true), callID: "t1")
        var s = TestSupport.state(width: 160, height: 50)
        Reducer.loadSession(&s, recording, path: nil, replay: true)
        let effects = ReplayReducer.step(&s, by: 1)
        guard case .reexecute(_, let rerun, _)? = effects.first else { Issue.record("nothing re-executed: \(effects)"); return }
        #expect(rerun.map(\.id) == ["t2"])
        #expect(TestSupport.render(s).text.contains("↳ get_weather ✎ typed by you"))
    }
}
