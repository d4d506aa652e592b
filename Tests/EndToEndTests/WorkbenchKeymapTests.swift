import Foundation
import Testing
import ToolscopeTestSupport

/// A keymap file in $XDG_CONFIG_HOME/toolscope moves a key in the real binary, and a bad line
/// is named, with its file and line, on the first screen.
@Suite("Workbench keymap file (end to end)", .serialized)
struct WorkbenchKeymapTests {
    @Test func aKeymapFileMovesSaveToF5AndNamesABadLine() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("tsw-keys-\(UUID().uuidString.prefix(8))")
        let config = home.appendingPathComponent("config/toolscope")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try "# remaps\nglobal save f5\nglobal quit ctrl-qq\n".write(to: config.appendingPathComponent("keys.conf"), atomically: true, encoding: .utf8)
        // Wide enough for the status line to hold the whole notice beside the session's state.
        let t = try WorkbenchTmux(width: 200, height: 40, home: home)
        // Waits for the status line, the last row drawn: a capture can land mid-frame.
        let first = try t.waitFor(text: "is not a key")
        #expect(first.contains("~/config/toolscope/keys.conf:3: \"ctrl-qq\" is not a key"), "the bad line is named:\n\(first)")
        try t.send("C-s")
        // Ctrl-S no longer saves: a keystroke later, still no save dialog, and the status line says F5.
        try t.type("x")
        let after = try t.waitFor("the x typed") { $0.contains("x") && $0.contains("F5 save") }
        #expect(!after.contains("Save session as"), "\(after)")
        try t.send("BSpace")
        try t.send("F5")
        _ = try t.waitFor(text: "Save session as")
        try t.send("Escape")
        try t.send("C-q")
        _ = try t.waitFor(text: "TOOLSCOPE-EXITED-0")
    }
}
