import Foundation
import Testing
@testable import ToolscopeOpenAI
import ToolscopeEngine

/// The Responses stream reader and decoder on byte-level fixtures written from the documented
/// event shapes (Fixtures/responses), for what llmock never sends: reasoning items with
/// encrypted content, `response.incomplete`, `response.failed`, an `error` event mid-stream,
/// and a final item that differs from its deltas. Each is framed and read by the real code,
/// whole and cut into small pieces.
@Suite("Responses stream (fixtures)")
struct ResponsesStreamTests {
    static let directory = Fixtures.packageRoot.appendingPathComponent("Tests/ToolscopeOpenAITests/Fixtures/responses")

    static func bytes(_ name: String) throws -> [UInt8] {
        let path = directory.appendingPathComponent(name + ".sse").path
        guard let data = FileManager.default.contents(atPath: path) else { throw Fixtures.FixtureMissing(path: path) }
        return Array(data)
    }

    struct Read {
        var result: Result<ChatResponse, ProviderError>
        var live: [TraceEvent.Kind]
    }

    /// Frames the bytes in pieces of `piece` bytes and reads them; an error thrown mid-stream is the result.
    static func read(_ name: String, piece: Int = .max) throws -> Read {
        let all = try bytes(name)
        var framer = SSEFramer()
        var reader = ResponsesStreamReader()
        var live: [TraceEvent.Kind] = []
        var start = 0
        while start < all.count {
            let end = min(all.count, start + min(piece, all.count))
            for event in framer.feed(Array(all[start..<end])) {
                do throws(ProviderError) {
                    live += try reader.consume(event)
                } catch {
                    return Read(result: .failure(error), live: live)
                }
            }
            start = end
        }
        return Read(result: reader.finish(), live: live)
    }

    static func success(_ read: Read, sourceLocation: SourceLocation = #_sourceLocation) throws -> ChatResponse {
        switch read.result {
        case .success(let r): return r
        case .failure(let e):
            Issue.record("expected an answer, got \(e)", sourceLocation: sourceLocation)
            throw e
        }
    }

    static func failure(_ read: Read, sourceLocation: SourceLocation = #_sourceLocation) throws -> ProviderError {
        switch read.result {
        case .failure(let e): return e
        case .success(let r):
            Issue.record("expected an error, got \(r)", sourceLocation: sourceLocation)
            throw ProviderError(kind: .script, message: "unexpected success")
        }
    }

    @Test("reasoning with encrypted content, then two calls: call_ids, stable indices, usage, native items from .done", arguments: [Int.max, 7])
    func reasoningAndCalls(piece: Int) throws {
        let read = try Self.read("reasoning-calls", piece: piece)
        let r = try Self.success(read)
        #expect(r.finishReason == "tool_calls")
        #expect(r.message.toolCalls == [ToolCall(id: "call_Pa1", name: "get_weather", arguments: #"{"city":"Paris"}"#),
                                        ToolCall(id: "call_Os2", name: "get_weather", arguments: #"{"city":"Oslo"}"#)])
        #expect(r.usage == Usage(promptTokens: 310, completionTokens: 95, totalTokens: 405, cachedTokens: 256, reasoningTokens: 64))
        #expect(r.warnings.isEmpty, "\(r.warnings)")
        let native = try #require(r.message.native)
        #expect(native.wire == .responses)
        #expect(native.responseID == "resp_r1")
        #expect(native.items.count == 3)
        // The complete encrypted content from output_item.done, not the partial one from .added.
        #expect(native.items[0]["encrypted_content"] == "gAAAAABpXq3-full-opaque-blob==")
        // Live: each call announced with its call_id and name, then its fragments, on its own index.
        let deltas = read.live.compactMap { e -> (Int, String?, String?, String)? in
            if case .toolCallDelta(let i, let id, let name, let args) = e { return (i, id, name, args) } else { return nil }
        }
        #expect(deltas.map(\.0) == [0, 0, 0, 1, 1, 1])
        #expect(deltas.filter { $0.0 == 0 }.map(\.3).joined() == #"{"city":"Paris"}"#)
        #expect(deltas[0].1 == "call_Pa1" && deltas[0].2 == "get_weather")
        #expect(deltas[3].1 == "call_Os2")
        // The reasoning summary streams live as reasoning, before the first call, never as answer text.
        let reasoning = read.live.compactMap { if case .reasoningDelta(let s) = $0 { return s } else { return nil } }
        #expect(reasoning.joined() == "Need weather for both cities.")
        let firstReasoning = read.live.firstIndex { if case .reasoningDelta = $0 { return true } else { return false } }
        let firstCall = read.live.firstIndex { if case .toolCallDelta = $0 { return true } else { return false } }
        #expect(firstReasoning != nil && firstCall != nil && firstReasoning! < firstCall!)
        #expect(!read.live.contains { if case .contentDelta = $0 { return true } else { return false } })
        // Sent back next turn: reasoning item first, verbatim, before the calls it preceded.
        let input = try #require(ResponsesFormat.transcript([.user("Weather?"), r.message, .tool(callID: "call_Pa1", content: "1"), .tool(callID: "call_Os2", content: "2")]).arrayValue)
        #expect(input.map { $0["type"]?.stringValue } == [nil, "reasoning", "function_call", "function_call", "function_call_output", "function_call_output"])
        #expect(input[1] == native.items[0])
    }

    @Test("response.incomplete for max_output_tokens: finish reason length, a warning, the text kept")
    func incomplete() throws {
        let read = try Self.read("incomplete", piece: 5)
        let r = try Self.success(read)
        #expect(r.finishReason == "length")
        #expect(r.message.content == "The weather in Paris is")
        #expect(r.warnings.contains { $0.contains("incomplete") && $0.contains("max_output_tokens") })
        #expect(read.live == [.contentDelta("The weather "), .contentDelta("in Paris is")])
    }

    @Test("response.failed is an error with the server's code and message")
    func failed() throws {
        let e = try Self.failure(try Self.read("failed"))
        #expect(e.kind == .streamError)
        #expect(e.errorCode == "server_error")
        #expect(e.message.contains("The server had an error"))
    }

    @Test("an error event mid-stream is an error that keeps the partial call")
    func errorEvent() throws {
        let e = try Self.failure(try Self.read("error-event", piece: 11))
        #expect(e.kind == .streamError)
        #expect(e.errorCode == "rate_limit_exceeded")
        #expect(e.message.contains("Rate limit reached"))
        #expect(e.partial?.toolCalls.first?.id == "call_Pa1")
        #expect(e.partial?.toolCalls.first?.arguments == #"{"city":"Pa"#)
    }

    @Test("the final item wins over its deltas, and the trace is told")
    func finalDiffers() throws {
        let r = try Self.success(try Self.read("final-differs"))
        #expect(r.message.toolCalls.first?.arguments == #"{"city":"Paris","units":"c"}"#)
        #expect(r.warnings.contains { $0.contains("differ from the concatenated deltas") && $0.contains("final item is used") })
    }

    @Test("a stream without a terminal event is truncated and keeps what arrived")
    func truncated() throws {
        let e = try Self.failure(try Self.read("truncated"))
        #expect(e.kind == .truncated)
        #expect(e.message.contains("without response.completed"))
        #expect(e.partial?.toolCalls.first?.arguments == #"{"city":"Pa"#)
        #expect(e.partial?.native?.responseID == "resp_t1")
    }

    @Test("a gap in sequence_number and events after the terminal one are warnings; a terminal event without its blank line is accepted")
    func leniency() throws {
        var reader = ResponsesStreamReader()
        _ = try reader.consume(SSEEvent(event: "response.created", text: #"{"type":"response.created","sequence_number":0,"response":{"id":"resp_g"}}"#))
        _ = try reader.consume(SSEEvent(event: "response.output_item.added",
                                        text: #"{"type":"response.output_item.added","sequence_number":3,"output_index":0,"item":{"type":"message","id":"msg_1","content":[]}}"#))
        #expect(try reader.consume(SSEEvent(event: "response.output_text.delta",
                                            text: #"{"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_1","delta":"Hi"}"#)) == [.contentDelta("Hi")])
        let end = SSEEvent(event: "response.completed", text: #"{"type":"response.completed","sequence_number":5,"response":{"id":"resp_g","status":"completed","output":[]}}"#)
        #expect(reader.acceptUnterminated(end)?.contains("no blank line") == true)
        #expect(reader.endIsNear)
        _ = try reader.consume(SSEEvent(event: "response.output_text.delta", text: #"{"type":"response.output_text.delta","item_id":"msg_1","delta":"late"}"#))
        let r = try reader.finish().get()
        #expect(r.message.content == "Hi", "the streamed item stands in for an empty terminal output, keyed by item_id")
        #expect(r.finishReason == "stop")
        #expect(r.warnings.contains { $0.contains("jumped from 0 to 3") })
        #expect(r.warnings.contains { $0.contains("after response.completed") })
        #expect(r.warnings.contains { $0.contains("never got response.output_item.done") })
        var other = ResponsesStreamReader()
        #expect(other.acceptUnterminated(SSEEvent(event: "response.output_text.delta", text: "{}")) == nil, "only a terminal event may end a stream")
    }

    @Test("a data line that is not JSON is malformed, naming the event")
    func malformedEvent() throws {
        var reader = ResponsesStreamReader()
        _ = try reader.consume(SSEEvent(event: "response.created", text: #"{"type":"response.created","response":{"id":"resp_1"}}"#))
        #expect(throws: ProviderError.self) { try reader.consume(SSEEvent(event: "response.output_item.added", text: #"{"type":"response.output_item.added","item":{"#)) }
        do throws(ProviderError) {
            _ = try reader.consume(SSEEvent(event: "response.output_item.added", text: #"{"type":"response.output_item.added","item":{"#))
        } catch {
            #expect(error.kind == .malformed)
            #expect(error.message.contains("event 2") && error.message.contains("response.output_item.added"))
        }
    }

    @Test("a plain body: calls with call_id, status and usage; failed is an error; an error body is one")
    func plainBody() throws {
        let body = #"{"id":"resp_p1","object":"response","status":"completed","output":[{"type":"message","id":"msg_1","role":"assistant","content":[{"type":"output_text","text":"Checking.","annotations":[]}]},{"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":"{\"city\":\"Paris\"}","status":"completed"}],"usage":{"input_tokens":9,"output_tokens":4,"total_tokens":13}}"#
        let r = try ResponsesDecoder.decode(Array(body.utf8))
        #expect(r.finishReason == "tool_calls")
        #expect(r.message.content == "Checking.")
        #expect(r.message.toolCalls == [ToolCall(id: "call_1", name: "get_weather", arguments: #"{"city":"Paris"}"#)])
        #expect(r.usage?.totalTokens == 13)
        #expect(r.message.native?.responseID == "resp_p1")
        let failed = #"{"id":"resp_p2","object":"response","status":"failed","output":[],"error":{"code":"server_error","message":"boom"}}"#
        #expect(throws: ProviderError.self) { try ResponsesDecoder.decode(Array(failed.utf8)) }
        let error = #"{"error":{"message":"bad","type":"invalid_request_error","code":null}}"#
        do throws(ProviderError) {
            _ = try ResponsesDecoder.decode(Array(error.utf8))
            Issue.record("an error body decoded as an answer")
        } catch {
            #expect(error.kind == .http)
            #expect(error.message.contains("bad"))
        }
    }

    @Test("through the provider: URL, Bearer key, flat body, raw SSE kept, time to first token")
    func throughProvider() async throws {
        let text = String(decoding: try Self.bytes("reasoning-calls"), as: UTF8.self)
        let transport = InMemoryTransport([.stream(text, pieces: 9)])
        let provider = try HTTPProviderTests.provider(transport) { $0.api = .responses }
        let (result, events, _) = await HTTPProviderTests.run(provider, HTTPProviderTests.request())
        let response = try result.get()
        #expect(response.rawBody?.contains("event: response.output_item.added") == true)
        #expect(response.timeToFirstToken != nil)
        let sent = try #require(transport.requests.first)
        #expect(sent.url == "http://127.0.0.1:9999/v1/responses")
        #expect(sent.headers["Authorization"] == "Bearer \(HTTPProviderTests.key)")
        let body = try JSONValue(parsing: String(decoding: sent.body, as: UTF8.self))
        #expect(body["input"] == [["role": "user", "content": "weather?"]])
        #expect(body["tools"]?.arrayValue?.first?["name"] == "get_weather")
        #expect(body["tools"]?.arrayValue?.first?["strict"] == false)
        #expect(events.contains { if case .requestSent(let url, _, _, _) = $0 { return url.hasSuffix("/responses") } else { return false } })
    }

    @Test("warnings: a call outside allowed_tools, tool_choice none ignored")
    func wireWarnings() {
        let wire = ResponsesWire()
        var request = HTTPProviderTests.request()
        request.toolChoice = .allowedTools(mode: "auto", tools: [["type": "function", "name": "get_time"]])
        let called = ChatResponse(message: .assistant(nil, toolCalls: [ToolCall(id: "c", name: "get_weather", arguments: "{}")]), finishReason: "tool_calls")
        #expect(wire.warnings(request: request, response: called).contains { $0.contains("allowed_tools permits only get_time") && $0.contains("get_weather") })
        request.toolChoice = .none
        #expect(wire.warnings(request: request, response: called).contains { $0.contains("\"none\"") })
        request.toolChoice = .auto
        #expect(wire.warnings(request: request, response: called).isEmpty)
    }
}
