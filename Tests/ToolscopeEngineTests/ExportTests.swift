import Testing
@testable import ToolscopeEngine

/// The exports as pure functions: rounds rebuilt from messages, JSON, arguments, results, curl
/// and the Python script. Running the curl and the script against a server is in
/// ToolscopeOpenAITests ("Export against llmock").
@Suite("Export")
struct ExportTests {
    static let weather = ToolDefinition(name: "get_weather", description: "Current weather for a city.",
                                        parameters: ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]])

    /// system, user, assistant(2 calls), 2 tool results, assistant text; then user, assistant(1 call), tool, assistant.
    static func session(choice: ToolChoice = .auto, api: WireAPI = .chat, configure: (inout Session) -> Void = { _ in }) -> Session {
        var settings = SessionSettings()
        settings.model = "test-model"
        settings.toolChoice = choice
        settings.provider.kind = .openai
        settings.provider.switchWire(to: api)
        settings.provider.baseURL = "http://127.0.0.1:9/v1/"
        var s = Session(title: "Weather", settings: settings, tools: [SessionTool(definition: weather, binding: .builtin("get_weather"))])
        s.messages = [
            .system("Be brief."),
            .user("Weather in Paris and Oslo? It's cold, isn't it"),
            .assistant(nil, toolCalls: [ToolCall(id: "call_1", name: "get_weather", arguments: #"{"city":"Paris"}"#),
                                        ToolCall(id: "call_2", name: "get_weather", arguments: #"{"city":"Oslo"}"#)]),
            .tool(callID: "call_1", content: #"{"temperature":12}"#),
            .tool(callID: "call_2", content: "not JSON: 3 degrees"),
            .assistant("Paris 12, Oslo 3."),
            .user("And Rome?"),
            .assistant(nil, toolCalls: [ToolCall(id: "call_3", name: "get_weather", arguments: #"{"city":"Rome"}"#)]),
            .tool(callID: "call_3", content: #"{"temperature":20}"#),
            .assistant("Rome 20."),
        ]
        configure(&s)
        return s
    }

    static func export(_ s: Session, _ format: ExportFormat, _ target: ExportTarget = ExportTarget(),
                       environment: [String: String] = [:]) throws -> String {
        try SessionExport.text(s, as: format, target: target, environment: environment)
    }

    @Test("round N is the request that produced the N-th assistant message; a forced tool_choice is auto after a call in the turn")
    func rounds() throws {
        let rounds = SessionRounds(Self.session(choice: .required))
        #expect(rounds.count == 4)
        #expect(!rounds.hasPending)
        #expect(rounds.request(round: 1)?.messages.count == 2)
        #expect(rounds.request(round: 1)?.toolChoice == .required)
        #expect(rounds.request(round: 2)?.messages.count == 5)
        #expect(rounds.request(round: 2)?.toolChoice == .auto)
        // A new user message starts a new turn: the forced choice is back.
        #expect(rounds.request(round: 3)?.toolChoice == .required)
        #expect(rounds.request(round: 4)?.toolChoice == .auto)
        #expect(rounds.request(round: 5) == nil)
        #expect(rounds.round(ofCall: "call_3") == 3)
        #expect(rounds.latest == 4)
    }

    @Test("a conversation that ends unanswered has a pending round after the last")
    func pendingRound() throws {
        let s = Self.session { $0.messages.append(.user("And Berlin?")) }
        let rounds = SessionRounds(s)
        #expect(rounds.hasPending)
        #expect(rounds.latest == 5)
        #expect(rounds.request(round: 5)?.messages.count == s.messages.count)
        let curl = try Self.export(s, .curl)
        #expect(curl.contains("And Berlin?"))
        #expect(throws: ExportError.self) { try Self.export(s, .json, ExportTarget(round: 5)) }
    }

    @Test("json: the messages array, one message, a round's answer, a call — exactly the chat shapes")
    func json() throws {
        let s = Self.session()
        let all = try JSONParser.parse(try Self.export(s, .json))
        #expect(all == .array(s.messages.map(\.json)))
        #expect(try JSONParser.parse(try Self.export(s, .json, ExportTarget(message: 2))) == s.messages[1].json)
        #expect(try JSONParser.parse(try Self.export(s, .json, ExportTarget(round: 2))) == s.messages[5].json)
        let call = try JSONParser.parse(try Self.export(s, .json, ExportTarget(callID: "call_2")))
        #expect(call == ["id": "call_2", "type": "function", "function": ["name": "get_weather", "arguments": #"{"city":"Oslo"}"#]])
        let noMessage = #expect(throws: ExportError.self) { try Self.export(s, .json, ExportTarget(message: 99)) }
        #expect(noMessage?.description.contains("10 message(s)") == true)
    }

    @Test("arguments and results: pretty when JSON, as they are otherwise; the newest call by default; clear errors")
    func argumentsAndResults() throws {
        let s = Self.session()
        #expect(try Self.export(s, .arguments, ExportTarget(callID: "call_1")) == "{\n  \"city\": \"Paris\"\n}")
        #expect(try Self.export(s, .arguments) == "{\n  \"city\": \"Rome\"\n}")
        #expect(try Self.export(s, .result, ExportTarget(callID: "call_1")) == "{\n  \"temperature\": 12\n}")
        #expect(try Self.export(s, .result, ExportTarget(callID: "call_2")) == "not JSON: 3 degrees")
        #expect(try Self.export(s, .arguments, ExportTarget(round: 3)) == "{\n  \"city\": \"Rome\"\n}")
        let many = #expect(throws: ExportError.self) { try Self.export(s, .arguments, ExportTarget(round: 1)) }
        #expect(many?.description.contains("call_1, call_2") == true)
        let unknown = #expect(throws: ExportError.self) { try Self.export(s, .result, ExportTarget(callID: "nope")) }
        #expect(unknown?.description.contains("its calls are: call_1, call_2, call_3") == true)
        let noRound = #expect(throws: ExportError.self) { try Self.export(s, .curl, ExportTarget(round: 7)) }
        #expect(noRound?.description == "no round 7: the session has rounds 1 to 4")
    }

    @Test("curl: the wire's URL, headers and exact body; the key as the variable, never its value; extra headers masked")
    func curlChat() throws {
        let s = Self.session {
            $0.settings.provider.extraHeaders = ["X-Gateway-Token": "Bearer gw-secret-123"]
            $0.settings.provider.organization = "org-1"
        }
        let key = "sk-live-abcdef123456"
        let curl = try Self.export(s, .curl, ExportTarget(round: 2), environment: ["OPENAI_API_KEY": key])
        #expect(curl.hasPrefix("curl -sS -N 'http://127.0.0.1:9/v1/chat/completions' \\\n"))
        #expect(curl.contains(#"-H "Authorization: Bearer $OPENAI_API_KEY""#))
        #expect(curl.contains("-H 'X-Gateway-Token: [redacted]'"))
        #expect(curl.contains("-H 'OpenAI-Organization: org-1'"))
        #expect(curl.contains("-H 'Accept: text/event-stream'"))
        #expect(!curl.contains(key) && !curl.contains("gw-secret-123"))
        // The apostrophes of the user message are quoted for the shell.
        #expect(curl.contains(#"It'\''s cold, isn'\''t it"#))
        // The body between the quotes is the exact JSON of the request.
        let start = try #require(curl.range(of: "--data-raw '"))
        let quoted = String(curl[start.upperBound...].dropLast(2)).replacingOccurrences(of: "'\\''", with: "'")
        let request = try #require(SessionRounds(s).request(round: 2))
        #expect(try JSONParser.parse(quoted) == request.openAIBody(stream: true))
    }

    @Test("curl on Anthropic: /v1/messages, x-api-key from the session's key variable, anthropic-version; an odd variable name through printenv")
    func curlAnthropic() throws {
        let s = Self.session(api: .anthropic)
        let curl = try Self.export(s, .curl)
        #expect(curl.contains("'http://127.0.0.1:9/v1/v1/messages'"))
        #expect(curl.contains(#"-H "x-api-key: $ANTHROPIC_API_KEY""#))
        #expect(curl.contains("-H 'anthropic-version: 2023-06-01'"))
        #expect(!curl.contains("Authorization"))
        #expect(curl.contains("\"max_tokens\""))
        let odd = Self.session { $0.settings.provider.apiKeyEnv = "my-key" }
        #expect(try Self.export(odd, .curl).contains(#"-H "Authorization: Bearer $(printenv 'my-key')""#))
    }

    @Test("curl without a base URL in the session: the wire's variable, else the default")
    func curlBaseURL() throws {
        let s = Self.session { $0.settings.provider.baseURL = nil }
        #expect(try Self.export(s, .curl).contains("'https://api.openai.com/v1/chat/completions'"))
        #expect(try Self.export(s, .curl, environment: ["OPENAI_BASE_URL": "http://localhost:8080/v1/"]).contains("'http://localhost:8080/v1/chat/completions'"))
    }

    @Test("shell quoting: single quotes survive, variables are expanded only where meant")
    func shellQuote() {
        #expect(ShellQuote.single("a'b") == #"'a'\''b'"#)
        #expect(ShellQuote.single("$HOME `x`") == "'$HOME `x`'")
        #expect(ShellQuote.variable("OPENAI_API_KEY") == "$OPENAI_API_KEY")
        #expect(ShellQuote.variable("9KEY") == "$(printenv '9KEY')")
    }

    @Test("Python literals: None, True, False, escapes and numbers as Python reads them")
    func pythonLiteral() {
        let value: JSONValue = ["a": .null, "b": true, "c": [1, 2.5, "x\"\n\u{202E}"], "d": [:]]
        #expect(PythonLiteral.text(value) == """
        {
            "a": None,
            "b": True,
            "c": [
                1,
                2.5,
                "x\\"\\n\\u202e",
            ],
            "d": {},
        }
        """)
    }

    @Test("python: the tools, the messages up to the last user message, a stand-in per tool that says what it is, the options as sent")
    func pythonScript() throws {
        var s = Self.session(choice: .required)
        s.tools.append(SessionTool(definition: ToolDefinition(name: "lookup.user", description: "d", parameters: nil),
                                   binding: .mock(["id": 7])))
        s.tools.append(SessionTool(definition: ToolDefinition(name: "off", description: "d", parameters: nil), binding: .manual, enabled: false))
        let script = try Self.export(s, .python, environment: ["OPENAI_API_KEY": "sk-never-printed-0000"])
        #expect(script.hasPrefix("#!/usr/bin/env python3\n\"\"\"Session \"Weather\" — exported by toolscope."))
        #expect(script.contains(#"BASE_URL = "http://127.0.0.1:9/v1""#))
        #expect(script.contains(#"KEY_VARIABLE = "OPENAI_API_KEY""#))
        #expect(script.contains("FORCED_TOOL_CHOICE = True"))
        #expect(script.contains(#""tool_choice": "required","#))
        #expect(script.contains(#""model": "test-model","#))
        #expect(!script.contains(#""stream""#))
        // Messages up to "And Rome?", not the answer that followed.
        #expect(script.contains(#""content": "And Rome?","#))
        #expect(!script.contains(#""content": "Rome 20.","#))
        #expect(script.contains("def tool_get_weather(arguments):\n    # Stand-in: the builtin demo tool \"get_weather\" runs inside toolscope."))
        #expect(script.contains("def tool_lookup_user(arguments):\n    # A mock binding in toolscope: the same fixed result for every call.\n    return \"{\\\"id\\\":7}\""))
        #expect(script.contains(#""lookup.user": tool_lookup_user,"#))
        #expect(!script.contains("tool_off"))
        #expect(script.contains(#""content": "not JSON: 3 degrees","#))
        #expect(!script.contains("sk-never-printed-0000"))
    }

    @Test("python for another wire says it uses Chat Completions; Anthropic through its OpenAI-compatible /v1")
    func pythonOtherWires() throws {
        let anthropic = try Self.export(Self.session(api: .anthropic) { $0.settings.provider.baseURL = nil }, .python)
        #expect(anthropic.contains("The session speaks Anthropic Messages; this script uses Chat Completions"))
        #expect(anthropic.contains(#"BASE_URL = (os.environ.get("ANTHROPIC_BASE_URL") or "https://api.anthropic.com").rstrip("/") + "/v1""#))
        #expect(anthropic.contains(#"KEY_VARIABLE = "ANTHROPIC_API_KEY""#))
        let responses = try Self.export(Self.session(api: .responses), .python)
        #expect(responses.contains("The session speaks the Responses API; this script uses Chat Completions on the same server."))
    }
}
