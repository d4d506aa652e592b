import Foundation
import Testing
import ToolscopeTestSupport

/// A call's arguments as they stream: against a server that sends them one character at a
/// time (scripts/slow-tool-call-server.py), the trace's "streaming" row shows them growing.
@Suite("Streaming arguments (end to end)", .serialized)
struct WorkbenchStreamingTests {
    /// The arguments on the trace's streaming row of `screen`, or nil when there is none. The
    /// row reads `└ get_weather {"city": "Pa  ⠋ streaming`; the arguments never hold two spaces.
    static func streamedArguments(_ screen: String) -> String? {
        guard let row = screen.split(separator: "\n").first(where: { $0.contains("└ get_weather") && $0.contains("streaming") }),
              let name = row.range(of: "└ get_weather ") else { return nil }
        let rest = row[name.upperBound...]
        return String(rest[..<(rest.range(of: "  ")?.lowerBound ?? rest.endIndex)])
    }

    @Test func aCallsArgumentsGrowInTheTraceWhileTheyStream() throws {
        // 17 characters, 0.4 s apart: about 7 s of streaming, time for two looks.
        let server = try ProxyTests.ScriptServer("slow-tool-call-server.py", ["0.4"])
        let t = try WorkbenchTmux(arguments: ["--base-url", "http://127.0.0.1:\(server.port)/v1", "--model", "slow"],
                                  extraEnvironment: ["OPENAI_API_KEY": "test-key"])
        try t.waitFor(text: "▶ Conversation")
        try t.type("Weather in Paris?")
        try t.send("Enter")
        let early = try t.waitFor("a streaming row with some arguments", timeout: 30) {
            (Self.streamedArguments($0)?.count ?? 0) >= 2
        }
        let first = try #require(Self.streamedArguments(early))
        let later = try t.waitFor("the arguments to grow", timeout: 15) {
            (Self.streamedArguments($0)?.count ?? 0) > first.count + 2
        }
        let second = try #require(Self.streamedArguments(later))
        #expect(second.hasPrefix(first), "the arguments grow at their end: \(first) → \(second)")
        #expect(#"{"city": "Paris"}"#.hasPrefix(second), "what streamed so far: \(second)")
        // When the stream ends the row becomes the call itself.
        let done = try t.waitFor("the turn to end", timeout: 30) { $0.contains("The call arrived whole.") }
        #expect(Self.streamedArguments(done) == nil, "no streaming row after the stream:\n\(done)")
    }
}
