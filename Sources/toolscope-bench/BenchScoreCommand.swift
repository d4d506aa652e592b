import ArgumentParser
import Foundation
import ToolscopeEngine
import ToolscopeEval

/// `toolscope-bench bench-score`: scores 4,000 generated outputs with the score-only path
/// and prints how long reading and scoring took (the target is under a second).
struct BenchScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-score",
        abstract: "Measure --score-only on generated outputs.")

    @Option(help: "How many outputs (one case each).")
    var outputs = 4000

    func run() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("toolscope-bench-score-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let suitePath = directory.appendingPathComponent("suite.jsonl").path
        let outputsPath = directory.appendingPathComponent("outputs.jsonl").path
        var suiteText = "{\"format\": \"\(Suite.formatName)\", \"name\": \"bench\"}\n"
        var outputsText = ""
        for i in 0..<outputs {
            // A BFCL-like mix: parallel calls with allowed values, normalised strings, a range.
            suiteText += #"{"id": "c\#(i)", "category": "cat\#(i % 4)", "prompt": "weather and time \#(i)", "expect": {"calls": ["#
                + #"{"name": "weather.get", "arguments": {"city": {"$oneOf": ["Paris", "Paris, France"], "$normalize": "bfcl"}, "days": {"$min": 1, "$max": 7}, "unit": {"$oneOf": ["celsius", ""]}}}, "#
                + #"{"name": "time.now", "arguments": {"zone": {"$regex": "^Europe/"}}}]}}"# + "\n"
            let day = i % 9  // some fail the range
            outputsText += #"{"id": "c\#(i)", "tool_calls": [{"type": "function", "function": {"name": "time_now", "arguments": "{\"zone\": \"Europe/Paris\"}"}}, "#
                + #"{"type": "function", "function": {"name": "weather_get", "arguments": "{\"city\": \"paris france\", \"days\": \#(day)}"}}], "content": null}"# + "\n"
        }
        try Data(suiteText.utf8).write(to: URL(fileURLWithPath: suitePath))
        try Data(outputsText.utf8).write(to: URL(fileURLWithPath: outputsPath))
        let clock = ContinuousClock()
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        var phases: [Double] = []
        var lap = clock.now
        func mark() { let now = clock.now; phases.append(seconds(now - lap)); lap = now }
        let suite = try SuiteLoader.load(path: suitePath)
        mark()
        let read = try ScoreOnly.readOutputs(path: outputsPath)
        mark()
        let scored = try ScoreOnly.score(suite, outputs: read, file: outputsPath)
        mark()
        let summary = ResultSummary(runs: scored.runs)
        let report = JSONPrinter.print(JSONReport.make(suite: suitePath, runs: scored.runs, summary: summary), pretty: true)
        mark()
        let passed = scored.runs.filter(\.passed).count
        Console.out(String(format: "score-only: %d outputs (%d passed) in %.3f s (target < 1 s): suite %.3f s, outputs %.3f s, scoring %.3f s, summary + JSON report (%d bytes) %.3f s\n",
                           outputs, passed, phases.reduce(0, +), phases[0], phases[1], phases[2], report.utf8.count, phases[3]))
    }
}
