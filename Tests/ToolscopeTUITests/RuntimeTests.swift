import Foundation
import Testing
@testable import ToolscopeEngine
import ToolscopeDemo
@testable import ToolscopeTUI

/// The workbench's state is the only copy of the session, and the runtime's effect handlers
/// turn effects into actions without a terminal.
@Suite("Runtime and effect handlers")
struct RuntimeTests {
    // MARK: One owner

    @Test("a turn's events change the state's session; the turn's result does not replace it")
    func eventsAreTheOnlyWayIn() {
        var s = TestSupport.state()
        let before = s.session.messages.count
        _ = Reducer.reduce(&s, .trace(TraceEvent(time: 1, round: 0, kind: .turnStarted(userMessage: "hi"))))
        _ = Reducer.reduce(&s, .trace(TraceEvent(time: 1, round: 0, kind: .messageAppended(.user("hi")))))
        _ = Reducer.reduce(&s, .trace(TraceEvent(time: 2, round: 1, kind: .messageAppended(.assistant("hello")))))
        #expect(s.session.messages.count == before + 2)
        #expect(s.session.trace.count == 3, "turn_started and both message events are in the session's trace")
        // A result carrying some other session changes nothing in the conversation.
        let other = Session(title: "elsewhere", messages: [.user("not this")])
        _ = Reducer.reduce(&s, .turnFinished(TurnResult(reason: .answered, finalText: "hello", rounds: 1, detail: nil, session: other)))
        #expect(s.session.messages.count == before + 2)
        #expect(s.session.messages.last?.content == "hello")
    }

    @Test("a session with a file saves quietly after a round's last result and at the end of the turn")
    func autosaveAfterRounds() {
        var s = TestSupport.state()
        s.sessionPath = "sessions/mine.json"
        let calls = [ToolCall(id: "a", name: "get_weather", arguments: "{}"), ToolCall(id: "b", name: "get_weather", arguments: "{}")]
        #expect(Reducer.reduce(&s, .trace(TraceEvent(time: 1, round: 1, kind: .messageAppended(.assistant(nil, toolCalls: calls))))) == [])
        #expect(Reducer.reduce(&s, .trace(TraceEvent(time: 2, round: 1, kind: .messageAppended(.tool(callID: "a", content: "1"))))) == [],
                "not before every call has its result")
        #expect(Reducer.reduce(&s, .trace(TraceEvent(time: 3, round: 1, kind: .messageAppended(.tool(callID: "b", content: "2"))))) == [.autosave(path: "sessions/mine.json")])
        #expect(Reducer.reduce(&s, .trace(TraceEvent(time: 4, round: 2, kind: .turnFinished(reason: "answered")))) == [.autosave(path: "sessions/mine.json")])
        #expect(s.unsaved)
        _ = Reducer.reduce(&s, .saved(path: "sessions/mine.json", quietly: true))
        #expect(!s.unsaved)
        #expect(s.notice?.text.contains("saved") != true, "the save after a round says nothing")
    }

    @Test("no autosave without a file, for a protected file, or in a replay")
    func noAutosaveWhereItWouldHarm() {
        var s = TestSupport.state()
        #expect(Reducer.reduce(&s, .trace(TraceEvent(time: 1, round: 1, kind: .turnFinished(reason: "answered")))) == [])
        s.sessionPath = "broken.json"
        s.protect("broken.json")
        #expect(Reducer.reduce(&s, .trace(TraceEvent(time: 1, round: 1, kind: .turnFinished(reason: "answered")))) == [])
    }

    @Test("streamed tool calls grow in the trace pane and in the live message, from one assembly")
    func streamingCallsInTheTrace() {
        var s = TestSupport.state()
        TestSupport.event(&s, .turnStarted(userMessage: "weather?"), round: 0)
        TestSupport.event(&s, .requestSent(url: "http://x", headers: [:], body: .object([:]), attempt: 1))
        TestSupport.event(&s, .toolCallDelta(index: 0, id: "call_1", name: "get_weather", arguments: "{\"city\": \"Par"))
        var rows = TraceRow.build(s).map { $0.line(in: s).text }
        #expect(rows.contains { $0.contains("get_weather {\"city\": \"Par") && $0.contains("streaming") })
        TestSupport.event(&s, .toolCallDelta(index: 0, id: nil, name: nil, arguments: "is\"}"))
        rows = TraceRow.build(s).map { $0.line(in: s).text }
        #expect(rows.contains { $0.contains("get_weather {\"city\": \"Paris\"}") && $0.contains("streaming") })
        #expect(s.trace.streamingCalls.map(\.arguments) == ["{\"city\": \"Paris\"}"])
        let screen = TestSupport.render(s).text
        #expect(screen.contains("get_weather"), "the live message shows the call too")
        // The finished message replaces the streamed rows.
        let message = Message.assistant(nil, toolCalls: [ToolCall(id: "call_1", name: "get_weather", arguments: "{\"city\": \"Paris\"}")])
        TestSupport.event(&s, .assistantMessage(message, finishReason: "tool_calls", latency: 0.1, timeToFirstToken: 0.05, rawBody: nil))
        #expect(s.trace.streamingCalls.isEmpty)
        #expect(!TraceRow.build(s).map { $0.line(in: s).text }.contains { $0.contains("streaming") })
    }

    @Test("the reducer takes time and trust from actions: ticks carry the wall clock, a loaded file its trust")
    func timeAndTrustArriveInActions() {
        var s = TestSupport.state()
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        _ = Reducer.reduce(&s, .tick(now: 5, date: date))
        #expect(s.date == date)
        #expect(s.now == 5)
        s.trusted = true
        var session = Session(title: "code")
        session.tools = [SessionTool(definition: ToolDefinition(name: "run", description: "d", parameters: .object(["type": "object"])),
                                     binding: .external(kind: "command", config: ["argv": ["/bin/true"]]))]
        _ = Reducer.reduce(&s, .sessionLoaded(session, path: "code.json", replay: false, trusted: false))
        #expect(!s.trusted, "trust belongs to a file")
        guard case .confirm(let question)? = s.modal, case .trust = question.purpose else {
            Issue.record("an untrusted file that runs code gets the trust question")
            return
        }
    }

    // MARK: Handlers

    private func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "toolscope-runtime-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("SessionFiles: save, refuse a file this version cannot read, open, keep an unnamed session")
    func sessionFiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = SessionFiles(locations: SessionLocations(environment: ["XDG_STATE_HOME": dir + "/state", "HOME": dir]), externals: nil)
        var session = Session(title: "kept")
        session.messages = [.user("hello")]
        let path = dir + "/a.json"
        let request = SessionFiles.SaveRequest(session: session, path: path, currentPath: nil, protectedPaths: [], trusted: false)
        guard case .saved(path, false) = files.save(request) else { Issue.record("not saved"); return }
        let (opened, loaded) = files.open(path, replay: false)
        #expect(loaded?.messages == session.messages)
        guard case .sessionLoaded(_, let openedPath, false, let trusted) = opened else { Issue.record("not loaded: \(opened)"); return }
        #expect(openedPath == path)
        #expect(trusted == false, "no trust records: untrusted")

        let foreign = dir + "/notes.json"
        try Data("[1, 2, 3]".utf8).write(to: URL(fileURLWithPath: foreign))
        var over = request
        over.path = foreign
        guard case .saveRefused(foreign, _) = files.save(over) else { Issue.record("a file that is not a session was replaced"); return }
        #expect(try String(contentsOfFile: foreign, encoding: .utf8) == "[1, 2, 3]")

        try FileManager.default.createSymbolicLink(atPath: dir + "/link.json", withDestinationPath: foreign)
        var viaLink = request
        viaLink.path = dir + "/link.json"
        viaLink.protectedPaths = [foreign]
        guard case .saveFailed = files.save(viaLink) else { Issue.record("a protected file was written through a link"); return }

        let (failed, nothing) = files.open(dir + "/missing.json", replay: false)
        #expect(nothing == nil)
        guard case .sessionLoadFailed = failed else { Issue.record("a missing file opened"); return }

        let kept = files.keep(SessionFiles.KeepRequest(session: session, path: nil, protectedPaths: [], unsaved: false, replaying: false, whenEmpty: true))
        #expect(kept?.hasPrefix("session autosaved to \(dir)/state") == true)
    }

    @Test("SessionLocations keeps the Experiments screen's last suite, relative to the working directory when under it")
    func rememberedExperiment() throws {
        let dir = NSTemporaryDirectory() + "locations-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/work/suites", withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: dir + "/work/suites/mine.json"))
        let locations = SessionLocations(environment: ["XDG_STATE_HOME": dir + "/state", "HOME": dir])
        #expect(locations.rememberedExperiment(workingDirectory: dir + "/work") == nil)
        locations.rememberExperiment(suite: "suites/mine.json", repeats: 3, concurrency: 8, workingDirectory: dir + "/work")
        #expect(locations.rememberedExperiment(workingDirectory: dir + "/work")
                == ExperimentDefaults(suitePath: "suites/mine.json", repeats: 3, concurrency: 8))
        // From elsewhere the path is absolute; a suite that is gone, or a damaged file, is no default.
        #expect(locations.rememberedExperiment(workingDirectory: dir + "/elsewhere")?.suitePath == dir + "/work/suites/mine.json")
        #expect(locations.rememberedExperiment(workingDirectory: dir)?.suitePath == "work/suites/mine.json")
        try FileManager.default.removeItem(atPath: dir + "/work/suites/mine.json")
        #expect(locations.rememberedExperiment(workingDirectory: dir + "/work") == nil)
        try Data("not json".utf8).write(to: URL(fileURLWithPath: locations.experimentsFile))
        #expect(locations.rememberedExperiment(workingDirectory: dir + "/work") == nil)
    }

    @Test("LoopHost: a turn on a snapshot comes back as actions, and a replaced session drops the old turn's events")
    func loopHostPostsActions() throws {
        let posted = Locked<[Action]>([])
        let done = DispatchSemaphore(value: 0)
        let options = WorkbenchOptions(sessionPath: nil, themeName: nil, trusted: true, replay: false, environment: [:], executablePath: nil,
                                       adjustSettings: { _ in }, makeProvider: { _, _ in ScriptProvider.demo() }, externalTools: nil)
        let session = Session.embeddedDefault()
        let host = LoopHost(session: session, path: nil, trusted: true, options: options, post: { action in
            posted.withLock { $0.append(action) }
            if case .turnFinished = action { done.signal() }
        })
        guard case .providerReady(let name)? = host.use(session, path: nil, trusted: true).first else { Issue.record("no provider"); return }
        #expect(name == ScriptProvider.demo().displayName)
        host.send("What's the weather in Paris?", session: session, check: .stopOnErrors)
        #expect(done.wait(timeout: .now() + 60) == .success)
        let appended = posted.current.compactMap { action -> Message? in
            if case .trace(let e) = action, case .messageAppended(let m) = e.kind { return m }
            return nil
        }
        #expect(appended.first?.content == "What's the weather in Paris?")
        #expect(appended.last?.role == .assistant)
    }

    @Test("ToolImports without importers says so at once")
    func importsUnavailable() {
        let imports = ToolImports(externals: nil, post: { _ in })
        let actions = imports.importPython(file: "tools.py", function: nil, interpreter: "python3",
                                           in: ToolImports.Context(sessionPath: nil, mcpServers: [:], api: .chat))
        guard case .importFailed(let message)? = actions.first else { Issue.record("no failure"); return }
        #expect(message.contains("not available"))
    }
}
