import Foundation
import Testing
@testable import ToolscopeOpenAI
import ToolscopeEngine

/// The whole loop on the Responses wire (`POST /v1/responses`) against a real llmock server,
/// one server per test, as `LLMockLoopTests` does for Chat Completions: the calls, the results
/// sent back as `function_call_output` items, the trace, and every fault llmock can make.
@Suite("Responses loop against llmock", .serialized)
struct ResponsesLLMockTests {
    typealias L = LLMockLoopTests

    static func loop(_ server: LLMockServer, stream: Bool = true, configure: (inout SessionSettings) -> Void = { _ in }) throws -> ToolLoop {
        try L.loop(server, stream: stream) { settings in
            settings.provider.api = .responses
            configure(&settings)
        }
    }

    static func bodies(_ run: L.Run) -> [JSONValue] {
        run.kinds.compactMap { if case .requestSent(_, _, let b, _) = $0 { return b } else { return nil } }
    }

    static func warnings(_ run: L.Run) -> [String] {
        run.kinds.compactMap { if case .warning(let w) = $0 { return w } else { return nil } }
    }

    @Test("three parallel streamed calls: call_ids, function_call_output items, native items sent back, the answer")
    func parallelStreamed() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([L.threeCalls])
        let loop = try Self.loop(server)
        let run = await L.send(loop)
        #expect(run.result.reason == .answered)
        #expect(run.result.rounds == 2)
        let session = loop.session
        let assistant = try #require(session.messages.first { !$0.toolCalls.isEmpty })
        #expect(assistant.toolCalls.map(\.name) == ["get_weather", "get_weather", "get_weather"])
        #expect(assistant.toolCalls.allSatisfy { $0.id.hasPrefix("call_") }, "the engine's id is the call_id")
        let cities = assistant.toolCalls.map { (try? JSONValue(parsing: $0.arguments))?["city"]?.stringValue }
        #expect(cities == ["Paris", "Oslo", "Lisbon"])
        let native = try #require(assistant.native)
        #expect(native.wire == .responses)
        #expect(native.responseID?.hasPrefix("resp_") == true)
        #expect(native.items.filter { $0["type"] == "function_call" }.allSatisfy { $0["id"]?.stringValue?.hasPrefix("fc_") == true })
        #expect(session.messages.last?.role == .assistant)
        #expect(session.messages.last?.content?.isEmpty == false)
        L.expectConsistent(session)
        // The trace: every call's arguments streaming on its own index, usage, the exact bodies.
        let deltaIndices = Set(run.kinds.compactMap { if case .toolCallDelta(let i, _, _, _) = $0 { return i } else { return nil } })
        #expect(deltaIndices == [0, 1, 2])
        let fragments = run.kinds.filter { if case .toolCallDelta = $0 { return true } else { return false } }.count
        #expect(fragments > 6, "arguments should arrive in several fragments per call")
        #expect(run.kinds.contains { if case .usage = $0 { return true } else { return false } })
        let bodies = Self.bodies(run)
        #expect(bodies.count == 2)
        #expect(bodies[0]["instructions"] == "Use the tools.")
        #expect(bodies[0]["tools"]?.arrayValue?.first?["strict"] == false)
        #expect(bodies[0]["messages"] == nil)
        let input = try #require(bodies[1]["input"]?.arrayValue)
        #expect(input.map { $0["type"]?.stringValue ?? $0["role"]?.stringValue } ==
                ["user", "function_call", "function_call", "function_call", "function_call_output", "function_call_output", "function_call_output"])
        #expect(input[4]["call_id"]?.stringValue == assistant.toolCalls[0].id)
        // llmock received exactly that on /v1/responses.
        let journal = try await server.journal()
        #expect(journal.count == 2)
        #expect(journal.allSatisfy { $0["path"]?.stringValue == "/v1/responses" })
        #expect(journal.last?["body"]?["input"]?.arrayValue?.filter { $0["type"] == "function_call_output" }.count == 3)
        // The raw view: the wire's named events as they came.
        let raw = run.kinds.compactMap { k -> String? in
            if case .assistantMessage(_, _, _, _, let body) = k { return body } else { return nil }
        }
        #expect(raw.first?.contains("event: response.function_call_arguments.delta") == true)
        #expect(raw.first?.contains("event: response.completed") == true)
    }

    @Test("non-streaming: the same loop with plain response objects")
    func nonStreaming() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([L.threeCalls])
        let loop = try Self.loop(server, stream: false)
        let run = await L.send(loop)
        #expect(run.result.reason == .answered)
        #expect(loop.session.messages.filter { $0.role == .tool }.count == 3)
        L.expectConsistent(loop.session)
        #expect(!run.kinds.contains { if case .toolCallDelta = $0 { return true } else { return false } })
        #expect(Self.bodies(run).allSatisfy { $0["stream"] == nil })
        #expect(try await server.journal().allSatisfy { $0["stream"] == false })
    }

    @Test("429 with Retry-After, then success: the wait is honoured and traced")
    func rateLimit() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "fail", "status": 429, "retry_after": 0.6]])
        let loop = try Self.loop(server)
        let run = await L.send(loop, "Say hello")
        #expect(run.result.reason == .answered)
        let r = L.retries(run)
        #expect(r.count == 1)
        #expect(r.first?.1 == 0.6)
        #expect(r.first?.2.contains("429") == true)
        let sentTimes = run.events.filter { if case .requestSent = $0.kind { return true } else { return false } }.map(\.time)
        #expect(sentTimes.count >= 2 && sentTimes[1] - sentTimes[0] >= 0.6)
        L.expectConsistent(loop.session)
    }

    @Test("500 until the retries run out: the server's message and the give-up")
    func serverError() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "fail", "status": 500, "retry_after": 0.05, "times": nil, "message": "upstream exploded"]])
        let loop = try Self.loop(server)
        let run = await L.send(loop, "Say hello")
        #expect(run.result.reason == .error)
        #expect(L.retries(run).count == 2)
        let (text, _) = try #require(L.errorText(run))
        #expect(text.contains("HTTP 500") && text.contains("upstream exploded") && text.contains("gave up after 3 attempts"))
        #expect(loop.session.messages.last?.role == .user)
    }

    @Test("a truncated stream (no response.completed) is an error that keeps what arrived")
    func truncated() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "stream_fault", "kind": "truncate", "after_chunks": 5], ["type": "reply", "text": "one two three four five six"]])
        let loop = try Self.loop(server)
        let run = await L.send(loop, "Say hello")
        #expect(run.result.reason == .error)
        let (text, partial) = try #require(L.errorText(run))
        #expect(text.contains("without response.completed"))
        #expect(partial?.content?.isEmpty == false)
        #expect(loop.session.messages.last?.role == .user)
        #expect(L.retries(run).isEmpty)
    }

    @Test("a malformed event is reported as malformed")
    func malformed() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "stream_fault", "kind": "malformed", "after_chunks": 2]])
        let loop = try Self.loop(server)
        let run = await L.send(loop, "Say hello")
        #expect(run.result.reason == .error)
        let (text, _) = try #require(L.errorText(run))
        #expect(text.contains("is not valid JSON"))
        #expect(loop.session.messages.last?.role == .user)
    }

    @Test("a disconnect mid-stream keeps the partial call and runs nothing")
    func disconnect() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([L.threeCalls, ["type": "stream_fault", "kind": "disconnect", "after_chunks": 5]])
        let loop = try Self.loop(server)
        let run = await L.send(loop)
        #expect(run.result.reason == .error)
        let (text, partial) = try #require(L.errorText(run))
        #expect(text.contains("in the middle of the stream") || text.contains("closed the connection"))
        #expect(partial?.toolCalls.first?.name == "get_weather")
        #expect(!loop.session.messages.contains { !$0.toolCalls.isEmpty }, "a partial call must not be run")
        L.expectConsistent(loop.session)
    }

    @Test("a stall past the read timeout fails fast")
    func stall() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "stream_fault", "kind": "stall", "after_chunks": 2, "stall_seconds": 20]])
        let loop = try Self.loop(server) { $0.provider.readTimeout = 0.5 }
        let run = await L.send(loop, "Say hello")
        #expect(run.result.reason == .error)
        let (text, _) = try #require(L.errorText(run))
        #expect(text.contains("stalled"))
        #expect(run.seconds < 5)
    }

    @Test("malformed arguments: the tool gets an error result, the loop goes on to an answer")
    func malformedArguments() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "tool_fault", "kind": "malformed_arguments"]])
        let loop = try Self.loop(server)
        let run = await L.send(loop, "What is the weather in Paris?")
        #expect(run.result.reason == .answered)
        let result = try #require(loop.session.messages.first { $0.role == .tool })
        #expect(result.content?.contains("error") == true)
        let second = try #require(Self.bodies(run).dropFirst().first)
        #expect(second["input"]?.arrayValue?.contains { $0["type"] == "function_call_output" } == true)
        L.expectConsistent(loop.session)
    }

    @Test("an unknown tool: the exact unknown-function error goes back as function_call_output")
    func unknownTool() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "tool_fault", "kind": "unknown_tool"]])
        let loop = try Self.loop(server)
        let run = await L.send(loop, "What is the weather in Paris?")
        #expect(run.result.reason == .answered)
        let result = try #require(loop.session.messages.first { $0.role == .tool })
        #expect(result.content?.contains("Unknown function: llmock_unknown_tool") == true)
        L.expectConsistent(loop.session)
    }

    @Test("quirk warnings: a call outside allowed_tools, several calls under parallel_tool_calls false")
    func quirkWarnings() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([L.threeCalls])
        let loop = try Self.loop(server) { s in
            s.parallelToolCalls = false
            s.toolChoice = .allowedTools(mode: "auto", tools: [["type": "function", "function": ["name": "get_time"]]])
        }
        let run = await L.send(loop)
        let bodies = Self.bodies(run)
        #expect(bodies.first?["tool_choice"] == ["type": "allowed_tools", "mode": "auto", "tools": [["type": "function", "name": "get_time"]]])
        #expect(bodies.first?["parallel_tool_calls"] == false)
        let warnings = Self.warnings(run)
        #expect(warnings.contains { $0.contains("allowed_tools permits only get_time") }, "\(warnings)")
        #expect(warnings.filter { $0.contains("parallel") } == ["parallel_tool_calls is false but the model returned 3 calls in one turn; all are run"], "\(warnings)")
    }

    @Test("previous_response_id mode: the second request names the first answer and sends only the results")
    func previousResponseID() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([L.threeCalls])
        let loop = try Self.loop(server) { $0.responsesHistory = .previous; $0.store = true }
        let run = await L.send(loop)
        #expect(run.result.reason == .answered)
        let bodies = Self.bodies(run)
        #expect(bodies.count == 2)
        #expect(bodies[0]["previous_response_id"] == nil)
        let first = try #require(loop.session.messages.first { !$0.toolCalls.isEmpty }?.native?.responseID)
        #expect(bodies[1]["previous_response_id"] == .string(first))
        #expect(bodies[1]["instructions"] == "Use the tools.", "instructions are not inherited: sent again")
        #expect(bodies[1]["input"]?.arrayValue?.map { $0["type"] } == [.string("function_call_output"), .string("function_call_output"), .string("function_call_output")])
        #expect(bodies.allSatisfy { $0["store"] == true })
    }

    @Test("store false: include asks for encrypted reasoning; previous mode falls back to the whole history and says so")
    func storeFalse() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([L.threeCalls])
        let loop = try Self.loop(server) { $0.store = false; $0.responsesHistory = .previous }
        let run = await L.send(loop)
        #expect(run.result.reason == .answered)
        let bodies = Self.bodies(run)
        #expect(bodies.allSatisfy { $0["include"] == ["reasoning.encrypted_content"] && $0["store"] == false })
        #expect(bodies.allSatisfy { $0["previous_response_id"] == nil })
        #expect(Self.warnings(run).contains { $0.contains("store is false") })
    }

    @Test("a cut-off answer: status incomplete is followed even under llmock's response.completed, with warnings", arguments: [true, false])
    func cutOff(stream: Bool) async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "reply", "text": "The weather in Paris is", "finish_reason": "length"]])
        let loop = try Self.loop(server, stream: stream)
        let run = await L.send(loop, "Say hello")
        let finish = run.kinds.compactMap { if case .assistantMessage(_, let f, _, _, _) = $0 { return f } else { return nil } }
        #expect(finish == ["length"])
        let warnings = Self.warnings(run)
        #expect(warnings.contains { $0.contains("max_output_tokens") && $0.contains("cut off") }, "\(warnings)")
        if stream {
            #expect(warnings.contains { $0.contains("ended with response.completed but the response's status is incomplete") }, "\(warnings)")
        }
        #expect(loop.session.messages.last?.content == "The weather in Paris is")
    }
}
