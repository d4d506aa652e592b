import Foundation
import Testing
@testable import ToolscopeEngine

/// The Responses request body and transcript, built from the engine's chat-shaped session.
@Suite("Responses format")
struct ResponsesFormatTests {
    static let weather = ToolDefinition(name: "get_weather", description: "Current weather for a city.",
                                        parameters: ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]])

    static func request(_ messages: [Message], tools: [ToolDefinition] = [weather], configure: (inout SessionSettings) -> Void = { _ in }) -> ChatRequest {
        var settings = SessionSettings()
        settings.model = "gpt-5-mini"
        configure(&settings)
        return ChatRequest(messages: messages, tools: tools, settings: settings)
    }

    @Test("function tools are flat and always carry strict: false unless the user chose strict")
    func flatTools() throws {
        let strict = ToolDefinition(name: "lookup", description: nil, parameters: ["type": "object", "properties": [:]], strict: true)
        let body = ResponsesFormat.body(Self.request([.user("hi")], tools: [Self.weather, strict]), stream: false)
        let tools = try #require(body["tools"]?.arrayValue)
        let expected: JSONValue = ["type": "function", "name": "get_weather", "description": "Current weather for a city.",
                                   "parameters": ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]],
                                   "strict": false]
        #expect(tools[0] == expected)
        #expect(tools[1]["strict"] == true)
        #expect(tools[1]["description"] == nil)
        #expect(tools[0]["function"] == nil)
    }

    @Test("a custom tool's nested fields become flat")
    func customTool() {
        let custom = ToolDefinition(raw: ["type": "custom", "custom": ["name": "sql", "description": "Runs SQL.", "format": ["type": "text"]]])
        #expect(ResponsesFormat.tool(custom) == ["type": "custom", "name": "sql", "description": "Runs SQL.", "format": ["type": "text"]])
    }

    @Test("tool_choice in every form Responses takes")
    func toolChoices() {
        #expect(ResponsesFormat.toolChoice(.auto) == "auto")
        #expect(ResponsesFormat.toolChoice(.none) == "none")
        #expect(ResponsesFormat.toolChoice(.required) == "required")
        #expect(ResponsesFormat.toolChoice(.function("get_weather")) == ["type": "function", "name": "get_weather"])
        let allowed = ToolChoice.allowedTools(mode: "required", tools: [["type": "function", "function": ["name": "get_weather"]], ["type": "function", "name": "get_time"]])
        let expected: JSONValue = ["type": "allowed_tools", "mode": "required",
                                   "tools": [["type": "function", "name": "get_weather"], ["type": "function", "name": "get_time"]]]
        #expect(ResponsesFormat.toolChoice(allowed) == expected)
        #expect(ResponsesFormat.allowedNames(allowed) == ["get_weather", "get_time"])
        #expect(ResponsesFormat.allowedNames(.auto) == nil)
    }

    @Test("system prompt goes to instructions; calls and results become function_call items")
    func items() throws {
        let call = ToolCall(id: "call_1", name: "get_weather", arguments: #"{"city":"Paris"}"#)
        let messages: [Message] = [.system("Be brief."), .user("Weather in Paris?"), .assistant(nil, toolCalls: [call]),
                                   .tool(callID: "call_1", content: #"{"temp":21}"#), .assistant("Sunny, 21 °C.")]
        let body = ResponsesFormat.body(Self.request(messages) { $0.parallelToolCalls = false; $0.maxCompletionTokens = 50 }, stream: true)
        #expect(body["instructions"] == "Be brief.")
        let expected: JSONValue = [
            ["role": "user", "content": "Weather in Paris?"],
            ["type": "function_call", "call_id": "call_1", "name": "get_weather", "arguments": #"{"city":"Paris"}"#],
            ["type": "function_call_output", "call_id": "call_1", "output": #"{"temp":21}"#],
            ["role": "assistant", "content": "Sunny, 21 °C."],
        ]
        #expect(body["input"] == expected)
        #expect(body["parallel_tool_calls"] == false)
        #expect(body["max_output_tokens"] == 50)
        #expect(body["stream"] == true)
        #expect(body["messages"] == nil)
        #expect(body["stream_options"] == nil)
        #expect(body["store"] == nil)
        #expect(ResponsesFormat.transcript(messages) == body["input"])
        #expect(ResponsesFormat.instructions(messages) == "Be brief.")
    }

    @Test("reasoning items go back verbatim with the calls they preceded; edited arguments win")
    func reasoningRoundTrip() throws {
        let reasoning: JSONValue = ["type": "reasoning", "id": "rs_1", "summary": [], "encrypted_content": "gAAAAB-opaque"]
        let fc: JSONValue = ["type": "function_call", "id": "fc_1", "call_id": "call_9", "name": "get_weather",
                             "arguments": #"{"city":"Pari"}"#, "status": "completed"]
        var warnings: [String] = []
        var assistant = ResponsesFormat.message(output: [reasoning, fc], responseID: "resp_1", warnings: &warnings)
        #expect(warnings.isEmpty)
        #expect(assistant.toolCalls.map(\.id) == ["call_9"])
        assistant.toolCalls[0].arguments = #"{"city":"Paris"}"#  // edited in approval mode
        let messages: [Message] = [.user("Weather?"), assistant, .tool(callID: "call_9", content: "21")]
        let input = try #require(ResponsesFormat.transcript(messages).arrayValue)
        #expect(input[1] == reasoning)
        #expect(input[2]["id"] == "fc_1")
        #expect(input[2]["arguments"] == #"{"city":"Paris"}"#)
        #expect(input[3] == ["type": "function_call_output", "call_id": "call_9", "output": "21"])
        // The session file keeps the items and the response id.
        let saved = try Message(json: assistant.recordJSON)
        #expect(saved.native?.items == [reasoning, fc])
        #expect(saved.native?.responseID == "resp_1")
    }

    @Test("store false asks for encrypted reasoning; previous_response_id sends only the new items")
    func historyModes() throws {
        var warnings: [String] = []
        let assistant = ResponsesFormat.message(output: [["type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "get_weather", "arguments": "{}"]],
                                                responseID: "resp_42", warnings: &warnings)
        let messages: [Message] = [.system("Be brief."), .user("Weather?"), assistant, .tool(callID: "call_1", content: "21")]
        let stateless = ResponsesFormat.body(Self.request(messages) { $0.store = false }, stream: false)
        #expect(stateless["store"] == false)
        #expect(stateless["include"] == ["reasoning.encrypted_content"])
        #expect(stateless["previous_response_id"] == nil)
        #expect(stateless["input"]?.arrayValue?.count == 3)

        let previousRequest = Self.request(messages) { $0.responsesHistory = .previous }
        let previous = ResponsesFormat.body(previousRequest, stream: false)
        #expect(previous["previous_response_id"] == "resp_42")
        #expect(previous["instructions"] == "Be brief.")
        #expect(previous["input"] == [["type": "function_call_output", "call_id": "call_1", "output": "21"]])
        #expect(ResponsesFormat.continuationProblem(previousRequest) == nil)

        let conflicting = Self.request(messages) { $0.responsesHistory = .previous; $0.store = false }
        #expect(ResponsesFormat.body(conflicting, stream: false)["previous_response_id"] == nil)
        #expect(ResponsesFormat.continuationProblem(conflicting)?.contains("store is false") == true)

        let foreign: [Message] = [.user("Weather?"), .assistant("Sunny."), .user("And tomorrow?")]
        let noID = Self.request(foreign) { $0.responsesHistory = .previous }
        #expect(ResponsesFormat.body(noID, stream: false)["input"]?.arrayValue?.count == 3)
        #expect(ResponsesFormat.continuationProblem(noID)?.contains("no Responses id") == true)
    }

    @Test("completion from status, incomplete_details and item types")
    func finishReasons() {
        #expect(ResponsesFormat.finishReason(status: "completed", incompleteReason: nil, hasCalls: true) == "tool_calls")
        #expect(ResponsesFormat.finishReason(status: "completed", incompleteReason: nil, hasCalls: false) == "stop")
        #expect(ResponsesFormat.finishReason(status: "incomplete", incompleteReason: "max_output_tokens", hasCalls: false) == "length")
        #expect(ResponsesFormat.finishReason(status: "incomplete", incompleteReason: "content_filter", hasCalls: false) == "content_filter")
    }

    @Test("usage names map to the engine's, with cached and reasoning tokens")
    func usage() {
        let u = ResponsesFormat.usage(["input_tokens": 120, "input_tokens_details": ["cached_tokens": 100], "output_tokens": 40,
                                       "output_tokens_details": ["reasoning_tokens": 32], "total_tokens": 160])
        #expect(u == Usage(promptTokens: 120, completionTokens: 40, totalTokens: 160, cachedTokens: 100, reasoningTokens: 32))
        #expect(ResponsesFormat.usage(["prompt_tokens": 1, "completion_tokens": 2]) == nil)
    }

    @Test("store and responses_history round-trip through the session file; a bad mode names its path")
    func settingsRoundTrip() throws {
        var settings = SessionSettings()
        settings.store = false
        settings.responsesHistory = .previous
        let back = try SessionSettings(json: settings.json)
        #expect(back.store == false)
        #expect(back.responsesHistory == .previous)
        #expect(back.extra.isEmpty)
        #expect(SessionSettings().json["store"] == nil)
        #expect(SessionSettings().json["responses_history"] == nil)
        #expect(throws: SchemaShapeError.self) { try SessionSettings(json: ["responses_history": "sometimes"], path: "/settings") }
        do throws(SchemaShapeError) {
            _ = try SessionSettings(json: ["responses_history": "sometimes"], path: "/settings")
        } catch {
            #expect(error.path == "/settings/responses_history")
            #expect(error.message.contains("full or previous"))
        }
    }

    @Test("lint on Responses says per tool what strict means; chat lint is unchanged")
    func strictLint() throws {
        let optional: JSONValue = ["type": "object", "properties": ["city": ["type": "string"], "units": ["type": "string"],
                                                                    "filters": ["type": "object", "properties": ["limit": ["type": "integer"]]]],
                                   "required": ["city", "filters"]]
        let unset = ToolDefinition(name: "get_weather", description: "Current weather for a city, with optional units.", parameters: optional)
        let chat = ToolLinter.lint([unset])
        #expect(!chat.contains { $0.rule == "responses-strict" })
        #expect(ToolLinter.lint([unset], api: .chat) == chat)
        let responses = ToolLinter.lint([unset], api: .responses)
        let note = try #require(responses.first { $0.rule == "responses-strict" })
        #expect(note.path == "/0/function")
        #expect(note.message.contains("strict: false"))
        #expect(note.message.contains("units, filters.limit"))
        #expect(responses.filter { $0.rule != "responses-strict" } == chat)

        let strict = ToolDefinition(name: "get_weather", description: "Current weather for a city, with optional units.", parameters: optional, strict: true)
        let strictNote = try #require(ToolLinter.lint([strict], api: .responses).first { $0.rule == "responses-strict" })
        #expect(strictNote.path == "/0/function/strict")
        #expect(strictNote.message.contains("strict: true") && strictNote.message.contains("units"))
        let off = ToolDefinition(name: "get_weather", description: "Current weather for a city, with optional units.", parameters: optional, strict: false)
        #expect(!ToolLinter.lint([off], api: .responses).contains { $0.rule == "responses-strict" })

        // A session file's api decides.
        let session: JSONValue = ["format": .string(ToolLinter.sessionFormat), "settings": ["provider": ["kind": "openai", "api": "responses"]],
                                  "tools": [unset.raw]]
        #expect(ToolLinter.lint(document: session).contains { $0.rule == "responses-strict" && $0.path == "/tools/0/function" })
    }
}
