import Foundation
import Testing
@testable import ToolscopeOpenAI
import ToolscopeEngine

/// The provider against the in-process transport: exact requests, retry timing, errors, stalls, cancellation.
@Suite("OpenAI provider (in-memory transport)")
struct HTTPProviderTests {
    static let key = "sk-unit-test-key-0123456789"

    static func provider(_ transport: InMemoryTransport, configure: (inout ProviderConfig) -> Void = { _ in },
                         jitter: Double = 0) throws -> HTTPProvider {
        var config = ProviderConfig(kind: .openai)
        config.baseURL = "http://127.0.0.1:9999/v1/"
        configure(&config)
        let endpoint = try OpenAIEndpoint(config: config, environment: ["OPENAI_API_KEY": key])
        return HTTPProvider(endpoint: endpoint, transport: transport,
                              retryPolicy: RetryPolicy(maxRetries: endpoint.maxRetries, jitter: { jitter }))
    }

    static func request(stream: Bool = true, tools: Bool = true, configure: (inout SessionSettings) -> Void = { _ in }) -> ChatRequest {
        var settings = SessionSettings()
        settings.model = "test-model"
        settings.stream = stream
        configure(&settings)
        let tool = ToolDefinition(name: "get_weather", description: "Weather", parameters: ["type": "object", "properties": ["city": ["type": "string"]]])
        return ChatRequest(messages: [.user("weather?")], tools: tools ? [tool] : [], settings: settings)
    }

    /// Runs one request through the callback API and collects the events.
    static func run(_ provider: HTTPProvider, _ request: ChatRequest, cancelAfter: Double? = nil) async
        -> (result: Result<ChatResponse, ProviderError>, events: [TraceEvent.Kind], seconds: Double)
    {
        let events = Locked<[TraceEvent.Kind]>([])
        let token = CancellationToken()
        let start = MonotonicClock.now()
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<ChatResponse, ProviderError>, Never>) in
            provider.send(request, cancellation: token, onEvent: { e in events.withLock { $0.append(e) } },
                          completion: { continuation.resume(returning: $0) })
            if let cancelAfter {
                DispatchQueue.global().asyncAfter(deadline: .now() + cancelAfter) { token.cancel() }
            }
        }
        return (result, events.current, MonotonicClock.now() - start)
    }

    static let textStream = "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n"
        + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}]}\n\n"
        + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" world\"}}]}\n\n"
        + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
        + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}\n\n"
        + "data: [DONE]\n\n"

    @Test("sends exactly the body ChatRequest builds, to base/chat/completions, with the headers")
    func exactRequest() async throws {
        let transport = InMemoryTransport([.stream(Self.textStream, pieces: 7)])
        let p = try Self.provider(transport) { $0.organization = "org-1"; $0.project = "proj-1"; $0.extraHeaders = ["X-Gateway": "g"] }
        let request = Self.request { s in
            s.toolChoice = .function("get_weather"); s.parallelToolCalls = false; s.temperature = 0.2
            s.maxCompletionTokens = 50; s.seed = 7; s.responseFormat = ["type": "json_object"]
        }
        let (result, events, _) = await Self.run(p, request)
        let response = try result.get()
        #expect(response.message.content == "Hello world")
        #expect(response.usage?.totalTokens == 5)
        let sent = try #require(transport.requests.first)
        #expect(sent.url == "http://127.0.0.1:9999/v1/chat/completions")
        #expect(sent.headers["Authorization"] == "Bearer \(Self.key)")
        #expect(sent.headers["OpenAI-Organization"] == "org-1")
        #expect(sent.headers["OpenAI-Project"] == "proj-1")
        #expect(sent.headers["X-Gateway"] == "g")
        #expect(sent.headers["Accept"] == "text/event-stream")
        let body = try JSONValue(parsing: String(decoding: sent.body, as: UTF8.self))
        #expect(body == request.openAIBody(stream: true))
        #expect(body["stream_options"]?["include_usage"] == true)
        #expect(body["tool_choice"]?["function"]?["name"] == "get_weather")
        #expect(body["parallel_tool_calls"] == false)
        #expect(body["max_completion_tokens"] == 50)
        // The trace sees the body and redacted headers, then the live deltas.
        guard case .requestSent(let url, let headers, let shownBody, 1)? = events.first else { Issue.record("no requestSent first"); return }
        #expect(url == sent.url)
        #expect(headers["Authorization"] == "Bearer [redacted]")
        #expect(shownBody == body)
        #expect(events.contains(.contentDelta("Hello")))
        #expect(events.contains(.responseStarted(status: 200, headers: ["content-type": "text/event-stream"], attempt: 1)))
        // The server ignored the forced tool_choice: the response says so.
        #expect(response.warnings.contains { $0.contains("ignored tool_choice") })
        #expect(response.rawBody?.contains("data: [DONE]") == true)
    }

    @Test("a stream is read as one when the media type is text/event-stream, whatever its parameters")
    func eventStreamMediaType() {
        for yes in ["text/event-stream", "text/event-stream; charset=utf-8", "text/event-stream;charset=utf-8", " text/event-stream"] {
            #expect(RequestAttempt.isEventStream(yes), "\(yes)")
        }
        for no in ["application/json", "text/event-streams", "text/event", "application/json; note=text/event-stream", ""] {
            #expect(!RequestAttempt.isEventStream(no), "\(no)")
        }
    }

    @Test("no stream: plain JSON body, no stream keys sent, calls despite tool_choice none warned")
    func nonStreaming() async throws {
        let body = #"{"id":"x","object":"chat.completion","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":null,"tool_calls":[{"id":"a","type":"function","function":{"name":"get_weather","arguments":"{}"}},{"id":"b","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]}}],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}"#
        let transport = InMemoryTransport([.json(200, body)])
        let p = try Self.provider(transport)
        let (result, _, _) = await Self.run(p, Self.request(stream: false) { $0.toolChoice = .none })
        let response = try result.get()
        #expect(response.message.toolCalls.map(\.id) == ["a", "b"])
        #expect(response.finishReason == "stop")
        #expect(response.warnings.contains { $0.contains("tool_choice was \"none\"") })
        let sent = try JSONValue(parsing: String(decoding: transport.requests[0].body, as: UTF8.self))
        #expect(sent["stream"] == nil)
        #expect(sent["stream_options"] == nil)
    }

    @Test("429 with retry-after-ms, then 503 with backoff, then success: events and timing")
    func retriesThenSuccess() async throws {
        let transport = InMemoryTransport([
            .json(429, #"{"error":{"message":"slow down","type":"requests","code":"rate_limit_exceeded"}}"#, headers: ["retry-after-ms": "300", "retry-after": "1"]),
            .json(503, #"{"error":{"message":"overloaded","type":"server_error","code":null}}"#),
            .stream(Self.textStream),
        ])
        let p = try Self.provider(transport)
        let (result, events, seconds) = await Self.run(p, Self.request())
        #expect(try result.get().message.content == "Hello world")
        let retries = events.compactMap { e -> (Int, Double, String)? in
            if case .retrying(let a, let d, let r) = e { return (a, d, r) } else { return nil }
        }
        #expect(retries.map(\.0) == [1, 2])
        #expect(retries.map(\.1) == [0.3, 1.0])
        #expect(retries[0].2.contains("retry-after-ms"))
        #expect(retries[0].2.contains("slow down"))
        #expect(retries[1].2.contains("backing off"))
        // Waits of 0.3 s and 1.0 s must have happened; the upper bound only catches runaway waits.
        #expect(seconds >= 1.3 && seconds < 6)
        let statuses = events.compactMap { e -> Int? in if case .responseStarted(let s, _, _) = e { return s } else { return nil } }
        #expect(statuses == [429, 503, 200])
        #expect(transport.requests.count == 3)
    }

    @Test("500 until retries run out: three attempts, the server's message and the give-up reason")
    func retriesExhausted() async throws {
        let err = #"{"error":{"message":"The server had an error","type":"server_error","param":null,"code":"e500"}}"#
        let transport = InMemoryTransport([.json(500, err, headers: ["retry-after-ms": "10"]), .json(500, err, headers: ["retry-after-ms": "10"]),
                                           .json(500, err, headers: ["retry-after-ms": "10"])])
        let p = try Self.provider(transport)
        let (result, _, _) = await Self.run(p, Self.request())
        guard case .failure(let error) = result else { Issue.record("500s succeeded"); return }
        #expect(error.kind == .http)
        #expect(error.status == 500)
        #expect(error.errorType == "server_error")
        #expect(error.errorCode == "e500")
        #expect(error.message.contains("The server had an error"))
        #expect(error.message.contains("gave up after 3 attempts"))
        #expect(transport.requests.count == 3)
    }

    @Test("401 names the key variable, is not retried and never shows the key")
    func unauthorized() async throws {
        let transport = InMemoryTransport([.json(401, #"{"error":{"message":"Incorrect API key provided: \#(Self.key).","type":"invalid_request_error","code":"invalid_api_key"}}"#)])
        let p = try Self.provider(transport)
        let (result, events, _) = await Self.run(p, Self.request())
        guard case .failure(let error) = result else { Issue.record("401 succeeded"); return }
        #expect(error.message.contains("the API key is missing or wrong"))
        #expect(error.message.contains("OPENAI_API_KEY"))
        #expect(error.message.contains("http://127.0.0.1:9999/v1/chat/completions"))
        #expect(error.message.contains("not retried"))
        #expect(error.errorCode == "invalid_api_key")
        #expect(transport.requests.count == 1)
        // Redaction: nothing the trace or session could save contains the key.
        let everything = "\(error) \(error.rawBody ?? "") \(events)" + events.map { TraceEvent(round: 1, kind: $0).json.compact }.joined()
        #expect(!everything.contains(Self.key))
        #expect(everything.contains("[redacted]"))
    }

    @Test("404 names the URL and the model")
    func notFound() async throws {
        let transport = InMemoryTransport([.json(404, #"{"error":{"message":"The model `test-model` does not exist","type":"invalid_request_error","code":"model_not_found"}}"#)])
        let (result, _, _) = await Self.run(try Self.provider(transport), Self.request())
        guard case .failure(let error) = result else { Issue.record("404 succeeded"); return }
        #expect(error.message.contains("http://127.0.0.1:9999/v1/chat/completions"))
        #expect(error.message.contains("\"test-model\""))
        #expect(error.message.contains("does not exist"))
        #expect(error.description.hasPrefix("HTTP 404"))
    }

    @Test("Retry-After above 120 s: no retry, and the reason is given")
    func retryAfterTooLong() async throws {
        let transport = InMemoryTransport([.json(429, #"{"error":{"message":"quota"}}"#, headers: ["retry-after": "600"])])
        let (result, events, _) = await Self.run(try Self.provider(transport), Self.request())
        guard case .failure(let error) = result else { Issue.record("succeeded"); return }
        #expect(error.message.contains("600"))
        #expect(!events.contains { if case .retrying = $0 { return true } else { return false } })
    }

    @Test("a stream that already got its 200 is never retried, even when it breaks")
    func brokenStreamNotRetried() async throws {
        let half = String(Self.textStream.prefix(120))
        let transport = InMemoryTransport([.stream(half, end: .fail(TransportError(.connectionClosed, "peer closed"))), .stream(Self.textStream)])
        let (result, _, _) = await Self.run(try Self.provider(transport), Self.request())
        guard case .failure(let error) = result else { Issue.record("a broken stream succeeded"); return }
        #expect(error.kind == .connection)
        #expect(error.message.contains("in the middle of the stream"))
        #expect(transport.requests.count == 1)
    }

    @Test("a stall past the read timeout fails fast with the partial answer")
    func stall() async throws {
        let firstTwo = Self.textStream.components(separatedBy: "\n\n").prefix(2).joined(separator: "\n\n") + "\n\n"
        let transport = InMemoryTransport([.stream(firstTwo, end: .stall)])
        let p = try Self.provider(transport) { $0.readTimeout = 0.3 }
        let (result, _, seconds) = await Self.run(p, Self.request())
        guard case .failure(let error) = result else { Issue.record("stall succeeded"); return }
        #expect(error.kind == .timeout)
        #expect(error.message.contains("stalled"))
        #expect(error.partial?.content == "Hello")
        // Without the read timeout the stall would last forever; allow a loaded CI machine its slack.
        #expect(seconds >= 0.3 && seconds < 3)
    }

    @Test("no response head within the read timeout is retried as a timeout")
    func headTimeoutRetried() async throws {
        let transport = InMemoryTransport([.hang, .stream(Self.textStream)])
        let p = try Self.provider(transport) { $0.readTimeout = 0.2 }
        let (result, events, _) = await Self.run(p, Self.request())
        #expect(try result.get().message.content == "Hello world")
        #expect(events.contains { if case .retrying(1, _, let r) = $0 { return r.contains("timed out") } else { return false } })
    }

    @Test("the overall deadline ends a slow stream")
    func deadline() async throws {
        let transport = InMemoryTransport([.stream(Self.textStream, pieces: 40, chunkDelay: 0.1)])
        let p = try Self.provider(transport) { $0.deadline = 0.5; $0.readTimeout = 5 }
        let (result, _, seconds) = await Self.run(p, Self.request())
        guard case .failure(let error) = result else { Issue.record("deadline ignored"); return }
        #expect(error.kind == .timeout)
        #expect(error.message.contains("deadline"))
        // The whole stream takes 4 s; the 0.5 s deadline must cut it well before.
        #expect(seconds < 3)
    }

    @Test("cancellation completes at once with .cancelled")
    func cancel() async throws {
        let transport = InMemoryTransport([.stream(Self.textStream, pieces: 3, end: .stall)])
        let (result, _, seconds) = await Self.run(try Self.provider(transport), Self.request(), cancelAfter: 0.2)
        guard case .failure(let error) = result else { Issue.record("cancel ignored"); return }
        #expect(error.kind == .cancelled)
        // The stream stalls forever; cancelled at 0.2 s it must end promptly.
        #expect(seconds < 2)
    }

    @Test("configuration errors are clear")
    func configuration() {
        var config = ProviderConfig(kind: .openai)
        config.baseURL = "localhost:11434"
        #expect(throws: ProviderError.self) { try OpenAIEndpoint(config: config, environment: [:]) }
        config.baseURL = nil
        do {
            _ = try OpenAIEndpoint(config: config, environment: [:])
            Issue.record("api.openai.com without a key accepted")
        } catch {
            #expect(error.kind == .configuration)
            #expect(error.message.contains("OPENAI_API_KEY"))
        }
        let local = try? OpenAIEndpoint(config: config, environment: ["OPENAI_BASE_URL": "http://127.0.0.1:11434/v1"])
        #expect(local?.baseURL == "http://127.0.0.1:11434/v1")
        #expect(local?.apiKey == nil)
        config.baseURL = "http://127.0.0.1:/v1"
        do {
            _ = try OpenAIEndpoint(config: config, environment: [:])
            Issue.record("a base URL with an empty port was accepted (it would mean port 80)")
        } catch {
            #expect(error.message.contains("no port after the host"))
        }
        config.baseURL = "http://[::1]:8080/v1"
        #expect((try? OpenAIEndpoint(config: config, environment: [:]))?.port == 8080)
    }

    @Test("connection refused names host and port (real AsyncHTTPClient)")
    func connectionRefused() async throws {
        var config = ProviderConfig(kind: .openai)
        config.baseURL = "http://127.0.0.1:1/v1"
        config.maxRetries = 0
        let p = try HTTPProvider(config: config, environment: [:])
        let (result, _, seconds) = await Self.run(p, Self.request())
        guard case .failure(let error) = result else { Issue.record("connected to port 1?"); return }
        #expect(error.kind == .connection)
        #expect(error.message.contains("connection refused: nothing is listening on 127.0.0.1:1"))
        #expect(seconds < 3)
    }
}
