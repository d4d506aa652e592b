import Foundation
import Testing
import ToolscopeTestSupport

/// "Copy as" in the real workbench inside tmux: with tmux's `set-clipboard on` an OSC 52 copy
/// lands in tmux's paste buffer; with TOOLSCOPE_CLIPBOARD=file it lands in the state directory.
@Suite("Workbench copy", .serialized)
struct WorkbenchCopyTests {
    /// Asks the demo question, moves to the trace and selects the first call row.
    func answerAndSelectFirstCall(_ t: WorkbenchTmux) throws {
        // A loaded machine (the full suite, builds beside it) can take a while to the first frame.
        try t.waitFor(text: "▶ Conversation", timeout: 45)
        try t.type(WorkbenchTests.question)
        try t.send("Enter")
        try t.waitFor("the answer", timeout: 30) { $0.contains("answered") && $0.contains(" idle ") }
        try t.send("Tab")
        try t.waitFor(text: "▶ Trace")
        // Rows: the turn, round 1, its first call.
        try t.send("Home")
        try t.send("Down")
        try t.send("Down")
    }

    @Test func copyArgumentsWithOSC52IntoTmuxsBuffer() throws {
        let t = try WorkbenchTmux()
        try answerAndSelectFirstCall(t)
        // The private server is surely up now; OSC 52 from the program fills tmux's buffer from here on.
        try WorkbenchTmux.tmux(["set-option", "-s", "set-clipboard", "on"])
        #expect(try WorkbenchTmux.tmux(["show-options", "-s", "set-clipboard"]).contains("on"))
        try t.send("y")
        try t.waitFor(text: "Copy as — call get_weather")
        try t.send("a")
        let screen = try t.waitFor(text: "bytes to the clip")
        #expect(screen.contains("copied 21 bytes"), "\(screen)")
        let buffer = try WorkbenchTmux.tmux(["show-buffer"])
        #expect(buffer == "{\n  \"city\": \"Tokyo\"\n}", "tmux buffer: \(buffer)")

        // The whole request as curl, from the conversation with Ctrl-Y.
        try t.send("Tab")
        try t.send("Tab")
        try t.waitFor(text: "▶ Conversation")
        try t.send("C-y")
        try t.waitFor(text: "Copy as — the newest message")
        try t.send("c")
        try t.waitFor(text: "bytes to the clip")
        let curl = try WorkbenchTmux.tmux(["show-buffer"])
        #expect(curl.hasPrefix("curl -sS -N 'https://api.openai.com/v1/chat/completions'"), "\(curl)")
        #expect(curl.contains(#""role": "tool""#))
    }

    @Test func fileFallbackWhenTheTerminalCannotTakeIt() throws {
        let t = try WorkbenchTmux(extraEnvironment: ["TOOLSCOPE_CLIPBOARD": "file"])
        try answerAndSelectFirstCall(t)
        try t.send("y")
        try t.waitFor(text: "Copy as — call get_weather")
        try t.send("p")
        let path = t.home.path + "/state/toolscope/copied.py"
        try t.waitFor(text: "written to")
        let script = try String(contentsOfFile: path, encoding: .utf8)
        #expect(script.contains("from openai import OpenAI"))
        #expect(script.contains("Compare the weather in Tokyo, London and New York"))
    }
}
