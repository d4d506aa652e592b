import Foundation
import Testing
import ToolscopeTestSupport

/// The headless commands, run through the real binary.
@Suite("Headless CLI (end to end)", .serialized)
struct HeadlessCLITests {
    static let shippedSessions = ["parallel-weather", "weather-average", "error-recovery", "customer-support"]

    @Test(arguments: shippedSessions)
    func everyShippedSessionReplaysCleanly(name: String) throws {
        let r = try BinaryRunner.run(["replay", "sessions/\(name).json", "--check", "--quiet"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("every tool result matches the recording"))
    }

    @Test func replayCheckFailsWithADiffWhenAResultChanged() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let original = try String(contentsOf: BinaryRunner.packageRoot.appendingPathComponent("sessions/parallel-weather.json"), encoding: .utf8)
        // The recording claims London was 30 °C; the tool says otherwise.
        let tampered = original.replacingOccurrences(of: #"\"temperature\":11.2"#, with: #"\"temperature\":30"#)
        #expect(tampered != original)
        let path = dir.appendingPathComponent("tampered.json").path
        try tampered.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["replay", path, "--check", "--quiet"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("1 result differs"))
        // One changed field is one pair of lines, at its JSON path.
        let changed = r.stdout.split(separator: "\n").filter { $0.hasPrefix("  - ") || $0.hasPrefix("  + ") }
        #expect(changed == ["  - /temperature: 30", "  + /temperature: 11.2"], "\(r.stdout)")
    }

    @Test func runPrintsAReadableTraceAndSaves() throws {
        let path = BinaryRunner.temporaryDirectory().appendingPathComponent("out.json").path
        let r = try BinaryRunner.run(["run", "--prompt", "Compare the weather in Tokyo, London and New York", "--save", path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("provider: scripted (demo)"))
        #expect(r.stdout.contains("── round 1 ──"))
        #expect(r.stdout.contains(#"⚙ get_weather({"city":"London"})"#))
        #expect(r.stdout.contains("• New York, United States: 14°C"))
        #expect(r.stdout.contains("■ answered after 2 rounds"))
        let saved = try String(contentsOfFile: path, encoding: .utf8)
        #expect(saved.contains(#""format": "toolscope.session/1""#))
        // The saved session replays.
        #expect(try BinaryRunner.run(["replay", path, "--check", "--quiet"]).status == 0)
    }

    @Test func jsonLinesAreOneEventPerLine() throws {
        let r = try BinaryRunner.run(["run", "--prompt", "What's the weather in Toky?", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        let events = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let names = events.compactMap { $0["event"] as? String }
        #expect(names.first == "turn_started")
        #expect(names.last == "turn_finished")
        #expect(names.filter { $0 == "request_sent" }.count == 3)
        #expect(names.contains("call_validated"))
        let finished = events.filter { $0["event"] as? String == "call_finished" }
        #expect((finished.first?["content"] as? String)?.contains("Did you mean Tokyo?") == true)
        #expect(finished.first?["is_error"] as? Bool == true)
        let times = events.compactMap { $0["t"] as? Double }
        #expect(times == times.sorted(), "timestamps must be monotonic")
    }

    @Test func guardStopsExitWithOne() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let script = #"{"rules":[{"match":".","turns":[{"calls":[{"name":"calculate","arguments":{"expression":"1+1"}}]},{"calls":[{"name":"calculate","arguments":{"expression":"1+1"}}]},{"calls":[{"name":"calculate","arguments":{"expression":"1+1"}}]}],"final":"done"}]}"#
        try script.write(toFile: dir.appendingPathComponent("s.json").path, atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["run", "--script", dir.appendingPathComponent("s.json").path, "--prompt", "x"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("repeated_call_limit = 3"))
        let rounds = try BinaryRunner.run(["run", "--script", dir.appendingPathComponent("s.json").path, "--prompt", "x", "--max-rounds", "2"])
        #expect(rounds.status == 1)
        #expect(rounds.stdout.contains("max_rounds = 2"))
    }

    @Test func badInputsExitWithTwoAndSayWhere() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let corrupt = dir.appendingPathComponent("corrupt.json").path
        try "{\n  \"format\": \"toolscope.session/1\",\n  \"tools\": [,]\n}".write(toFile: corrupt, atomically: true, encoding: .utf8)
        let before = try String(contentsOfFile: corrupt, encoding: .utf8)
        let r = try BinaryRunner.run(["run", "--session", corrupt, "--prompt", "hi", "--save", corrupt])
        #expect(r.status == 2)
        #expect(r.stderr.contains("corrupt.json:3:13: invalid JSON"))
        #expect(try String(contentsOfFile: corrupt, encoding: .utf8) == before, "a file that failed to load must not be overwritten")

        let future = dir.appendingPathComponent("future.json").path
        try #"{"format": "toolscope.session/7"}"#.write(toFile: future, atomically: true, encoding: .utf8)
        let f = try BinaryRunner.run(["replay", future])
        #expect(f.status == 2)
        #expect(f.stderr.contains("newer toolscope"))

        let badScript = dir.appendingPathComponent("script.json").path
        try "{\"rules\": [\n  {\"match\": \"(\"}\n]}".write(toFile: badScript, atomically: true, encoding: .utf8)
        let s = try BinaryRunner.run(["run", "--script", badScript, "--prompt", "x"])
        #expect(s.status == 2)
        #expect(s.stderr.contains("script.json:2:13: script /rules/0/match: invalid regular expression"))
    }

    @Test func lintExitCodesAndLines() throws {
        let dir = BinaryRunner.temporaryDirectory()
        func lint(_ text: String, _ extra: [String] = []) throws -> (path: String, output: BinaryRunner.Output) {
            let path = dir.appendingPathComponent("\(UUID().uuidString).json").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return (path, try BinaryRunner.run(["lint"] + extra + [path]))
        }
        #expect(try BinaryRunner.run(["lint", "sessions/customer-support.json"]).status == 0)
        let warn = try lint(#"{"name":"get_time","description":"Returns the current time in a time zone.","parameters":{"type":"object","properties":{"tz":{"type":"string"}}}}"#)
        #expect(warn.output.status == 1)
        #expect(warn.output.stdout.contains("\(warn.path):1:126: warning: /parameters/properties/tz:"))
        let bad = try lint(#"[{"type":"function","function":{"name":"bad name!","description":"Looks something up in the table.","parameters":{"type":"object","properties":{},"required":["q"]}}}]"#)
        #expect(bad.output.status == 2)
        #expect(bad.output.stdout.contains("\(bad.path):1:40: error: /0/function/name:"))
        #expect(bad.output.stdout.contains("error: /0/function/parameters/required/0:"))
        #expect(bad.output.stderr.contains("an estimate"))
        let broken = try lint("[1,]")
        #expect(broken.output.status == 2)
        #expect(broken.output.stdout.contains("\(broken.path):1:4: error: invalid JSON"))
    }

    /// Anthropic tools are read, linted at their place in the file, shown converted by --fix and
    /// written by --fix --write.
    @Test func lintReadsOtherDialectsAndFixes() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let path = dir.appendingPathComponent("anthropic.json").path
        let text = """
        [{"name": "get_stock_price", "description": "Retrieves the current stock price for a given ticker symbol.",
          "input_schema": {"type": "object", "properties": {"ticker": {"type": "string"}}, "required": ["ticker", "day"]}}]
        """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let lint = try BinaryRunner.run(["lint", path])
        #expect(lint.status == 2)
        #expect(lint.stderr.contains("read as Anthropic"))
        #expect(lint.stdout.contains("\(path):2:107: error: /0/input_schema/required/1:"))
        let show = try BinaryRunner.run(["lint", "--fix", path])
        #expect(show.status == 0)
        #expect(show.stdout.contains(#"# /0/input_schema: "input_schema" → "parameters""#))
        // A unified diff, not the whole document: the file (re-indented, as it is one line per tool) to the OpenAI form.
        let shown = path.hasPrefix("/") ? String(path.dropFirst()) : path
        #expect(show.stdout.contains("--- a/\(shown) (re-indented)\n+++ b/\(shown) (OpenAI tools)\n@@ -1,"), "\(show.stdout)")
        #expect(show.stdout.contains("\n+    \"type\": \"function\",\n"), "\(show.stdout)")
        #expect(show.stdout.contains("\n-    \"input_schema\": {\n"), "\(show.stdout)")
        #expect(!show.stdout.contains("\n[\n"), "the converted document is not printed whole: \(show.stdout)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        let written = try BinaryRunner.run(["lint", "--fix", "--write", path])
        #expect(written.status == 0)
        #expect(written.stderr.contains("wrote 1 OpenAI tool to \(path)"))
        let after = try String(contentsOfFile: path, encoding: .utf8)
        #expect(after.contains(#""parameters""#) && !after.contains("input_schema") && after.contains(#""day""#))
        #expect(try BinaryRunner.run(["lint", "--write", path]).status == 2)
    }

    @Test func manualBindingReadsTheResultFromStdin() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let session = dir.appendingPathComponent("manual.json").path
        let text = #"""
        {"format":"toolscope.session/1","title":"manual","tools":[{"type":"function","function":{"name":"get_weather","description":"Weather by hand.","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},"binding":{"kind":"manual"}}],"messages":[]}
        """#
        try text.write(toFile: session, atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["run", "--session", session, "--prompt", "weather in Paris"],
                                     stdin: #"{"city":"Paris","country":"France","temperature":99,"unit":"celsius","condition":"invented","humidity":1,"wind_kph":1}"# + "\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("is answered by hand"))
        #expect(r.stdout.contains("Paris, France: 99°C, invented"))
    }

    @Test func bindingBenchmarkRunsEveryBinding() throws {
        let python = ProcessInfo.processInfo.environment["TOOLSCOPE_TEST_PYTHON"].flatMap { $0.isEmpty ? nil : $0 } ?? "python3"
        let r = try BinaryRunner.run(["bench-bindings", "--python", python, "--calls", "5"], timeout: 120, program: BinaryRunner.benchBinary)
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        for row in ["python, warm worker", "one interpreter per call", "command /bin/cat"] {
            #expect(r.stdout.contains(row), "missing row \(row):\n\(r.stdout)")
        }
        #expect(r.stdout.contains("errors 0 of 5"))
        #expect(!r.stdout.contains("first error"))
    }

    /// Benchmarks are a separate program: a user's `toolscope --help` lists none of them, and
    /// `toolscope-bench --help` lists every one under the name it had.
    @Test func benchmarksAreNotInTheUsersHelp() throws {
        let user = try BinaryRunner.run(["--help"])
        #expect(user.status == 0, "\(user.stderr)")
        #expect(user.stdout.contains("replay"))
        #expect(!user.stdout.contains("bench-"), "toolscope --help lists a benchmark:\n\(user.stdout)")
        let bench = try BinaryRunner.run(["--help"], program: BinaryRunner.benchBinary)
        #expect(bench.status == 0, "\(bench.stderr)")
        for name in ["bench-engine", "bench-bindings", "bench-client", "bench-tui", "bench-score"] {
            #expect(bench.stdout.contains(name), "toolscope-bench --help lacks \(name):\n\(bench.stdout)")
        }
    }

    @Test func helpDocumentsExitCodes() throws {
        let r = try BinaryRunner.run(["--help"])
        #expect(r.stdout.contains("Exit codes"))
        #expect(r.stdout.contains("run"))
        #expect(r.stdout.contains("replay"))
        #expect(r.stdout.contains("lint"))
    }

    @Test func ctrlCCancelsARunningTurnAtOnce() throws {
        let dir = BinaryRunner.temporaryDirectory()
        // A slow scripted model: the first streamed chunk would come after 5 s.
        let script = #"{"delay_ms": 5000, "rules": [{"match": ".", "final": "too slow to ever arrive"}]}"#
        let path = dir.appendingPathComponent("slow.json").path
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        let process = try SpawnedProcess(BinaryRunner.binary, ["run", "--script", path, "--prompt", "hello"],
                                         environment: BinaryRunner.environment(adding: [:]))
        Thread.sleep(forTimeInterval: 1.0)
        let sent = MonotonicSeconds.now()
        process.signal(SIGINT)
        let result = try process.waitOrThrow(timeout: 10)
        #expect(MonotonicSeconds.now() - sent < 3, "cancel must not wait for the model")
        #expect(result.status == 130)
        let stderr = result.stderr
        #expect(stderr.contains("cancelling"))
    }
}

enum MonotonicSeconds {
    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}

