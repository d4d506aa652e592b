import Testing
import ToolscopeDemo
import ToolscopeEngine
@testable import ToolscopeTUI

@Suite("Rendering")
struct RenderTests {
    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func screenShowsPanesStatusAndFocus(width: Int, height: Int) {
        let s = TestSupport.state(width: width, height: height)
        let c = TestSupport.render(s)
        let text = c.text
        #expect(text.contains("▶ Conversation"))
        #expect(text.contains("Trace"))
        #expect(text.contains("Tools"))
        let status = c.rowText(height - 1)
        #expect(status.contains("scripted (demo)"))
        #expect(status.contains("idle"))
        #expect(status.contains("F1"))
        if width >= 120 { #expect(status.contains("tool_choice auto")) }
        #expect(c.cells.allSatisfy { $0.style.role != .borderFocused } == false)
    }

    @Test func focusMarkerMovesWithTab() {
        var s = TestSupport.state()
        TestSupport.press(&s, .tab)
        let text = TestSupport.render(s).text
        #expect(text.contains("▶ Trace"))
        #expect(!text.contains("▶ Conversation"))
    }

    @Test func tooSmallSaysSoAndDoesNotCrash() {
        for (w, h) in [(79, 24), (40, 10), (1, 1), (0, 0), (200, 5)] {
            let s = TestSupport.state(width: w, height: h)
            let c = TestSupport.render(s)
            if w >= 30, h >= 3 { #expect(c.text.contains("too small")) }
        }
    }

    @Test func wideTextInMessagesStaysInsideThePane() {
        var session = Session.embeddedDefault()
        session.messages.append(.user("東京とロンドンの天気を比べて 😀 e\u{301} " + String(repeating: "界", count: 80)))
        let s = TestSupport.state(width: 80, height: 24, session: session)
        let c = TestSupport.render(s)
        let divider = s.layout.conversation.maxX - 1
        for y in 1..<(s.layout.conversation.maxY - 1) {
            #expect(c[divider, y].text == "│", "row \(y) border displaced")
        }
        #expect(c.text.contains("東京"))
    }

    @Test func longJSONArgumentsAndResultsArePrettyColouredAndNeverCutMidToken() {
        var session = Session.embeddedDefault()
        let arguments = #"{"city":"Tokyo","country":"Japan","unit":"celsius","details":["humidity","wind","condition"]}"#
        let call = ToolCall(id: "c1", name: "get_weather", arguments: arguments)
        session.messages.append(.user("weather"))
        session.messages.append(.assistant(nil, toolCalls: [call]))
        session.messages.append(.tool(callID: "c1", content: #"{"city":"Tokyo","country":"Japan","temperature":18.5,"unit":"celsius","condition":"partly cloudy","humidity":62,"wind_kph":11}"#))
        var s = TestSupport.state(width: 100, height: 40, session: session)
        s.expandResults = true
        let width = s.layout.conversation.width - 2
        let rows = ConversationLines(s).allRows(width: width)
        let text = rows.map(\.text)
        // The call's name on its own row, then the arguments pretty-printed under it.
        #expect(text.contains("  ⚙ get_weather"))
        #expect(text.contains("      \"city\": \"Tokyo\","))
        // The result, pretty and complete: every token on one row ("condition" is never split).
        #expect(text.contains("      \"condition\": \"partly cloudy\","))
        #expect(!text.contains { $0.hasSuffix("\"conditio") })
        for row in text { #expect(row.count <= width, "\(row)") }
        // Keys and strings are coloured like the editor's JSON.
        let key = rows.first { $0.text.contains("\"humidity\":") }?.runs.first { $0.text == "\"humidity\"" }
        #expect(key?.style == Style(.jsonKey))
        // Short JSON stays on one line, as sent; text that is not JSON is shown as it came.
        #expect(ConversationLines.jsonRows(#"{"a":1}"#, width: 40, measure: .swift, style: nil)?.map(\.text) == [#"{"a":1}"#])
        #expect(ConversationLines.jsonRows(#"{"a":1"#, width: 40, measure: .swift, style: nil) == nil)
    }

    @Test func toolCallsAndFoldedResultsShowInline() {
        var session = Session.embeddedDefault()
        let call = ToolCall(id: "c1", name: "get_weather", arguments: "{\"city\":\"Tokyo\"}")
        session.messages.append(.user("weather"))
        session.messages.append(.assistant(nil, toolCalls: [call]))
        session.messages.append(.tool(callID: "c1", content: (1...30).map { "line \($0)" }.joined(separator: "\n")))
        var s = TestSupport.state(session: session)
        var text = TestSupport.render(s).text
        #expect(text.contains("⚙ get_weather {\"city\":\"Tokyo\"}"))
        #expect(text.contains("↳ get_weather ✓ ok"))
        #expect(text.contains("more lines (Ctrl-R expands)"))
        TestSupport.press(&s, .ctrl("r"))
        text = TestSupport.render(s).text
        #expect(text.contains("line 30"))
    }

    @Test func traceShowsRunningCallsWithElapsedTimeAndThenResults() {
        var s = TestSupport.state()
        TestSupport.event(&s, .turnStarted(userMessage: "weather"), time: 100)
        TestSupport.event(&s, .requestSent(url: "script://demo", headers: [:], body: ["model": "x"], attempt: 1), time: 100)
        let call = ToolCall(id: "c1", name: "get_weather", arguments: "{\"city\":\"Tokyo\"}")
        TestSupport.event(&s, .assistantMessage(.assistant(nil, toolCalls: [call]), finishReason: "tool_calls", latency: 0.3, timeToFirstToken: 0.1, rawBody: nil), time: 100.3)
        TestSupport.event(&s, .callStarted(callID: "c1", name: "get_weather", arguments: call.arguments), time: 100.3)
        TestSupport.event(&s, .callValidated(callID: "c1", problems: []), time: 100.3)
        _ = Reducer.reduce(&s, .tick(now: 101.8))
        var text = TestSupport.render(s).text
        #expect(text.contains("round 1"))
        #expect(text.contains("tool_calls"))
        #expect(text.contains("get_weather"))
        #expect(text.contains("1.5s"))
        #expect(s.runState == .runningTools(1))
        #expect(TestSupport.render(s).rowText(39).contains("running 1 tool"))
        TestSupport.event(&s, .callFinished(callID: "c1", name: "get_weather", duration: 1.6, outcome: ToolOutcome(content: "{\"temp\":18}")), time: 101.9)
        TestSupport.event(&s, .warning("the model sent duplicate ids"), time: 102)
        text = TestSupport.render(s).text
        #expect(text.contains("→ {\"temp\":18}"))
        #expect(text.contains("⚠ the model sent duplicate ids"))
    }

    @Test func detailViewShowsRequestJSONAndValidation() {
        var s = TestSupport.state()
        TestSupport.event(&s, .turnStarted(userMessage: "q"))
        TestSupport.event(&s, .requestSent(url: "https://api.example/v1/chat/completions", headers: [:], body: ["model": "gpt-test", "messages": []], attempt: 1))
        TestSupport.event(&s, .callStarted(callID: "c1", name: "calc", arguments: "{\"x\":1}"))
        TestSupport.event(&s, .callValidated(callID: "c1", problems: ["/x: expected string"]))
        s.focus = .trace
        TestSupport.press(&s, .home, .down)
        TestSupport.press(&s, .enter)
        guard case .detail(let round)? = s.modal else { Issue.record("no detail"); return }
        #expect(round.lines.map(\.text).contains { $0.contains("\"model\": \"gpt-test\"") })
        TestSupport.press(&s, .escape, .down, .enter)
        guard case .detail(let call)? = s.modal else { Issue.record("no call detail"); return }
        #expect(call.lines.map(\.text).contains("✖ /x: expected string"))
        #expect(TestSupport.render(s).text.contains("Validation"))
    }

    @Test func roundDetailShowsTheAttemptsHeadersAndStatus() {
        var s = TestSupport.state()
        TestSupport.event(&s, .turnStarted(userMessage: "q"))
        TestSupport.event(&s, .requestSent(url: "https://api.example/v1/chat/completions",
                                           headers: ["Content-Type": "application/json", "Authorization": "Bearer [redacted]"],
                                           body: ["model": "gpt-test"], attempt: 1))
        TestSupport.event(&s, .responseStarted(status: 429, headers: ["retry-after": "1"], attempt: 1))
        // A retry replaces the first attempt's headers: the view shows the attempt that counted.
        TestSupport.event(&s, .requestSent(url: "https://api.example/v1/chat/completions",
                                           headers: ["Authorization": "Bearer [redacted]", "X-Attempt": "2\u{1b}[2J"],
                                           body: ["model": "gpt-test"], attempt: 2))
        TestSupport.event(&s, .responseStarted(status: 200, headers: ["x-request-id": "req_1"], attempt: 2))
        s.focus = .trace
        TestSupport.press(&s, .home, .down, .enter)
        guard case .detail(let round)? = s.modal else { Issue.record("no detail"); return }
        let text = round.lines.map(\.text)
        let request = text.firstIndex { $0.hasPrefix("── Request") }
        #expect(request != nil)
        #expect(text[(request ?? 0) + 1] == "Authorization: Bearer [redacted]")
        #expect(text[(request ?? 0) + 2].hasPrefix("X-Attempt: 2"))
        #expect(!text.contains { $0.contains("\u{1b}") }, "a header value cannot move the cursor")
        #expect(!text.contains("Content-Type: application/json"), "the first attempt's headers are gone")
        #expect(text.contains("── Response  HTTP 200 ──"))
        #expect(text.contains("x-request-id: req_1"))
        #expect(!text.contains("retry-after: 1"))
    }

    @Test func detailPagingStopsAtTheLastFullPage() {
        var s = TestSupport.state(width: 80, height: 24)
        let lines = (1...50).map { StyledLine("line \($0)") }
        s.modal = .detail(DetailState(title: "Long", lines: lines))
        TestSupport.press(&s, .pageDown, .pageDown, .pageDown, .pageDown)
        guard case .detail(let d)? = s.modal else { Issue.record("no detail"); return }
        // 24 rows: 20 of text, so the last page starts at line 31 and ends at line 50.
        #expect(d.scroll == 30)
        var text = TestSupport.render(s).text
        #expect(text.contains("line 50") && text.contains("line 31 ") && !text.contains("line 30 "))
        #expect(text.contains("31–50/50"))
        TestSupport.press(&s, .end, .up)
        text = TestSupport.render(s).text
        #expect(text.contains("line 30 "), "one Up after End moves one line, not out of a blank overshoot")
    }

    @Test func longLinesWrapWithAContinuationMarkAndKeepTheirStyles() {
        var line = StyledLine("key: ", Style(.dim))
        line.append(String(repeating: "a", count: 30) + " " + String(repeating: "b", count: 30), .plain)
        let rows = line.wrapped(width: 40, measure: .swift)
        #expect(rows.map(\.text) == ["key: " + String(repeating: "a", count: 30) + " ",
                                     "↪ " + String(repeating: "b", count: 30)])
        #expect(rows[0].runs.first?.style == Style(.dim) && rows[0].runs.first?.text == "key: ")
        // No space in the second half of a row: cut mid-word; wide characters are never split.
        let wide = StyledLine(String(repeating: "界", count: 9)).wrapped(width: 8, measure: .swift)
        #expect(wide.map(\.text) == ["界界界界", "↪ 界界界", "↪ 界界"])
        #expect(StyledLine("short").wrapped(width: 40, measure: .swift) == [StyledLine("short")])
    }

    @Test func detailWrapsToTheScreenAndRewrapsOnResizeKeepingTheTopLine() {
        var s = TestSupport.state(width: 80, height: 24)
        let sse = "data: " + String(repeating: "{\"k\":1}", count: 30)
        var d = DetailState(title: "Raw", lines: (1...30).map { StyledLine("event \($0) " + sse) })
        d.fit(screenWidth: s.width, measure: s.measure)
        s.modal = .detail(d)
        var text = TestSupport.render(s).text
        #expect(text.contains("↪ "), "a long event continues on the next row instead of being cut")
        TestSupport.press(&s, .pageDown)
        guard case .detail(let paged)? = s.modal else { Issue.record("no detail"); return }
        let top = paged.lines[paged.scroll].text
        _ = Reducer.reduce(&s, .resize(width: 120, height: 40))
        guard case .detail(let wide)? = s.modal else { Issue.record("no detail"); return }
        #expect(wide.wrapWidth == 112)
        // The source line that was at the top is still the first line shown (its first row).
        let topEvent = top.hasPrefix("event ") ? top : paged.lines[..<paged.scroll].last { $0.text.hasPrefix("event ") }?.text ?? ""
        #expect(wide.lines[wide.scroll].text.hasPrefix(String(topEvent.prefix(9))))
        text = TestSupport.render(s).text
        #expect(!text.isEmpty)
    }

    @Test func helpListsEveryKeyGroup() {
        var s = TestSupport.state(width: 120, height: 60)
        TestSupport.press(&s, .function(1))
        let text = TestSupport.render(s).text
        #expect(text.contains("Help"))
        #expect(text.contains("Ctrl-S"))
        for group in KeyHelp.groups.prefix(2) { #expect(text.contains(group.title)) }
    }

    @Test func dialogsRenderAtTheMinimumSize() {
        var s = TestSupport.state(width: 80, height: 24)
        for key in [Key.function(1), .function(2), .ctrl("s")] {
            TestSupport.press(&s, key)
            _ = TestSupport.render(s)
            TestSupport.press(&s, .escape)
        }
        _ = Reducer.reduce(&s, .approvalRequested(id: 1, calls: [ToolCall(id: "x", name: "n", arguments: "{\"a\":[1,2]}")]))
        #expect(TestSupport.render(s).text.contains("Approval mode"))
    }
}
