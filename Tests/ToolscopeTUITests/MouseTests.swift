import Testing
import ToolscopeDemo
import ToolscopeEngine
@testable import ToolscopeTUI

/// Clicks and the wheel, through the reducer: focus follows the pointer, trace rows and tools
/// are selected where they are drawn, folds toggle, and nothing a mouse sends reaches a field.
@Suite("Mouse")
struct MouseTests {
    static func click(_ state: inout AppState, x: Int, y: Int, _ kind: MouseEvent.Kind = .press) {
        _ = Reducer.reduce(&state, .mouse(MouseEvent(kind: kind, x: x, y: y)))
    }

    /// A session with two rounds in the trace (turn, round 1 with a call, round 2).
    static func stateWithRounds() -> AppState {
        var s = TestSupport.state()
        TestSupport.event(&s, .turnStarted(userMessage: "weather"))
        TestSupport.event(&s, .requestSent(url: "script://demo", headers: [:], body: ["model": "x"], attempt: 1), round: 1)
        TestSupport.event(&s, .callStarted(callID: "c1", name: "get_weather", arguments: "{\"city\":\"Tokyo\"}"), round: 1)
        TestSupport.event(&s, .requestSent(url: "script://demo", headers: [:], body: ["model": "x"], attempt: 1), round: 2)
        return s
    }

    @Test func aClickFocusesThePaneUnderThePointerAndTypesNothing() {
        var s = TestSupport.state()
        TestSupport.type(&s, "draft")
        let layout = s.layout
        Self.click(&s, x: layout.trace.x + 3, y: layout.trace.y + 2)
        #expect(s.focus == .trace)
        Self.click(&s, x: layout.editor.x + 3, y: layout.editor.maxY - 2)
        #expect(s.focus == .editor)
        Self.click(&s, x: layout.conversation.x + 3, y: layout.conversation.y + 3)
        #expect(s.focus == .conversation)
        Self.click(&s, x: layout.input.x + 5, y: layout.input.y)
        #expect(s.focus == .conversation)
        #expect(s.input.text == "draft", "a click never types into the input line")
        // The status line is no pane: nothing changes.
        Self.click(&s, x: 5, y: s.height - 1)
        #expect(s.focus == .conversation)
    }

    @Test func aClickSelectsATraceRowAndASecondClickFoldsTheRound() {
        var s = Self.stateWithRounds()
        let rows = TraceRow.build(s)
        #expect(rows.count >= 4)
        let content = s.layout.traceContent
        // Unfocused, the trace shows from its first row (it fits): row 1 is round 1.
        Self.click(&s, x: content.x + 2, y: content.y + 1)
        #expect(s.focus == .trace)
        #expect(s.traceSelection == 1)
        let before = TraceRow.build(s).count
        Self.click(&s, x: content.x + 2, y: content.y + 1)
        #expect(TraceRow.build(s).count < before, "the second click on the selected round folds it")
        Self.click(&s, x: content.x + 2, y: content.y + 1)
        #expect(TraceRow.build(s).count == before)
        // Below the last row: nothing is selected.
        Self.click(&s, x: content.x + 2, y: content.maxY - 1)
        #expect(s.traceSelection == 1)
    }

    @Test func theWheelScrollsThePaneUnderThePointerAndOpenDialogs() {
        var s = Self.stateWithRounds()
        let content = s.layout.traceContent
        Self.click(&s, x: content.x + 2, y: content.y, .wheelDown)
        #expect(s.focus == .trace)
        #expect(s.traceSelection == 3)
        Self.click(&s, x: content.x + 2, y: content.y, .wheelUp)
        #expect(s.traceSelection == 0)
        // A long detail view scrolls by three rows a notch.
        s.modal = .detail(DetailState(title: "Long", lines: (1...100).map { StyledLine("line \($0)") }))
        Self.click(&s, x: 10, y: 10, .wheelDown)
        guard case .detail(let d)? = s.modal else { Issue.record("the detail closed"); return }
        #expect(d.scroll == 3)
        // A press on a dialog's text does nothing (its footer's key words are buttons).
        Self.click(&s, x: 10, y: 10)
        if case .detail? = s.modal {} else { Issue.record("a click closed the dialog") }
    }

    @Test func aClickInTheToolsListSelectsThatTool() {
        var s = TestSupport.state()
        #expect(s.session.tools.count >= 2)
        let content = s.layout.editorContent
        Self.click(&s, x: content.x + 1, y: content.y + 1)
        #expect(s.focus == .editor)
        #expect(s.editor.listFocused)
        #expect(s.editor.selected == 1)
        // A click in the JSON text gives it the keys.
        Self.click(&s, x: content.x + s.layout.toolListWidth + 5, y: content.y + 2)
        #expect(!s.editor.listFocused)
    }

    @Test func aClickOnAFoldedResultUnfoldsThatResult() {
        var session = Session.embeddedDefault()
        session.messages = [.user("weather"), .assistant(nil, toolCalls: [ToolCall(id: "c1", name: "get_weather", arguments: "{}")]),
                            .tool(callID: "c1", content: (1...30).map { "line \($0)" }.joined(separator: "\n"))]
        var s = TestSupport.state(session: session)
        let content = s.layout.conversationContent
        let text = TestSupport.render(s).text.components(separatedBy: "\n")
        let row = text.firstIndex { $0.contains("more lines (Ctrl-R expands)") }
        #expect(row != nil)
        #expect(!s.expandResults)
        Self.click(&s, x: content.x + 6, y: row ?? 0)
        #expect(s.resultFolds == [2: true], "that result alone (FindAndClickTests has the rest)")
        #expect(!s.expandResults)
    }
}
