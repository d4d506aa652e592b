import Testing
@testable import ToolscopeTUI
import ToolscopeEngine

@Suite("Provider dialog (F2): kind, api, model, base URL, compat")
struct ProviderDialogTests {
    /// Presses keys and keeps the effects of the last one.
    static func press(_ s: inout AppState, _ keys: Key...) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects = Reducer.reduce(&s, .key(key)) }
        return effects
    }

    @Test func choosingTheAnthropicWireMovesTheKeyVariableAndSendsTheConfig() {
        var s = TestSupport.state(width: 120, height: 40)
        _ = Self.press(&s, .function(2))
        guard case .provider(let opened)? = s.modal else { Issue.record("F2 opened no provider dialog"); return }
        #expect(opened.api == .chat)
        // kind → openai (scripted → replay → openai), api → anthropic (chat → responses → anthropic).
        _ = Self.press(&s, .right, .right, .down, .right, .right, .down, .down)
        for c in "https://api.anthropic.com" { _ = Self.press(&s, .char(c)) }
        let text = TestSupport.render(s).text
        #expect(text.contains("an HTTP server speaking Anthropic Messages · key from $ANTHROPIC_API_KEY"), "\(text)")
        let effects = Self.press(&s, .enter)
        guard case .switchProvider(let config, _)? = effects.first else { Issue.record("no switchProvider: \(effects)"); return }
        #expect(config.kind == .openai)
        #expect(config.api == .anthropic)
        #expect(config.apiKeyEnv == "ANTHROPIC_API_KEY", "a key variable left at the old wire's default follows the wire")
        #expect(config.baseURL == "https://api.anthropic.com")
    }

    @Test func spaceOnTheCompatRowTogglesTheWorkaround() {
        var s = TestSupport.state(width: 120, height: 40)
        _ = Self.press(&s, .function(2), .right, .right, .down, .down, .down)
        for c in "http://127.0.0.1:8080/v1" { _ = Self.press(&s, .char(c)) }
        _ = Self.press(&s, .down, .char(" "))
        #expect(TestSupport.render(s).text.contains("[x] send \"content\": \"\" instead of null"))
        let effects = Self.press(&s, .enter)
        guard case .switchProvider(let config, _)? = effects.first else { Issue.record("no switchProvider: \(effects)"); return }
        #expect(config.compat.emptyContentWithToolCalls)
        #expect(config.api == .chat)
    }

    @Test func theDialogFitsTheSmallestTerminal() {
        var s = TestSupport.state(width: 80, height: 24)
        _ = Self.press(&s, .function(2))
        let text = TestSupport.render(s).text
        for label in ["kind", "api", "model", "base URL", "compat"] { #expect(text.contains(label)) }
        #expect(text.contains("Enter apply"))
    }
}
