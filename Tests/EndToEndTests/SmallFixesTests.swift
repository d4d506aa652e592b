import Foundation
import Testing
import ToolscopeTestSupport

/// Issue 12's command-line items, through the real binary.
@Suite("Small CLI fixes (end to end)", .serialized)
struct SmallFixesTests {
    /// The first request body of a `run --json`.
    private func firstRequestBody(_ stdout: String) throws -> [String: Any]? {
        for line in stdout.split(separator: "\n") {
            let event = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            if event?["event"] as? String == "request_sent" { return event?["body"] as? [String: Any] }
        }
        return nil
    }

    @Test(arguments: [("false", false), ("true", true)])
    func parallelToolCallsIsSentAsGiven(flag: String, expected: Bool) throws {
        let r = try BinaryRunner.run(["run", "--prompt", "What's the weather in Tokyo?", "--json", "--parallel-tool-calls", flag])
        #expect(r.status == 0, "\(r.stderr)")
        let body = try firstRequestBody(r.stdout)
        #expect(body?["parallel_tool_calls"] as? Bool == expected, "\(r.stdout.prefix(2000))")
    }

    @Test func parallelToolCallsRejectsAnythingButTrueOrFalse() throws {
        let r = try BinaryRunner.run(["run", "--prompt", "hi", "--parallel-tool-calls", "yes"])
        #expect(r.status == 2)
        #expect(r.stderr.contains(#"--parallel-tool-calls "yes": expected true or false"#), "\(r.stderr)")
        #expect(!r.stdout.contains("provider:"), "nothing may run")
    }

    @Test func toolChoiceNamingAMissingToolExits2WithTheToolNames() throws {
        let r = try BinaryRunner.run(["run", "--prompt", "What's the weather in Tokyo?", "--tool-choice", "get_wether"])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains(#"--tool-choice "get_wether""#), "\(r.stderr)")
        #expect(r.stderr.contains("get_weather"), "the enabled tools are listed: \(r.stderr)")
        #expect(!r.stdout.contains("provider:"), "the model is not called")
    }

    @Test(arguments: ["auto", "none", "required", "get_weather"])
    func toolChoiceAcceptsTheKeywordsAndAnEnabledTool(choice: String) throws {
        let r = try BinaryRunner.run(["run", "--prompt", "What's the weather in Tokyo?", "--json", "--tool-choice", choice, "--max-rounds", "3"])
        #expect(r.status != 2, "\(r.stderr)")
        let sent = try firstRequestBody(r.stdout)?["tool_choice"]
        if choice == "get_weather" {
            let function = (sent as? [String: Any])?["function"] as? [String: Any]
            #expect(function?["name"] as? String == "get_weather", "\(String(describing: sent))")
        } else {
            #expect(sent as? String == choice, "\(String(describing: sent))")
        }
    }

    @Test func replayOnTheShippedScriptSaysItIsAScriptAndHowToUseIt() throws {
        let r = try BinaryRunner.run(["replay", "sessions/demo-script.json", "--check"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("sessions/demo-script.json: this is a script for the scripted model, not a session"), "\(r.stderr)")
        #expect(r.stderr.contains("toolscope run --script sessions/demo-script.json"), "\(r.stderr)")
    }

    @Test func aScriptWithoutAFormatIsRecognisedByItsRules() throws {
        let path = BinaryRunner.temporaryDirectory().appendingPathComponent("bare-script.json").path
        try #"{"rules": [{"match": "hi", "turns": [{"say": "hello"}]}]}"#.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["run", "--session", path, "--prompt", "hi"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("this is a script for the scripted model, not a session"), "\(r.stderr)")
    }

    @Test func theShippedScriptRunsAsAScript() throws {
        let r = try BinaryRunner.run(["run", "--script", "sessions/demo-script.json", "--prompt", "What's the weather in Tokyo?"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("get_weather"))
    }
}

/// Issue 12: tools list → `t` → F5 left `▾ try ⠹ 54.3s` spinning while the status said idle.
@Suite("Try spinner (end to end)", .serialized)
struct TrySpinnerJourneyTests {
    static let spinnerFrames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    @Test func theTryRowIsStillOnceTheResultIsShown() throws {
        let t = try WorkbenchTmux()
        try t.focusToolsList()
        try t.send("t")
        try t.waitFor(text: "— arguments")
        try t.send("F5")
        try t.waitFor(text: "tried ")
        // Give the clock several ticks: a spinning row changes frame and elapsed time.
        Thread.sleep(forTimeInterval: 1.5)
        let screen = t.screen()
        let rows = screen.split(separator: "\n").filter { $0.contains("▾ try") || $0.contains("▸ try") }
        #expect(!rows.isEmpty, "no try row on screen:\n\(screen)")
        for row in rows {
            #expect(!Self.spinnerFrames.contains { row.contains($0) }, "still spinning: \(row)")
        }
    }
}
