import Foundation
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
        try declined.type("n")
        try declined.send("Enter")
        _ = try declined.waitFor(text: "▶ Conversation")

        let accepted = try WorkbenchTmux(arguments: [path], home: home)
        _ = try accepted.waitFor(text: "binds tools that run code")
        try accepted.type("y")
        try accepted.send("Enter")
        _ = try accepted.waitFor(text: "▶ Conversation")

        let remembered = try WorkbenchTmux(arguments: [path], home: home)
        let screen = try remembered.waitFor(text: "▶ Conversation")
        #expect(!screen.contains("binds tools that run code"))
    }
}
