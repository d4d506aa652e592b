import ArgumentParser
import Dispatch
import Foundation
import ToolscopeEngine
import ToolscopeOpenAI

/// `toolscope-bench bench-client`: what the OpenAI client itself costs, measured the same way as
/// `scripts/bench-openai-sdk.py` measures the official Python SDK, so the two can sit side by side.
///
/// One *round* is the loop of the function-calling guide: a streamed request that returns three
/// parallel tool calls, then a second request carrying the three tool results that streams the
/// final answer. CPU is this process's user+system time (all threads, NIO's included) summed
/// over the two requests only — the server runs in another process and is not counted.
/// `--sse` measures SSE framing and stream assembly throughput on recorded streams instead.
struct BenchClientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-client",
        abstract: "Measure the OpenAI client's CPU and wall time per loop round, or its SSE parsing throughput.",
        discussion: """
            Against llmock (python -m llmock serve, or any server scripted the same way):
              toolscope-bench bench-client --base-url http://127.0.0.1:PORT/v1 --llmock --rounds 200
            --llmock scripts the server first: model bench-tools answers with three tool calls,
            model bench-answer with a fixed paragraph. Each --llmock run adds the two behaviours
            again (llmock keeps a list), so clear it between runs (DELETE /_llmock/scenario) to
            keep the server's speed — and so the client's batching — the same from run to run.
            The transport is toolscope run's (AsyncHTTPClient, proxies from the environment);
            --reader pool reads and parses bodies on Swift's shared pool instead of AsyncHTTPClient's
            event loop, to measure what running the reader on the loop saves.
            SSE throughput:
              toolscope-bench bench-client --sse ../shared/fixtures/openai-recorded-streams
            """)

    @Option(name: .long, help: "Base URL of the server to measure against.")
    var baseURL: String?

    @Option(name: .long, help: "Measured rounds.")
    var rounds = 100

    @Option(name: .long, help: "Unmeasured rounds first (connection set-up, caches).")
    var warmup = 5

    @Flag(name: .long, help: "Plain responses instead of streams.")
    var noStream = false

    @Flag(name: .long, help: "Script an llmock server (POST /_llmock/scenario) before measuring.")
    var llmock = false

    @Option(name: .long, help: "Where response bodies are read and parsed: event-loop (as toolscope run) or pool.")
    var reader = ReaderPlacement.eventLoop

    @Option(name: .long, help: "The wire: chat (Chat Completions, default), responses (OpenAI Responses) or anthropic (Anthropic Messages).")
    var api = "chat"

    @Option(name: .long, help: "Directory of recorded .sse files: measure SSE framing and assembly throughput instead.")
    var sse: String?

    @Option(name: .long, help: "Megabytes of SSE to parse in --sse mode.")
    var megabytes = 256

    func validate() throws {
        guard rounds >= 1, warmup >= 0 else { throw ValidationError("--rounds must be at least 1 and --warmup 0 or more") }
        guard megabytes >= 1 else { throw ValidationError("--megabytes must be at least 1") }
        guard sse != nil || baseURL != nil else { throw ValidationError("give --base-url (loop rounds) or --sse DIR (parsing throughput)") }
        guard WireAPI(rawValue: api) != nil else { throw ValidationError("unknown --api \"\(api)\"; expected one of \(WireAPI.allCases.map(\.rawValue).joined(separator: ", "))") }
    }

    func run() throws {
        if let sse {
            try SSEThroughput(directory: sse, megabytes: megabytes).run()
            return
        }
        let outcome = Locked<Result<String, ClientBenchFailure>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let loop = ClientLoopBench(baseURL: baseURL ?? "", rounds: rounds, warmup: warmup, stream: !noStream, scriptLLMock: llmock,
                                   reader: reader, api: WireAPI(rawValue: api) ?? .chat)
        Task {
            let result = await loop.run()
            await HTTPProvider.shutdownSharedClient()
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        switch outcome.current! {
        case .success(let report): print(report)
        case .failure(let failure): throw ValidationError(failure.message)
        }
    }
}

/// Why a benchmark could not run (the server refused, a round did not come back as expected).
struct ClientBenchFailure: Error {
    var message: String
}

/// Process CPU time (user + system, every thread) in seconds.
enum ProcessCPU {
    static func seconds() -> Double {
        var usage = rusage()
        _ = getrusage(RUSAGE_SELF_VALUE, &usage)
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(usage.ru_utime) + s(usage.ru_stime)
    }

    #if canImport(Glibc)
    private static let RUSAGE_SELF_VALUE = __rusage_who_t(RUSAGE_SELF.rawValue)
    #else
    private static let RUSAGE_SELF_VALUE = RUSAGE_SELF
    #endif
}

/// The measured loop: the same requests, tools and messages as scripts/bench-openai-sdk.py.
struct ClientLoopBench: Sendable {
    var baseURL: String
    var rounds: Int
    var warmup: Int
    var stream: Bool
    var scriptLLMock: Bool
    var reader: ReaderPlacement
    /// The wire spoken; the round is the same on every wire.
    var api: WireAPI = .chat

    static let answer = "The weather is mild in all three cities today: Paris has light cloud at 18 degrees, Oslo is cool and clear at 9 degrees, and Lisbon is sunny and warm at 24 degrees. No rain is expected anywhere before the evening, so an umbrella can stay at home."

    func run() async -> Result<String, ClientBenchFailure> {
        var config = ProviderConfig(kind: .openai)
        config.switchWire(to: api)
        config.baseURL = baseURL
        config.maxRetries = 0
        let provider: HTTPProvider
        let http = AsyncHTTPClientTransport(environment: ProcessInfo.processInfo.environment)
        let transport: any HTTPTransport = reader == .eventLoop ? http : ReaderOnPool(base: http)
        do {
            provider = try HTTPProvider(config: config, environment: ProcessInfo.processInfo.environment, transport: transport)
        } catch {
            return .failure(ClientBenchFailure(message: error.message))
        }
        if scriptLLMock, let failure = await scriptServer() { return .failure(failure) }
        var cpu: [Double] = []
        var wall: [Double] = []
        for i in 0..<(warmup + rounds) {
            let c0 = ProcessCPU.seconds(), w0 = MonotonicClock.now()
            if let failure = await round(provider) { return .failure(failure) }
            if i >= warmup {
                cpu.append(ProcessCPU.seconds() - c0)
                wall.append(MonotonicClock.now() - w0)
            }
        }
        var client = "toolscope (Swift, AsyncHTTPClient, reader on the \(reader == .eventLoop ? "event loop" : "shared pool"))"
        if api != .chat { client += ", \(api.label)" }
        return .success(Self.report(client: client, stream: stream, cpu: cpu, wall: wall))
    }

    private func round(_ provider: HTTPProvider) async -> ClientBenchFailure? {
        var settings = SessionSettings()
        settings.stream = stream
        settings.model = "bench-tools"
        let tool = ToolDefinition(name: "get_weather", description: "Current weather for a city.",
                                  parameters: ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]])
        var messages: [Message] = [.system("You are a helpful assistant."), .user("What is the weather in Paris, Oslo and Lisbon?")]
        let first = await provider.complete(ChatRequest(messages: messages, tools: [tool], settings: settings)) { _ in }
        guard case .success(let calls) = first, calls.message.toolCalls.count == 3 else {
            return ClientBenchFailure(message: "the first request did not return three tool calls: \(first)")
        }
        messages.append(calls.message)
        for call in calls.message.toolCalls {
            messages.append(.tool(callID: call.id, content: #"{"temperature_c": 18, "condition": "cloudy"}"#))
        }
        settings.model = "bench-answer"
        let second = await provider.complete(ChatRequest(messages: messages, tools: [tool], settings: settings)) { _ in }
        guard case .success(let text) = second, text.message.content == Self.answer else {
            return ClientBenchFailure(message: "the second request did not return the scripted answer: \(second)")
        }
        return nil
    }

    /// Permanent behaviours keyed by model, so every round gets the same two answers.
    private func scriptServer() async -> ClientBenchFailure? {
        guard let url = URL(string: baseURL), let host = url.host, let port = url.port else {
            return ClientBenchFailure(message: "--llmock needs a base URL with host and port")
        }
        let calls: JSONValue = .array(["Paris", "Oslo", "Lisbon"].map { ["name": "get_weather", "arguments": ["city": .string($0)]] })
        let behaviors: JSONValue = ["behaviors": [
            ["type": "reply", "tool_calls": calls, "times": nil, "match": ["model": "bench-tools"]],
            ["type": "reply", "text": .string(Self.answer), "times": nil, "match": ["model": "bench-answer"]],
        ]]
        let spec = HTTPRequestSpec(url: "http://\(host):\(port)/_llmock/scenario", headers: ["Content-Type": "application/json"],
                                   body: Array(behaviors.compact.utf8))
        do {
            let response = try await AsyncHTTPClientTransport().send(spec)
            _ = try await response.body.collect()
            return response.status == 201 ? nil : ClientBenchFailure(message: "llmock refused the scenario (HTTP \(response.status))")
        } catch {
            return ClientBenchFailure(message: "could not script llmock: \(error.message)")
        }
    }

    static func report(client: String, stream: Bool, cpu: [Double], wall: [Double]) -> String {
        func ms(_ v: Double) -> String { String(format: "%.3f", v * 1000) }
        let sortedWall = wall.sorted(), sortedCPU = cpu.sorted()
        let meanCPU = cpu.reduce(0, +) / Double(cpu.count), meanWall = wall.reduce(0, +) / Double(wall.count)
        return """
            client: \(client)
            mode: \(stream ? "stream" : "no-stream"), rounds: \(cpu.count) (2 requests each: 3 parallel tool calls, then the answer)
            cpu per round (ms):  mean \(ms(meanCPU))  median \(ms(sortedCPU[sortedCPU.count / 2]))
            wall per round (ms): mean \(ms(meanWall))  median \(ms(sortedWall[sortedWall.count / 2]))
            """
    }
}

/// Parses recorded streams over and over: framing alone, then framing + JSON + assembly.
struct SSEThroughput {
    var directory: String
    var megabytes: Int

    func run() throws {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory))?.filter { $0.hasSuffix(".sse") }.sorted() ?? []
        guard !files.isEmpty else { throw ValidationError("no .sse files in \(directory)") }
        let streams: [[UInt8]] = files.compactMap { FileManager.default.contents(atPath: directory + "/" + $0).map { Array($0) } }
        let corpus = streams.reduce(0) { $0 + $1.count }
        let repeats = max(1, megabytes * 1_000_000 / corpus)
        let total = Double(corpus * repeats)

        var events = 0
        let t0 = MonotonicClock.now()
        var scratch: [SSEEvent] = []
        for _ in 0..<repeats {
            for stream in streams {
                var framer = SSEFramer()
                scratch.removeAll(keepingCapacity: true)
                stream.withUnsafeBufferPointer { bytes in
                    // 1 KiB reads, as a socket would deliver them.
                    var offset = 0
                    while offset < bytes.count {
                        let end = min(offset + 1024, bytes.count)
                        framer.feed(UnsafeBufferPointer(rebasing: bytes[offset..<end]), into: &scratch)
                        offset = end
                    }
                }
                events += scratch.count
            }
        }
        let framing = MonotonicClock.now() - t0

        let assembleRepeats = max(1, repeats / 8)
        var answers = 0
        let t1 = MonotonicClock.now()
        for _ in 0..<assembleRepeats {
            for stream in streams {
                var framer = SSEFramer()
                var assembler = StreamAssembler()
                for event in framer.feed(stream) { _ = try? assembler.consume(event) }
                if case .success = assembler.finish() { answers += 1 }
            }
        }
        let assembling = MonotonicClock.now() - t1
        let assembledBytes = Double(corpus * assembleRepeats)
        print("""
            SSE corpus: \(files.count) recorded streams, \(corpus) bytes, repeated \(repeats)×
            framing only (1 KiB reads): \(String(format: "%.0f", total / framing / 1e6)) MB/s (\(events) events in \(String(format: "%.3f", framing)) s)
            framing + JSON + assembly:  \(String(format: "%.0f", assembledBytes / assembling / 1e6)) MB/s (\(answers) complete answers in \(String(format: "%.3f", assembling)) s)
            """)
    }
}

/// Where `bench-client` reads response bodies.
enum ReaderPlacement: String, ExpressibleByArgument, Sendable {
    case eventLoop = "event-loop"
    case pool
}

/// The transport with its reader executor taken away: bodies are read on Swift's shared pool.
struct ReaderOnPool: HTTPTransport {
    let base: any HTTPTransport

    func send(_ request: HTTPRequestSpec) async throws(TransportError) -> HTTPResponse {
        try await base.send(request)
    }
}
