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

    @Test func aDeadServerIsNamedWithItsHostAndPort() throws {
        // Port 9 (discard) is closed on loopback: connection refused at once.
        let (status, stdout, stderr) = try Self.run(["run", "--base-url", "http://127.0.0.1:9/v1", "--max-retries", "0", "--prompt", "hi"],
                                                    environment: [:])
        #expect(status == 3, "\(stdout)\n\(stderr)")
        #expect(stdout.contains("127.0.0.1:9"))
    }
}
