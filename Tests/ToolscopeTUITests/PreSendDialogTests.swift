import Testing
import ToolscopeDemo
import ToolscopeEngine
@testable import ToolscopeTUI

/// Enter lints the tools first: errors open the "Not sent" dialog instead of sending.
@Suite("Workbench pre-send lint")
struct PreSendDialogTests {
    private func stateWithBrokenTool(width: Int = 120) -> AppState {
        var session = Session.embeddedDefault()
        session.tools.append(SessionTool(definition: ToolDefinition(raw: [
            "type": "function",
            "function": ["name": "math.factorial", "description": "Compute the factorial of a number.",
                         "parameters": ["type": "dict", "properties": ["number": ["type": "integer", "description": "The number to use."]]]],
        ]), binding: .mock(["result": 6])))
        return TestSupport.state(width: width, session: session)
    }

    @Test func cleanToolsSendAtOnce() {
        var s = TestSupport.state()
        TestSupport.type(&s, "hello")
        #expect(TestSupport.press(&s, .enter) == [.send("hello")])
        #expect(s.modal == nil)
    }

    @Test func errorsOpenTheDialogAndKeepTheMessage() {
        var s = stateWithBrokenTool()
        TestSupport.type(&s, "What is 3 factorial?")
        #expect(TestSupport.press(&s, .enter).isEmpty, "nothing is sent")
        guard case .toolCheck(let t)? = s.modal else { Issue.record("no dialog"); return }
        #expect(t.text == "What is 3 factorial?")
        #expect(t.check.errors.contains { $0.rule == "name-pattern" })
        let screen = TestSupport.render(s).text
        #expect(screen.contains("Not sent: the tools have \(t.check.errors.count) errors"), "\(screen)")
        #expect(screen.contains("/tools/\(s.session.tools.count - 1)/function/name"), "\(screen)")
        #expect(TestSupport.press(&s, .escape).isEmpty)
        #expect(s.modal == nil)
        #expect(s.input.text == "What is 3 factorial?", "the message is not lost")
    }

    @Test func onlyACapitalSSendsAnyway() {
        var s = stateWithBrokenTool()
        TestSupport.type(&s, "go")
        TestSupport.press(&s, .enter)
        #expect(TestSupport.press(&s, .char("s")).isEmpty, "a lower-case s is not the deliberate key")
        #expect(TestSupport.press(&s, .char("S")) == [.sendAnyway("go")])
        #expect(s.modal == nil)
        #expect(s.input.text.isEmpty)
    }

    @Test func theFindingsWrapAt80Columns() {
        var s = stateWithBrokenTool(width: 80)
        s.height = 24
        TestSupport.type(&s, "go")
        TestSupport.press(&s, .enter)
        let screen = TestSupport.render(s).text
        #expect(screen.contains("contains \".\""), "the message wraps instead of being cut:\n\(screen)")
    }
}
