import Foundation
import Testing
import ToolscopeTestSupport

/// Issue 10 through the real binary: a session file is never misread or overwritten.
@Suite("Session file safety (end to end)", .serialized)
struct SessionFileSafetyTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var fragment: String
        var expected: String
        var testDescription: String { fragment }
    }

    /// The three files of the issue that used to load with exit 0 and be overwritten by the save.
    static let wrongTypes: [Case] = [
        .init(fragment: #""messages": "x""#, expected: ":3:15: /messages: messages must be an array of messages, not a string"),
        .init(fragment: #""messages": {"role": "user", "content": "hi"}"#, expected: ":3:15: /messages: messages must be an array of messages, not an object"),
        .init(fragment: #""tools": "oops""#, expected: ":3:12: /tools: tools must be an array of tools, not a string"),
    ]

    @Test(arguments: wrongTypes)
    func aWrongTypeExitsTwoWithItsPlaceAndTheFileIsUnchanged(_ c: Case) throws {
        let path = BinaryRunner.temporaryDirectory().appendingPathComponent("wrong.json").path
        let text = "{\n  \"format\": \"toolscope.session/1\",\n  \(c.fragment)\n}\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["run", "--session", path, "--prompt", "hi", "--save", path])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains(path + c.expected), "\(r.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test func saveNeverReplacesAFileOfANewerToolscope() throws {
        let path = BinaryRunner.temporaryDirectory().appendingPathComponent("newer.json").path
        let text = #"{"format": "toolscope.session/2", "messages": [], "hologram": true}"# + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["run", "--prompt", "What's the weather in Tokyo?", "--save", path])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("newer toolscope"))
        #expect(r.stderr.contains("not overwritten"))
        #expect(!r.stdout.contains("round 1"), "nothing runs before the save target is checked")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test func unknownKeysSurviveARunThatSavesInPlace() throws {
        let path = BinaryRunner.temporaryDirectory().appendingPathComponent("future.json").path
        let text = """
        {
          "format": "toolscope.session/1",
          "title": "from the future",
          "hologram": {"mode": 3},
          "settings": {"model": "gpt-4o-mini", "reasoning_effort": "high", "provider": {"kind": "scripted", "region": "eu"}},
          "tools": [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}},
                     "cache_control": {"ttl": 60}, "binding": {"kind": "builtin", "name": "get_weather", "sandbox": "strict"}}],
          "messages": [{"role": "system", "content": "Use the tools.", "annotations": ["kept"]}],
          "trace": [{"t": 1, "round": 0, "event": "teleported", "to": "mars"}]
        }
        """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["run", "--session", path, "--prompt", "What's the weather in Tokyo?", "--save", path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        #expect((saved["hologram"] as? [String: Any])?["mode"] as? Int == 3)
        let settings = saved["settings"] as! [String: Any]
        #expect(settings["reasoning_effort"] as? String == "high")
        #expect((settings["provider"] as? [String: Any])?["region"] as? String == "eu")
        let tool = (saved["tools"] as! [[String: Any]])[0]
        #expect((tool["cache_control"] as? [String: Any])?["ttl"] as? Int == 60)
        #expect((tool["binding"] as? [String: Any])?["sandbox"] as? String == "strict")
        let messages = saved["messages"] as! [[String: Any]]
        #expect(messages[0]["annotations"] as? [String] == ["kept"])
        #expect(messages.count > 2, "the run added its turn")
        let trace = saved["trace"] as! [[String: Any]]
        #expect(trace.first?["event"] as? String == "teleported")
        #expect(trace.first?["to"] as? String == "mars")
    }

    @Test func theWorkbenchSavesBesideAFileThatFailedToLoad() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("tsf-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let broken = home.appendingPathComponent("b.json").path
        let recovered = home.appendingPathComponent("b.recovered-1.json").path
        let text = "{\n  \"format\": \"toolscope.session/1\",\n  \"messages\": \"x\"\n}\n"
        try text.write(toFile: broken, atomically: true, encoding: .utf8)
        let t = try WorkbenchTmux(arguments: [broken], width: 250, home: home)
        let first = try t.waitFor(text: "b.recovered-1.json")
        #expect(first.contains("b.json:3:15: /messages: messages must be an array of messages, not a string"), "\(first)")
        try t.type("Compare the weather in Tokyo, London and New York")
        try t.send("Enter")
        try t.waitFor("the answer", timeout: 30) { $0.contains("answered") && $0.contains(" idle ") }
        try t.send("C-q")
        try t.waitFor(text: "TOOLSCOPE-EXITED-0")
        #expect(try String(contentsOfFile: broken, encoding: .utf8) == text, "the file that failed to load is unchanged")
        let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: recovered))) as! [String: Any]
        let messages = saved["messages"] as! [[String: Any]]
        #expect(messages.contains { ($0["content"] as? String)?.contains("Tokyo") == true })
    }

    @Test func workbenchSaveAsNeverReplacesAFileOfANewerToolscope() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("tsf-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let newer = home.appendingPathComponent("n.json").path
        let text = #"{"format": "toolscope.session/2", "messages": []}"# + "\n"
        try text.write(toFile: newer, atomically: true, encoding: .utf8)
        let t = try WorkbenchTmux(width: 250, home: home)
        try t.waitFor(text: "▶ Conversation")
        try t.answerPrompt(key: "C-s", title: "Save session as", with: newer)
        let screen = try t.waitFor(text: "not saved:")
        #expect(screen.contains("newer toolscope") && screen.contains("not overwritten"), "\(screen)")
        // Asked again, the path is refused at once; another name saves.
        try t.answerPrompt(key: "C-s", title: "Save session as", with: newer)
        try t.waitFor(text: "failed to load; it is not overwritten")
        try t.send("C-u")
        try t.type(home.appendingPathComponent("other.json").path)
        try t.send("Enter")
        try t.waitFor(text: "saved ")
        #expect(try String(contentsOfFile: newer, encoding: .utf8) == text)
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("other.json").path))
    }
}
