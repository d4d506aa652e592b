import Foundation
import Testing
import ToolscopeTestSupport
import ToolscopeEngine

/// The built binary on the Anthropic wire against a real llmock: `toolscope run --api anthropic`
/// headless, and one workbench journey in tmux; both saved sessions pass `replay --check`.
@Suite("Anthropic wire end to end", .serialized)
struct AnthropicEndToEndTests {
    static func base(_ server: LLMockServer) -> String { "http://127.0.0.1:\(server.port)/anthropic" }

    static func replayCheck(_ path: String) throws -> (Int32, String) {
        let (status, stdout, stderr) = try CLIAgainstLLMockTests.run(["replay", path, "--check"], environment: [:])
        return (status, stdout + stderr)
    }

    @Test("toolscope run: thinking streams as its own thinking: line before the answer text (byte-level fixture)")
    func headlessThinking() throws {
        let body = try AnthropicStreamReaderTests.fixture("thinking-tool-use")
        let head = Array("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n".utf8)
        let server = try ScriptedHTTPServer([.write(head + body), .hangUp])
        // One round: the fixture's calls run, and the loop stops before asking again.
        let (_, stdout, stderr) = try CLIAgainstLLMockTests.run(
            ["run", "--api", "anthropic", "--base-url", "http://127.0.0.1:\(server.port)", "--model", "claude-fixture",
             "--max-rounds", "1", "--prompt", "Weather in Paris?"],
            environment: ["ANTHROPIC_API_KEY": "sk-ant-fixture", "ANTHROPIC_BASE_URL": ""])
        server.waitUntilDone(timeout: 5)
        #expect(stdout.contains("   thinking: The user wants the weather in Paris. I should call get_weather.\n   assistant: Let me check the weather.\n"),
                "\(stdout)\n\(stderr)")
    }

    @Test("toolscope run --api anthropic: the calls stream, the key stays secret, the session replays clean")
    func headlessRun() async throws {
        let server = try await LLMockServer.start(lifetime: 60)
        defer { server.stop() }
        try await server.script([LLMockLoopTests.threeCalls])
        let key = "sk-ant-cli-\(UUID().uuidString.prefix(8))"
        let saved = FileManager.default.temporaryDirectory.appendingPathComponent("anthropic-cli-\(UUID().uuidString).json").path
        let (status, stdout, stderr) = try CLIAgainstLLMockTests.run(
            ["run", "--api", "anthropic", "--base-url", Self.base(server), "--model", "claude-llmock",
             "--prompt", "What is the weather?", "--save", saved],
            environment: ["ANTHROPIC_API_KEY": key, "ANTHROPIC_BASE_URL": ""])
        #expect(status == 0, "\(stdout)\n\(stderr)")
        #expect(stdout.contains("request to \(Self.base(server))/v1/messages"), "\(stdout)")
        // tool_use input is an object: the arguments are its compact JSON.
        #expect(stdout.contains(#"⚙ get_weather({"city":"Paris"})"#), "\(stdout)")
        #expect(stdout.contains(#"⚙ get_weather({"city":"Lisbon"})"#))
        // Round 2 sends user, assistant, and one user message holding the three tool_result blocks.
        #expect(stdout.contains("/v1/messages: 3 messages"))
        #expect(stdout.contains("■ answered after 2 rounds"))
        let session = try String(contentsOfFile: saved, encoding: .utf8)
        for text in [stdout, stderr, session] { #expect(!text.contains(key), "the API key leaked") }
        #expect(session.contains(#""api": "anthropic""#))
        #expect(session.contains(#""native""#), "the assistant turns keep their content blocks")
        #expect(session.contains(#""is_error": true"#), "the demo tool's unknown-city errors are flagged")
        let (replayStatus, replayOutput) = try Self.replayCheck(saved)
        #expect(replayStatus == 0, "\(replayOutput)")
        // llmock really got x-api-key and anthropic-version, and no Authorization header.
        let journal = try await server.journal()
        #expect(journal.count == 2)
    }

    @Test("workbench on the Anthropic wire: the demo tools called, the calls in the trace, saved, replay --check passes")
    func workbenchJourney() async throws {
        let server = try await LLMockServer.start(lifetime: 90)
        defer { server.stop() }
        try await server.script([LLMockLoopTests.threeCalls, ["type": "reply", "text": "Paris is mild, Oslo cool, Lisbon warm."]])
        let workbench = try WorkbenchTmux(arguments: ["workbench", "--api", "anthropic", "--base-url", Self.base(server), "--model", "claude-llmock"],
                                          extraEnvironment: ["ANTHROPIC_API_KEY": "sk-ant-tmux-secret-42", "ANTHROPIC_BASE_URL": ""])
        try workbench.waitFor(text: "anthropic \(Self.base(server))")
        try workbench.type("Weather in Paris, Oslo and Lisbon?")
        try workbench.send("Enter")
        let screen = try workbench.waitFor(text: "Paris is mild, Oslo cool, Lisbon warm.")
        #expect(screen.contains(#"get_weather {"city":"Lisbon"}"#), "\(screen)")
        try workbench.waitFor(text: "│ idle")
        let path = workbench.home.appendingPathComponent("anthropic.json").path
        try workbench.answerPrompt(key: "C-s", title: "Save session as", with: path)
        try workbench.waitFor(text: "saved ")
        try workbench.send("C-q")
        try workbench.waitFor(text: "TOOLSCOPE-EXITED-0")
        let saved = try String(contentsOfFile: path, encoding: .utf8)
        #expect(saved.contains(#""api": "anthropic""#))
        #expect(!saved.contains("sk-ant-tmux-secret-42"))
        let (status, output) = try Self.replayCheck(path)
        #expect(status == 0, "\(output)")
    }
}
