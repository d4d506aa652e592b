import Foundation
import Testing
@testable import ToolscopeOpenAI
import ToolscopeEngine

/// The whole loop on the Anthropic Messages wire against a real llmock (`/anthropic/v1/messages`),
/// one server per test: streamed and not, parallel calls, the loop to an answer, and llmock's
/// faults. The helpers (send, consistency, errors, retries) are the Chat Completions suite's.
@Suite("Anthropic loop against llmock", .serialized)
struct AnthropicLLMockTests {
    typealias Chat = LLMockLoopTests
    static let key = LLMockLoopTests.key

    static func loop(_ server: LLMockServer, stream: Bool = true, configure: (inout SessionSettings) -> Void = { _ in }) throws -> ToolLoop {
        var settings = SessionSettings()
        settings.model = "claude-llmock"
        settings.stream = stream
        settings.provider = ProviderConfig(kind: .openai)
        settings.provider.api = .anthropic
        settings.provider.apiKeyEnv = WireAPI.anthropic.defaultKeyEnv
        settings.provider.baseURL = "http://127.0.0.1:\(server.port)/anthropic"
        settings.provider.readTimeout = 5
        settings.provider.deadline = 30
        configure(&settings)
        let weather = ToolDefinition(name: "get_weather", description: "Current weather for a city.",
                                     parameters: ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]])
        let tools = [SessionTool(definition: weather, binding: .mock(["temperature_c": 21, "condition": "sunny"]))]
        let session = Session(title: "llmock anthropic", settings: settings, tools: tools, messages: [.system("Use the tools.")])
        let provider = try HTTPProvider(config: settings.provider, environment: ["ANTHROPIC_API_KEY": key])
        let registry = ToolRegistry(tools: tools, context: SessionContext(baseDirectory: NSTemporaryDirectory()),
                                    builtins: .none, external: nil, trusted: true, manual: nil)
        return ToolLoop(session: session, provider: provider, dispatcher: Dispatcher(registry: registry))
    }

    static func requests(_ run: LLMockLoopTests.Run) -> [(url: String, headers: [String: String], body: JSONValue)] {
        run.kinds.compactMap { if case .requestSent(let u, let h, let b, _) = $0 { return (u, h, b) } else { return nil } }
    }

    static func warnings(_ run: LLMockLoopTests.Run) -> [String] {
        run.kinds.compactMap { if case .warning(let w) = $0 { return w } else { return nil } }
    }

    @Test("three parallel streamed tool_use blocks, the results in one user message, then the answer")
    func parallelStreamed() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([Chat.threeCalls])
        let loop = try Self.loop(server)
        let run = await Chat.send(loop)
        #expect(run.result.reason == .answered)
        #expect(run.result.rounds == 2)
        let session = loop.session
        let assistant = try #require(session.messages.first { !$0.toolCalls.isEmpty })
        let cities = assistant.toolCalls.map { (try? JSONValue(parsing: $0.arguments))?["city"]?.stringValue }
        #expect(cities == ["Paris", "Oslo", "Lisbon"])
        #expect(assistant.toolCalls.allSatisfy { $0.id.hasPrefix("toolu_") })
        #expect(assistant.native?.wire == .anthropic)
        #expect(session.messages.last?.content?.isEmpty == false)
        Chat.expectConsistent(session)
        // The trace: every call's input streamed under its own index, usage, the exact requests.
        let deltaIndices = Set(run.kinds.compactMap { if case .toolCallDelta(let i, _, _, _) = $0 { return i } else { return nil } })
        #expect(deltaIndices == [0, 1, 2])
        #expect(run.kinds.contains { if case .usage = $0 { return true } else { return false } })
        let sent = Self.requests(run)
        #expect(sent.count == 2)
        #expect(sent.allSatisfy { $0.url.hasSuffix("/anthropic/v1/messages") })
        #expect(sent.allSatisfy { $0.headers["x-api-key"] == Redactor.mask && $0.headers["Authorization"] == nil })
        #expect(sent.allSatisfy { $0.headers["anthropic-version"] == "2023-06-01" })
        #expect(sent[0].body["system"] == "Use the tools.")
        #expect(sent[0].body["max_tokens"] != nil)
        #expect(sent[0].body["stream"] == true)
        let second = try #require(sent[1].body["messages"]?.arrayValue)
        #expect(second.map { $0["role"] } == ["user", "assistant", "user"])
        let results = try #require(second[2]["content"]?.arrayValue)
        #expect(results.count == 3)
        #expect(results.allSatisfy { $0["type"] == "tool_result" })
        #expect(results.map { $0["tool_use_id"] } == assistant.toolCalls.map { .string($0.id) })
        // The assistant turn went back as llmock sent its blocks.
        #expect(second[1]["content"] == .array(assistant.native?.items ?? []))
        // The raw view: the events as they came.
        let raw = run.kinds.compactMap { if case .assistantMessage(_, _, _, _, let raw) = $0 { return raw } else { return nil } }.first ?? nil
        #expect(raw?.contains("event: content_block_delta") == true)
        #expect(raw?.contains("input_json_delta") == true)
        // llmock really received the key in x-api-key; the trace and session never show it.
        #expect(!run.events.map(\.json.compact).joined().contains(Self.key))
        let journal = try await server.journal()
        #expect(journal.count == 2)
    }

    @Test("non-streaming: the same loop with plain bodies")
    func nonStreaming() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([Chat.threeCalls])
        let loop = try Self.loop(server, stream: false)
        let run = await Chat.send(loop)
        #expect(run.result.reason == .answered)
        #expect(loop.session.messages.filter { $0.role == .tool }.count == 3)
        Chat.expectConsistent(loop.session)
        #expect(!run.kinds.contains { if case .toolCallDelta = $0 { return true } else { return false } })
        #expect(Self.requests(run).allSatisfy { $0.body["stream"] == nil })
    }

    @Test("the loop to an answer with llmock choosing the tool itself; parallel off sends disable_parallel_tool_use")
    func autoLoop() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        let loop = try Self.loop(server) { $0.parallelToolCalls = false }
        let run = await Chat.send(loop, "What is the weather in Paris?")
        #expect(run.result.reason == .answered)
        #expect(run.result.rounds == 2)
        let sent = Self.requests(run)
        #expect(sent.first?.body["tool_choice"] == ["type": "auto", "disable_parallel_tool_use": true])
        #expect(loop.session.messages.filter { $0.role == .tool }.count == 1)
        Chat.expectConsistent(loop.session)
    }

    @Test("several tool_use blocks although disable_parallel_tool_use was sent: exactly one warning, naming that parameter")
    func parallelWarning() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([Chat.threeCalls])
        let loop = try Self.loop(server) { $0.parallelToolCalls = false }
        let run = await Chat.send(loop)
        #expect(run.result.reason == .answered)
        let parallel = Self.warnings(run).filter { $0.localizedCaseInsensitiveContains("parallel") }
        #expect(parallel == ["tool_choice had disable_parallel_tool_use: true but the model returned 3 calls in one turn; all are run"], "\(parallel)")
    }

    @Test("429 with retry-after, then success: the wait is honoured and traced")
    func rateLimited() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "fail", "status": 429, "retry_after": 0.6]])
        let loop = try Self.loop(server)
        let run = await Chat.send(loop, "Say hello")
        #expect(run.result.reason == .answered)
        let r = Chat.retries(run)
        #expect(r.count == 1)
        #expect(r.first?.1 == 0.6)
        #expect(r.first?.2.contains("429") == true)
        let times = run.events.filter { if case .requestSent = $0.kind { return true } else { return false } }.map(\.time)
        #expect(times.count >= 2 && times[1] - times[0] >= 0.6)
        Chat.expectConsistent(loop.session)
    }

    @Test("529 overloaded is retried; when it persists, Anthropic's error envelope is in the message")
    func overloaded() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "fail", "status": 529, "retry_after": 0.1, "times": 1]])
        let loop = try Self.loop(server)
        let run = await Chat.send(loop, "Say hello")
        #expect(run.result.reason == .answered)
        #expect(Chat.retries(run).map(\.0) == [1])

        try await server.script([["type": "fail", "status": 529, "retry_after": 0.05, "times": nil]])
        let failing = try Self.loop(server) { $0.provider.maxRetries = 1 }
        let failed = await Chat.send(failing, "Say hello")
        #expect(failed.result.reason == .error)
        let (text, _) = try #require(Chat.errorText(failed))
        #expect(text.contains("HTTP 529: Overloaded from "))
        #expect(text.contains("overloaded_error"))
        #expect(text.contains("gave up after 2 attempts"))
        Chat.expectConsistent(failing.session)
    }

    @Test("500 until the retries run out: the server's message and a consistent session")
    func serverError() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "fail", "status": 500, "retry_after": 0.05, "times": nil, "message": "upstream exploded"]])
        let loop = try Self.loop(server)
        let run = await Chat.send(loop, "Say hello")
        #expect(run.result.reason == .error)
        #expect(Chat.retries(run).count == 2)
        let (text, _) = try #require(Chat.errorText(run))
        #expect(text.contains("HTTP 500"))
        #expect(text.contains("upstream exploded"))
        #expect(text.contains("api_error"))
        #expect(loop.session.messages.last?.role == .user)
    }

    @Test("a truncated stream (no message_stop) is an error that keeps the partial answer")
    func truncated() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "stream_fault", "kind": "truncate", "after_chunks": 5], ["type": "reply", "text": "one two three four five six"]])
        let loop = try Self.loop(server)
        let run = await Chat.send(loop, "Say hello")
        #expect(run.result.reason == .error)
        let (text, partial) = try #require(Chat.errorText(run))
        #expect(text.contains("without message_stop"))
        #expect(partial?.content?.isEmpty == false)
        #expect(Chat.retries(run).isEmpty)
        #expect(loop.session.messages.last?.role == .user)
    }

    @Test("a malformed event is reported as malformed")
    func malformedEvent() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "stream_fault", "kind": "malformed", "after_chunks": 2]])
        let loop = try Self.loop(server)
        let run = await Chat.send(loop, "Say hello")
        #expect(run.result.reason == .error)
        let (text, _) = try #require(Chat.errorText(run))
        #expect(text.contains("is not valid JSON"))
    }

    @Test("a disconnect mid-stream keeps the partial call and runs nothing")
    func disconnect() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([Chat.threeCalls, ["type": "stream_fault", "kind": "disconnect", "after_chunks": 4]])
        let loop = try Self.loop(server)
        let run = await Chat.send(loop)
        #expect(run.result.reason == .error)
        let (text, partial) = try #require(Chat.errorText(run))
        #expect(text.contains("in the middle of the stream") || text.contains("closed the connection"))
        #expect(partial?.toolCalls.first?.name == "get_weather")
        #expect(!loop.session.messages.contains { !$0.toolCalls.isEmpty }, "a partial tool call must not be run")
    }

    @Test("a stall past the read timeout fails fast")
    func stall() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "stream_fault", "kind": "stall", "after_chunks": 2, "stall_seconds": 20]])
        let loop = try Self.loop(server) { $0.provider.readTimeout = 0.5 }
        let run = await Chat.send(loop, "Say hello")
        #expect(run.result.reason == .error)
        let (text, _) = try #require(Chat.errorText(run))
        #expect(text.contains("stalled"))
        #expect(run.seconds < 5)
    }

    @Test("malformed arguments: the tool answers with an error result, sent back with is_error: true")
    func malformedArguments() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "tool_fault", "kind": "malformed_arguments"]])
        let loop = try Self.loop(server)
        let run = await Chat.send(loop, "What is the weather in Paris?")
        #expect(run.result.reason == .answered)
        let tool = try #require(loop.session.messages.first { $0.role == .tool })
        #expect(tool.isError)
        let call = try #require(loop.session.messages.first { !$0.toolCalls.isEmpty }?.toolCalls.first)
        #expect((try? JSONParser.parse(call.arguments)) == nil, "the call keeps the text the model sent: \(call.arguments)")
        let second = try #require(Self.requests(run).dropFirst().first?.body["messages"]?.arrayValue)
        // The malformed input goes back as the model sent it, under one key, and the result is flagged.
        let use = second[1]["content"]?.arrayValue?.first { $0["type"] == "tool_use" }
        #expect(use?["input"]?[AnthropicFormat.unparsedArgumentsKey]?.stringValue == call.arguments)
        #expect(second[2]["content"]?.arrayValue?.first?["is_error"] == true)
        Chat.expectConsistent(loop.session)
    }

    @Test("an unknown tool: an error result with is_error: true, and the loop still answers")
    func unknownTool() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "tool_fault", "kind": "unknown_tool"]])
        let loop = try Self.loop(server)
        let run = await Chat.send(loop, "What is the weather in Paris?")
        #expect(run.result.reason == .answered)
        let tool = try #require(loop.session.messages.first { $0.role == .tool })
        #expect(tool.isError)
        #expect(tool.content?.contains("llmock_unknown_tool") == true)
        let second = try #require(Self.requests(run).dropFirst().first?.body["messages"]?.arrayValue)
        #expect(second[2]["content"]?.arrayValue?.first?["is_error"] == true)
    }
}
