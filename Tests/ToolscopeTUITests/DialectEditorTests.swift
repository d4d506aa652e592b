import Testing
import ToolscopeEngine
@testable import ToolscopeTUI

/// Tools pasted into the editor in another dialect: F5 shows their OpenAI form as a unified
/// diff, y applies it, n leaves the text.
@Suite("Dialect in the editor")
struct DialectEditorTests {
    static let anthropic = """
        {"name": "get_stock_price", "description": "Retrieves the current stock price for a ticker symbol.",
         "input_schema": {"type": "object", "properties": {"ticker": {"type": "string", "description": "The stock ticker"}}, "required": ["ticker"]}}
        """
    static let bfclList = """
        [{"name": "math.factorial", "description": "Compute the factorial of a whole number.", "parameters": {"type": "dict", "properties": {"n": {"type": "integer", "description": "The number to use"}}}},
         {"name": "math.gcd", "description": "Greatest common divisor of two numbers.", "parameters": {"type": "dict", "properties": {"a": {"type": "integer", "description": "The first number"}}}}]
        """

    /// The editor on the first tool with `text` pasted over its JSON (select all, paste).
    private func pasted(_ text: String) -> AppState {
        var s = TestSupport.state()
        s.focus = .editor
        TestSupport.press(&s, .enter)
        s.clipboard = text
        TestSupport.press(&s, .ctrl("a"), .ctrl("v"))
        return s
    }

    @Test func anAnthropicToolIsOfferedAsADiffAndApplied() {
        var s = pasted(Self.anthropic)
        #expect(s.editor.analysis.conversion?.dialect == .anthropic)
        #expect(TestSupport.render(s).text.contains("F5 converts to OpenAI"))
        let binding = s.session.tools[0].binding
        #expect(TestSupport.press(&s, .function(5)).isEmpty, "nothing is applied before the diff is accepted")
        guard case .convertTools(let c)? = s.modal else { Issue.record("no conversion dialog"); return }
        #expect(c.diff.contains { if case .added(let line) = $0 { line.contains(#""type": "function""#) } else { false } })
        #expect(c.diff.contains { if case .removed(let line) = $0 { line.contains("input_schema") } else { false } })
        let screen = TestSupport.render(s).text
        #expect(screen.contains("Convert Anthropic (input_schema) to 1 OpenAI tool"), "\(screen)")
        #expect(screen.contains(#"/input_schema: "input_schema" → "parameters""#), "\(screen)")
        let effects = TestSupport.press(&s, .char("y"))
        #expect(effects == [.configure(tools: s.session.tools, settings: s.session.settings)])
        #expect(s.session.tools[0].name == "get_stock_price")
        #expect(s.session.tools[0].definition.parameters?["properties"]?["ticker"] != nil)
        #expect(s.session.tools[0].binding == binding, "the edited tool keeps its binding")
        #expect(!PreSendCheck(session: s.session).blocks)
    }

    @Test func aBFCLListBecomesSeveralTools() {
        var s = pasted(Self.bfclList)
        let before = s.session.tools.count
        TestSupport.press(&s, .function(5))
        guard case .convertTools(let c)? = s.modal else { Issue.record("no conversion dialog"); return }
        #expect(c.conversion.dialect == .bfcl)
        TestSupport.press(&s, .enter)
        #expect(s.session.tools.count == before + 1)
        #expect(s.session.tools[0].name == "math_factorial")
        #expect(s.session.tools[1].name == "math_gcd")
        #expect(s.session.tools[1].binding == .mock(["ok": true]))
        #expect(s.session.tools[0].definition.parameters?["type"] == "object")
    }

    @Test func cancelLeavesTheTextAsItIs() {
        var s = pasted(Self.anthropic)
        let original = s.session.tools[0]
        TestSupport.press(&s, .function(5))
        TestSupport.press(&s, .escape)
        #expect(s.modal == nil)
        #expect(s.session.tools[0] == original)
        #expect(s.editor.buffer.text == Self.anthropic)
    }
}
