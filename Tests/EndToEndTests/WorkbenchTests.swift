import Foundation
import ToolscopeTestSupport
import Testing

/// The main journeys through the real binary in tmux. They need `tmux` and a built binary.
@Suite("Workbench end to end", .serialized)
struct WorkbenchTests {
    static let question = "Compare the weather in Tokyo, London and New York"

    /// Sends the demo question and waits until the turn is answered.
    func askWeather(_ t: WorkbenchTmux) throws -> String {
        try t.type(Self.question)
        try t.send("Enter")
        return try t.waitFor("the answer", timeout: 30) { $0.contains("answered") && $0.contains(" idle ") }
    }

    @Test func firstStartAskAndSeeParallelCallsAndTheAnswer() throws {
        let t = try WorkbenchTmux()
        // The whole first frame: tmux may be caught between the panes and the status line.
        let first = try t.waitFor("the first frame") { $0.contains("▶ Conversation") && $0.contains("F1 help") }
        #expect(first.contains("scripted"))
        let screen = try askWeather(t)
        let weatherCalls = screen.components(separatedBy: "get_weather").count - 1
        #expect(weatherCalls >= 3, "expected three parallel get_weather calls:\n\(screen)")
        #expect(screen.contains("round 2"))
        #expect(screen.contains("Tokyo") && screen.contains("London"))
    }

    @Test func schemaEditorBreakFixApplyAndTry() throws {
        let t = try WorkbenchTmux()
        try t.focusToolsList()
        try t.send("Enter")
        try t.send("Down")
        try t.send("End")
        try t.type("@")
        try t.waitFor(text: "✖ 2:")
        try t.send("F5")
        try t.waitFor(text: "not applied: line 2")
        try t.send("BSpace")
        try t.send("F5")
        try t.waitFor(text: "applied ")
        try t.send("Escape")
        try t.send("t")
        try t.waitFor(text: "— arguments")
        try t.send("F5")
        try t.waitFor(text: "tried ")
    }

    @Test func approvalModeWaitsForApproval() throws {
        let t = try WorkbenchTmux()
        try t.waitFor(text: "▶ Conversation")
        try t.send("F6")
        try t.waitFor(text: "APPROVE")
        try t.type(Self.question)
        try t.send("Enter")
        let dialog = try t.waitFor(text: "Approval mode — call 1 of")
        #expect(dialog.contains("awaiting approval"))
        try t.send("s")
        try t.send("A")
        try t.waitFor("the answer", timeout: 30) { $0.contains("answered") }
    }

    @Test func saveQuitReopenAndReplay() throws {
        let t = try WorkbenchTmux()
        try t.waitFor(text: "▶ Conversation")
        _ = try askWeather(t)
        let path = t.home.appendingPathComponent("saved.json").path
        try t.answerPrompt(key: "C-s", title: "Save session as", with: path)
        try t.waitFor(text: "saved ")
        try t.send("C-q")
        try t.waitFor(text: "TOOLSCOPE-EXITED-0")
        #expect(FileManager.default.fileExists(atPath: path))

        let reopened = try WorkbenchTmux(arguments: [path], home: t.home)
        let screen = try reopened.waitFor(text: "saved.json")
        #expect(screen.contains("Compare the weather"))

        let replay = try WorkbenchTmux(arguments: ["--replay", path], home: t.home)
        try replay.waitFor(text: "replay step 0/")
        try replay.send("C-f")
        try replay.waitFor(text: "replay step 1/")
        try replay.send("C-f")
        try replay.waitFor(text: "re-executed result")
    }

    @Test func quitWithoutAPathAutosavesAndRestoresTheTerminal() throws {
        let t = try WorkbenchTmux()
        try t.waitFor(text: "▶ Conversation")
        _ = try askWeather(t)
        try t.send("C-c")
        let screen = try t.waitFor(text: "TOOLSCOPE-EXITED-0")
        #expect(screen.contains("autosaved to"))
        #expect(t.autosavedFiles.count == 1)
    }

    @Test func resizeTo80x24ThenTooSmallThen200x60() throws {
        let t = try WorkbenchTmux()
        try t.waitFor(text: "▶ Conversation")
        try t.resize(width: 80, height: 24)
        try t.waitFor("80x24 layout") { $0.split(separator: "\n", omittingEmptySubsequences: false).count >= 24 && $0.contains("▶ Conversation") && $0.contains("F1") }
        try t.resize(width: 60, height: 20)
        try t.waitFor(text: "Terminal too small: 60x20")
        try t.resize(width: 200, height: 60)
        let big = try t.waitFor("200x60 layout") { $0.contains("▶ Conversation") && $0.contains("tool_choice auto") }
        #expect(big.split(separator: "\n").contains { $0.count >= 190 })
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let t = try WorkbenchTmux()
        try t.waitFor(text: "▶ Conversation")
        let pid = try WorkbenchTmux.tmux(["list-panes", "-t", t.name, "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        // The pane runs a shell; its child is toolscope.
        let children = try String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8).split(separator: " ")
        for child in children { kill(pid_t(child)!, SIGTERM) }
        try t.waitFor(text: "TOOLSCOPE-EXITED-0")
    }

    /// Closing the terminal window (here: killing the tmux session) must not leave a
    /// workbench behind spinning on a dead terminal, and must not lose the conversation.
    @Test func closingTheTerminalSavesAndExits() throws {
        let t = try WorkbenchTmux()
        try t.waitFor(text: "▶ Conversation")
        _ = try askWeather(t)
        let shell = try WorkbenchTmux.tmux(["list-panes", "-t", t.name, "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
            .split(separator: " ").compactMap { pid_t($0) }
        #expect(children.count == 1, "the pane's shell should run exactly toolscope")
        try WorkbenchTmux.tmux(["kill-session", "-t", t.name])
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, children.contains(where: { kill($0, 0) == 0 }) { usleep(50_000) }
        let survivors = children.filter { kill($0, 0) == 0 }
        for pid in survivors { kill(pid, SIGKILL) }
        #expect(survivors.isEmpty, "toolscope kept running after its terminal closed")
        #expect(t.autosavedFiles.count == 1, "the conversation was not autosaved")
    }
}
