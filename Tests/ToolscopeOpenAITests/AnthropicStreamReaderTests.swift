import Foundation
import Testing
@testable import ToolscopeOpenAI
import ToolscopeEngine

/// The Anthropic stream reader on byte-level fixtures written from the documented event shapes
/// (Tests/ToolscopeOpenAITests/Fixtures/anthropic): what llmock never sends — thinking blocks
/// with signatures, mid-stream errors, a missing message_stop, a final block that differs from
/// its deltas, unknown event types — replayed through the real framer and reader.
@Suite("Anthropic stream reader")
struct AnthropicStreamReaderTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = Fixtures.packageRoot.appendingPathComponent("Tests/ToolscopeOpenAITests/Fixtures/anthropic/\(name).sse")
        guard let data = FileManager.default.contents(atPath: url.path) else { throw Fixtures.FixtureMissing(path: url.path) }
        return Array(data)
    }

    struct Read {
        var live: [TraceEvent.Kind] = []
        var thrown: ProviderError?
        var reader = AnthropicStreamReader()
    }

    /// Frames the bytes in pieces of `split` bytes (every event boundary lands anywhere) and reads them.
    static func read(_ bytes: [UInt8], split: Int = .max) -> Read {
        var framer = SSEFramer()
        var out = Read()
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + split)
            for event in framer.feed(Array(bytes[offset..<end])) {
                do throws(ProviderError) {
                    out.live += try out.reader.consume(event)
                } catch {
                    out.thrown = error
                    return out
                }
            }
            offset = end
        }
        return out
    }

    @Test("thinking with its signature, text and two tool_use blocks: blocks rebuilt verbatim, calls streamed per index")
    func thinkingRoundTrip() throws {
        let bytes = try Self.fixture("thinking-tool-use")
        let read = Self.read(bytes)
        #expect(read.thrown == nil)
        let response = try read.reader.finish().get()
        #expect(response.finishReason == "tool_calls")
        #expect(response.usage == Usage(promptTokens: 412 + 1024, completionTokens: 89, cachedTokens: 1024))
        let m = response.message
        #expect(m.content == "Let me check the weather.")
        #expect(m.toolCalls == [ToolCall(id: "toolu_01A09q90qw90lq917835lq9", name: "get_weather", arguments: #"{"city":"Paris","unit":"c"}"#),
                                ToolCall(id: "toolu_01B7rT2", name: "get_time", arguments: "{}")])
        let native = try #require(m.native)
        #expect(native.wire == .anthropic)
        #expect(native.items.count == 4)
        #expect(native.items[0] == ["type": "thinking", "thinking": "The user wants the weather in Paris. I should call get_weather.",
                                    "signature": "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"])
        #expect(native.items[2] == ["type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "get_weather",
                                    "input": ["city": "Paris", "unit": "c"]])
        #expect(response.warnings.isEmpty, "\(response.warnings)")
        // Live: text pieces, and each call under its own stable index with its fragments.
        let text = read.live.compactMap { if case .contentDelta(let s) = $0 { return s } else { return nil } }.joined()
        #expect(text == "Let me check the weather.")
        // Thinking streams live as reasoning (not as answer text), before the text.
        let thinking = read.live.compactMap { if case .reasoningDelta(let s) = $0 { return s } else { return nil } }
        #expect(thinking.joined() == "The user wants the weather in Paris. I should call get_weather.")
        #expect(thinking.count > 1, "thinking arrives in several thinking_delta pieces in the fixture")
        let firstThinking = read.live.firstIndex { if case .reasoningDelta = $0 { return true } else { return false } }
        let firstText = read.live.firstIndex { if case .contentDelta = $0 { return true } else { return false } }
        #expect(firstThinking != nil && firstText != nil && firstThinking! < firstText!)
        let calls = read.live.compactMap { if case .toolCallDelta(let i, let id, let n, let a) = $0 { return (i, id, n, a) } else { return nil } }
        #expect(calls.map(\.0) == [0, 0, 0, 1])
        #expect(calls[0].1 == "toolu_01A09q90qw90lq917835lq9" && calls[0].2 == "get_weather")
        #expect(calls.filter { $0.0 == 0 }.map(\.3).joined() == #"{"city": "Paris", "unit": "c"}"#)
        #expect(calls[3].2 == "get_time")
        // The turn goes back exactly as it came: thinking block and signature untouched.
        let next = AnthropicFormat.transcript([.user("Weather in Paris?"), m, .tool(callID: "toolu_01A09q90qw90lq917835lq9", content: "21"),
                                               .tool(callID: "toolu_01B7rT2", content: "12:00")])
        #expect(next.arrayValue?[1] == ["role": "assistant", "content": .array(native.items)])
        // And the session file keeps it: saved, loaded, the same blocks.
        let loaded = try Message(json: JSONValue(parsing: m.recordJSON.compact))
        #expect(loaded.native == m.native)
    }

    @Test("through the loop: thinking reaches the trace live as reasoning deltas, the finished turn keeps the signed block")
    func thinkingThroughTheLoop() async throws {
        let text = String(decoding: try Self.fixture("thinking-tool-use"), as: UTF8.self)
        let transport = InMemoryTransport([.stream(text, pieces: 11)])
        var settings = SessionSettings()
        settings.maxRounds = 1
        settings.provider = ProviderConfig(kind: .openai)
        settings.provider.switchWire(to: .anthropic)
        settings.provider.baseURL = "http://127.0.0.1:9999"
        let endpoint = try OpenAIEndpoint(config: settings.provider, environment: ["ANTHROPIC_API_KEY": "sk-ant-unit"])
        let provider = HTTPProvider(endpoint: endpoint, transport: transport)
        let tools = ["get_weather", "get_time"].map {
            SessionTool(definition: ToolDefinition(name: $0, description: nil, parameters: ["type": "object"]), binding: .mock(["ok": true]))
        }
        let session = Session(title: "thinking", settings: settings, tools: tools, messages: [])
        let registry = ToolRegistry(tools: tools, context: SessionContext(baseDirectory: NSTemporaryDirectory()), builtins: .none, external: nil, trusted: true, manual: nil)
        let loop = ToolLoop(session: session, provider: provider, dispatcher: Dispatcher(registry: registry))
        let run = await LLMockLoopTests.send(loop, "Weather in Paris?")
        let kinds = run.kinds
        let reasoning = kinds.compactMap { if case .reasoningDelta(let s) = $0 { return s } else { return nil } }
        #expect(reasoning.joined() == "The user wants the weather in Paris. I should call get_weather.")
        // Live: every reasoning piece comes before the assembled message.
        let lastReasoning = kinds.lastIndex { if case .reasoningDelta = $0 { return true } else { return false } }
        let message = kinds.firstIndex { if case .assistantMessage = $0 { return true } else { return false } }
        #expect(lastReasoning != nil && message != nil && lastReasoning! < message!)
        // The trace line for it, as a session or --json would write it.
        let event = try #require(run.events.first { if case .reasoningDelta = $0.kind { return true } else { return false } })
        #expect(event.json["event"] == "reasoning_delta")
        #expect(try TraceEvent(json: event.json, path: "").kind == event.kind)
        // The round trip keeps the whole signed thinking block.
        let assistant = try #require(loop.session.messages.first { $0.role == .assistant })
        #expect(assistant.native?.items.first?["signature"] == "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds")
        #expect(assistant.content == "Let me check the weather.")
    }

    @Test("any split of the bytes gives the same answer")
    func splits() throws {
        let bytes = try Self.fixture("thinking-tool-use")
        let whole = try Self.read(bytes).reader.finish().get()
        for split in [1, 7, 64, 333] {
            let read = Self.read(bytes, split: split)
            #expect(read.thrown == nil)
            #expect(try read.reader.finish().get() == whole, "split \(split)")
        }
    }

    @Test("an error event mid-stream: a stream error with the server's words and the text so far")
    func midStreamError() throws {
        let read = Self.read(try Self.fixture("midstream-error"))
        let error = try #require(read.thrown)
        #expect(error.kind == .streamError)
        #expect(error.message.contains("Overloaded"))
        #expect(error.errorType == "overloaded_error")
        #expect(error.partial?.content == "The weather in")
    }

    @Test("no message_stop: truncated, keeping the call that arrived")
    func noMessageStop() throws {
        let read = Self.read(try Self.fixture("no-message-stop"))
        #expect(read.thrown == nil)
        #expect(read.reader.endIsNear, "the stop_reason arrived, so the end is near")
        guard case .failure(let error) = read.reader.finish() else {
            Issue.record("a stream without message_stop must not be an answer")
            return
        }
        #expect(error.kind == .truncated)
        #expect(error.message.contains("without message_stop after stop_reason \"tool_use\""))
        #expect(error.partial?.toolCalls.first?.arguments == #"{"city":"Oslo"}"#)
    }

    @Test("a whole block in content_block_stop is authoritative, and a warning says it differed")
    func finalBlockWins() throws {
        let response = try Self.read(try Self.fixture("final-block-differs")).reader.finish().get()
        #expect(response.message.toolCalls.first?.arguments == #"{"city":"Lisbon"}"#)
        #expect(response.warnings.contains { $0.contains("differs from the concatenated deltas") })
    }

    @Test("refusal and an unknown event type: the event is ignored (with a note), the refusal is said")
    func refusalAndUnknownEvent() throws {
        let response = try Self.read(try Self.fixture("refusal-unknown-event")).reader.finish().get()
        #expect(response.message.content == "I can't help with that.")
        #expect(response.finishReason == "content_filter")
        #expect(response.warnings.contains { $0.contains("unknown event type \"future_event\"") })
        #expect(response.warnings.contains { $0.contains("stop_reason: refusal") })
    }

    @Test("malformed tool input: kept as the text the model sent, with a warning; malformed event JSON is an error")
    func malformed() throws {
        var reader = AnthropicStreamReader()
        let events: [String] = [
            #"{"type":"message_start","message":{"id":"m","content":[],"usage":{"input_tokens":1,"output_tokens":1}}}"#,
            #"{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_x","name":"get_weather","input":{}}}"#,
            #"{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"city\": Par"}}"#,
            #"{"type":"content_block_stop","index":0}"#,
            #"{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":3}}"#,
            #"{"type":"message_stop"}"#,
        ]
        for e in events { _ = try reader.consume(SSEEvent(text: e)) }
        let response = try reader.finish().get()
        #expect(response.message.toolCalls.first?.arguments == #"{"city": Par"#)
        #expect(response.message.native?.items.first?["input"] == [AnthropicFormat.unparsedArgumentsKey: #"{"city": Par"#])
        #expect(response.warnings.contains { $0.contains("is not a JSON object") })

        var broken = AnthropicStreamReader()
        _ = try broken.consume(SSEEvent(event: "message_start", text: events[0]))
        #expect(throws: ProviderError.self) { _ = try broken.consume(SSEEvent(event: "content_block_delta", text: "{not json")) }
        do {
            _ = try broken.consume(SSEEvent(event: "content_block_delta", text: "{not json"))
        } catch {
            #expect(error.kind == .malformed)
            #expect(error.message.contains("content_block_delta"))
        }
        #expect(throws: ProviderError.self) {
            _ = try broken.consume(SSEEvent(text: #"{"type":"content_block_delta","index":5,"delta":{"type":"text_delta","text":"x"}}"#))
        }
    }

    @Test("a final message_stop without its blank line is accepted with a warning; anything else unterminated is not")
    func unterminated() throws {
        var reader = AnthropicStreamReader()
        _ = try reader.consume(SSEEvent(text: #"{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":1}}"#))
        #expect(reader.acceptUnterminated(SSEEvent(text: #"{"type":"ping"}"#)) == nil)
        #expect(reader.acceptUnterminated(SSEEvent(text: #"{"type":"message_stop"}"#)) != nil)
        #expect(try reader.finish().get().finishReason == "stop")
    }
}
