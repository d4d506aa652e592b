import Foundation
import Testing
import ToolscopeTestSupport

/// What happened is what is recorded: a session whose `call_edits` say the user edited one
/// call's arguments and typed another's result replays cleanly through the real binary.
@Suite("Recorded approval-mode edits (end to end)", .serialized)
struct RecordedEditsTests {
    /// A real run of the demo model, saved, then given the edits approval mode records: the model
    /// "sent" Tokio and the user corrected it to what ran; the user typed London's result.
    private func steppedSession() throws -> (path: String, typedID: String) {
        let path = BinaryRunner.temporaryDirectory().appendingPathComponent("stepped.json").path
        let run = try BinaryRunner.run(["run", "--prompt", "Compare the weather in Tokyo, London and New York", "--save", path])
        #expect(run.status == 0, "\(run.stderr)")
        var session = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var messages = try #require(session["messages"] as? [[String: Any]])
        let assistant = try #require(messages.first { $0["tool_calls"] != nil })
        let calls = try #require(assistant["tool_calls"] as? [[String: Any]])
        let ids = calls.compactMap { $0["id"] as? String }
        let ran = try #require((calls[0]["function"] as? [String: Any])?["arguments"] as? String)
        #expect(ran.contains("Tokyo"))
        let typedIndex = try #require(messages.firstIndex { $0["tool_call_id"] as? String == ids[1] })
        messages[typedIndex]["content"] = #"{"city":"London","temperature":99,"typed":true}"#
        session["messages"] = messages
        session["call_edits"] = [
            ids[0]: ["original_arguments": ran.replacingOccurrences(of: "Tokyo", with: "Tokio"), "arguments": ran],
            ids[1]: ["result_typed_by_user": true],
        ]
        try JSONSerialization.data(withJSONObject: session, options: [.prettyPrinted]).write(to: URL(fileURLWithPath: path))
        return (path, ids[1])
    }

    @Test func replayCheckRerunsTheEditAndReplaysTheTypedResult() throws {
        let (path, typedID) = try steppedSession()
        let r = try BinaryRunner.run(["replay", path, "--check"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("1 with arguments edited by the user, re-run as edited"), "\(r.stdout)")
        #expect(r.stdout.contains("1 result typed by the user, replayed as typed"))
        #expect(r.stdout.contains("every tool result matches the recording"))
        #expect(r.stdout.contains("✎ edited by you: get_weather"), "the trace shows the edit: \(r.stdout)")
        #expect(r.stdout.contains(#"the model sent {"city":"Tokio"}"#))
        #expect(r.stdout.contains("✎ get_weather [\(typedID)] typed by you"), "\(r.stdout)")
    }

    @Test func theReplayedSessionKeepsTheEditsAndTheStatuses() throws {
        let (path, typedID) = try steppedSession()
        let out = BinaryRunner.temporaryDirectory().appendingPathComponent("replayed.json").path
        let r = try BinaryRunner.run(["replay", path, "--check", "--quiet", "--save", out])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let saved = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        let edits = try #require(saved["call_edits"] as? [String: [String: Any]])
        #expect(edits[typedID]?["result_typed_by_user"] as? Bool == true)
        #expect(edits.values.contains { ($0["original_arguments"] as? String)?.contains("Tokio") == true })
        let finished = (saved["trace"] as? [[String: Any]] ?? []).filter { $0["event"] as? String == "call_finished" }
        #expect(finished.compactMap { $0["status"] as? String }.sorted() == ["ok", "ok", "typed"])
        #expect((saved["trace"] as? [[String: Any]] ?? []).contains { $0["event"] as? String == "call_edited" })
    }

    @Test func anUnknownFunctionListsTheToolsThatExist() throws {
        // The demo model's answer names a tool call the session does not have once get_weather is removed.
        let path = BinaryRunner.temporaryDirectory().appendingPathComponent("unknown.json").path
        #expect(try BinaryRunner.run(["run", "--prompt", "What's the weather in Paris?", "--save", path]).status == 0)
        var session = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let tools = try #require(session["tools"] as? [[String: Any]])
        session["tools"] = tools.filter { ($0["function"] as? [String: Any])?["name"] as? String != "get_weather" }
        try JSONSerialization.data(withJSONObject: session).write(to: URL(fileURLWithPath: path))
        let r = try BinaryRunner.run(["replay", path, "--check", "--quiet"])
        #expect(r.status == 1)
        #expect(r.stdout.contains(#"+ /error: "Unknown function: get_weather""#), "\(r.stdout)")
        #expect(r.stdout.contains(#"+ /available_tools: ["calculate","#), "\(r.stdout)")
    }
}
