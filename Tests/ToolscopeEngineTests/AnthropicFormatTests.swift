import Testing
@testable import ToolscopeEngine

/// The Anthropic Messages request built from the engine's chat-shaped session: every rule of
/// `AnthropicFormat` checked on the exact JSON it produces.
@Suite("Anthropic request format")
struct AnthropicFormatTests {
    static let weather = ToolDefinition(name: "get_weather", description: "Current weather for a city.",
                                        parameters: ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]])
    static let time = ToolDefinition(name: "get_time", description: nil, parameters: nil)

    static func request(_ messages: [Message], tools: [ToolDefinition] = [weather], choice: ToolChoice = .auto,
                        configure: (inout SessionSettings) -> Void = { _ in }) -> ChatRequest {
        var settings = SessionSettings()
        settings.model = "claude-test"
        configure(&settings)
        return ChatRequest(messages: messages, tools: tools, settings: settings, toolChoice: choice)
    }

    @Test("tools carry input_schema, no function wrapper; a tool without parameters gets an empty object schema")
    func tools() throws {
        let body = AnthropicFormat.body(Self.request([.user("hi")], tools: [Self.weather, Self.time]), stream: false)
        let tools = try #require(body["tools"]?.arrayValue)
        #expect(tools.count == 2)
        #expect(tools[0] == ["name": "get_weather", "description": "Current weather for a city.",
                             "input_schema": ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]]])
        #expect(tools[1] == ["name": "get_time", "input_schema": ["type": "object", "properties": [:]]])
        #expect(body["tool_choice"] == ["type": "auto"])
    }

    @Test("no tools: neither tools nor tool_choice is sent")
    func noTools() {
        let body = AnthropicFormat.body(Self.request([.user("hi")], tools: []), stream: false)
        #expect(body["tools"] == nil)
        #expect(body["tool_choice"] == nil)
    }

    @Test("tool_choice: auto, required → any, a function → tool, none; disable_parallel_tool_use when parallel is off")
    func toolChoice() {
        #expect(AnthropicFormat.toolChoice(.auto, parallel: nil) == ["type": "auto"])
        #expect(AnthropicFormat.toolChoice(.required, parallel: true) == ["type": "any"])
        #expect(AnthropicFormat.toolChoice(.function("get_weather"), parallel: nil) == ["type": "tool", "name": "get_weather"])
        #expect(AnthropicFormat.toolChoice(.none, parallel: false) == ["type": "none"])
        #expect(AnthropicFormat.toolChoice(.auto, parallel: false) == ["type": "auto", "disable_parallel_tool_use": true])
        #expect(AnthropicFormat.toolChoice(.required, parallel: false) == ["type": "any", "disable_parallel_tool_use": true])
        #expect(AnthropicFormat.toolChoice(.function("f"), parallel: false) == ["type": "tool", "name": "f", "disable_parallel_tool_use": true])
        let body = AnthropicFormat.body(Self.request([.user("hi")], choice: .required) { $0.parallelToolCalls = false }, stream: true)
        #expect(body["tool_choice"] == ["type": "any", "disable_parallel_tool_use": true])
        #expect(body["parallel_tool_calls"] == nil)
    }

    @Test("allowed_tools narrows the tools sent and maps its mode to any or auto")
    func allowedTools() {
        let choice = ToolChoice.allowedTools(mode: "required", tools: [["type": "function", "function": ["name": "get_time"]]])
        let body = AnthropicFormat.body(Self.request([.user("hi")], tools: [Self.weather, Self.time], choice: choice), stream: false)
        #expect(body["tools"]?.arrayValue?.map { $0["name"] } == ["get_time"])
        #expect(body["tool_choice"] == ["type": "any"])
        #expect(AnthropicFormat.toolChoice(.allowedTools(mode: "auto", tools: []), parallel: nil) == ["type": "auto"])
    }

    @Test("system and developer messages become the top-level system; max_tokens always sent")
    func systemAndMaxTokens() {
        let one = AnthropicFormat.body(Self.request([.system("Be brief."), .user("hi")]), stream: false)
        #expect(one["system"] == "Be brief.")
        #expect(one["messages"] == [["role": "user", "content": "hi"]])
        #expect(one["max_tokens"] == .number(Double(AnthropicFormat.defaultMaxTokens)))
        #expect(one["stream"] == nil)
        let two = AnthropicFormat.body(Self.request([.system("A."), Message(role: .developer, content: "B."), .user("hi")]) {
            $0.maxCompletionTokens = 300
            $0.temperature = 0.5
        }, stream: true)
        #expect(two["system"] == [["type": "text", "text": "A."], ["type": "text", "text": "B."]])
        #expect(two["max_tokens"] == 300)
        #expect(two["temperature"] == 0.5)
        #expect(two["stream"] == true)
        #expect(two["max_completion_tokens"] == nil)
        let none = AnthropicFormat.body(Self.request([.user("hi")]), stream: false)
        #expect(none["system"] == nil)
    }

    @Test("a tool round: text + tool_use blocks, then all results as tool_result blocks at the start of one user message")
    func resultGrouping() {
        let calls = [ToolCall(id: "toolu_1", name: "get_weather", arguments: #"{"city":"Paris"}"#),
                     ToolCall(id: "toolu_2", name: "get_weather", arguments: #"{"city":"Oslo"}"#)]
        let messages: [Message] = [.system("s"), .user("Weather?"), .assistant("Checking.", toolCalls: calls),
                                   .tool(callID: "toolu_1", content: #"{"t":21}"#),
                                   .tool(callID: "toolu_2", content: #"{"error":"unknown city"}"#, isError: true),
                                   .assistant("Paris 21.")]
        let expected: JSONValue = [
            ["role": "user", "content": "Weather?"],
            ["role": "assistant", "content": [
                ["type": "text", "text": "Checking."],
                ["type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": ["city": "Paris"]],
                ["type": "tool_use", "id": "toolu_2", "name": "get_weather", "input": ["city": "Oslo"]],
            ]],
            ["role": "user", "content": [
                ["type": "tool_result", "tool_use_id": "toolu_1", "content": #"{"t":21}"#],
                ["type": "tool_result", "tool_use_id": "toolu_2", "content": #"{"error":"unknown city"}"#, "is_error": true],
            ]],
            ["role": "assistant", "content": [["type": "text", "text": "Paris 21."]]],
        ]
        #expect(AnthropicFormat.transcript(messages) == expected)
    }

    @Test("consecutive same-role messages merge; a user's text after results follows them in the same message")
    func merging() {
        let messages: [Message] = [.user("one"), .user("two"), .assistant(nil, toolCalls: [ToolCall(id: "t1", name: "f", arguments: "{}")]),
                                   .tool(callID: "t1", content: "ok"), .user("and now?")]
        let t = AnthropicFormat.transcript(messages)
        #expect(t.arrayValue?.map { $0["role"] } == ["user", "assistant", "user"])
        #expect(t.arrayValue?[0]["content"] == [["type": "text", "text": "one"], ["type": "text", "text": "two"]])
        #expect(t.arrayValue?[1]["content"] == [["type": "tool_use", "id": "t1", "name": "f", "input": [:]]])
        #expect(t.arrayValue?[2]["content"] == [["type": "tool_result", "tool_use_id": "t1", "content": "ok"], ["type": "text", "text": "and now?"]])
    }

    @Test("arguments that are not a JSON object are sent under one key and read back exactly")
    func unparsedArguments() {
        for raw in [#"{"city": "Par"#, "[1,2]", "\"Paris\"", "not json"] {
            let input = AnthropicFormat.input(fromArguments: raw)
            #expect(input == .object([AnthropicFormat.unparsedArgumentsKey: .string(raw)]))
            #expect(AnthropicFormat.arguments(fromInput: input) == raw)
        }
        #expect(AnthropicFormat.input(fromArguments: "  ") == [:])
        #expect(AnthropicFormat.input(fromArguments: #"{"a":[1]}"#) == ["a": [1]])
        #expect(AnthropicFormat.arguments(fromInput: ["a": [1]]) == #"{"a":[1]}"#)
    }

    @Test("an Anthropic turn goes back verbatim from its native blocks, thinking and signature included")
    func nativeSentBack() {
        let blocks: [JSONValue] = [["type": "thinking", "thinking": "Need the weather.", "signature": "EqQBCgIYAhIM"],
                                   ["type": "tool_use", "id": "toolu_9", "name": "get_weather", "input": ["city": "Paris"]]]
        let message = AnthropicFormat.message(blocks: blocks)
        #expect(message.toolCalls == [ToolCall(id: "toolu_9", name: "get_weather", arguments: #"{"city":"Paris"}"#)])
        #expect(message.content == nil)
        #expect(message.native == NativeItems(wire: .anthropic, items: blocks))
        let t = AnthropicFormat.transcript([.user("w?"), message, .tool(callID: "toolu_9", content: "sunny")])
        #expect(t.arrayValue?[1]["content"] == .array(blocks))
        // A turn another wire produced is converted, not sent as that wire's items.
        var foreign = Message.assistant("hi")
        foreign.native = NativeItems(wire: .responses, items: [["type": "reasoning", "id": "rs_1"]])
        #expect(AnthropicFormat.transcript([.user("a"), foreign]).arrayValue?[1]["content"] == [["type": "text", "text": "hi"]])
    }

    @Test("stop reasons read as the loop's finish reasons; usage counts cached input in the prompt")
    func stopReasonAndUsage() {
        #expect(AnthropicFormat.finishReason(stopReason: "tool_use") == "tool_calls")
        #expect(AnthropicFormat.finishReason(stopReason: "end_turn") == "stop")
        #expect(AnthropicFormat.finishReason(stopReason: "stop_sequence") == "stop")
        #expect(AnthropicFormat.finishReason(stopReason: "max_tokens") == "length")
        #expect(AnthropicFormat.finishReason(stopReason: "refusal") == "content_filter")
        #expect(AnthropicFormat.finishReason(stopReason: "pause_turn") == "pause_turn")
        let u = AnthropicFormat.usage(["input_tokens": 10, "output_tokens": 5, "cache_read_input_tokens": 100, "cache_creation_input_tokens": 20])
        #expect(u == Usage(promptTokens: 130, completionTokens: 5, cachedTokens: 100))
        #expect(AnthropicFormat.usage(["output_tokens": 5]) == nil)
    }

    @Test("a tool message's error flag is saved as is_error and read back; Chat Completions never sends it")
    func errorFlagRoundTrip() throws {
        let m = Message.tool(callID: "c1", content: #"{"error":"boom"}"#, isError: true)
        #expect(m.json["is_error"] == nil)
        #expect(m.recordJSON["is_error"] == true)
        let back = try Message(json: m.recordJSON)
        #expect(back.isError)
        #expect(back.extra.isEmpty)
        #expect(try Message(json: Message.tool(callID: "c1", content: "ok").recordJSON).isError == false)
    }
}
