import Foundation
import Testing
import ToolscopeDemo
import ToolscopeEngine
@testable import ToolscopeTUI

@Suite("Schema editor")
struct EditorReducerTests {
    func editorState() -> AppState {
        var s = TestSupport.state()
        s.focus = .editor
        return s
    }

    @Test func brokenJSONIsRefusedWithLineAndColumnThenFixedAndApplied() {
        var s = editorState()
        TestSupport.press(&s, .enter)
        #expect(!s.editor.listFocused)
        TestSupport.press(&s, .down, .end)
        TestSupport.type(&s, "@")
        #expect(s.editor.analysis.parsed == nil)
        let diagnostic = s.editor.analysis.diagnostics.first
        #expect(diagnostic?.line == 1)
        #expect(TestSupport.press(&s, .function(5)).isEmpty)
        #expect(s.notice?.kind == .error)
        #expect(s.notice?.text.contains("line 2") == true)
        let screen = TestSupport.render(s).text
        #expect(screen.contains("✖ 2:"))
        TestSupport.press(&s, .backspace)
        #expect(s.editor.analysis.parsed != nil)
        let effects = TestSupport.press(&s, .function(5))
        #expect(effects.count == 1)
        #expect(s.notice?.kind == .success)
    }

    @Test("the editor lints for the session's wire: responses-strict on Responses, as toolscope lint does; it follows a wire change")
    func lintFollowsTheSessionsAPI() {
        var responses = Session.embeddedDefault()
        responses.settings.provider.kind = .openai
        responses.settings.provider.switchWire(to: .responses)
        var s = TestSupport.state(session: responses)
        s.focus = .editor
        let rules = { (s: AppState) in s.editor.analysis.lint.map(\.finding.rule) }
        #expect(rules(s).contains("responses-strict"), "\(rules(s))")
        // The same findings `toolscope lint` gives for this tool on a Responses session.
        let expected = ToolLinter.lint([s.session.tools[0].definition], api: .responses).map(\.message)
        #expect(s.editor.analysis.lint.map(\.finding.message) == expected)
        // The gutter mark and the problem list show it (cut to the pane's width).
        #expect(TestSupport.render(s).text.contains("⚠ 3:3 on Responses a tool without"))

        // Back to Chat Completions: the finding goes, an unapplied draft stays.
        TestSupport.press(&s, .enter)
        TestSupport.type(&s, " ")
        let draft = s.editor.buffer.text
        var chat = s.session.settings
        chat.provider.switchWire(to: .chat)
        _ = Reducer.reduce(&s, .providerChanged(name: "openai", settings: chat))
        #expect(!rules(s).contains("responses-strict"), "\(rules(s))")
        #expect(s.editor.buffer.text == draft)
        // And to Responses again.
        _ = Reducer.reduce(&s, .providerChanged(name: "openai", settings: responses.settings))
        #expect(rules(s).contains("responses-strict"))
    }

    @Test func applyReplacesTheDefinitionUsedByTheNextRequest() {
        var s = editorState()
        TestSupport.press(&s, .enter)
        var text = s.editor.buffer.text
        let old = s.session.tools[0].name
        text = text.replacingOccurrences(of: "\"\(old)\"", with: "\"renamed_tool\"")
        s.editor.buffer.replaceAll(with: text)
        s.editor.analysis = EditorState.analyse(text, api: .chat)
        let effects = TestSupport.press(&s, .function(5))
        #expect(s.session.tools[0].name == "renamed_tool")
        #expect(effects == [.configure(tools: s.session.tools, settings: s.session.settings)])
    }

    @Test func addDuplicateRenameDeleteTools() {
        var s = editorState()
        let count = s.session.tools.count
        TestSupport.press(&s, .char("a"))
        #expect(s.session.tools.count == count + 1)
        #expect(s.session.tools.last?.name == "new_tool")
        TestSupport.press(&s, .char("d"))
        #expect(s.session.tools.last?.name == "new_tool_copy")
        TestSupport.press(&s, .char("r"), .ctrl("u"))
        TestSupport.type(&s, "lookup")
        TestSupport.press(&s, .enter)
        #expect(s.session.tools[s.editor.selected].name == "lookup")
        TestSupport.press(&s, .char("x"), .char("y"))
        #expect(s.session.tools.count == count + 1)
        #expect(!s.session.tools.contains { $0.name == "lookup" })
    }

    @Test func tryBuildsASkeletonValidatesAndDispatches() {
        var s = editorState()
        TestSupport.press(&s, .char("t"))
        guard case .tryTool(let t)? = s.modal else { Issue.record("no try dialog"); return }
        let skeleton = try? JSONParser.parse(t.buffer.text)
        #expect(skeleton?.objectValue != nil)
        let effects = TestSupport.press(&s, .function(5))
        guard case .tryTool(let call)? = effects.first else { Issue.record("no dispatch"); return }
        #expect(call.name == s.session.tools[0].name)
        #expect(s.focus == .editor, "a try leaves the focus where the user put it")
        #expect(s.trace.turns.last?.userMessage.hasPrefix("try") == true)
        TestSupport.event(&s, .callStarted(callID: call.id, name: call.name, arguments: call.arguments), round: 0)
        #expect(s.runState == .idle)
        _ = Reducer.reduce(&s, .tryFinished(callID: call.id, outcome: ToolOutcome(content: "{\"ok\":1}")))
        #expect(s.trace.call(id: call.id)?.outcome?.content == "{\"ok\":1}")
    }

    @Test func undoRestoresTheText() {
        var s = editorState()
        TestSupport.press(&s, .enter)
        let before = s.editor.buffer.text
        TestSupport.type(&s, "xyz")
        TestSupport.press(&s, .ctrl("z"), .ctrl("z"), .ctrl("z"))
        #expect(s.editor.buffer.text == before)
    }

    @Test func skeletonFillsRequiredFieldsWithTypedPlaceholders() {
        let schema: JSONValue = ["type": "object", "properties": [
            "city": ["type": "string"], "unit": ["type": "string", "enum": ["c", "f"]], "days": ["type": "integer", "minimum": 1],
            "note": ["type": "string"]], "required": ["city", "unit", "days"]]
        let value = ArgumentSkeleton.make(for: schema)
        #expect(value == ["city": "<city>", "unit": "c", "days": 1])
        #expect(SchemaValidator.validate(value, schema: schema).isEmpty)
    }
}
