import Foundation
import Testing
import ToolscopeTestSupport

/// `toolscope convert`: a session recorded on the Responses wire moves to Chat Completions only
/// when the user accepts losing its reasoning item, which is named first.
@Suite("toolscope convert")
struct ConvertCommandTests {
    static let session = #"""
    {"format": "toolscope.session/1", "title": "moved",
     "settings": {"model": "m", "provider": {"kind": "openai", "api": "responses", "base_url": "http://127.0.0.1:9/v1"}},
     "tools": [],
     "messages": [
       {"role": "user", "content": "Weather in Oslo?"},
       {"role": "assistant", "content": null,
        "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Oslo\"}"}}],
        "native": {"wire": "responses", "items": [
          {"type": "reasoning", "id": "rs_7", "summary": [], "encrypted_content": "gAAAA"},
          {"type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "get_weather", "arguments": "{\"city\":\"Oslo\"}"}]}},
       {"role": "tool", "tool_call_id": "call_1", "content": "sunny"}]}
    """#

    @Test func lossesAreListedAndNothingIsWrittenWithoutConsent() throws {
        let dir = BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.json").path
        try Self.session.write(toFile: path, atomically: true, encoding: .utf8)

        let refused = try BinaryRunner.run(["convert", path, "--api", "chat"])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("responses → chat would lose 1 thing(s)"), "\(refused.stdout)")
        #expect(refused.stdout.contains("message 1: the reasoning item rs_7 with its encrypted content"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.session, "nothing written")

        let out = dir.appendingPathComponent("chat.json").path
        let moved = try BinaryRunner.run(["convert", path, "--api", "chat", "--allow-loss", "-o", out])
        #expect(moved.status == 0, "\(moved.stdout)\n\(moved.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        let provider = (document["settings"] as? [String: Any])?["provider"] as? [String: Any]
        #expect(provider?["api"] == nil, "chat is the default and is not written")
        let messages = try #require(document["messages"] as? [[String: Any]])
        #expect(messages[1]["native"] == nil)
        #expect((messages[1]["tool_calls"] as? [[String: Any]])?.count == 1, "the call itself moved")

        let back = try BinaryRunner.run(["convert", out, "--api", "responses", "--dry-run"])
        #expect(back.status == 0)
        #expect(back.stdout.contains("chat → responses loses nothing"))
    }

    @Test func anUnknownWireIsABadInput() throws {
        let out = try BinaryRunner.run(["convert", "x.json", "--api", "gemini"])
        #expect(out.status != 0 && out.status != 1)
        #expect(out.stderr.contains("unknown --api \"gemini\""))
    }
}
