import Foundation
import Testing
@testable import ToolscopeEngine

@Suite("Replay")
struct ReplayTests {
    private func recordDemo(_ prompt: String) -> Session {
        let session = Session.embeddedDefault()
        let registry = ToolRegistry(tools: session.tools, context: SessionContext(baseDirectory: "."), external: nil, trusted: true, manual: nil)
        let loop = ToolLoop(session: session, provider: ScriptProvider.demo(delay: 0), dispatcher: Dispatcher(registry: registry))
        return loop.sendAndWait(prompt).session
    }

    private func registry(for s: Session) -> ToolRegistry {
        ToolRegistry(tools: s.tools, context: SessionContext(baseDirectory: "."), external: nil, trusted: true, manual: nil)
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
        #expect(report.differences[0].diffText.contains(#"+   "city": "Nowhere""#))
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
        .callAwaitingHuman(callID: "c", name: "f", reason: "step mode"),
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
