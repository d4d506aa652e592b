import Foundation
import Testing
@testable import ToolscopeOpenAI
import ToolscopeEngine

/// The whole loop (ToolLoop + Dispatcher + HTTPProvider over AsyncHTTPClient) against a real
/// llmock server, one server per test. Each test checks what the trace shows and that the
/// session stays consistent: every assistant tool call answered by exactly one tool message,
/// and nothing from a failed request appended as if it were an answer.
@Suite("Loop against llmock", .serialized)
struct LLMockLoopTests {
    static let key = "sk-llmock-secret-key-9876543210"

    struct Run {
        var result: TurnResult
        var events: [TraceEvent]
        var seconds: Double
        var kinds: [TraceEvent.Kind] { events.map(\.kind) }
    }

    /// A `TurnQueue` that counts what it runs and hands it to another queue.
    final class CountingQueue: TurnQueue {
        let inner: any TurnQueue
        let count = Locked(0)
        init(_ inner: any TurnQueue) { self.inner = inner }
        func enqueue(_ work: @escaping @Sendable () -> Void) {
            count.withLock { $0 += 1 }
            inner.enqueue(work)
        }
    }

    /// `onIOQueue`: the turns run on the provider's event loop, as an experiment's runs do
    /// (counted by `queue`), instead of the loop's own Dispatch queue.
    static func loop(_ server: LLMockServer, stream: Bool = true, onIOQueue: Bool = false, queue: Locked<CountingQueue?> = Locked(nil),
                     configure: (inout SessionSettings) -> Void = { _ in }) throws -> ToolLoop {
        var settings = SessionSettings()
        settings.stream = stream
        settings.provider = ProviderConfig(kind: .openai)
        settings.provider.baseURL = server.baseURL
        settings.provider.readTimeout = 5
        settings.provider.deadline = 30
        configure(&settings)
        let weather = ToolDefinition(name: "get_weather", description: "Current weather for a city.",
                                     parameters: ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]])
        let tools = [SessionTool(definition: weather, binding: .mock(["temperature_c": 21, "condition": "sunny"]))]
        let session = Session(title: "llmock", settings: settings, tools: tools, messages: [.system("Use the tools.")])
        let provider = try HTTPProvider(config: settings.provider, environment: ["OPENAI_API_KEY": key])
        let registry = ToolRegistry(tools: tools, context: SessionContext(baseDirectory: NSTemporaryDirectory()),
                                    builtins: .none, external: nil, trusted: true, manual: nil)
        var turnQueue: CountingQueue?
        if onIOQueue {
            let io = try #require(provider.ioQueue, "AsyncHTTPClient's transport offers its event loop")
            turnQueue = CountingQueue(io)
            queue.withLock { $0 = turnQueue }
        }
        return ToolLoop(session: session, provider: provider, dispatcher: Dispatcher(registry: registry), queue: turnQueue)
    }

    static func send(_ loop: ToolLoop, _ text: String = "What is the weather in Paris, Oslo and Lisbon?",
                     cancelAfter: Double? = nil) async -> Run {
        let events = Locked<[TraceEvent]>([])
        let start = MonotonicClock.now()
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<TurnResult, Never>) in
            loop.send(text, onEvent: { e in events.withLock { $0.append(e) } }, completion: { continuation.resume(returning: $0) })
            if let cancelAfter { DispatchQueue.global().asyncAfter(deadline: .now() + cancelAfter) { loop.cancel() } }
        }
        return Run(result: result, events: events.current, seconds: MonotonicClock.now() - start)
    }

    static let threeCalls: JSONValue = ["type": "reply", "tool_calls": .array(["Paris", "Oslo", "Lisbon"].map {
        ["name": "get_weather", "arguments": ["city": .string($0)]]
    })]

    /// Every tool call answered once, tool messages right after their assistant message, roles in order.
    static func expectConsistent(_ session: Session, sourceLocation: SourceLocation = #_sourceLocation) {
        let messages = session.messages
        var i = 0
        while i < messages.count {
            let m = messages[i]
            if m.role == .assistant, !m.toolCalls.isEmpty {
                let ids = m.toolCalls.map(\.id)
                let following = messages[(i + 1)...].prefix { $0.role == .tool }.compactMap(\.toolCallID)
                #expect(following.sorted() == ids.sorted(), "tool results \(following) do not answer calls \(ids)", sourceLocation: sourceLocation)
                i += 1 + following.count
                continue
            }
            i += 1
        }
        let json = session.json.compact
        #expect(!json.contains(key), "the API key leaked into the session", sourceLocation: sourceLocation)
    }

    static func errorText(_ run: Run) -> (String, Message?)? {
        for case .error(let text, let partial) in run.kinds { return (text, partial) }
        return nil
    }

    static func retries(_ run: Run) -> [(Int, Double, String)] {
        run.kinds.compactMap { if case .retrying(let a, let d, let r) = $0 { return (a, d, r) } else { return nil } }
    }

    @Test("three parallel streamed tool calls, then the final answer (on the loop's queue, and on the event loop)", arguments: [false, true])
    func parallelStreamed(onIOQueue: Bool) async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([Self.threeCalls])
        let queue = Locked<CountingQueue?>(nil)
        let loop = try Self.loop(server, onIOQueue: onIOQueue, queue: queue)
        let run = await Self.send(loop)
        if onIOQueue {
            // The turn's steps really ran there: its start, the streamed events, both responses, the calls.
            #expect((queue.current?.count.current ?? 0) > 5)
        }
        #expect(run.result.reason == .answered)
        #expect(run.result.rounds == 2)
        let session = loop.session
        let assistant = try #require(session.messages.first { !$0.toolCalls.isEmpty })
        #expect(assistant.toolCalls.map(\.name) == ["get_weather", "get_weather", "get_weather"])
        let cities = assistant.toolCalls.map { (try? JSONValue(parsing: $0.arguments))?["city"]?.stringValue }
        #expect(cities == ["Paris", "Oslo", "Lisbon"])
        #expect(session.messages.filter { $0.role == .tool }.count == 3)
        #expect(session.messages.last?.role == .assistant)
        #expect(session.messages.last?.content?.isEmpty == false)
        Self.expectConsistent(session)
        // The trace: argument fragments streamed live for three indices, requests with the exact body, redacted.
        let deltaIndices = Set(run.kinds.compactMap { if case .toolCallDelta(let i, _, _, _) = $0 { return i } else { return nil } })
        #expect(deltaIndices == [0, 1, 2])
        let fragments = run.kinds.filter { if case .toolCallDelta = $0 { return true } else { return false } }.count
        #expect(fragments > 3, "arguments should arrive in several fragments")
        let sent = run.kinds.compactMap { if case .requestSent(_, let h, let b, _) = $0 { return (h, b) } else { return nil } }
        #expect(sent.count == 2)
        #expect(sent.allSatisfy { $0.0["Authorization"] == "Bearer [redacted]" })
        #expect(sent[0].1["stream"] == true)
        #expect(sent[1].1["messages"]?.arrayValue?.count == 6)
        #expect(run.kinds.contains { if case .contentDelta = $0 { return true } else { return false } })
        let traceJSON = run.events.map(\.json.compact).joined()
        #expect(!traceJSON.contains(Self.key))
        // llmock saw the key (so it really was sent), and include_usage was honoured.
        #expect(run.kinds.contains { if case .usage = $0 { return true } else { return false } })
    }

    @Test("non-streaming: the same loop with plain responses")
    func nonStreaming() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([Self.threeCalls])
        let loop = try Self.loop(server, stream: false)
        let run = await Self.send(loop)
        #expect(run.result.reason == .answered)
        #expect(loop.session.messages.filter { $0.role == .tool }.count == 3)
        Self.expectConsistent(loop.session)
        #expect(!run.kinds.contains { if case .toolCallDelta = $0 { return true } else { return false } })
        let bodies = run.kinds.compactMap { if case .requestSent(_, _, let b, _) = $0 { return b } else { return nil } }
        #expect(bodies.allSatisfy { $0["stream"] == nil })
        let journal = try await server.journal()
        #expect(journal.count == 2)
        #expect(journal.allSatisfy { $0["stream"] == false })
    }

    @Test("429 with Retry-After, then success: the wait is honoured and traced")
    func rateLimitThenSuccess() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "fail", "status": 429, "retry_after": 0.6]])
        let loop = try Self.loop(server)
        let run = await Self.send(loop, "Say hello")
        #expect(run.result.reason == .answered)
        let r = Self.retries(run)
        #expect(r.count == 1)
        #expect(r.first?.1 == 0.6)
        #expect(r.first?.2.contains("retry-after-ms") == true)
        #expect(r.first?.2.contains("429") == true)
        let sentTimes = run.events.filter { if case .requestSent = $0.kind { return true } else { return false } }.map(\.time)
        // llmock answers the retried request with a tool call and the next with text: 3 requests.
        #expect(sentTimes.count == 3)
        #expect(sentTimes.count >= 2 && sentTimes[1] - sentTimes[0] >= 0.6)
        let statuses = run.kinds.compactMap { if case .responseStarted(let s, _, _) = $0 { return s } else { return nil } }
        #expect(statuses == [429, 200, 200])
        Self.expectConsistent(loop.session)
    }

    @Test("503 twice, then success")
    func unavailableTwice() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "fail", "status": 503, "retry_after": 0.1, "times": 2]])
        let loop = try Self.loop(server)
        let run = await Self.send(loop, "Say hello")
        #expect(run.result.reason == .answered)
        #expect(Self.retries(run).map(\.0) == [1, 2])
        #expect(try await server.journal().map { $0["status"]?.intValue } == [503, 503, 200, 200])
    }

    @Test("500 until the retries run out: the server's message, the give-up, a consistent session")
    func serverErrorExhausted() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "fail", "status": 500, "retry_after": 0.05, "times": nil, "message": "upstream exploded"]])
        let loop = try Self.loop(server)
        let run = await Self.send(loop, "Say hello")
        #expect(run.result.reason == .error)
        #expect(Self.retries(run).count == 2)
        let (text, _) = try #require(Self.errorText(run))
        #expect(text.contains("HTTP 500"))
        #expect(text.contains("upstream exploded"))
        #expect(text.contains("gave up after 3 attempts"))
        #expect(loop.session.messages.last?.role == .user)
        Self.expectConsistent(loop.session)
    }

    @Test("a truncated stream is an error that keeps the partial answer, not an answer")
    func truncated() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "stream_fault", "kind": "truncate", "after_chunks": 3], ["type": "reply", "text": "one two three four five six"]])
        let loop = try Self.loop(server)
        let run = await Self.send(loop, "Say hello")
        #expect(run.result.reason == .error)
        let (text, partial) = try #require(Self.errorText(run))
        #expect(text.contains("without data: [DONE]"))
        #expect(partial?.content?.isEmpty == false)
        #expect(loop.session.messages.last?.role == .user)
        #expect(Self.retries(run).isEmpty, "a stream that got its 200 is never retried")
        Self.expectConsistent(loop.session)
    }

    @Test("a malformed chunk is reported as malformed")
    func malformedChunk() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "stream_fault", "kind": "malformed", "after_chunks": 2]])
        let loop = try Self.loop(server)
        let run = await Self.send(loop, "Say hello")
        #expect(run.result.reason == .error)
        let (text, _) = try #require(Self.errorText(run))
        #expect(text.contains("is not valid JSON"))
        #expect(loop.session.messages.last?.role == .user)
    }

    @Test("a disconnect mid-stream is a connection error with the partial tool call")
    func disconnect() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([Self.threeCalls, ["type": "stream_fault", "kind": "disconnect", "after_chunks": 4]])
        let loop = try Self.loop(server)
        let run = await Self.send(loop)
        #expect(run.result.reason == .error)
        let (text, partial) = try #require(Self.errorText(run))
        #expect(text.contains("in the middle of the stream") || text.contains("closed the connection"))
        #expect(partial?.toolCalls.first?.name == "get_weather")
        #expect(Self.retries(run).isEmpty)
        Self.expectConsistent(loop.session)
        #expect(!loop.session.messages.contains { !$0.toolCalls.isEmpty }, "a partial tool call must not be run")
    }

    @Test("a stall past the read timeout fails fast (the watchdog's timer fires on the event loop too)", arguments: [false, true])
    func stall(onIOQueue: Bool) async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "stream_fault", "kind": "stall", "after_chunks": 2, "stall_seconds": 20]])
        let loop = try Self.loop(server, onIOQueue: onIOQueue) { $0.provider.readTimeout = 0.5 }
        let run = await Self.send(loop, "Say hello")
        #expect(run.result.reason == .error)
        let (text, _) = try #require(Self.errorText(run))
        #expect(text.contains("stalled"))
        #expect(run.seconds < 3)
        Self.expectConsistent(loop.session)
    }

    @Test("cancellation aborts the request at once", arguments: [false, true])
    func cancellation(onIOQueue: Bool) async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "stream_fault", "kind": "stall", "after_chunks": 1, "stall_seconds": 20]])
        let loop = try Self.loop(server, onIOQueue: onIOQueue)
        let run = await Self.send(loop, "Say hello", cancelAfter: 0.5)
        #expect(run.result.reason == .cancelled)
        #expect(run.seconds < 1.5)
        #expect(loop.session.messages.last?.role == .user)
        Self.expectConsistent(loop.session)
    }

    @Test("401 from the server: a clear message and the key nowhere in trace or session")
    func unauthorizedRedacted() async throws {
        let server = try await LLMockServer.start()
        defer { server.stop() }
        try await server.script([["type": "fail", "status": 401, "message": .string("Incorrect API key provided: \(Self.key)"), "code": "invalid_api_key"]])
        let loop = try Self.loop(server)
        let run = await Self.send(loop, "Say hello")
        #expect(run.result.reason == .error)
        let (text, _) = try #require(Self.errorText(run))
        #expect(text.contains("the API key is missing or wrong"))
        #expect(text.contains("invalid_api_key"))
        let everything = run.events.map(\.json.compact).joined() + loop.session.json.compact + (run.result.detail ?? "")
        #expect(!everything.contains(Self.key))
        #expect(everything.contains("[redacted]"))
        #expect(Self.retries(run).isEmpty)
    }
}
