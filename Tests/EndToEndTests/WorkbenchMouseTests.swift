import Foundation
import Testing
import ToolscopeTestSupport

/// The mouse as a terminal reports it (xterm's SGR 1006 reports, written to the pane as a
/// terminal would): clicks focus panes and select trace rows, and no report is ever typed into
/// the input line (today's bug: a click typed `[<0;80;30m`).
@Suite("Workbench mouse (end to end)", .serialized)
struct WorkbenchMouseTests {
    /// An SGR mouse report for a left-button press (`M`) at 0-based cell `x`,`y`.
    static func press(x: Int, y: Int) -> String { "\u{1b}[<0;\(x + 1);\(y + 1)M" }
    static func release(x: Int, y: Int) -> String { "\u{1b}[<0;\(x + 1);\(y + 1)m" }
    static func wheelDown(x: Int, y: Int) -> String { "\u{1b}[<65;\(x + 1);\(y + 1)M" }

    @Test func clicksFocusPanesSelectRowsAndNeverTypeIntoTheInputLine() throws {
        let t = try WorkbenchTmux()
        try t.askTheDemo()
        try t.type("draft")
        // A click in the trace pane (right column, near the top): the trace takes the focus.
        try t.type(Self.press(x: 80, y: 2) + Self.release(x: 80, y: 2))
        let focused = try t.waitFor(text: "▶ Trace")
        #expect(!focused.contains("[<0;"), "\(focused)")
        // The wheel over the trace moves its selection; a click back in the conversation.
        try t.type(Self.wheelDown(x: 80, y: 3))
        try t.type(Self.press(x: 10, y: 5) + Self.release(x: 10, y: 5))
        let back = try t.waitFor(text: "▶ Conversation")
        // The input line still holds exactly what was typed: no report leaked into it.
        let input = back.components(separatedBy: "\n").first { $0.hasPrefix("› ") } ?? ""
        #expect(input.contains("draft"), "\(back)")
        #expect(!back.contains("[<") && !back.contains(";81;") && !back.contains("0;11;6"), "\(back)")
        try t.send("C-q")
        _ = try t.waitFor(text: "TOOLSCOPE-EXITED-0")
    }

    /// With `--no-mouse` the workbench asks for no reports, so the terminal's own selection works;
    /// a terminal that reports anyway (its mouse mode left on by another program) still types nothing.
    @Test func withTheMouseOffAStrayReportIsDroppedAndTypingGoesOn() throws {
        let t = try WorkbenchTmux(arguments: ["--no-mouse"])
        try t.waitFor(text: "▶ Conversation")
        try t.type("draft")
        try t.type(Self.press(x: 80, y: 2) + Self.release(x: 80, y: 2))
        try t.type(" ok;7")
        let screen = try t.waitFor(text: "draft ok;7")
        #expect(screen.contains("▶ Conversation"), "the focus stays: the mouse is off")
        #expect(!screen.contains("81;3"), "\(screen)")
        try t.send("C-q")
        _ = try t.waitFor(text: "TOOLSCOPE-EXITED-0")
    }
}

/// The split between the panes is remembered: moved with F10, it is where the user left it
/// on the next start (the state directory's layout.json).
@Suite("Workbench split memory (end to end)", .serialized)
struct WorkbenchSplitMemoryTests {
    /// The column of the conversation pane's right border on the top row.
    static func divider(_ screen: String) -> Int? {
        guard let top = screen.components(separatedBy: "\n").first, let i = top.firstIndex(of: "┐") else { return nil }
        return top.distance(from: top.startIndex, to: i)
    }

    @Test func f10MovesTheSplitAndTheNextStartKeepsIt() throws {
        let home = BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        // 120 columns: the conversation pane is 50 % wide (its border at column 59); two F10
        // make it 60 % (72 columns, the border at column 71).
        let moved = 71
        do {
            let t = try WorkbenchTmux(home: home)
            let screen = try t.waitFor(text: "▶ Conversation")
            #expect(Self.divider(screen) == 59)
            try t.send("F10")
            try t.send("F10")
            try t.waitFor("the split moved twice") { Self.divider($0) == moved }
            try t.send("C-q")
            _ = try t.waitFor(text: "TOOLSCOPE-EXITED-0")
        }
        let layout = try String(contentsOf: home.appendingPathComponent("state/toolscope/layout.json"), encoding: .utf8)
        #expect(layout.contains("\"split_percent\":60"), "\(layout)")
        let t = try WorkbenchTmux(home: home)
        let again = try t.waitFor(text: "▶ Conversation")
        #expect(Self.divider(again) == moved, "\(again)")
        try t.send("C-q")
        _ = try t.waitFor(text: "TOOLSCOPE-EXITED-0")
    }
}
