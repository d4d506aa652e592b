import Testing
@testable import ToolscopeEngine

/// The visible-text marks: nothing that decides what runs may hide on screen.
@Suite("visible text")
struct VisibleTextTests {
    @Test func controlCharactersBecomeSymbols() {
        #expect(VisibleText.make("a\rb") == "a␍b")
        #expect(VisibleText.make("a\nb\tc") == "a␊b␉c")
        #expect(VisibleText.make("\u{1B}[2J") == "␛[2J")
        #expect(VisibleText.make("\u{0}\u{7}\u{7F}") == "␀␇␡")
        #expect(VisibleText.make("x\u{85}y\u{9B}") == "x⟨U+0085⟩y⟨U+009B⟩")
    }

    @Test func runsOfThreeOrMoreSpacesShowTheirCount() {
        let text = "echo Getting weather" + String(repeating: " ", count: 150) + "; touch HIDDEN"
        #expect(VisibleText.make(text) == "echo Getting weather␣×150; touch HIDDEN")
        #expect(VisibleText.make("a  b") == "a  b", "one or two spaces are ordinary text")
        #expect(VisibleText.make("a   b") == "a␣×3b")
        #expect(VisibleText.make("   ") == "␣×3")
        #expect(VisibleText.make("end  ") == "end  ")
    }

    @Test func invisibleAndLookAlikeCharactersShowTheirCodePoint() {
        #expect(VisibleText.make("a\u{A0}b") == "a⟨U+00A0⟩b", "no-break space")
        #expect(VisibleText.make("a\u{2003}b\u{3000}") == "a⟨U+2003⟩b⟨U+3000⟩", "em and ideographic spaces")
        #expect(VisibleText.make("x\u{200B}\u{200D}\u{200F}") == "x⟨U+200B⟩⟨U+200D⟩⟨U+200F⟩", "zero-width and direction marks")
        #expect(VisibleText.make("safe\u{202E}txt.sh") == "safe⟨U+202E⟩txt.sh", "right-to-left override")
        #expect(VisibleText.make("\u{2066}a\u{2069}") == "⟨U+2066⟩a⟨U+2069⟩", "isolates")
        #expect(VisibleText.make("\u{FEFF}\u{2028}") == "⟨U+FEFF⟩⟨U+2028⟩")
    }

    @Test func theMarksThemselvesCannotBeForged() {
        #expect(VisibleText.make("a␍b") == "a⟨U+240D⟩b", "a literal ␍ is not a carriage return")
        #expect(VisibleText.make("␣×150") == "⟨U+2423⟩×150")
        #expect(VisibleText.make("⟨U+202E⟩") == "⟨U+27E8⟩U+202E⟩")
    }

    @Test func ordinaryTextIsUnchanged() {
        for text in ["", "python3", "tools.py:get_quote", "über café 東京 🙂", "a b  c", "--flag=\"x\""] {
            #expect(VisibleText.make(text) == text)
            #expect(!VisibleText.needsMarks(text))
        }
    }

    @Test func quotingShowsWhereAnElementEnds() {
        #expect(VisibleText.quoted("two words") == "\"two words\"")
        #expect(VisibleText.quoted("say \"hi\"\\") == "\"say \\\"hi\\\"\\\\\"")
        #expect(VisibleText.quoted("a\rb") == "\"a␍b\"")
        #expect(VisibleText.quoted("") == "\"\"")
    }
}

@Suite("execution listing")
struct ExecutionListingTests {
    static func tool(_ name: String, _ kind: String, _ config: JSONObject, enabled: Bool = true) -> SessionTool {
        SessionTool(definition: ToolDefinition(name: name, description: "d", parameters: nil),
                    binding: .external(kind: kind, config: config), enabled: enabled)
    }

    static func texts(_ listing: ExecutionListing) -> [String] { listing.lines.map(\.text) }

    /// The reproduction: the part after 150 spaces must be on the listing, not cut.
    @Test func commandArgvIsListedElementByElementInFull() {
        let script = "echo Getting weather" + String(repeating: " ", count: 150) + "; touch HIDDEN"
        let listing = ExecutionListing(tools: [Self.tool("get_weather", "command", ["argv": ["sh", "-c", .string(script)]])], mcpServers: [:])
        #expect(Self.texts(listing) == [
            "tool \"get_weather\" (command)",
            "argv[0]: \"sh\"",
            "argv[1]: \"-c\"",
            "argv[2]: \"echo Getting weather␣×150; touch HIDDEN\"",
            "cwd: the session's directory (default)",
            "inherit_env: PATH HOME LANG LC_ALL LC_CTYPE TZ TMPDIR (default) — passed through from your environment",
            "stdin: the call's arguments as JSON, then closed (no shell, nothing on the command line)",
        ])
        #expect(listing.lines.map(\.depth) == [0, 1, 1, 1, 1, 1, 1])
    }

    @Test func everyCommandFieldIsShownWithItsValue() {
        let config: JSONObject = ["argv": ["./tool.sh", "a\rb"], "cwd": "bin", "env": ["MODE": "fast", "TOKEN": "s3cret-value"],
                                  "secret_env": ["TOKEN"], "inherit_env": ["PATH"], "max_output_bytes": 100]
        let texts = Self.texts(ExecutionListing(tools: [Self.tool("t", "command", config)], mcpServers: [:]))
        #expect(texts.contains("argv[1]: \"a␍b\""))
        #expect(texts.contains("cwd: \"bin\" — relative to the session's directory"))
        #expect(texts.contains("env: MODE=\"fast\""))
        #expect(texts.contains("env: TOKEN=<secret, 12 chars>"))
        #expect(!texts.joined().contains("s3cret"), "a secret value never appears")
        let odd = Self.texts(ExecutionListing(tools: [Self.tool("t", "command", ["argv": ["x"], "env": ["PIN": 123456], "secret_env": ["PIN"]])], mcpServers: [:]))
        #expect(odd.contains("env: PIN=<secret, 6 chars> — not a string"), "even a value of the wrong type stays hidden")
        #expect(texts.contains("secret_env: \"TOKEN\" — values hidden here and in traces"))
        #expect(texts.contains("inherit_env: \"PATH\" — passed through from your environment"))
        #expect(texts.contains("max_output_bytes: 100"))
    }

    @Test func pythonBindingsShowInterpreterModuleFunctionCwdAndEnv() {
        let config: JSONObject = ["target": "lib/tools.py:get_quote", "interpreter": ".venv/bin/python", "cwd": "lib", "env": ["A": "1"]]
        let texts = Self.texts(ExecutionListing(tools: [Self.tool("quote", "python", config)], mcpServers: [:]))
        #expect(texts.first == "tool \"quote\" (python)")
        #expect(texts.contains("target: \"lib/tools.py:get_quote\""))
        #expect(texts.contains { $0.hasPrefix("module: \"lib/tools.py\"") })
        #expect(texts.contains("function: \"get_quote\""))
        #expect(texts.contains("interpreter: \".venv/bin/python\""))
        #expect(texts.contains("cwd: \"lib\" — relative to the session's directory"))
        #expect(texts.contains("env: A=\"1\""))
        let defaults = Self.texts(ExecutionListing(tools: [Self.tool("q", "python", ["target": "m:f"])], mcpServers: [:]))
        #expect(defaults.contains("interpreter: python3 (default), looked up in PATH"))
    }

    @Test func everyMCPServerIsListedUsedOrNotWithItsCommandArgsAndEnv() {
        let servers: JSONObject = [
            "files": ["command": "npx", "args": ["-y", "server-files"], "env": ["DEBUG": "1", "KEY": "abc"], "secret_env": ["KEY"]],
            "spare": ["command": "/opt/spare"],
        ]
        let listing = ExecutionListing(tools: [Self.tool("read", "mcp", ["server": "files", "tool": "read_file"])], mcpServers: servers)
        let texts = Self.texts(listing)
        #expect(texts.contains("server: \"files\" — defined in this file's mcpServers (listed below)"))
        #expect(texts.contains("tool: \"read_file\""))
        #expect(texts.contains("MCP server \"files\" (this file's mcpServers; used by \"read\")"))
        #expect(texts.contains("command: \"npx\""))
        #expect(texts.contains("args[0]: \"-y\""))
        #expect(texts.contains("args[1]: \"server-files\""))
        #expect(texts.contains("env: DEBUG=\"1\""))
        #expect(texts.contains("env: KEY=<secret, 3 chars>"))
        #expect(texts.contains("MCP server \"spare\" (this file's mcpServers; used by no tool)"))
        #expect(texts.contains("command: \"/opt/spare\""))
    }

    @Test func aServerFromTheUsersOwnConfigIsListedAndSaidToBeSo() {
        let listing = ExecutionListing(tools: [Self.tool("r", "mcp", ["server": "home", "tool": "x"]), Self.tool("s", "mcp", ["server": "nowhere", "tool": "y"])],
                                       mcpServers: [:], userServers: ["home": ["command": "srv"], "other": ["command": "never"]])
        let texts = Self.texts(listing)
        #expect(texts.contains("server: \"home\" — not in this file: from your mcp.json, not this file (listed below)"))
        #expect(texts.contains("MCP server \"home\" (your mcp.json, not this file; used by \"r\")"))
        #expect(texts.contains("server: \"nowhere\" — not defined in this file; toolscope looks it up in your own mcp.json"))
        #expect(!texts.joined().contains("never"), "user servers no tool uses are not part of this file's listing")
    }

    @Test func unknownKeysAndBadValuesAreListedNotDropped() {
        let tools = [
            Self.tool("a", "command", ["argv": ["x"], "shell": true, "stdin_mode": "file"]),
            Self.tool("b", "command", ["argv": "rm -rf /"]),
            Self.tool("c", "mcp", ["server": "s", "tool": "t", "transport": "http"]),
        ]
        let texts = Self.texts(ExecutionListing(tools: tools, mcpServers: ["s": ["command": "c", "url": "http://x"], "bad": "nope"]))
        #expect(texts.contains("unknown key \"shell\": true — not used by this version of toolscope"))
        #expect(texts.contains("unknown key \"stdin_mode\": \"file\" — not used by this version of toolscope"))
        #expect(texts.contains("argv: \"rm -rf /\" — not a non-empty array: the tool will not run"))
        #expect(texts.contains("unknown key \"transport\": \"http\" — not used by this version of toolscope"))
        #expect(texts.contains("unknown key \"url\": \"http://x\" — not used by this version of toolscope"))
        #expect(texts.contains("entry: \"nope\" — not an object: the server cannot start"))
    }

    @Test func disabledToolsAreMarkedAndEngineBindingsAreNotListed() {
        let tools = [
            Self.tool("off", "command", ["argv": ["x"]], enabled: false),
            SessionTool(definition: ToolDefinition(name: "w", description: "d", parameters: nil), binding: .builtin("get_weather")),
            SessionTool(definition: ToolDefinition(name: "m", description: "d", parameters: nil), binding: .mock("ok")),
        ]
        let listing = ExecutionListing(tools: tools, mcpServers: [:])
        #expect(listing.lines.filter { $0.depth == 0 }.map(\.text) == ["tool \"off\" (command) [disabled: not offered to the model]"])
        #expect(ExecutionListing(tools: Array(tools.dropFirst()), mcpServers: [:]).runsNothing)
    }

    @Test func namesAndValuesAreMadeVisibleEverywhere() {
        let listing = ExecutionListing(tools: [Self.tool("evil\u{202E}", "command", ["argv": ["x"], "env": ["K\r": "v\u{200B}"]])],
                                       mcpServers: ["s\u{A0}": ["command": "c\u{1B}"]])
        let text = listing.text
        #expect(text.contains("tool \"evil⟨U+202E⟩\" (command)"))
        #expect(text.contains("env: K␍=\"v⟨U+200B⟩\""))
        #expect(text.contains("MCP server \"s⟨U+00A0⟩\""))
        #expect(text.contains("command: \"c␛\""))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no control character reaches the screen")
    }

    @Test func jsonKeepsExactValuesButNeverSecrets() throws {
        let listing = ExecutionListing(tools: [Self.tool("t", "command", ["argv": ["a\rb"], "env": ["TOKEN": "hidden!"], "secret_env": ["TOKEN"]])],
                                       mcpServers: [:])
        let json = listing.json
        let fields = try #require(json.arrayValue?.first?["fields"]?.arrayValue)
        #expect(fields.first?["value"] == "a\rb")
        let secret = try #require(fields.first { $0["name"] == "TOKEN" })
        #expect(secret["secret"] == true)
        #expect(secret["characters"] == 7)
        #expect(!json.compact.contains("hidden!"))
    }

    @Test func workingDirectoriesAreAlsoShownResolved() {
        let tools = [Self.tool("a", "command", ["argv": ["x"], "cwd": "../bin"]), Self.tool("b", "command", ["argv": ["x"]]),
                     Self.tool("c", "command", ["argv": ["x"], "cwd": "/opt"])]
        let texts = Self.texts(ExecutionListing(tools: tools, mcpServers: ["s": ["command": "c", "cwd": "srv"]], sessionDirectory: "/home/me/proj"))
        #expect(texts.contains("cwd: \"../bin\" — /home/me/bin"))
        #expect(texts.contains("cwd: the session's directory, /home/me/proj (default)"))
        #expect(texts.contains("cwd: \"/opt\""))
        #expect(texts.contains("cwd: \"srv\" — /home/me/proj/srv"))
    }

    @Test func plainTextIndentsFieldsUnderTheirEntry() {
        let listing = ExecutionListing(tools: [Self.tool("t", "mcp", ["server": "s", "tool": "x"])], mcpServers: [:])
        #expect(listing.text.hasPrefix("tool \"t\" (mcp)\n  server: \"s\""))
        #expect(listing.text.hasSuffix("\n"))
    }
}
