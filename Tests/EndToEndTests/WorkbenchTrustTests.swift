import Foundation
import ToolscopeTestSupport
import Testing

/// Opening a session that binds tools to code asks first, listing exactly what would run.
@Suite("Workbench trust prompt", .serialized)
struct WorkbenchTrustTests {
    private func sessionWithACommandTool(in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("runs-code.json").path
        let text = #"""
        {"format":"toolscope.session/1","title":"runs code","tools":[{"type":"function","function":{"name":"echo_args","description":"Echoes its arguments back.","parameters":{"type":"object","properties":{"text":{"type":"string"}}}},"binding":{"kind":"command","argv":["/bin/cat"]}}],"messages":[]}
        """#
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func declinedThenTrustedThenRemembered() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("tsw-trust-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let path = try sessionWithACommandTool(in: home)

        let declined = try WorkbenchTmux(arguments: [path], home: home)
        let prompt = try declined.waitFor(text: "binds tools that run code")
        #expect(prompt.contains("echo_args: the command /bin/cat"))
        try declined.send("n")
        _ = try declined.waitFor(text: "not trusted")

        let accepted = try WorkbenchTmux(arguments: [path], home: home)
        _ = try accepted.waitFor(text: "binds tools that run code")
        try accepted.send("y")
        _ = try accepted.waitFor(text: "trusted (remembered")

        let remembered = try WorkbenchTmux(arguments: [path], home: home)
        let screen = try remembered.waitFor(text: "▶ Conversation")
        #expect(!screen.contains("binds tools that run code"))
    }

    /// Opening another file from inside the workbench must not inherit the first one's trust.
    @Test func trustIsPerFileWhenOpeningFromThePicker() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("tsw-trust-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let path = try sessionWithACommandTool(in: home)
        let other = home.appendingPathComponent("other.json").path
        try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "runs code", with: "other file").write(toFile: other, atomically: true, encoding: .utf8)

        // Open the other file once (declining), so the picker lists it as a recent file.
        let once = try WorkbenchTmux(arguments: [other], home: home)
        _ = try once.waitFor(text: "binds tools that run code")
        try once.send("n")
        try once.send("C-q")
        _ = try once.waitFor(text: "TOOLSCOPE-EXITED-0")

        let t = try WorkbenchTmux(arguments: ["--trust", path], home: home)
        let first = try t.waitFor(text: "▶ Conversation")
        #expect(!first.contains("binds tools that run code"))
        try t.send("C-o")
        let list = try t.waitFor(text: "other.json")
        let rows = list.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let title = try #require(rows.firstIndex { $0.contains("Open a session") })
        let target = try #require(rows.firstIndex { $0.contains("other.json") })
        for _ in 0..<(target - title - 1) { try t.send("Down") }
        try t.send("Enter")
        let screen = try t.waitFor(text: "binds tools that run code")
        #expect(screen.contains("echo_args: the command /bin/cat"))
    }
}
