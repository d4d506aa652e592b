import Foundation
import Testing
import ToolscopeTestSupport
import ToolscopeEngine

/// `toolscope run --base-url …` from the command line, against a real llmock server.
@Suite("CLI against llmock", .serialized)
struct CLIAgainstLLMockTests {
    static var binary: String {
        if let bin = ProcessInfo.processInfo.environment["TOOLSCOPE_BIN"], !bin.isEmpty { return bin }
        return Fixtures.packageRoot.appendingPathComponent(".build/debug/toolscope").path
    }

    /// Runs the binary with `arguments`, returning status, stdout and stderr.
    static func run(_ arguments: [String], environment: [String: String]) throws -> (Int32, String, String) {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "OPENAI_BASE_URL")
        for (k, v) in environment { env[k] = v }
        let result = try SpawnedProcess.run(binary, arguments, environment: env, timeout: 60)
        if result.timedOut { throw SpawnedProcess.Failure("toolscope \(arguments.joined(separator: " ")) did not finish in 60 s") }
        return (result.status, result.stdout, result.stderr)
    }

    @Test func runAgainstAServerStreamsTheLoopAndNeverPrintsTheKey() async throws {
        let server = try await LLMockServer.start(lifetime: 60)
        defer { server.stop() }
        try await server.script([LLMockLoopTests.threeCalls])
        let key = "sk-test-cli-\(UUID().uuidString.prefix(8))"
        let saved = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString).json").path
        let (status, stdout, stderr) = try Self.run(
            ["run", "--base-url", server.baseURL, "--model", "llmock-model", "--prompt", "What is the weather?", "--save", saved],
            environment: ["OPENAI_API_KEY": key])
        #expect(status == 0, "\(stdout)\n\(stderr)")
        #expect(stdout.contains("── round 1 ── request to \(server.baseURL)/chat/completions"))
        #expect(stdout.contains(#"⚙ get_weather({"city": "Paris"})"#))
        #expect(stdout.contains(#"⚙ get_weather({"city": "Lisbon"})"#))
        #expect(stdout.contains("assistant: "))
        #expect(stdout.contains("■ answered after 2 rounds"))
        let session = try String(contentsOfFile: saved, encoding: .utf8)
        for text in [stdout, stderr, session] { #expect(!text.contains(key), "the API key leaked") }
        #expect(session.contains(#""model": "llmock-model""#))
    }

    @Test("eval: one suite on Chat Completions and on Responses side by side, each variant on its own wire")
    func evalWithAWireVariant() async throws {
        let server = try await LLMockServer.start(lifetime: 90)
        defer { server.stop() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eval-wires-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // llmock, choosing by itself, calls the tool whose words match the prompt (city "mock-city").
        let suite = dir.appendingPathComponent("wires.json").path
        try """
            {"format": "toolscope.suite/1",
             "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Get the current weather for a city",
                        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}],
             "cases": [{"id": "weather", "prompt": "What is the weather in Paris?", "expect": {"calls": [{"name": "get_weather"}]}}]}
            """.write(toFile: suite, atomically: true, encoding: .utf8)
        let json = dir.appendingPathComponent("r.json").path
        let (status, stdout, stderr) = try Self.run(
            ["eval", suite, "--base-url", server.baseURL, "--model", "llmock-model", "--repeat", "2", "--json", json,
             "--variant", "name=chat,api=chat", "--variant", "name=responses,api=responses"],
            environment: ["OPENAI_API_KEY": "sk-test-eval-wires"])
        #expect(status == 0, "\(stdout)\n\(stderr)")
        #expect(stdout.contains("(Chat Completions)") && stdout.contains("(Responses)"), "\(stdout)")
        #expect(stdout.contains("chat: 2/2 runs passed"), "\(stdout)")
        #expect(stdout.contains("responses: 2/2 runs passed"), "\(stdout)")

        let report = try JSONParser.parse(try String(contentsOfFile: json, encoding: .utf8))
        let variants = report["variants"]?.arrayValue ?? []
        #expect(variants.compactMap { $0["variant"]?.stringValue } == ["chat", "responses"])
        #expect(variants.allSatisfy { $0["passes"] == 2 })
        // Each variant's requests went to its own wire's endpoint: 2 runs × 2 rounds each.
        let paths = try await server.journal().compactMap { $0["path"]?.stringValue }
        #expect(paths.filter { $0 == "/v1/chat/completions" }.count == 4, "\(paths)")
        #expect(paths.filter { $0 == "/v1/responses" }.count == 4, "\(paths)")
    }

    @Test func aDeadServerIsNamedWithItsHostAndPort() throws {
        // Port 9 (discard) is closed on loopback: connection refused at once.
        let (status, stdout, stderr) = try Self.run(["run", "--base-url", "http://127.0.0.1:9/v1", "--max-retries", "0", "--prompt", "hi"],
                                                    environment: [:])
        #expect(status == 3, "\(stdout)\n\(stderr)")
        #expect(stdout.contains("127.0.0.1:9"))
    }
}
