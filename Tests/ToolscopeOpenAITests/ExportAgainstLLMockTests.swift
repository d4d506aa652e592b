import Foundation
import Testing
import ToolscopeTestSupport
import ToolscopeEngine

/// The exports run for real: the curl command through bash and the Python script with the
/// venv's `openai` SDK, both against llmock, which must accept the requests.
@Suite("Export against llmock", .serialized)
struct ExportAgainstLLMockTests {
    /// The shipped parallel-weather session pointed at `server`, with an apostrophe for the shell to carry.
    static func session(_ baseURL: String, api: WireAPI = .chat) throws -> Session {
        var s = try SessionFile.load(path: Fixtures.packageRoot.appendingPathComponent("sessions/parallel-weather.json").path)
        s.settings.provider.kind = .openai
        s.settings.provider.switchWire(to: api)
        s.settings.provider.baseURL = baseURL
        s.settings.model = "llmock-model"
        s.messages[1].content = "Compare the weather in Tokyo, London and New York — it's for a trip"
        return s
    }

    static func temporaryFile(_ name: String, _ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("toolscope-export-\(UUID().uuidString)-\(name)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("curl of round 2 (Chat Completions, streamed): bash runs it, llmock accepts exactly the body toolscope would send")
    func curlChat() async throws {
        let server = try await LLMockServer.start(lifetime: 60)
        defer { server.stop() }
        let session = try Self.session(server.baseURL)
        let command = try SessionExport.text(session, as: .curl, target: ExportTarget(round: 2), environment: [:])
        let file = try Self.temporaryFile("request.sh", command)
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(try SpawnedProcess.run("/bin/bash", ["-n", file], timeout: 20).status == 0)
        let run = try SpawnedProcess.run("/bin/bash", [file], environment: ["PATH": "/usr/bin:/bin", "OPENAI_API_KEY": "sk-curl-test"], timeout: 30)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("data: [DONE]"), "\(run.stdout)")
        let journal = try await server.journal()
        #expect(journal.count == 1)
        #expect(journal.first?["status"]?.intValue == 200)
        #expect(journal.first?["path"]?.stringValue == "/v1/chat/completions")
        let expected = try #require(SessionRounds(session).request(round: 2)).openAIBody(stream: true)
        #expect(journal.first?["body"] == expected)
    }

    @Test("curl on the Anthropic wire: /v1/messages with x-api-key and anthropic-version, accepted")
    func curlAnthropic() async throws {
        let server = try await LLMockServer.start(lifetime: 60)
        defer { server.stop() }
        // llmock serves Anthropic Messages under /anthropic (as AnthropicLLMockTests do).
        let session = try Self.session("http://127.0.0.1:\(server.port)/anthropic", api: .anthropic)
        let command = try SessionExport.text(session, as: .curl, target: ExportTarget(round: 2), environment: [:])
        #expect(command.contains(#"-H "x-api-key: $ANTHROPIC_API_KEY""#))
        let file = try Self.temporaryFile("anthropic.sh", command)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try SpawnedProcess.run("/bin/bash", [file], environment: ["PATH": "/usr/bin:/bin", "ANTHROPIC_API_KEY": "sk-ant-test"], timeout: 30)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("message_stop"), "\(run.stdout)")
        let journal = try await server.journal()
        #expect(journal.first?["status"]?.intValue == 200)
        #expect(journal.first?["path"]?.stringValue == "/anthropic/v1/messages")
        #expect(journal.first?["body"] == AnthropicFormat.body(try #require(SessionRounds(session).request(round: 2)), stream: true))
    }

    @Test("the Python script runs the loop with the openai SDK: the same three calls, the recorded results sent back, a text answer")
    func pythonScript() async throws {
        let server = try await LLMockServer.start(lifetime: 90)
        defer { server.stop() }
        let session = try Self.session(server.baseURL)
        let script = try SessionExport.text(session, as: .python, environment: [:])
        let file = try Self.temporaryFile("loop.py", script)
        defer { try? FileManager.default.removeItem(atPath: file) }
        // The model asks for the same calls the session recorded, then answers.
        let cities = ["Tokyo", "London", "New York"]
        try await server.script([["type": "reply", "tool_calls": .array(cities.map { ["name": "get_weather", "arguments": ["city": .string($0)]] })]])
        let run = try SpawnedProcess.run(LLMockServer.python, [file], environment: ["PATH": "/usr/bin:/bin", "OPENAI_API_KEY": "sk-python-test"],
                                         timeout: 60)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("round 1: get_weather(") }.count == 3, "\(run.stdout)")
        for city in cities { #expect(run.stdout.contains(city)) }
        #expect(lines.last?.isEmpty == false)
        let journal = try await server.journal()
        #expect(journal.count == 2)
        #expect(journal.allSatisfy { $0["status"]?.intValue == 200 && $0["path"]?.stringValue == "/v1/chat/completions" })
        let sent = try #require(journal.last?["body"]?["messages"]?.arrayValue)
        let results = sent.filter { $0["role"] == "tool" }.compactMap { $0["content"]?.stringValue }
        // The session's own messages before the last user message, then the new round's calls and results.
        #expect(sent.count == 2 + 1 + 3)
        #expect(results.count == 3)
        #expect(results.first?.contains("partly cloudy") == true, "the recorded Tokyo result: \(results)")
        #expect(results.allSatisfy { !$0.contains("no result recorded") }, "\(results)")
        #expect(journal.first?["body"]?["tools"]?.arrayValue?.count == session.enabledDefinitions.count)
    }
}
