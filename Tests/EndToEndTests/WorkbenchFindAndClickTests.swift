import Foundation
import Testing
import ToolscopeTestSupport

/// Issue 12's remaining inspector items as a person uses them in a terminal: find in the JSON
/// editor, n / N in the conversation, the session-wide search, dragging the split and clicking
/// a dialog's key word (SGR mouse reports written to the pane, as a terminal writes them).
@Suite("Workbench find and click (end to end)", .serialized)
struct WorkbenchFindAndClickTests {
    static func press(x: Int, y: Int) -> String { "\u{1b}[<0;\(x + 1);\(y + 1)M" }
    static func drag(x: Int, y: Int) -> String { "\u{1b}[<32;\(x + 1);\(y + 1)M" }
    static func release(x: Int, y: Int) -> String { "\u{1b}[<0;\(x + 1);\(y + 1)m" }

    /// The status line (the last non-empty row): captures can land mid-frame, so waits read it.
    static func statusLine(_ screen: String) -> String {
        screen.components(separatedBy: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
    }

    @Test func ctrlFFindsInTheJSONEditor() throws {
        let t = try WorkbenchTmux()
        try t.focusToolsList()
        // Enter gives the JSON text the keys; keys arrive in order, so Ctrl-F lands there.
        try t.send("Enter")
        try t.send("C-f")
        try t.waitFor(text: "Find in the JSON text")
        try t.type("type")
        try t.send("Enter")
        try t.waitFor("the first match in the status line") { Self.statusLine($0).contains("/type: 1 of ") }
        try t.send("Down")
        try t.waitFor("the second match") { Self.statusLine($0).contains("/type: 2 of ") }
        try t.send("Escape")
        try t.waitFor("the bar closed") { !$0.contains("Find in the JSON text") }
        try t.send("C-q")
        _ = try t.waitFor(text: "TOOLSCOPE-EXITED-0")
    }

    @Test func nAndNStepTheConversationsFindOnAnEmptyLine() throws {
        let t = try WorkbenchTmux()
        try t.askTheDemo()
        try t.type("/")
        try t.waitFor(text: "Find in the conversation")
        try t.type("tokyo")
        try t.send("Enter")
        try t.waitFor("the first match") { Self.statusLine($0).contains("/tokyo: 1 of ") }
        try t.send("Escape")
        try t.waitFor("the hint") { Self.statusLine($0).contains("/tokyo: 1 of 4 · n/N step") }
        try t.type("n")
        let second = try t.waitFor("n stepped") { Self.statusLine($0).contains("/tokyo: 2 of ") }
        let input = second.components(separatedBy: "\n").first { $0.hasPrefix("› ") } ?? ""
        #expect(input.hasPrefix("› Ask something"), "n was not typed: the line still shows its placeholder: \(input)")
        try t.type("N")
        try t.waitFor("N stepped back") { Self.statusLine($0).contains("/tokyo: 1 of ") }
        // Typed after other text, n is a letter.
        try t.type("on")
        try t.waitFor(text: "› on")
        try t.send("C-q")
        _ = try t.waitFor(text: "TOOLSCOPE-EXITED-0")
    }

    @Test func theSessionSearchJumpsToAHitInTheTrace() throws {
        let t = try WorkbenchTmux()
        try t.askTheDemo()
        try t.send("C-g")
        try t.waitFor(text: "Search the whole session")
        try t.type("london")
        try t.send("Enter")
        let list = try t.waitFor(text: "Search the session: \"london\"")
        #expect(list.contains("#2 user"), "\(list)")
        #expect(list.contains("· get_weather · arguments"), "\(list)")
        // The first call hit: Down past the message hits, then Enter.
        let rows = list.components(separatedBy: "\n")
        let messageHits = rows.filter { $0.contains("│ #") || $0.range(of: #"#\d+ (user|assistant|tool)"#, options: .regularExpression) != nil }.count
        for _ in 0..<messageHits { try t.send("Down") }
        try t.send("Enter")
        try t.waitFor("the trace took the focus") { $0.contains("▶ Trace") && !$0.contains("Search the session:") }
        try t.send("C-q")
        _ = try t.waitFor(text: "TOOLSCOPE-EXITED-0")
    }

    @Test func draggingTheBorderMovesTheSplit() throws {
        let t = try WorkbenchTmux()
        try t.waitFor(text: "▶ Conversation")
        // 120 columns at 50 %: the conversation's right border is column 59.
        try t.type(Self.press(x: 59, y: 10))
        usleep(100_000)
        try t.type(Self.drag(x: 70, y: 10))
        usleep(100_000)
        try t.type(Self.drag(x: 74, y: 10))
        usleep(100_000)
        try t.type(Self.release(x: 74, y: 10))
        // Column 74 is 63 % of 120 columns (the conversation 75 wide).
        try t.waitFor("the border at column 74") { screen in
            guard let top = screen.components(separatedBy: "\n").first, let i = top.firstIndex(of: "┐") else { return false }
            return top.distance(from: top.startIndex, to: i) == 74
        }
        try t.send("C-q")
        _ = try t.waitFor(text: "TOOLSCOPE-EXITED-0")
        let layout = try String(contentsOf: t.home.appendingPathComponent("state/toolscope/layout.json"), encoding: .utf8)
        #expect(layout.contains("\"split_percent\":63"), "\(layout)")
    }

    @Test func aClickOnYesAnswersTheQuestion() throws {
        let t = try WorkbenchTmux()
        try t.focusToolsList()
        try t.type("x")
        let question = try t.waitFor(text: "y yes · n no")
        let rows = question.components(separatedBy: "\n")
        guard let y = rows.firstIndex(where: { $0.contains("y yes · n no") }),
              let range = rows[y].range(of: "y yes") else { Issue.record("no footer"); return }
        let x = rows[y].distance(from: rows[y].startIndex, to: range.lowerBound)
        try t.type(Self.press(x: x + 1, y: y))
        usleep(100_000)
        try t.type(Self.release(x: x + 1, y: y))
        try t.waitFor("the tool was deleted") { Self.statusLine($0).contains("deleted ") }
        try t.send("C-q")
        _ = try t.waitFor(text: "TOOLSCOPE-EXITED-0")
    }

    @Test func slashFindsInTheHelp() throws {
        let t = try WorkbenchTmux()
        try t.waitFor(text: "▶ Conversation")
        try t.send("F1")
        try t.waitFor(text: "/ find · Esc close")
        try t.type("/")
        try t.waitFor(text: "Enter find · Esc cancel")
        try t.type("replay")
        try t.send("Enter")
        try t.waitFor(text: "/replay: 1 of ")
        try t.type("n")
        try t.waitFor(text: "/replay: 2 of ")
        try t.send("Escape")
        try t.waitFor(text: "/ find · Esc close")
        try t.send("Escape")
        try t.waitFor("the help closed") { !$0.contains("Help — every key") }
        try t.send("C-q")
        _ = try t.waitFor(text: "TOOLSCOPE-EXITED-0")
    }

    @Test func aClickUnfoldsOneToolResult() throws {
        let t = try WorkbenchTmux()
        try t.askTheDemo()
        let screen = try t.waitFor(text: "more lines (Ctrl-R expands)")
        let rows = screen.components(separatedBy: "\n")
        let folded = rows.filter { $0.contains("more lines (Ctrl-R expands)") }.count
        #expect(folded == 2, "\(screen)")
        guard let y = rows.firstIndex(where: { $0.contains("more lines (Ctrl-R expands)") }) else { return }
        try t.type(Self.press(x: 8, y: y))
        usleep(100_000)
        try t.type(Self.release(x: 8, y: y))
        let unfolded = try t.waitFor("one result unfolded") { $0.contains("▴ fold this result") || Self.statusLine($0).contains("unfolded") }
        #expect(Self.statusLine(unfolded).contains("result #4 unfolded"), "\(unfolded)")
        try t.send("C-q")
        _ = try t.waitFor(text: "TOOLSCOPE-EXITED-0")
    }
}
