import ToolscopeDemo
import ToolscopeEngine
import Testing
@testable import ToolscopeTUI

/// Texts that tell a person which key to press (dialog footers, notices, hints) read the
/// binding table in force: after a keys.conf remap they name the new key.
@Suite("Key names in texts")
struct KeyNamesInTextsTests {
    @Test func aTextNamesTheUsualKeysWhileTheyAreBoundAndTheNewOneAfterARemap() {
        let keys = Keymap.defaults
        #expect(keys.keyName(.runArguments, in: .argumentsEditor, usual: .function(5), .ctrl("r")) == "F5/Ctrl-R")
        #expect(keys.keyName(.yes, in: .convertTools, usual: .char("y"), .enter) == "y/Enter")
        #expect(keys.scrollKeyNames(ends: true) == "↑↓ PgUp PgDn Home End")
        let moved = keys.remapping(.runArguments, in: .argumentsEditor, to: [.function(9)])
        #expect(moved.keyName(.runArguments, in: .argumentsEditor, usual: .function(5), .ctrl("r")) == "F9")
        let partly = keys.remapping(.runArguments, in: .argumentsEditor, to: [.ctrl("r"), .function(9)])
        #expect(partly.keyName(.runArguments, in: .argumentsEditor, usual: .function(5), .ctrl("r")) == "Ctrl-R")
        let none = keys.remapping(.runArguments, in: .argumentsEditor, to: [])
        #expect(none.keyName(.runArguments, in: .argumentsEditor, usual: .function(5)) == "unbound")
    }

    @Test func theApprovalDialogsFooterFollowsARemap() {
        var s = TestSupport.state()
        _ = Reducer.reduce(&s, .approvalRequested(id: 1, calls: [ToolCall(id: "x", name: "get_weather", arguments: #"{"city":"Paris"}"#)]))
        #expect(TestSupport.render(s).text.contains("r run · e edit · a answer · s skip · A run all · Esc cancel turn"))
        s.keymap = s.keymap.remapping(.skipCall, in: .approval, to: [.char("k")]).remapping(.cancelTurn, in: .approval, to: [.function(4)])
        let text = TestSupport.render(s).text
        #expect(text.contains("r run · e edit · a answer · k skip · A run all · F4 cancel turn"), "\(text)")
    }

    @Test func theFindBarsAndTheSessionSearchHintFollowARemap() {
        var s = TestSupport.state()
        s.keymap = s.keymap.remapping(.previousMatch, in: .searchBar, to: [.ctrl("p")])
            .remapping(.nextMatch, in: .conversation, to: [.char("j")])
        FindBar.open(&s, .conversation)
        guard case .prompt(let bar)? = s.modal else { Issue.record("no find bar"); return }
        #expect(bar.hint.hasPrefix("Enter next · Ctrl-P previous · Esc close: then j/N step while the input line is empty"), "\(bar.hint)")
        FindBar.open(&s, .editor)
        guard case .prompt(let editorBar)? = s.modal else { Issue.record("no find bar"); return }
        #expect(editorBar.hint == "Enter next · Ctrl-P previous · Esc close (the marks stay; Ctrl-F reopens)")
        s.modal = nil
        s.keymap = s.keymap.remapping(.submit, in: .lineField, to: [.function(5)])
        TestSupport.press(&s, .function(15))
        guard case .prompt(let prompt)? = s.modal else { Issue.record("no session-search prompt"); return }
        #expect(prompt.hint.hasSuffix("case ignored · F5 lists the hits"), "\(prompt.hint)")
    }

    @Test func theConfirmFooterAndTheTooSmallScreenFollowARemap() {
        var s = TestSupport.state()
        s.keymap = s.keymap.remapping(.no, in: .confirm, to: [.char("x")]).remapping(.quit, in: .global, to: [.ctrl("x")])
        s.modal = .confirm(ConfirmState(purpose: .deleteTool(0), question: "Delete the tool?"))
        #expect(TestSupport.render(s).text.contains("y yes · x no"))
        s.width = 78
        s.height = 20
        let small = TestSupport.render(s).text
        #expect(small.contains("press Ctrl-X to quit"), "\(small)")
        s.modal = .confirm(ConfirmState(purpose: .trust(remember: false), question: "Run the session's code tools?"))
        // The sentence wraps at this width: read it with the line breaks taken out.
        let words = TestSupport.render(s).text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("would run (x declines)"), "\(words)")
    }

    @Test func noticesNameTheKeysInForce() {
        var empty = Session.embeddedDefault()
        empty.messages = []
        var s = TestSupport.state(session: empty)
        s.keymap = s.keymap.remapping(.caseFromTurn, in: .global, to: [.function(9)])
        TestSupport.press(&s, .function(9))
        #expect(s.notice?.text.contains("then F9 makes a case") == true, "\(String(describing: s.notice))")
        s.runState = .streaming
        s.keymap = s.keymap.remapping(.cancelTurn, in: .global, to: [.ctrl("g")])
        #expect(s.turnRunningNotice.text == "a turn is running; Ctrl-G cancels it first")
    }

    @Test func theFoldedResultNamesTheExpandKeyAndAClickOnItStillExpands() {
        var session = Session.embeddedDefault()
        session.messages.append(.user("hi"))
        var assistant = Message(role: .assistant, content: nil)
        assistant.toolCalls = [ToolCall(id: "c1", name: "get_weather", arguments: "{}")]
        session.messages.append(assistant)
        session.messages.append(.tool(callID: "c1", content: (1...12).map { "line \($0)" }.joined(separator: "\n")))
        var s = TestSupport.state(session: session)
        s.keymap = s.keymap.remapping(.expandResults, in: .conversation, to: [.ctrl("e")])
        let text = TestSupport.render(s).text
        #expect(text.contains("more lines (Ctrl-E expands)"), "\(text)")
        #expect(!text.contains("Ctrl-R"))
    }

    @Test func theExperimentsKeysLineAndTheHelpsMouseRowFollowARemap() {
        #expect(ExperimentsView.keysText(.defaults)
                == "Tab field · arrows cell · Enter open run · r run suite · c run case · f filter · d diff tools · w open in workbench · x stop · Esc back")
        let keys = Keymap.defaults.remapping(.stopExperiment, in: .experimentsMatrix, to: [.char("z")])
            .remapping(.expandResults, in: .conversation, to: [.ctrl("e")])
            .remapping(.splitLeft, in: .global, to: [.ctrl("j")])
        #expect(ExperimentsView.keysText(keys).contains("z stop · Esc back"))
        let help = KeyHelp.lines(width: 200, keymap: keys).map(\.text)
        #expect(help.contains { $0.contains("unfold that tool result alone (Ctrl-E unfolds all)") })
        #expect(help.contains { $0.contains("move the split (as Ctrl-J/F10, Shift-F9/Shift-F10; remembered)") })
    }
}
