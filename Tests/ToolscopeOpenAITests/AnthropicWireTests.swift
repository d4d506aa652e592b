import Testing
@testable import ToolscopeOpenAI
import ToolscopeEngine

/// The Anthropic wire's URL, headers, plain-body decoding and quirk warnings.
@Suite("Anthropic wire")
struct AnthropicWireTests {
    static let key = "sk-ant-test-secret-0123456789"

    static func endpoint(_ base: String = "http://127.0.0.1:9/anthropic", extra: [String: String] = [:]) throws(ProviderError) -> OpenAIEndpoint {
        var config = ProviderConfig(kind: .openai)
        config.api = .anthropic
        config.apiKeyEnv = WireAPI.anthropic.defaultKeyEnv
        config.baseURL = base
        config.extraHeaders = extra
        return try OpenAIEndpoint(config: config, environment: ["ANTHROPIC_API_KEY": key])
    }

    @Test("URL {base}/v1/messages; a base URL that already ends in /v1/messages is refused before sending")
    func url() throws {
        #expect(Wires.make(.anthropic).url(baseURL: "https://api.anthropic.com") == "https://api.anthropic.com/v1/messages")
        #expect(Wires.make(.anthropic) is AnthropicWire)
        #expect(throws: ProviderError.self) { _ = try Self.endpoint("http://127.0.0.1:9/anthropic/v1/messages") }
        do {
            _ = try Self.endpoint("http://127.0.0.1:9/anthropic/v1/messages")
        } catch {
            #expect(error.kind == .configuration)
            #expect(error.message.contains("already ends in /v1/messages"))
        }
    }

    @Test("headers: x-api-key and anthropic-version, no Authorization; the key is masked in what is shown")
    func headers() throws {
        let endpoint = try Self.endpoint()
        let h = AnthropicWire().headers(endpoint, streaming: true)
        #expect(h["x-api-key"] == Self.key)
        #expect(h["anthropic-version"] == "2023-06-01")
        #expect(h["Content-Type"] == "application/json")
        #expect(h["Accept"] == "text/event-stream")
        #expect(h["Authorization"] == nil)
        let shown = endpoint.redactor.headers(h)
        #expect(shown["x-api-key"] == Redactor.mask)
        #expect(!endpoint.redactor.text("echo \(Self.key)").contains(Self.key))
        // A version given as an extra header replaces the default, whatever its case.
        let newer = AnthropicWire().headers(try Self.endpoint(extra: ["Anthropic-Version": "2099-01-01"]), streaming: false)
        #expect(newer["Anthropic-Version"] == "2099-01-01")
        #expect(newer["anthropic-version"] == nil)
    }

    @Test("a plain body: blocks, stop reason, usage and native items; the error envelope is the server's error")
    func decode() throws {
        let body = #"{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"text","text":"Checking."},{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":8}}"#
        let r = try AnthropicWire().decode(Array(body.utf8))
        #expect(r.finishReason == "tool_calls")
        #expect(r.message.content == "Checking.")
        #expect(r.message.toolCalls == [ToolCall(id: "toolu_1", name: "get_weather", arguments: #"{"city":"Paris"}"#)])
        #expect(r.message.native?.items.count == 2)
        #expect(r.usage == Usage(promptTokens: 12, completionTokens: 8))
        #expect(r.warnings.isEmpty)

        let envelope = #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#
        #expect(throws: ProviderError.self) { _ = try AnthropicWire().decode(Array(envelope.utf8)) }
        do {
            _ = try AnthropicWire().decode(Array(envelope.utf8))
        } catch {
            #expect(error.message.contains("Overloaded (type: overloaded_error)"))
        }
        let paused = #"{"content":[{"type":"text","text":"…"}],"stop_reason":"pause_turn","usage":{"input_tokens":1,"output_tokens":1}}"#
        let p = try AnthropicWire().decode(Array(paused.utf8))
        #expect(p.finishReason == "pause_turn")
        #expect(p.warnings.contains { $0.contains("pause_turn") })
        #expect(throws: ProviderError.self) { _ = try AnthropicWire().decode(Array(#"{"id":"x"}"#.utf8)) }
    }

    @Test("warnings: none of its own for several tool_use blocks under disable_parallel_tool_use; a forced tool not called; calls under none")
    func warnings() {
        let tool = ToolDefinition(name: "get_weather", description: nil, parameters: ["type": "object"])
        var settings = SessionSettings()
        settings.parallelToolCalls = false
        let two = ChatResponse(message: .assistant(nil, toolCalls: [ToolCall(id: "a", name: "get_weather", arguments: "{}"),
                                                                     ToolCall(id: "b", name: "get_weather", arguments: "{}")]),
                               finishReason: "tool_calls")
        // Several calls under parallel off are the loop's one warning (it names disable_parallel_tool_use), not the wire's.
        let parallel = AnthropicWire().warnings(request: ChatRequest(messages: [], tools: [tool], settings: settings), response: two)
        #expect(!parallel.contains { $0.contains("parallel") }, "\(parallel)")

        let text = ChatResponse(message: .assistant("no call"), finishReason: "stop")
        let forced = AnthropicWire().warnings(request: ChatRequest(messages: [], tools: [tool], settings: SessionSettings(),
                                                                   toolChoice: .function("get_weather")), response: text)
        #expect(forced.contains { $0.contains("forced the tool get_weather but no tool_use block came back") })
        let any = AnthropicWire().warnings(request: ChatRequest(messages: [], tools: [tool], settings: SessionSettings(), toolChoice: .required),
                                           response: text)
        #expect(any.contains { $0.contains("{\"type\":\"any\"}") })
        let none = AnthropicWire().warnings(request: ChatRequest(messages: [], tools: [tool], settings: SessionSettings(), toolChoice: ToolChoice.none),
                                            response: two)
        #expect(none.contains { $0.contains("{\"type\":\"none\"}") })
        let quiet = AnthropicWire().warnings(request: ChatRequest(messages: [], tools: [tool], settings: SessionSettings()), response: two)
        #expect(quiet.isEmpty)
    }
}
