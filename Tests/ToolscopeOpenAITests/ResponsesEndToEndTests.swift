import Foundation
import Testing
import ToolscopeTestSupport
import ToolscopeEngine

/// The built binary on the Responses wire against a real llmock server: `toolscope run --api
/// responses` headless, and one workbench journey in tmux; both save, and the saved session
/// passes `toolscope replay --check`.
@Suite("Responses end to end against llmock", .serialized)
struct ResponsesEndToEndTests {
    static func replayCheck(_ path: String) throws {
        let (status, stdout, stderr) = try CLIAgainstLLMockTests.run(["replay", path, "--check", "--quiet"], environment: [:])
        #expect(status == 0, "replay --check failed:\n\(stdout)\n\(stderr)")
    }

    @Test func runWithAPIResponsesCallsTheToolsSavesAndReplays() async throws {
        let server = try await LLMockServer.start(lifetime: 60)
        defer { server.stop() }
        try await server.script([LLMockLoopTests.threeCalls])
        let key = "sk-test-responses-\(UUID().uuidString.prefix(8))"
        let saved = FileManager.default.temporaryDirectory.appendingPathComponent("responses-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: saved) }
        let (status, stdout, stderr) = try CLIAgainstLLMockTests.run(
            ["run", "--api", "responses", "--base-url", server.baseURL, "--model", "llmock-model",
             "--prompt", "What is the weather?", "--save", saved],
            environment: ["OPENAI_API_KEY": key])
        #expect(status == 0, "\(stdout)\n\(stderr)")
        #expect(stdout.contains("request to \(server.baseURL)/responses"), "\(stdout)")
        #expect(stdout.contains(#"⚙ get_weather({"city": "Paris"})"#), "\(stdout)")
        #expect(stdout.contains(#"⚙ get_weather({"city": "Lisbon"})"#))
        #expect(stdout.contains("■ answered after 2 rounds"))
        #expect(stdout.contains("/responses: 1 input items, 6 tools"), "\(stdout)")
        #expect(stdout.contains("/responses: 7 input items, 6 tools"), "\(stdout)")
        let session = try String(contentsOfFile: saved, encoding: .utf8)
        for text in [stdout, stderr, session] { #expect(!text.contains(key), "the API key leaked") }
        #expect(session.contains(#""api": "responses""#))
        #expect(session.contains(#""native""#) && session.contains(#""function_call""#) && session.contains(#""response_id""#))
        // llmock saw the Responses route, with function_call_output items on the second request.
        let journal = try await server.journal()
        #expect(journal.map { $0["path"]?.stringValue } == ["/v1/responses", "/v1/responses"])
        #expect(journal.last?["body"]?["input"]?.arrayValue?.filter { $0["type"] == "function_call_output" }.count == 3)
        try Self.replayCheck(saved)
    }

    @Test func previousResponseIDModeShowsInTheTraceAndBadFlagsAreNamed() async throws {
        let server = try await LLMockServer.start(lifetime: 60)
        defer { server.stop() }
        try await server.script([LLMockLoopTests.threeCalls])
        let (status, stdout, stderr) = try CLIAgainstLLMockTests.run(
            ["run", "--api", "responses", "--base-url", server.baseURL, "--responses-history", "previous", "--store", "true",
             "--prompt", "What is the weather?"], environment: ["OPENAI_API_KEY": "sk-test"])
        #expect(status == 0, "\(stdout)\n\(stderr)")
        #expect(stdout.contains("/responses: 3 input items after resp_"), "\(stdout)")
        let bad = try CLIAgainstLLMockTests.run(["run", "--api", "responses", "--responses-history", "sometimes", "--prompt", "hi"], environment: [:])
        #expect(bad.0 != 0)
        #expect((bad.1 + bad.2).contains("--responses-history \"sometimes\": expected full or previous"), "\(bad)")
        let badStore = try CLIAgainstLLMockTests.run(["run", "--store", "maybe", "--prompt", "hi"], environment: [:])
        #expect((badStore.1 + badStore.2).contains("--store \"maybe\": expected true or false"), "\(badStore)")
    }

    @Test func workbenchJourneyOnResponsesStreamsCallsSavesAndReplays() async throws {
        let server = try await LLMockServer.start(lifetime: 90)
        defer { server.stop() }
        try await server.script([LLMockLoopTests.threeCalls, ["type": "reply", "text": "Paris is mild, Oslo cool, Lisbon warm."]])
        let workbench = try WorkbenchTmux(arguments: ["workbench", "--api", "responses", "--base-url", server.baseURL, "--model", "llmock-model"])
        try workbench.waitFor(text: "responses \(server.baseURL)")
        try workbench.type("Weather in Paris, Oslo and Lisbon?")
        try workbench.send("Enter")
        let screen = try workbench.waitFor(text: "Paris is mild, Oslo cool, Lisbon warm.")
        #expect(screen.contains(#"get_weather {"city": "Lisbon"}"#), "\(screen)")
        try workbench.waitFor(text: "│ idle")
        let path = workbench.home.appendingPathComponent("responses.json").path
        try workbench.answerPrompt(key: "C-s", title: "Save session as", with: path)
        try workbench.waitFor(text: "saved ")
        try workbench.send("C-q")
        try workbench.waitFor(text: "TOOLSCOPE-EXITED-0")
        let session = try String(contentsOfFile: path, encoding: .utf8)
        #expect(session.contains(#""api": "responses""#))
        #expect(session.contains(#""call_id""#))
        let requests = try await server.journal()
        #expect(requests.count == 2)
        try Self.replayCheck(path)
    }

    @Test("workbench: F2 sets store and previous_response_id history; the requests use them and the saved session keeps them")
    func workbenchF2ResponsesOptions() async throws {
        let server = try await LLMockServer.start(lifetime: 90)
        defer { server.stop() }
        let workbench = try WorkbenchTmux(arguments: ["workbench", "--api", "responses", "--base-url", server.baseURL, "--model", "llmock-model"])
        try workbench.waitFor(text: "responses \(server.baseURL)")
        try workbench.send("F2")
        try workbench.waitFor(text: "Provider and model")
        try workbench.waitFor(text: "history")
        // F2 asks the server for its models at once; llmock answers that GET from its script
        // too, so the script is set only after the list came.
        try workbench.waitFor(text: "on the server")
        // kind → api → model → base URL → compat → store: unset → true; history: full → previous.
        for _ in 0..<5 { try workbench.send("Down") }
        try workbench.send("Right")
        try workbench.send("Down")
        try workbench.send("Right")
        try workbench.waitFor(text: "previous_response_id + the new items")
        try workbench.send("Enter")
        try workbench.waitFor(text: "provider: ")
        try await server.script([LLMockLoopTests.threeCalls, ["type": "reply", "text": "Paris is mild, Oslo cool, Lisbon warm."]])
        try workbench.type("Weather in Paris, Oslo and Lisbon?")
        try workbench.send("Enter")
        try workbench.waitFor(text: "Paris is mild, Oslo cool, Lisbon warm.")
        try workbench.waitFor(text: "│ idle")
        let path = workbench.home.appendingPathComponent("responses-options.json").path
        try workbench.answerPrompt(key: "C-s", title: "Save session as", with: path)
        try workbench.waitFor(text: "saved ")
        try workbench.send("C-q")
        try workbench.waitFor(text: "TOOLSCOPE-EXITED-0")
        // F2 also asked the server for its models (GET /v1/models): only the model requests count here.
        let requests = try await server.journal().filter { $0["method"] == "POST" }
        #expect(requests.count == 2)
        #expect(requests.allSatisfy { $0["body"]?["store"] == true }, "\(requests.map { $0["body"]?["store"] ?? .null })")
        #expect(requests.first?["body"]?["previous_response_id"] == nil)
        #expect(requests.last?["body"]?["previous_response_id"]?.stringValue?.isEmpty == false)
        let session = try JSONValue(parsing: String(contentsOfFile: path, encoding: .utf8))
        #expect(session["settings"]?["store"] == true)
        #expect(session["settings"]?["responses_history"] == "previous")
    }
}
