import Testing
@testable import ToolscopeOpenAI
import ToolscopeEngine

@Suite("Stream assembly")
struct StreamAssemblerTests {
    private func response(_ name: String) throws -> ChatResponse {
        let result = try Fixtures.assemble(try Fixtures.stream(name)).response
        switch result {
        case .success(let r): return r
        case .failure(let e): Issue.record("\(name): \(e)"); throw e
        }
    }

    @Test("one tool call: id and name once, arguments concatenated, usage read")
    func oneCall() throws {
        let r = try response("2018feb66ae1")
        #expect(r.finishReason == "tool_calls")
        #expect(r.message.content == nil)
        #expect(r.message.toolCalls == [ToolCall(id: "call_4XzlGBLtUe9dy3GVNV4jhq7h", name: "get_weather", arguments: #"{"city":"New York City"}"#)])
        #expect(r.usage?.promptTokens == 44)
        #expect(r.usage?.completionTokens == 16)
        let r2 = try response("a247c49c5fcd")
        #expect(r2.message.toolCalls.map(\.arguments) == [#"{"city":"San Francisco","state":"CA"}"#])
        let r3 = try response("c6aa7e397b71")
        #expect(r3.message.toolCalls.first?.name == "GetWeatherArgs")
        #expect(r3.message.toolCalls.first?.arguments == #"{"city":"Edinburgh","country":"UK","units":"c"}"#)
    }

    @Test("two parallel tool calls keyed by index")
    func parallelCalls() throws {
        let r = try response("f82268f2fefd")
        #expect(r.message.toolCalls == [
            ToolCall(id: "call_JMW1whyEaYG438VE1OIflxA2", name: "GetWeatherArgs", arguments: #"{"city": "Edinburgh", "country": "GB", "units": "c"}"#),
            ToolCall(id: "call_DNYTawLBoN8fj3KN6qU9N1Ou", name: "get_stock_price", arguments: #"{"ticker": "AAPL", "exchange": "NASDAQ"}"#),
        ])
        #expect(r.usage?.totalTokens == 209)
    }

    @Test("plain text, with logprobs and unknown keys ignored")
    func text() throws {
        let r = try response("83b060bae42e")
        #expect(r.message.content == "Foo!")
        #expect(r.finishReason == "stop")
        #expect(r.message.toolCalls.isEmpty)
        let long = try response("e2aad469b71d")
        #expect(long.message.content == "I'm unable to provide real-time weather updates. To get the current weather in San Francisco, I recommend checking a reliable weather website or a weather app.")
        let json = try response("d61558011839")
        #expect(json.message.content?.contains("\"windDirection\": \"NW\"") == true)
        #expect(json.message.content?.contains("18°C") == true)
        #expect(json.usage?.completionTokens == 177)
    }

    @Test("n=3: three choices interleaved by index")
    func threeChoices() throws {
        let r = try response("a491adda08c3")
        #expect(r.message.content == #"{"city":"San Francisco","temperature":65,"units":"f"}"#)
        #expect(r.otherChoices.map(\.content) == [#"{"city":"San Francisco","temperature":61,"units":"f"}"#,
                                                   #"{"city":"San Francisco","temperature":59,"units":"f"}"#])
        #expect(r.warnings.isEmpty)
    }

    @Test("a refusal arrives in delta.refusal, content stays null")
    func refusal() throws {
        let r = try response("173417d55340")
        #expect(r.message.refusal == "I'm sorry, I can't assist with that request.")
        #expect(r.message.content == nil)
        #expect(try response("569c877e6942").message.refusal == "I'm very sorry, but I can't assist with that.")
    }

    @Test("length cut-off keeps finish_reason length")
    func lengthCutOff() throws {
        let r = try response("4cc50a6135d2")
        #expect(r.finishReason == "length")
        #expect(r.message.content == "{\"")
    }

    @Test("live deltas: only choice 0, in order, reassembling to the final message")
    func liveDeltas() throws {
        let (_, result, live) = try Fixtures.assemble(try Fixtures.stream("f82268f2fefd"))
        var args: [Int: String] = [:]
        var ids: [Int: String] = [:]
        for case .toolCallDelta(let index, let id, _, let fragment) in live {
            args[index, default: ""] += fragment
            if let id { #expect(ids[index] == nil, "id delivered twice"); ids[index] = id }
        }
        let message = try result.get().message
        #expect(args[0] == message.toolCalls[0].arguments)
        #expect(args[1] == message.toolCalls[1].arguments)
        let (_, _, threeLive) = try Fixtures.assemble(try Fixtures.stream("a491adda08c3"))
        let text = threeLive.compactMap { if case .contentDelta(let s) = $0 { return s } else { return nil } }.joined()
        #expect(text == #"{"city":"San Francisco","temperature":65,"units":"f"}"#)
    }

    @Test("a stream without [DONE] is truncated and keeps what arrived")
    func missingDone() throws {
        let text = String(decoding: try Fixtures.stream("2018feb66ae1"), as: UTF8.self)
            .replacingOccurrences(of: "data: [DONE]\n\n", with: "")
        let result = try Fixtures.assemble(Array(text.utf8)).response
        guard case .failure(let error) = result else { Issue.record("accepted a stream without [DONE]"); return }
        #expect(error.kind == .truncated)
        #expect(error.message.contains("without data: [DONE]"))
        #expect(error.partial?.toolCalls.first?.arguments == #"{"city":"New York City"}"#)
    }

    @Test("[DONE] without a finish_reason is truncated")
    func missingFinishReason() throws {
        let text = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\ndata: [DONE]\n\n"
        let result = try Fixtures.assemble(Array(text.utf8)).response
        guard case .failure(let error) = result else { Issue.record("accepted a stream without finish_reason"); return }
        #expect(error.kind == .truncated)
        #expect(error.message.contains("finish_reason"))
        #expect(error.partial?.content == "Hel")
    }

    @Test("a malformed chunk is an error naming the chunk and keeping the partial")
    func malformed() {
        var assembler = StreamAssembler()
        #expect(throws: Never.self) { _ = try assembler.consume(SSEEvent(text: #"{"choices":[{"index":0,"delta":{"content":"ab"}}]}"#)) }
        do {
            _ = try assembler.consume(SSEEvent(text: #"{"llmock": "malformed"#))
            Issue.record("malformed chunk accepted")
        } catch {
            #expect(error.kind == .malformed)
            #expect(error.message.contains("chunk 2"))
            #expect(error.partial?.content == "ab")
        }
    }

    @Test("an error payload mid-stream is a stream error with the server's words")
    func errorPayload() {
        var assembler = StreamAssembler()
        _ = try? assembler.consume(SSEEvent(text: #"{"choices":[{"index":0,"delta":{"content":"x"}}]}"#))
        do {
            _ = try assembler.consume(SSEEvent(text: #"{"error":{"message":"The server had an error","type":"server_error","code":"boom"}}"#))
            Issue.record("error payload accepted")
        } catch {
            #expect(error.kind == .streamError)
            #expect(error.message.contains("The server had an error"))
            #expect(error.errorType == "server_error")
            #expect(error.errorCode == "boom")
            #expect(error.partial?.content == "x")
        }
    }

    @Test("repeated ids and names are set once; a missing id is named and warned about")
    func lenientToolCalls() throws {
        let chunks = [
            #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":"{\"a\""}}]}}]}"#,
            #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","function":{"name":"f","arguments":":1}"}}]}}]}"#,
            #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"name":"g","arguments":"{}"}}]},"finish_reason":"stop"}],"obfuscation":"zz"}"#,
        ]
        var assembler = StreamAssembler()
        for c in chunks { _ = try assembler.consume(SSEEvent(text: c)) }
        _ = try assembler.consume(SSEEvent(text: "[DONE]"))
        let r = try assembler.finish().get()
        #expect(r.message.toolCalls == [ToolCall(id: "call_1", name: "f", arguments: #"{"a":1}"#),
                                        ToolCall(id: "toolscope_call_1", name: "g", arguments: "{}")])
        #expect(r.finishReason == "stop")
        #expect(r.warnings.contains { $0.contains("tool call 1 came without an id") })
    }
}
