import Foundation
import Testing
@testable import ToolscopeEngine
@testable import ToolscopeTUI

/// F1 help wraps to the terminal, the tools list explains its tags, and the focus moves only
/// when the user moves it.
@Suite("Help, legend and focus")
struct HelpAndFocusTests {
    /// The help's rows joined back into running text, with the key column's padding collapsed.
    private func running(_ lines: [StyledLine]) -> String {
        lines.map { $0.text.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            .replacingOccurrences(of: #" {2,}"#, with: " ", options: .regularExpression)
    }

    @Test(arguments: [74, 40, 116])
    func helpWrapsEveryActionToTheWidth(width: Int) {
        let lines = KeyHelp.lines(width: width)
        let wrapper = WordWrapper(measure: .swift)
        for line in lines { #expect(wrapper.width(of: line.text) <= width, "too wide: \(line.text)") }
        let text = running(lines)
        for group in KeyHelp.groups {
            for (key, action) in group.keys {
                #expect(text.contains(action), "cut or lost at \(width): \(key) — \(action)")
            }
        }
    }

    @Test func helpAt80ColumnsShowsWholeSentences() {
        var s = TestSupport.state(width: 80, height: 40)
        TestSupport.press(&s, .function(1))
        let screen = TestSupport.render(s).text
        #expect(screen.contains("store and history on responses"), "the F2 line is wrapped, not cut:\n\(screen)")
    }

    @Test func helpExplainsTheToolTags() {
        let text = running(KeyHelp.lines(width: 100))
        for entry in ToolTag.legend { #expect(text.contains(entry.meaning)) }
        #expect(text.contains("Tools list: the letter after each tool's name"))
    }

    @Test func theToolsListShowsALegendOfItsTags() {
        var s = TestSupport.state(width: 120, height: 40)
        TestSupport.press(&s, .tab, .tab)
        let screen = TestSupport.render(s).text
        #expect(screen.contains("b built-in"), "\(screen)")
        #expect(screen.contains("x code"), "\(screen)")
        #expect(screen.contains("- off"), "\(screen)")
    }

    @Test func aTryLeavesTheFocusInTheToolsList() {
        var s = TestSupport.state()
        TestSupport.press(&s, .tab, .tab)
        #expect(s.focus == .editor)
        TestSupport.press(&s, .char("t"))
        TestSupport.press(&s, .function(5))
        #expect(s.modal == nil)
        #expect(s.focus == .editor)
        #expect(s.editor.listFocused, "still in the list, where t was pressed")
    }

    @Test func zoomAndATurnLeaveTheFocusWhereItWas() {
        for pane in [Pane.conversation, .trace, .editor] {
            var s = TestSupport.state()
            while s.focus != pane { TestSupport.press(&s, .tab) }
            TestSupport.press(&s, .function(7))
            #expect(s.focus == pane)
            TestSupport.press(&s, .function(7))
            TestSupport.event(&s, .turnStarted(userMessage: "hi"))
            TestSupport.event(&s, .messageAppended(.assistant("hello")))
            TestSupport.event(&s, .turnFinished(reason: "answered"))
            _ = Reducer.reduce(&s, .turnFinished(TurnResult(reason: .answered, finalText: "hello", rounds: 1, detail: nil, session: s.session)))
            #expect(s.focus == pane, "a turn moved the focus from \(pane)")
        }
    }
}
