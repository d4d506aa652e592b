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

/// `run` lints the tools before it sends them (issue 12, "check tools before they are sent").
@Suite("Run pre-send lint (end to end)", .serialized)
struct RunPreSendLintTests {
    /// A session whose one tool is written BFCL-style: a dotted name and `"type": "dict"`.
    static let bfclSession = """
        {"format": "toolscope.session/1", "title": "bfcl", "settings": {"model": "m", "provider": {"kind": "scripted"}},
         "tools": [{"type": "function", "function": {"name": "math.factorial", "description": "Compute the factorial of a number.",
                    "parameters": {"type": "dict", "properties": {"number": {"type": "integer", "description": "The number to use."}}, "required": ["number"]}},
                    "binding": {"kind": "mock", "result": {"result": 6}}}],
         "messages": []}
        """

    private func write(_ text: String) throws -> String {
        let path = BinaryRunner.temporaryDirectory().appendingPathComponent("session.json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func toolErrorsStopTheRunBeforeTheModelIsCalled() throws {
        let path = try write(Self.bfclSession)
        let r = try BinaryRunner.run(["run", "--session", path, "--prompt", "What is 3 factorial?"])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("toolscope: tool check: error: /tools/0/function/name: the name \"math.factorial\" contains \".\""), "\(r.stderr)")
        #expect(r.stderr.contains("error: /tools/0/function/parameters:"), "\(r.stderr)")
        #expect(r.stderr.contains("--send-anyway"), "\(r.stderr)")
        #expect(!r.stdout.contains("provider:"), "the model is not called: \(r.stdout)")
    }

    @Test func sendAnywaySendsTheToolsAndSaysSo() throws {
        let path = try write(Self.bfclSession)
        let r = try BinaryRunner.run(["run", "--session", path, "--prompt", "hello", "--json", "--send-anyway", "--max-rounds", "3"])
        #expect(r.status != 2, "\(r.stderr)")
        #expect(r.stderr.contains("--send-anyway: sending the tools with"), "\(r.stderr)")
        #expect(r.stdout.contains(#""event":"request_sent""#), "\(r.stdout.prefix(1500))")
        #expect(r.stdout.contains("tool check (sent anyway): error: /tools/0/function/name"), "the trace says it too: \(r.stdout.prefix(3000))")
    }

    @Test func aSessionWithAnthropicToolsIsConvertedOnLoadAndSaysSo() throws {
        let path = try write("""
            {"format": "toolscope.session/1", "title": "anthropic", "settings": {"model": "m", "provider": {"kind": "scripted"}},
             "tools": [{"name": "get_stock_price", "description": "Retrieves the current stock price for a ticker symbol.",
                        "input_schema": {"type": "object", "properties": {"ticker": {"type": "string", "description": "The stock ticker"}}},
                        "binding": {"kind": "mock", "result": {"price": 1}}}],
             "messages": []}
            """)
        let r = try BinaryRunner.run(["run", "--session", path, "--prompt", "hello", "--json", "--max-rounds", "3"])
        #expect(r.status != 2, "\(r.stderr)")
        #expect(r.stderr.contains(#"converted to an OpenAI tool: /tools/0/input_schema: "input_schema" → "parameters""#), "\(r.stderr)")
        #expect(r.stdout.contains(#""parameters":{"type":"object""#), "the request carries the OpenAI form: \(r.stdout.prefix(2000))")
    }

    @Test func aStrictToolWithParallelCallsOnWarnsOnStderrAndInTheTrace() throws {
        let session = """
            {"format": "toolscope.session/1", "title": "strict", "settings": {"model": "m", "provider": {"kind": "scripted"}},
             "tools": [{"type": "function", "function": {"name": "lookup", "description": "Look a city up in the atlas by its name.", "strict": true,
                        "parameters": {"type": "object", "properties": {"city": {"type": "string", "description": "The city to look up"}},
                                       "required": ["city"], "additionalProperties": false}},
                        "binding": {"kind": "mock", "result": {"ok": true}}}],
             "messages": []}
            """
        let path = try write(session)
        let r = try BinaryRunner.run(["run", "--session", path, "--prompt", "hello", "--json", "--parallel-tool-calls", "true", "--max-rounds", "3"])
        #expect(r.status != 2, "\(r.stderr)")
        #expect(r.stderr.contains("toolscope: tool check: warning: /tools/0/function/strict: lookup is strict, but parallel_tool_calls is on"), "\(r.stderr)")
        #expect(r.stdout.contains("strict mode is not compatible with parallel tool calls"), "\(r.stdout.prefix(3000))")
        let off = try BinaryRunner.run(["run", "--session", path, "--prompt", "hello", "--json", "--parallel-tool-calls", "false", "--max-rounds", "3"])
        #expect(!off.stderr.contains("strict-parallel"), "\(off.stderr)")
    }
}
