import Testing
@testable import ToolscopeTUI
import ToolscopeEngine

/// The render context's cache keeps wrapped rows by what they are made of: whatever changes in
/// the state, a frame drawn with a long-lived context equals one drawn afresh.
@Suite("Render context")
struct RenderContextTests {
    static func session() -> Session {
        var session = Session.embeddedDefault()
        session.messages.append(.user("weather in Tokyo"))
        session.messages.append(.assistant(nil, toolCalls: [ToolCall(id: "c1", name: "get_weather", arguments: #"{"city":"Tokyo"}"#)]))
        session.messages.append(.tool(callID: "c1", content: (0..<8).map { "line \($0)" }.joined(separator: "\n")))
        session.messages.append(.assistant("It is 21°C in Tokyo."))
        return session
    }

    /// Renders with `context`, and checks the cells equal a render without one.
    static func screen(_ state: AppState, _ context: RenderContext, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        var cached = Canvas(width: state.width, height: state.height)
        Renderer.render(state, context: context, into: &cached)
        #expect(cached.text == TestSupport.render(state).text, "the cache served rows of an older state", sourceLocation: sourceLocation)
        return cached.text
    }

    @Test func anEditedMessageIsRewrappedWithoutAnyoneSayingSo() {
        let context = RenderContext()
        var s = TestSupport.state(session: Self.session())
        #expect(Self.screen(s, context).contains("It is 21°C in Tokyo."))
        #expect(context.cachedMessageCount == s.session.messages.count, "every block on screen was cached")
        s.session.messages[s.session.messages.count - 1] = .assistant("It is 19°C in Tokyo.")
        let after = Self.screen(s, context)
        #expect(after.contains("It is 19°C in Tokyo.") && !after.contains("It is 21°C"))
    }

    @Test func aResultsMarkFollowsTheTraceAndTheFoldFollowsCtrlR() {
        let context = RenderContext()
        var s = TestSupport.state(session: Self.session())
        #expect(Self.screen(s, context).contains("5 more lines"), "folded first")
        _ = Reducer.reduce(&s, .key(.ctrl("r")), context: context)
        #expect(Self.screen(s, context).contains("line 7"), "expanded")
        TestSupport.event(&s, .callStarted(callID: "c1", name: "get_weather", arguments: "{}"))
        TestSupport.event(&s, .callFinished(callID: "c1", name: "get_weather", duration: 0.1,
                                            outcome: ToolOutcome(content: "x", status: .timedOut)))
        #expect(Self.screen(s, context).contains("↳ get_weather " + ToolOutcome.Status.timedOut.mark.text))
    }

    @Test func anotherSessionOrAnotherWidthNeverShowsTheOldRows() {
        let context = RenderContext()
        var s = TestSupport.state(session: Self.session())
        _ = Self.screen(s, context)
        Reducer.loadSession(&s, Session.embeddedDefault(), path: nil, replay: false)
        _ = Self.screen(s, context)
        #expect(context.cachedMessageCount == s.session.messages.count, "the shorter conversation drops the rows beyond it")
        s = TestSupport.state(width: 100, height: 30, session: Self.session())
        _ = Self.screen(s, context)
    }

    @Test func scrollingWithTheContextMatchesScrollingWithout() {
        let session = WorkbenchBenchmark.makeSession(messages: 300)
        var cached = TestSupport.state(session: session)
        var fresh = cached
        let context = RenderContext()
        for key: Key in [.pageUp, .pageUp, .pageUp, .pageDown, .ctrl("r"), .pageUp, .ctrlHome, .pageDown, .ctrlEnd] {
            _ = Reducer.reduce(&cached, .key(key), context: context)
            _ = Reducer.reduce(&fresh, .key(key))
            #expect(cached.conversation == fresh.conversation)
            #expect(Self.screen(cached, context) == TestSupport.render(fresh).text)
        }
    }

    @Test func callOutcomesAnswerAsTheTraceDoes() {
        var s = TestSupport.state(session: Self.session())
        TestSupport.event(&s, .turnStarted(userMessage: "one"))
        TestSupport.event(&s, .callStarted(callID: "a", name: "f", arguments: "{}"))
        TestSupport.event(&s, .callFinished(callID: "a", name: "f", duration: 0.1, outcome: ToolOutcome(content: "x", status: .error)))
        TestSupport.event(&s, .callStarted(callID: "b", name: "f", arguments: "{}"))
        TestSupport.event(&s, .turnStarted(userMessage: "two"))
        TestSupport.event(&s, .callStarted(callID: "a", name: "f", arguments: "{}"))
        TestSupport.event(&s, .callFinished(callID: "a", name: "f", duration: 0.1, outcome: ToolOutcome(content: "x", status: .timedOut)))
        let outcomes = CallOutcomes(s.trace)
        for id in ["b", "a", "missing", "b"] {
            #expect(outcomes.status(of: id) == s.trace.call(id: id)?.outcome?.status, "\(id)")
        }
        #expect(CallOutcomes(s.trace).status(of: "a") == .timedOut, "the later turn's call wins")
    }
}
