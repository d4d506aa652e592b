import Foundation
import Testing
import ToolscopeTestSupport
import ToolscopeEngine

/// The workbench, in tmux, talking to a real llmock server over `http://` (AsyncHTTPClient):
/// a streamed tool round and answer, then Esc cancelling a stalled stream at once, then the
/// next turn on the same (consistent) session.
@Suite("Workbench against llmock", .serialized)
struct WorkbenchAgainstLLMockTests {
    @Test func streamsToolCallsThenEscCancelsAStallAndTheNextTurnWorks() async throws {
        let server = try await LLMockServer.start(lifetime: 90)
        defer { server.stop() }
        try await server.script([LLMockLoopTests.threeCalls, ["type": "reply", "text": "Paris is mild, Oslo cool, Lisbon warm."]])
        let workbench = try WorkbenchTmux(arguments: ["workbench", "--base-url", server.baseURL, "--model", "llmock-model"])
        try workbench.waitFor(text: "openai \(server.baseURL)")

        try workbench.type("Weather in Paris, Oslo and Lisbon?")
        try workbench.send("Enter")
        var screen = try workbench.waitFor(text: "Paris is mild, Oslo cool, Lisbon warm.")
        #expect(screen.contains(#"get_weather {"city": "Lisbon"}"#), "\(screen)")
        try workbench.waitFor(text: "│ idle")

        // A stream fault applies to the next response: this one stalls after two chunks.
        try await server.script([["type": "stream_fault", "kind": "stall", "after_chunks": 2, "stall_seconds": 30]])
        try workbench.type("Say hello")
        try workbench.send("Enter")
        try workbench.waitFor(text: "Esc cancels")
        try await Task.sleep(nanoseconds: 300_000_000)  // into the stall
        let pressed = MonotonicClock.now()
        try workbench.send("Escape")
        screen = try workbench.waitFor(text: "turn cancelled", timeout: 10)
        #expect(MonotonicClock.now() - pressed < 2, "Esc must abort the stalled request at once")
        #expect(screen.contains("the request was cancelled"), "\(screen)")

        try await server.script([["type": "reply", "text": "Hello again after the cancel."]])
        try workbench.type("Hello?")
        try workbench.send("Enter")
        try workbench.waitFor(text: "Hello again after the cancel.")
    }
}
