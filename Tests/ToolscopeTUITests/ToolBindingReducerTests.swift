import Testing
@testable import ToolscopeTUI
import ToolscopeEngine

@Suite("Binding and importing tools from the tools list")
struct ToolBindingReducerTests {
    func listState(trusted: Bool = false) -> AppState {
        var s = TestSupport.state()
        s.focus = .editor
        s.trusted = trusted
        return s
    }

    /// Replaces the prompt's text with `text` and presses Enter.
    @discardableResult
    func answerPrompt(_ s: inout AppState, _ text: String) -> [Effect] {
        TestSupport.press(&s, .ctrl("u"))
        TestSupport.type(&s, text)
        return TestSupport.press(&s, .enter)
    }

    @Test func bindingTextRoundTripsEveryKind() throws {
        let cases: [(String, ToolBindingSpec)] = [
            ("manual", .manual),
            (#"mock {"ok":true}"#, .mock(["ok": true])),
            ("mock sunny", .mock("sunny")),
            ("python tools.py:get_quote", .external(kind: "python", config: ["target": "tools.py:get_quote"])),
            ("python pkg.mod:f --interpreter '.venv/bin/python'", .external(kind: "python", config: ["target": "pkg.mod:f", "interpreter": ".venv/bin/python"])),
            (#"command ./tool.sh --x "two words""#, .external(kind: "command", config: ["argv": ["./tool.sh", "--x", "two words"]])),
            ("mcp files read_file", .external(kind: "mcp", config: ["server": "files", "tool": "read_file"])),
            (#"{"kind": "command", "argv": ["cat"], "max_output_bytes": 10}"#, .external(kind: "command", config: ["argv": ["cat"], "max_output_bytes": 10])),
        ]
        for (text, expected) in cases {
            let parsed = try BindingText.parse(text, toolName: "t")
            #expect(parsed == expected, "\(text)")
            #expect(try BindingText.parse(BindingText.format(parsed), toolName: "t") == parsed, "format of \(text) does not parse back")
        }
        #expect(try BindingText.parse("builtin", toolName: "get_weather") == .builtin("get_weather"))
    }

    @Test func badBindingTextSaysWhatIsWrong() {
        #expect(throws: BindingText.Problem.self) { try BindingText.parse("builtin", toolName: "not_a_demo_tool") }
        #expect(throws: BindingText.Problem.self) { try BindingText.parse("python tools.py", toolName: "t") }
        #expect(throws: BindingText.Problem.self) { try BindingText.parse("command", toolName: "t") }
        #expect(throws: BindingText.Problem.self) { try BindingText.parse("mcp only_server", toolName: "t") }
        #expect(throws: BindingText.Problem.self) { try BindingText.parse(#"command "unclosed"#, toolName: "t") }
        #expect(throws: BindingText.Problem.self) { try BindingText.parse(#"{"kind": "shell"}"#, toolName: "t") }
        #expect(throws: BindingText.Problem.self) { try BindingText.parse("teleport now", toolName: "t") }
    }

    @Test func bindingPromptAppliesAndATypoKeepsTheText() {
        var s = listState(trusted: true)
        TestSupport.press(&s, .char("b"))
        guard case .prompt(let p)? = s.modal else { Issue.record("no binding prompt"); return }
        #expect(p.input.text == "builtin")
        answerPrompt(&s, "mock {\"temp\": 21}")
        #expect(s.session.tools[0].binding == .mock(["temp": 21]))
        #expect(s.unsaved)

        TestSupport.press(&s, .char("b"))
        answerPrompt(&s, "pyton x.py:f")
        guard case .prompt(let again)? = s.modal else { Issue.record("a bad binding should reopen the prompt"); return }
        #expect(again.input.text == "pyton x.py:f")
        #expect(s.notice?.kind == .error)
        #expect(s.session.tools[0].binding == .mock(["temp": 21]))
    }

    @Test func bindingCodeInAnUntrustedSessionAsksListingWhatWouldRun() {
        var s = listState(trusted: false)
        TestSupport.press(&s, .char("b"))
        let effects = answerPrompt(&s, "command /bin/echo hi")
        #expect(effects.contains { if case .configure = $0 { return true }; return false })
        guard case .confirm(let c)? = s.modal, case .trust(let remember) = c.purpose else { Issue.record("no trust question"); return }
        #expect(!remember, "a changed session is not the file on disk: trust is for this run")
        #expect(c.details.map(\.text).contains("argv[0]: \"/bin/echo\""))
        #expect(c.details.map(\.text).contains("argv[1]: \"hi\""))
        let answered = TestSupport.press(&s, .char("y"))
        #expect(s.trusted)
        #expect(answered == [.trust(remember: false)])
    }

    @Test func decliningTrustKeepsTheToolsDisabled() {
        var s = listState(trusted: false)
        TestSupport.press(&s, .char("b"))
        answerPrompt(&s, "python tools.py:add")
        let effects = TestSupport.press(&s, .char("n"))
        #expect(!s.trusted)
        #expect(effects.isEmpty)
        #expect(s.notice?.kind == .warning)
    }

    @Test func pythonImportPromptParsesFileFunctionAndInterpreter() {
        var s = listState()
        TestSupport.press(&s, .char("p"))
        let effects = answerPrompt(&s, "tools/sample.py:add --interpreter .venv/bin/python")
        #expect(effects == [.importPython(file: "tools/sample.py", function: "add", interpreter: ".venv/bin/python")])
        TestSupport.press(&s, .char("p"))
        #expect(answerPrompt(&s, "pkg.mod") == [.importPython(file: "pkg.mod", function: nil, interpreter: "python3")])
    }

    @Test func mcpImportPromptNamesAServerOrAddsOne() {
        var s = listState()
        TestSupport.press(&s, .char("m"))
        #expect(answerPrompt(&s, "files") == [.importMCP(server: "files", config: nil)])
        TestSupport.press(&s, .char("m"))
        #expect(answerPrompt(&s, "files npx -y server-files /tmp")
                == [.importMCP(server: "files", config: ["command": "npx", "args": ["-y", "server-files", "/tmp"]])])
    }

    @Test func importedToolsReplaceSameNamesShowNotesThenAskForTrust() {
        var s = listState(trusted: false)
        let before = s.session.tools.count
        let replacement = SessionTool(definition: ToolDefinition(name: "get_weather", description: "from Python", parameters: ["type": "object", "properties": [:]], strict: false),
                                      binding: .external(kind: "python", config: ["target": "w.py:get_weather"]))
        let fresh = SessionTool(definition: ToolDefinition(name: "add", description: "Adds.", parameters: ["type": "object", "properties": [:]], strict: false),
                                binding: .external(kind: "python", config: ["target": "w.py:add"]))
        _ = Reducer.reduce(&s, .toolsImported(ImportedTools(tools: [replacement, fresh], notes: ["add(x) has no type hint; typed as string"]),
                                             source: "w.py", mcpServers: [:]))
        #expect(s.session.tools.count == before + 1)
        #expect(s.session.tools.first { $0.name == "get_weather" }?.binding == replacement.binding)
        #expect(s.notice?.text.contains("1 new, 1 replaced") == true)
        guard case .detail(let notes)? = s.modal else { Issue.record("notes should open in a dialog"); return }
        #expect(notes.lines.contains { $0.text.contains("no type hint") })
        TestSupport.press(&s, .escape)
        guard case .confirm(let c)? = s.modal, case .trust = c.purpose else { Issue.record("the trust question should follow the notes"); return }
        #expect(c.details.filter { $0.depth == 0 }.map(\.text) == ["tool \"get_weather\" (python)", "tool \"add\" (python)"])
    }

    @Test func aFailedImportIsAnErrorNotice() {
        var s = listState()
        _ = Reducer.reduce(&s, .importFailed("w.py: SyntaxError on line 3"))
        #expect(s.notice?.kind == .error)
        #expect({ if case .none = s.modal { return true }; return false }())
    }
}
