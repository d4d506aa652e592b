import Testing
import ToolscopeDemo
import ToolscopeEngine
@testable import ToolscopeTUI

/// `/` in the detail and raw views: type a query, Enter finds it, n / N walk the matches with
/// the view following, the footer says "k of n", every occurrence is marked.
@Suite("Detail search")
struct DetailSearchTests {
    static func detailState() -> AppState {
        var s = TestSupport.state(width: 80, height: 24)
        let lines = (1...60).map { i in StyledLine(i % 10 == 0 ? "event \(i): \"condition\": \"Rain\", rain again" : "event \(i): nothing") }
        var d = DetailState(title: "Raw", lines: lines)
        d.fit(screenWidth: s.width, measure: s.measure)
        s.modal = .detail(d)
        return s
    }

    static func detail(_ s: AppState) -> DetailState? {
        if case .detail(let d)? = s.modal { return d }
        return nil
    }

    @Test func slashTypesAQueryAndEnterJumpsToTheFirstMatch() {
        var s = Self.detailState()
        TestSupport.press(&s, .char("/"))
        #expect(Self.detail(s)?.searchInput != nil)
        TestSupport.type(&s, "RAIN")
        // While typing, n is text, not "next".
        TestSupport.press(&s, .enter)
        let d = Self.detail(s)
        #expect(d?.searchInput == nil)
        #expect(d?.search?.rows == [9, 19, 29, 39, 49, 59])
        #expect(d?.search?.status == "/RAIN: 1 of 6")
        let text = TestSupport.render(s).text
        #expect(text.contains("/RAIN: 1 of 6"))
        #expect(text.contains("event 10:"))
    }

    @Test func nAndCapitalNWalkTheMatchesAndTheViewFollows() {
        var s = Self.detailState()
        TestSupport.press(&s, .char("/"))
        TestSupport.type(&s, "rain")
        TestSupport.press(&s, .enter, .char("n"), .char("n"))
        #expect(Self.detail(s)?.search?.currentRow == 29)
        #expect(TestSupport.render(s).text.contains("event 30:"))
        TestSupport.press(&s, .char("N"), .char("N"), .char("N"))
        #expect(Self.detail(s)?.search?.currentRow == 59, "N before the first match wraps to the last")
        #expect(TestSupport.render(s).text.contains("event 60:"))
        // Esc clears the search first, then closes the view.
        TestSupport.press(&s, .escape)
        #expect(Self.detail(s)?.search == nil)
        TestSupport.press(&s, .escape)
        #expect(s.modal == nil)
    }

    @Test func everyOccurrenceIsMarkedAndTheCurrentOneStandsOut() {
        var s = Self.detailState()
        TestSupport.press(&s, .char("/"))
        TestSupport.type(&s, "rain")
        TestSupport.press(&s, .enter)
        guard let d = Self.detail(s) else { Issue.record("no detail"); return }
        let rows = DialogView.highlighted(d)
        let current = rows[9].runs.filter { $0.style == Style(.selection, bold: true) }.map(\.text)
        #expect(current == ["Rain", "rain"])
        let other = rows[19].runs.filter { $0.style == Style(.accent, underline: true) }.map(\.text)
        #expect(other == ["Rain", "rain"])
        #expect(rows[19].text == d.lines[19].text, "marking never changes the text")
    }

    @Test func aQueryWithNoMatchSaysSoAndAnEmptyOneClearsTheSearch() {
        var s = Self.detailState()
        TestSupport.press(&s, .char("/"))
        TestSupport.type(&s, "snow")
        TestSupport.press(&s, .enter)
        #expect(TestSupport.render(s).text.contains("/snow: no match"))
        TestSupport.press(&s, .char("/"), .ctrl("u"), .enter)
        #expect(Self.detail(s)?.search == nil)
        #expect(TextSearch.ranges(of: "ab", in: "xABxab") == [1..<3, 4..<6])
    }
}

/// `/` in the trace: the prompt, the first matching row selected, n / N, "k of n", Esc clears.
@Suite("Trace search")
struct TraceSearchTests {
    @Test func slashFindsRowsAndNWalksThem() {
        var s = TestSupport.state()
        TestSupport.event(&s, .turnStarted(userMessage: "forecast"))
        TestSupport.event(&s, .requestSent(url: "script://demo", headers: [:], body: ["model": "x"], attempt: 1), round: 1)
        TestSupport.event(&s, .callStarted(callID: "c1", name: "get_weather", arguments: "{\"city\":\"Tokyo\"}"), round: 1)
        TestSupport.event(&s, .callStarted(callID: "c2", name: "get_time", arguments: "{}"), round: 1)
        TestSupport.event(&s, .callStarted(callID: "c3", name: "get_weather", arguments: "{\"city\":\"Oslo\"}"), round: 1)
        s.focus = .trace
        TestSupport.press(&s, .home, .char("/"))
        guard case .prompt(let p)? = s.modal, p.purpose == .searchTrace else { Issue.record("no search prompt"); return }
        TestSupport.type(&s, "WEATHER")
        TestSupport.press(&s, .enter)
        let rows = TraceRow.build(s).map { $0.line(in: s).text }
        #expect(s.traceSearch?.rows.count == 2)
        #expect(rows[s.traceSelection].contains("Tokyo"))
        #expect(s.notice?.text == "/WEATHER: 1 of 2")
        TestSupport.press(&s, .char("n"))
        #expect(rows[s.traceSelection].contains("Oslo"))
        #expect(s.notice?.text == "/WEATHER: 2 of 2")
        TestSupport.press(&s, .char("n"))
        #expect(rows[s.traceSelection].contains("Tokyo"), "n after the last match wraps to the first")
        TestSupport.press(&s, .char("N"))
        #expect(rows[s.traceSelection].contains("Oslo"))
        // Matches are marked where the trace draws them.
        #expect(TestSupport.render(s).text.contains("get_weather"))
        // Esc clears the search once the turn is over (while it runs, Esc cancels the turn).
        s.runState = .idle
        TestSupport.press(&s, .escape)
        #expect(s.traceSearch == nil)
    }
}

/// `/` on an empty input line: the conversation's find bar (Enter next, Up previous, Esc closes;
/// Esc on an empty field types the slash instead).
@Suite("Conversation search")
struct ConversationSearchTests {
    static func state() -> AppState {
        var session = Session.embeddedDefault()
        session.messages = [.user("weather in Tokyo")]
        for i in 1...30 { session.messages.append(.assistant("answer \(i)" + (i % 10 == 0 ? ": Tokyo is mild" : ""))) }
        return TestSupport.state(width: 100, height: 30, session: session)
    }

    @Test func theFindBarWalksTheMatchesAndScrollsToThem() {
        var s = Self.state()
        TestSupport.press(&s, .char("/"))
        guard case .prompt(let p)? = s.modal, p.purpose == .searchConversation else { Issue.record("no find bar"); return }
        TestSupport.type(&s, "tokyo")
        TestSupport.press(&s, .enter)
        // The pane shows the newest rows at first: the search starts from its top, so the first
        // match at or after it is "answer 20" (the user message and answer 10 are above).
        let first = s.conversationSearch?.currentRow
        #expect(s.conversationSearch?.rows.count == 4)
        #expect(s.notice?.text.hasPrefix("/tokyo: ") == true)
        TestSupport.press(&s, .enter)
        let second = s.conversationSearch?.currentRow
        #expect(second != first)
        TestSupport.press(&s, .up)
        #expect(s.conversationSearch?.currentRow == first)
        // The match is on screen, marked.
        #expect(TestSupport.render(s).text.contains("Tokyo"))
        #expect(!s.conversation.following)
        TestSupport.press(&s, .escape)
        #expect(s.modal == nil)
        #expect(s.conversationSearch != nil, "the marks stay until the next search")
        #expect(s.input.text.isEmpty)
    }

    @Test func slashThenEscTypesASlash() {
        var s = Self.state()
        TestSupport.press(&s, .char("/"))
        TestSupport.press(&s, .escape)
        #expect(s.input.text == "/")
        // With text in the line, / is just a character.
        TestSupport.type(&s, "help")
        #expect(s.input.text == "/help")
        #expect(s.modal == nil)
    }
}
