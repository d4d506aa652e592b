import Foundation
import Testing
import ToolscopeDemo
@testable import ToolscopeEngine
import ToolscopeTestSupport

@Suite("Replay")
struct ReplayTests {
    private func recordDemo(_ prompt: String) -> Session {
        let session = Session.embeddedDefault()
        let registry = ToolRegistry(tools: session.tools, context: SessionContext(baseDirectory: "."), builtins: BuiltinTools.toolSet, external: nil, trusted: true, manual: nil)
        let loop = ToolLoop(session: session, provider: ScriptProvider.demo(delay: 0), dispatcher: Dispatcher(registry: registry))
        return loop.sendAndWait(prompt).session
    }

    private func registry(for s: Session) -> ToolRegistry {
        ToolRegistry(tools: s.tools, context: SessionContext(baseDirectory: "."), builtins: BuiltinTools.toolSet, external: nil, trusted: true, manual: nil)
    }

    @Test func aRecordingReplaysWithoutDifferences() {
        let recording = recordDemo("Compare the weather in Tokyo, London and New York")
        let report = SessionReplayer(recording: recording).run(registry: registry(for: recording))
        #expect(report.isClean)
        #expect(report.toolCalls == 3)
        #expect(report.session.messages == recording.messages)
    }

    @Test func aChangedToolIsReportedPerCall() throws {
        let recording = recordDemo("What's the weather in Toky?")
        var changed = recording
        // The same session, but get_weather now answers from a mock.
        changed.tools = recording.tools.map { t in
            t.name == "get_weather" ? SessionTool(definition: t.definition, binding: .mock(["city": "Nowhere"])) : t
        }
        let report = SessionReplayer(recording: recording).run(registry: registry(for: changed))
        #expect(report.differences.count == 2)
        #expect(report.differences[0].toolName == "get_weather")
        #expect(report.differences[0].recorded?.contains("Did you mean Tokyo?") == true)
        #expect(report.differences[0].replayed == #"{"city":"Nowhere"}"#)
        #expect(report.differences[0].diffText.contains(#"+ /city: "Nowhere""#), "\(report.differences[0].diffText)")
        #expect(report.differences[0].diffText.contains("- /error: "))
    }

    /// A recording made in approval mode: the first call's arguments edited, the second's result typed,
    /// the third skipped. Saved, loaded and replayed, it matches, and the replay records the same decisions.
    @Test func anApprovalModeRecordingReplaysItsEditsAndTypedResults() throws {
        struct Person: CallApprovalGate {
            func review(_ calls: [ToolCall], cancellation: CancellationToken, completion: @escaping @Sendable ([CallDecision]) -> Void) {
                completion(calls.enumerated().map { i, _ in
                    switch i {
                    case 0: return .run(arguments: #"{"city": "Paris"}"#)
                    case 1: return .answer(content: #"{"city":"London","temperature":99,"note":"typed"}"#)
                    default: return .skip
                    }
                })
            }
        }
        let session = Session.embeddedDefault()
        let loop = ToolLoop(session: session, provider: ScriptProvider.demo(delay: 0), dispatcher: Dispatcher(registry: registry(for: session)),
                            approvalGate: Person())
        let recorded = loop.sendAndWait("Compare the weather in Tokyo, London and New York").session
        let calls = try #require(recorded.messages.first { !$0.toolCalls.isEmpty }?.toolCalls)
        #expect(calls.count == 3)
        #expect(recorded.callEdits.count == 3)

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stepped-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SessionFile.save(recorded, to: path)
        let recording = try SessionFile.load(path: path)
        #expect(recording.callEdits == recorded.callEdits)

        let log = EventLog()
        let report = SessionReplayer(recording: recording).run(registry: registry(for: recording), onEvent: log.record)
        #expect(report.isClean, "\(report.differences.map(\.diffText)) \(report.problems)")
        #expect(report.typedResults == 1)
        #expect(report.editedCalls == 1)
        #expect(report.session.messages == recording.messages)
        #expect(report.session.callEdits == recording.callEdits)
        let started = log.kinds.compactMap { if case .callStarted(let id, _, let args) = $0 { return id + " " + args }; return nil }
        #expect(started == [calls[0].id + #" {"city":"Paris"}"#], "only the edited call runs: the typed one is replayed, the skipped one skipped")
        let statuses = log.kinds.compactMap { if case .callFinished(_, _, _, let o) = $0 { return o.status }; return nil }
        #expect(statuses.sorted { $0.rawValue < $1.rawValue } == [.denied, .ok, .typed])
        #expect(!log.kinds.contains { if case .callAwaitingApproval = $0 { return true }; return false }, "a replay asks nobody")
        #expect(log.kinds.contains { if case .callEdited(calls[0].id, _, #"{"city":"Tokyo"}"#, #"{"city":"Paris"}"#) = $0 { return true }; return false })
    }

    @Test func theReplayProviderCanPlayTheArgumentsTheModelSent() throws {
        var recording = Session(title: "r")
        recording.messages = [.user("go"), .assistant(nil, toolCalls: [call("c", "f", #"{"x":2}"#)]), .tool(callID: "c", content: "ok")]
        recording.record(CallEdit(originalArguments: #"{"x":1}"#, arguments: #"{"x":2}"#), callID: "c")
        #expect(ReplayProvider(recording: recording).recordedTurns[0].toolCalls[0].arguments == #"{"x":2}"#)
        #expect(ReplayProvider(recording: recording, asTheModelSentThem: true).recordedTurns[0].toolCalls[0].arguments == #"{"x":1}"#)
    }

    @Test func recordingAnEditRewritesTheCallItNames() {
        var s = Session(title: "s")
        s.messages = [.assistant(nil, toolCalls: [call("a", "f", "{}"), call("b", "f", #"{"y":1}"#)])]
        s.record(CallEdit(originalArguments: #"{"y":1}"#, arguments: #"{"y":2}"#), callID: "b")
        s.record(CallEdit(originalArguments: #"{"y":2}"#, arguments: #"{"y":3}"#), callID: "b")
        #expect(s.messages[0].toolCalls.map(\.arguments) == ["{}", #"{"y":3}"#])
        #expect(s.callEdits["b"] == CallEdit(originalArguments: #"{"y":1}"#, arguments: #"{"y":3}"#), "the first original is kept")
    }

    @Test func callEditsThatAreNotWellFormedNameTheirLine() {
        func load(_ edits: String) -> String {
            let text = "{\"format\": \"toolscope.session/1\",\n \"call_edits\": \(edits)\n}"
            do { _ = try SessionFile.decode(text, path: "s.json"); return "loaded" } catch { return error.description }
        }
        #expect(load("[]").contains("call_edits must be an object"))
        #expect(load(#"{"c": {"arguments": "{}"}}"#).contains("\"original_arguments\" is missing"))
        #expect(load(#"{"c": {"result_typed_by_user": "yes"}}"#).hasPrefix("s.json:2:"))
        #expect(load(#"{"c": {"result_typed_by_user": "yes"}}"#).hasSuffix(#"/call_edits/c/result_typed_by_user: "result_typed_by_user" must be true or false"#))
        #expect(load(#"{"a/b": {"typed": true}}"#).contains("/call_edits/a~1b/typed: unknown key"))
        #expect(load(#"{"c": {"skipped_by_user": true}}"#) == "loaded")
    }

    @Test func replayProviderPlaysTurnsInOrderAndSaysWhenItRunsOut() {
        let recording = recordDemo("weather in Paris")
        let provider = ReplayProvider(recording: recording)
        #expect(provider.recordedTurns.count == 2)
        let loop = ToolLoop(session: SessionReplayer(recording: recording).startingSession, provider: provider,
                            dispatcher: Dispatcher(registry: registry(for: recording)))
        #expect(loop.sendAndWait("weather in Paris").reason == .answered)
        let extra = loop.sendAndWait("one more question")
        #expect(extra.reason == .error)
        #expect(extra.detail?.contains("no assistant turn 3") == true)
    }

    @Test func jsonEqualResultsAreNotDifferences() {
        var a = Session(title: "a"), b = Session(title: "b")
        a.messages = [.assistant(nil, toolCalls: [call("c", "f", "{}")]), .tool(callID: "c", content: #"{"x":1,"y":[1,2]}"#)]
        b.messages = [.assistant(nil, toolCalls: [call("c", "f", "{}")]), .tool(callID: "c", content: #"{ "y": [1, 2], "x": 1.0 }"#)]
        #expect(SessionReplayer.compare(recorded: a, replayed: b).isEmpty)
        b.messages[1].content = "plain text"
        #expect(SessionReplayer.compare(recorded: a, replayed: b).count == 1)
    }
}

@Suite("Trace events")
struct TraceEventTests {
    static let samples: [TraceEvent.Kind] = [
        .turnStarted(userMessage: "hi"),
        .messageAppended(.user("hi")),
        .requestSent(url: "http://x/v1/chat/completions", headers: ["Authorization": "Bearer [redacted]"], body: ["model": "m"], attempt: 2),
        .responseStarted(status: 429, headers: ["retry-after": "1"], attempt: 1),
        .contentDelta("par"),
        .refusalDelta("no"),
        .toolCallDelta(index: 1, id: "c", name: "f", arguments: "{"),
        .retrying(attempt: 1, delay: 0.5, reason: "HTTP 503"),
        .assistantMessage(.assistant("x"), finishReason: "stop", latency: 0.25, timeToFirstToken: 0.125, rawBody: "{}"),
        .usage(Usage(promptTokens: 10, completionTokens: 2, cachedTokens: 4, reasoningTokens: 1)),
        .callStarted(callID: "c", name: "f", arguments: "{}"),
        .callValidated(callID: "c", problems: ["/city: missing"]),
        .callFinished(callID: "c", name: "f", duration: 0.5, outcome: ToolOutcome(content: "r", isError: true, logs: ["p"], details: ["tb": "x"])),
        .callAwaitingApproval(callID: "c", name: "f", reason: "approval mode"),
        .warning("w"),
        .error("e", partial: .assistant("half")),
        .error("e", partial: nil),
        .guardStop("g"),
        .turnFinished(reason: "answered"),
    ]

    @Test(arguments: samples)
    func everyKindRoundTripsThroughJSON(kind: TraceEvent.Kind) throws {
        let event = TraceEvent(time: 12.5, round: 3, kind: kind)
        #expect(try TraceEvent(json: try JSONParser.parse(event.json.compact)) == event)
    }

    @Test func unknownEventsAreKeptVerbatimAndNamelessOnesRejected() throws {
        let newer: JSONValue = ["t": 1, "round": 1, "event": "teleported", "to": ["x": 2]]
        let event = try TraceEvent(json: newer)
        #expect(event.kind == .unrecognized(newer.objectValue!))
        #expect(event.json == newer)
        #expect(throws: SchemaShapeError.self) { try TraceEvent(json: ["t": 1, "round": 1]) }
        #expect(throws: SchemaShapeError.self) { try TraceEvent(json: ["event": 7, "t": 1, "round": 1]) }
    }
}

@Suite("Result diff")
struct ResultDiffTests {
    private func rendered(_ a: String?, _ b: String?) -> [String] { ResultDiff.lines(recorded: a, replayed: b).map(\.rendered) }

    @Test func oneChangedFieldIsOnePairWithItsPath() {
        let a = #"{"city":"Tokyo","temperature":18,"unit":"celsius","conditions":"rain","humidity":80,"wind":3,"uv":2}"#
        let b = #"{"city":"Tokyo","temperature":19,"unit":"celsius","conditions":"rain","humidity":80,"wind":3,"uv":2}"#
        #expect(rendered(a, b) == ["- /temperature: 18", "+ /temperature: 19"])
    }

    @Test func nestedChangesAddedAndRemovedKeysAndItems() {
        let a = #"{"days":[{"t":1},{"t":2}],"old":true,"a/b":{"x":"y"}}"#
        let b = #"{"days":[{"t":1},{"t":3},{"t":4}],"a/b":{"x":"z"},"new":[1]}"#
        #expect(rendered(a, b) == [
            "- /days/1/t: 2", "+ /days/1/t: 3", "+ /days/2: {\"t\":4}",
            "- /old: true",
            #"- /a~1b/x: "y""#, #"+ /a~1b/x: "z""#,
            "+ /new: [1]",
        ])
    }

    @Test func aChangedTypeOrWholeValueIsOnePair() {
        #expect(rendered(#"{"x":[1]}"#, #"{"x":{"0":1}}"#) == ["- /x: [1]", #"+ /x: {"0":1}"#])
        #expect(rendered("42", "43") == ["- 42", "+ 43"])
    }

    @Test func equalJSONHasNoLines() {
        #expect(rendered(#"{"x":1,"y":[1,2]}"#, #"{ "y": [1, 2], "x": 1.0 }"#).isEmpty)
    }

    @Test func textThatIsNotJSONFallsBackToChangedLines() {
        #expect(rendered("line 1\nline 2\nline 3", "line 1\nline two\nline 3") == ["- line 2", "+ line two"])
        #expect(rendered("done", nil) == ["- done", "+ (no result)"])
    }
}

@Suite("Call status in saved traces")
struct CallStatusTraceTests {
    @Test(arguments: ToolOutcome.Status.allCases)
    func everyStatusRoundTrips(status: ToolOutcome.Status) throws {
        let event = TraceEvent(time: 1, round: 1, kind: .callFinished(callID: "c", name: "f", duration: 0.5,
                                                                      outcome: ToolOutcome(content: "r", status: status)))
        #expect(event.json["status"] == .string(status.rawValue))
        #expect(try TraceEvent(json: try JSONParser.parse(event.json.compact)) == event)
    }

    @Test func anEditRoundTrips() throws {
        let event = TraceEvent(time: 1, round: 2, kind: .callEdited(callID: "c", name: "f", original: #"{"a":1}"#, edited: #"{"a":2}"#))
        #expect(event.json["event"] == "call_edited")
        #expect(try TraceEvent(json: try JSONParser.parse(event.json.compact)) == event)
    }

    @Test func olderFilesWithoutStatusReadAsOkOrError() throws {
        let failed = try TraceEvent(json: ["event": "call_finished", "call_id": "c", "name": "f", "content": "{}", "is_error": true])
        let fine = try TraceEvent(json: ["event": "call_finished", "call_id": "c", "name": "f", "content": "{}"])
        guard case .callFinished(_, _, _, let a) = failed.kind, case .callFinished(_, _, _, let b) = fine.kind else {
            Issue.record("not call_finished events")
            return
        }
        #expect(a.status == .error)
        #expect(b.status == .ok)
    }

    /// The approval wait is written as call_awaiting_approval; files saved when it was called
    /// call_awaiting_human still read.
    @Test func anApprovalWaitRoundTripsAndItsFormerNameReads() throws {
        let event = TraceEvent(time: 1, round: 1, kind: .callAwaitingApproval(callID: "c", name: "f", reason: "waiting for approval"))
        #expect(event.json["event"] == "call_awaiting_approval")
        #expect(try TraceEvent(json: try JSONParser.parse(event.json.compact)) == event)
        let older = try TraceEvent(json: ["t": 1, "round": 1, "event": "call_awaiting_human", "call_id": "c", "name": "f", "reason": "waiting for approval"])
        #expect(older.kind == event.kind)
    }

    @Test func anUnknownStatusIsRejectedWithItsPath() {
        #expect(throws: SchemaShapeError(path: "/trace/3/status", message: "unknown call status \"melted\" (known: ok, error, timed_out, cancelled, disabled, denied, typed)")) {
            try TraceEvent(json: ["event": "call_finished", "call_id": "c", "name": "f", "content": "{}", "status": "melted"], path: "/trace/3")
        }
    }
}
