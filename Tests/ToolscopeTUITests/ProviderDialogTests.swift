import Testing
@testable import ToolscopeTUI
import ToolscopeDemo
import ToolscopeEngine

@Suite("Provider dialog (F2): kind, api, model, base URL, compat, Responses store and history")
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
        guard case .switchProvider(let config, _, _, _)? = effects.first else { Issue.record("no switchProvider: \(effects)"); return }
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
        guard case .switchProvider(let config, _, _, _)? = effects.first else { Issue.record("no switchProvider: \(effects)"); return }
        #expect(config.compat.emptyContentWithToolCalls)
        #expect(config.api == .chat)
    }

    /// A state on an HTTP server speaking `api`, as `--api` would start it.
    static func onWire(_ api: WireAPI, width: Int = 120, height: Int = 40) -> AppState {
        var session = Session.embeddedDefault()
        session.settings.provider.kind = .openai
        session.settings.provider.switchWire(to: api)
        session.settings.provider.baseURL = "http://127.0.0.1:8080/v1"
        return TestSupport.state(width: width, height: height, session: session)
    }

    @Test("on Responses the store and history rows are shown, chosen with ←→ and applied with Enter")
    func responsesRows() {
        var s = Self.onWire(.responses)
        _ = Self.press(&s, .function(2))
        var text = TestSupport.render(s).text
        #expect(text.contains("store") && text.contains(" unset ") && text.contains("history") && text.contains(" previous "), "\(text)")
        // kind → api → model → base URL → compat → store: unset → true → false; history: full → previous.
        _ = Self.press(&s, .down, .down, .down, .down, .down, .right, .right)
        text = TestSupport.render(s).text
        #expect(text.contains("+ include reasoning.encrypted_content"), "\(text)")
        _ = Self.press(&s, .down, .right)
        text = TestSupport.render(s).text
        #expect(text.contains("previous_response_id + the new items"), "\(text)")
        // Seven rows: down from history wraps to kind, up from kind comes back to history.
        _ = Self.press(&s, .down)
        guard case .provider(let wrapped)? = s.modal else { Issue.record("no dialog"); return }
        #expect(wrapped.field == .kind)
        _ = Self.press(&s, .up)
        let effects = Self.press(&s, .enter)
        guard case .switchProvider(let config, _, let store, let history)? = effects.first else { Issue.record("no switchProvider: \(effects)"); return }
        #expect(config.api == .responses)
        #expect(store == false)
        #expect(history == .previous)
    }

    @Test("the dialog opens with the session's store and history, and saves them into the settings it applies")
    func responsesRowsStartFromTheSession() {
        var s = Self.onWire(.responses)
        s.session.settings.store = true
        s.session.settings.responsesHistory = .previous
        _ = Self.press(&s, .function(2))
        guard case .provider(let opened)? = s.modal else { Issue.record("F2 opened no provider dialog"); return }
        #expect(opened.store == true && opened.history == .previous)
        var settings = s.session.settings
        settings.store = false
        _ = Reducer.reduce(&s, .providerChanged(name: "openai", settings: settings))
        #expect(s.session.settings.store == false && s.unsaved)
        #expect(s.session.settings.json["store"] == false)
    }

    @Test("on another wire the Responses rows are hidden, skipped by ↑↓, and the session's values are kept")
    func responsesRowsHiddenElsewhere() {
        var s = Self.onWire(.chat)
        s.session.settings.store = true
        _ = Self.press(&s, .function(2))
        let text = TestSupport.render(s).text
        #expect(!text.contains(" unset ") && !text.contains("the whole conversation every request"), "\(text)")
        // From kind, up wraps to compat, the last row on Chat Completions.
        _ = Self.press(&s, .up)
        guard case .provider(let p)? = s.modal else { Issue.record("no dialog"); return }
        #expect(p.field == .compat)
        // Choosing a store on Responses, then moving to Anthropic: the hidden choice is not applied.
        var r = Self.onWire(.responses)
        _ = Self.press(&r, .function(2), .down, .down, .down, .down, .down, .right, .up, .up, .up, .up, .right)
        guard case .provider(let moved)? = r.modal else { Issue.record("no dialog"); return }
        #expect(moved.api == .anthropic && moved.store == true)
        let effects = Self.press(&r, .enter)
        guard case .switchProvider(let config, _, let store, _)? = effects.first else { Issue.record("no switchProvider: \(effects)"); return }
        #expect(config.api == .anthropic && store == nil)
    }

    @Test func theDialogFitsTheSmallestTerminal() {
        var s = TestSupport.state(width: 80, height: 24)
        _ = Self.press(&s, .function(2))
        let text = TestSupport.render(s).text
        for label in ["kind", "api", "model", "base URL", "compat"] { #expect(text.contains(label)) }
        #expect(text.contains("Enter apply"))
    }

    @Test func theResponsesDialogFitsTheSmallestTerminal() {
        var s = Self.onWire(.responses, width: 80, height: 24)
        _ = Self.press(&s, .function(2))
        let text = TestSupport.render(s).text
        for label in ["kind", "api", "model", "base URL", "compat", "store", "history", "HTTP server speaking Responses"] {
            #expect(text.contains(label), "\(label)")
        }
        #expect(text.contains("Enter apply"))
    }
}
