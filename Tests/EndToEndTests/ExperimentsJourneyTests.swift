import Foundation
import Testing
import ToolscopeTestSupport

/// The Experiments screen as a person uses it, in tmux on the real binary: run the demo suite,
/// see the vague variant fail, open a failing cell and read why, open that case in the
/// workbench with the vague tools, make the unit's description precise in the editor, run the
/// suite again and see the edited tools pass.
@Suite("Experiments journey", .serialized)
struct ExperimentsJourneyTests {
    /// How long a screen may take to appear on a loaded 2-core machine (the first frame of a
    /// debug build has taken over 20 s there).
    static let patience: Double = 60

    /// The demo suite and its variants, copied so the results database goes to a temporary directory.
    static func copyDemoSuite(to directory: URL) throws -> String {
        let suites = URL(fileURLWithPath: WorkbenchTmux.repoRoot).appendingPathComponent("suites")
        for name in ["demo.json", "demo.variants.json", "demo-tools-vague.json", "demo-tools-precise.json"] {
            try FileManager.default.copyItem(at: suites.appendingPathComponent(name), to: directory.appendingPathComponent(name))
        }
        return directory.appendingPathComponent("demo.json").path
    }

    /// Waits for the workbench, opens the Experiments screen and types `suite` into its Suite field.
    static func openTheScreen(_ t: WorkbenchTmux, naming suite: String) throws {
        try t.waitFor(text: "▶ Conversation", timeout: patience)
        try t.send("F12")
        try t.waitFor(text: "▶ Experiments", timeout: patience)
        try t.send("C-u")
        try t.type(suite)
    }

    /// The rows of the matrix line that starts with `caseID` (after the flip marker).
    static func row(_ caseID: String, in screen: String) -> String? {
        screen.split(separator: "\n").map(String.init).first { $0.dropFirst(3).hasPrefix(caseID + " ") }
    }

    /// The editor line holding the vague unit description: its number, and whether a comma follows.
    static func unitLine(in screen: String) -> (Int, Bool)? {
        guard let match = screen.firstMatch(of: /(\d+)[▲●]?\s+"description": "Unit\."(,?)/), let number = Int(match.1) else { return nil }
        return (number, !match.2.isEmpty)
    }

    @Test func runTheDemoSuiteOpenAFailingCellFixTheSchemaAndRunAgain() throws {
        let t = try WorkbenchTmux()
        let suite = try Self.copyDemoSuite(to: t.home)

        // Open the screen, name the suite, run it.
        try Self.openTheScreen(t, naming: suite)
        try t.send("Enter")
        let done = try t.waitFor("the matrix of 18 runs", timeout: 2 * Self.patience) { $0.contains("18/18 runs") && $0.contains("· done") }
        #expect(done.contains("scripted"), "the model is labelled as scripted:\n\(done)")
        let tokyo = try #require(Self.row("tokyo-in-F", in: done), "no tokyo row:\n\(done)")
        #expect(tokyo.contains("⇄") && tokyo.contains("0/1") && tokyo.contains("1/1"), "\(tokyo)")
        let passes = try #require(done.split(separator: "\n").first { $0.contains("passes") })
        #expect(passes.contains("3/9") && passes.contains("9/9"), "\(passes)")
        #expect(done.contains("precise vs vague: 6 case(s) now pass"))

        // Enter on the first cell (tokyo-in-F under vague): the run and why it failed.
        try t.send("Enter")
        let why = try t.waitFor(text: "tokyo-in-F · vague · #1", timeout: Self.patience)
        #expect(why.contains("expected \"fahrenheit\", got \"F\""), "\(why)")
        try t.send("Escape")
        try t.waitFor(text: "What's the weather in Tokyo in F?", timeout: Self.patience)

        // Back to the matrix; open the case live with the vague tools.
        try t.send("F12")
        try t.waitFor(text: "▶ Experiments", timeout: Self.patience)
        try t.send("w")
        try t.waitFor(text: "case tokyo-in-F", timeout: Self.patience)

        // Make the unit's description precise in the schema editor and apply it.
        try t.waitFor(text: "▶ Conversation", timeout: Self.patience)
        try t.focusToolsList()
        try t.send("Enter")
        try t.send("F7")
        // The line number in the editor's gutter (a lint mark may follow it), and whether a comma ends the line.
        let editor = try t.waitFor("the unit's description in the editor", timeout: Self.patience) { Self.unitLine(in: $0) != nil }
        let (number, comma) = try #require(Self.unitLine(in: editor))
        // The editor opens with the cursor on line 1.
        for _ in 1..<max(1, number) { try t.send("Down") }
        try t.send("End")
        for _ in 0..<(comma ? 2 : 1) { try t.send("Left") }
        try t.type(" One of celsius or fahrenheit, spelt out.")
        try t.waitFor(text: "spelt out.\"", timeout: Self.patience)
        try t.send("F5")
        try t.waitFor(text: "applied ", timeout: Self.patience)
        try t.send("Escape")
        try t.send("F7")

        // Run the suite again: the edited tools are a third variant, and they pass.
        try t.send("F12")
        try t.waitFor(text: "▶ Experiments", timeout: Self.patience)
        try t.send("r")
        let again = try t.waitFor("the matrix with the edited variant", timeout: 2 * Self.patience) { $0.contains("27/27 runs") && $0.contains("· done") }
        #expect(again.contains("edited"))
        let edited = try #require(Self.row("tokyo-in-F", in: again))
        #expect(edited.components(separatedBy: "1/1").count - 1 == 2, "precise and edited pass tokyo-in-F: \(edited)")
        let totals = try #require(again.split(separator: "\n").first { $0.contains("passes") })
        #expect(totals.components(separatedBy: "9/9").count - 1 == 2, "precise and edited pass every case: \(totals)")
        #expect(again.contains("edited vs vague: 6 case(s) now pass"))
        // The results went to the database beside the suite.
        #expect(FileManager.default.fileExists(atPath: t.home.appendingPathComponent("demo.toolscope.sqlite").path))
    }

    /// `toolscope --suite FILE` starts on the screen; F11 makes a case of a turn in that suite,
    /// and the next run includes it.
    @Test func suiteOptionAndACaseFromATurn() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("tsw-suite-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let suite = try Self.copyDemoSuite(to: home)
        let t = try WorkbenchTmux(arguments: ["--suite", suite], home: home)
        let first = try t.waitFor(text: "▶ Experiments", timeout: Self.patience)
        #expect(first.contains(suite))
        try t.send("Escape")
        try t.waitFor(text: "▶ Conversation", timeout: Self.patience)
        try t.type(WorkbenchTests.question)
        try t.send("Enter")
        try t.waitFor("the answer", timeout: Self.patience) { $0.contains("answered") && $0.contains(" idle ") }
        try t.send("F11")
        try t.waitFor(text: "Add a case from the last turn to suite", timeout: Self.patience)
        try t.send("Enter")
        try t.waitFor(text: "added case", timeout: Self.patience)
        let data = try Data(contentsOf: URL(fileURLWithPath: suite))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cases = try #require(object["cases"] as? [[String: Any]])
        #expect(cases.count == 10)
        let added = try #require(cases.last)
        let calls = (added["expect"] as? [String: Any])?["calls"] as? [Any]
        #expect(calls?.count == 3, "the three parallel get_weather calls are expected: \(added)")

        try t.send("F12")
        try t.waitFor(text: "▶ Experiments", timeout: Self.patience)
        try t.send("Enter")
        try t.waitFor("the suite with the new case", timeout: 2 * Self.patience) { $0.contains("20/20 runs") && $0.contains("· done") }
    }

    /// The next start opens the screen on the suite last run, with its repeats and concurrency.
    @Test func theNextStartKeepsTheSuiteRepeatsAndConcurrencyLastRun() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("tsw-keep-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let suite = try Self.copyDemoSuite(to: home)
        do {
            let t = try WorkbenchTmux(home: home)
            try Self.openTheScreen(t, naming: suite)
            try t.send("Tab")
            try t.send("C-u")
            try t.type("2")
            try t.send("Tab")
            try t.send("C-u")
            try t.type("3")
            try t.send("Enter")
            try t.waitFor("the matrix of 36 runs", timeout: 2 * Self.patience) { $0.contains("36/36 runs") && $0.contains("· done") }
            try t.send("F12")
            try t.waitFor(text: "▶ Conversation", timeout: Self.patience)
            try t.send("C-q")
            _ = try t.waitFor(text: "TOOLSCOPE-EXITED-0", timeout: Self.patience)
        }
        let kept = try String(contentsOf: home.appendingPathComponent("state/toolscope/experiments.json"), encoding: .utf8)
        #expect(kept.contains("\"repeats\":2") && kept.contains("\"concurrency\":3"), "\(kept)")
        let t = try WorkbenchTmux(home: home)
        try t.waitFor(text: "▶ Conversation", timeout: Self.patience)
        try t.send("F12")
        let screen = try t.waitFor(text: "▶ Experiments", timeout: Self.patience)
        let fields = try #require(screen.split(separator: "\n").first { $0.contains("Suite ") }, "\(screen)")
        #expect(fields.contains(suite) && fields.contains("Repeats 2") && fields.contains("Concurrency 3"), "\(fields)")
        try t.send("F12")
        try t.send("C-q")
        _ = try t.waitFor(text: "TOOLSCOPE-EXITED-0", timeout: Self.patience)
    }
}
