import Testing
import ToolscopeDemo
import ToolscopeEngine
@testable import ToolscopeTUI

@Suite("Reducer")
struct ReducerTests {
    @Test func tabCyclesFocusBothWays() {
        var s = TestSupport.state()
        #expect(s.focus == .conversation)
        TestSupport.press(&s, .tab)
        #expect(s.focus == .trace)
        TestSupport.press(&s, .tab, .tab)
        #expect(s.focus == .conversation)
        TestSupport.press(&s, .backTab)
        #expect(s.focus == .editor)
    }

    @Test func typingAndEnterSendsTheMessageAndClearsTheLine() {
        var s = TestSupport.state()
        TestSupport.type(&s, "hi there")
        #expect(s.input.text == "hi there")
        let effects = TestSupport.press(&s, .enter)
        #expect(effects == [.send("hi there")])
        #expect(s.input.text.isEmpty)
        TestSupport.press(&s, .up)
        #expect(s.input.text == "hi there")
    }

    @Test func enterWhileBusyDoesNotSendAndEscCancels() {
        var s = TestSupport.state()
        TestSupport.event(&s, .turnStarted(userMessage: "x"))
        TestSupport.type(&s, "again")
        #expect(TestSupport.press(&s, .enter).isEmpty)
        #expect(s.input.text == "again")
        #expect(TestSupport.press(&s, .escape) == [.cancelTurn])
    }

    @Test func engineEventsDriveRunStateLiveTextAndConversation() {
        var s = TestSupport.state()
        TestSupport.event(&s, .turnStarted(userMessage: "weather?"))
        TestSupport.event(&s, .messageAppended(.user("weather?")))
        #expect(s.runState == .waitingForModel)
        TestSupport.event(&s, .contentDelta("Let me "))
        TestSupport.event(&s, .contentDelta("check."))
        #expect(s.runState == .streaming)
        #expect(s.live?.text == "Let me check.")
        let calls = [ToolCall(id: "c1", name: "get_weather", arguments: "{\"city\":\"Tokyo\"}"),
                     ToolCall(id: "c2", name: "get_weather", arguments: "{\"city\":\"London\"}")]
        let assistant = Message.assistant("Let me check.", toolCalls: calls)
        TestSupport.event(&s, .assistantMessage(assistant, finishReason: "tool_calls", latency: 0.2, timeToFirstToken: 0.05, rawBody: nil))
        TestSupport.event(&s, .messageAppended(assistant))
        #expect(s.live == nil)
        TestSupport.event(&s, .callStarted(callID: "c1", name: "get_weather", arguments: calls[0].arguments))
        TestSupport.event(&s, .callStarted(callID: "c2", name: "get_weather", arguments: calls[1].arguments))
        #expect(s.runState == .runningTools(2))
        TestSupport.event(&s, .callFinished(callID: "c1", name: "get_weather", duration: 0.01, outcome: ToolOutcome(content: "{\"temp\":21}")))
        #expect(s.runState == .runningTools(1))
        TestSupport.event(&s, .turnFinished(reason: "answered"))
        #expect(s.runState == .idle)
        #expect(s.session.messages.count == 3)
        #expect(s.callNames["c2"] == "get_weather")
    }

    @Test("reasoning deltas stream into the live message, dimmed above the text, and are not the answer")
    func reasoningStreamsLive() {
        var s = TestSupport.state()
        TestSupport.event(&s, .turnStarted(userMessage: "weather?"))
        TestSupport.event(&s, .messageAppended(.user("weather?")))
        TestSupport.event(&s, .reasoningDelta("Need the weather. "))
        TestSupport.event(&s, .reasoningDelta("Call get_weather."))
        #expect(s.runState == .streaming)
        #expect(s.live?.reasoning == "Need the weather. Call get_weather.")
        #expect(s.live?.text == "")
        TestSupport.event(&s, .contentDelta("Let me check."))
        let screen = TestSupport.render(s).text
        #expect(screen.contains("thinking: Need the weather. Call get_weather."), "\(screen)")
        let lines = screen.split(separator: "\n")
        let thinking = lines.firstIndex { $0.contains("thinking: Need the weather.") }
        let text = lines.firstIndex { $0.contains("Let me check.") }
        #expect(thinking != nil && text != nil && thinking! < text!)
        TestSupport.event(&s, .messageAppended(.assistant("Let me check.")))
        #expect(s.live == nil)
    }

    @Test func toolChoiceCyclesThroughEveryToolAndBack() {
        var s = TestSupport.state()
        var seen: [String] = []
        for _ in 0..<(3 + s.session.tools.count) {
            let effects = TestSupport.press(&s, .function(3))
            #expect(effects.count == 1)
            seen.append(s.session.settings.toolChoice.label)
        }
        #expect(seen.prefix(3) == ["none", "required", "fn:\(s.session.tools[0].name)"])
        #expect(seen.last == "auto")
    }

    @Test func parallelToggleAndApprovalModeProduceEffects() {
        var s = TestSupport.state()
        TestSupport.press(&s, .function(4))
        #expect(s.session.settings.parallelToolCalls == false)
        #expect(TestSupport.press(&s, .function(6)) == [.setApprovalMode(true)])
        #expect(s.approvalMode)
    }

    @Test func approvalDecidesEachCallThenReleasesTheLoop() {
        var s = TestSupport.state()
        let calls = [ToolCall(id: "a", name: "get_weather", arguments: "{}"), ToolCall(id: "b", name: "get_weather", arguments: "{}"),
                     ToolCall(id: "c", name: "get_weather", arguments: "{}")]
        _ = Reducer.reduce(&s, .approvalRequested(id: 7, calls: calls))
        #expect(s.runState == .awaitingApproval)
        TestSupport.press(&s, .char("s"))
        TestSupport.press(&s, .char("a"))
        TestSupport.type(&s, "42")
        let effects = TestSupport.press(&s, .enter, .char("r"))
        #expect(effects == [.approve(id: 7, decisions: [.skip, .answer(content: "42"), .run(arguments: "{}")])])
        #expect(s.modal == nil)
    }

    @Test func quitKeysQuitAndCancelARunningTurn() {
        var s = TestSupport.state()
        #expect(TestSupport.press(&s, .ctrl("q")) == [.quit])
        var busy = TestSupport.state()
        TestSupport.event(&busy, .turnStarted(userMessage: "x"))
        #expect(TestSupport.press(&busy, .ctrl("c")) == [.cancelTurn, .quit])
        var typing = TestSupport.state()
        TestSupport.press(&typing, .char("q"))
        #expect(typing.input.text == "q")
    }

    @Test func saveAsksForAPathFirstAndSavesDirectlyAfter() {
        var s = TestSupport.state()
        #expect(TestSupport.press(&s, .ctrl("s")).isEmpty)
        guard case .prompt(let p)? = s.modal else { Issue.record("expected save-as prompt"); return }
        #expect(p.input.text.hasPrefix("sessions/"))
        let effects = TestSupport.press(&s, .enter)
        #expect(effects == [.save(path: p.input.text)])
        _ = Reducer.reduce(&s, .saved(path: "sessions/x.json"))
        #expect(TestSupport.press(&s, .ctrl("s")) == [.save(path: "sessions/x.json")])
    }

    @Test func aFileThatFailedToLoadIsNeverTheSaveTarget() {
        var s = TestSupport.state()
        s.sessionPath = "broken.json"
        s.protect("broken.json")
        #expect(TestSupport.press(&s, .ctrl("s")).isEmpty)
        if case .prompt = s.modal {} else { Issue.record("expected save-as prompt") }
    }

    @Test func conversationScrollsAndFollowsAgainAtTheEnd() {
        var session = Session.embeddedDefault()
        for i in 0..<200 { session.messages.append(.user("message \(i)")) }
        var s = TestSupport.state(session: session)
        TestSupport.press(&s, .pageUp)
        #expect(!s.conversation.following)
        TestSupport.press(&s, .pageUp, .pageDown, .pageDown, .pageDown)
        #expect(s.conversation.following)
        TestSupport.press(&s, .home)
        #expect(s.conversation.block == 0 && s.conversation.line == 0)
        #expect(TestSupport.render(s).text.contains("▌ system"))
    }
}
