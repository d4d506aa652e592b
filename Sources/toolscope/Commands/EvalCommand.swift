import ArgumentParser
import Foundation
import ToolscopeEngine
import ToolscopeEval

/// `toolscope eval SUITE`: runs a suite's cases (or, with `--score-only`, scores outputs made
/// elsewhere) and reports pass rates, with thresholds for CI.
///
/// The command only parses options and picks a path; each path returns scored runs and the
/// shared `EvalReport` prints and writes them, so the live runner plugs in beside
/// `ScoreOnly` without touching the reporting.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Run or score a suite of cases: pass rates per case and variant, JSON and JUnit results, CI thresholds.",
        discussion: """
            SUITE is a suite file (JSON, or JSON Lines when it ends in .jsonl; see docs/experiments.md).
            --score-only OUTPUTS.jsonl scores outputs produced elsewhere, one JSON object per line:
              {"id": CASE_ID, "tool_calls": [{"type": "function", "function": {"name": …, "arguments": "<JSON text>"}}], "content": "…"}
            ([] for no call; optional "variant", "usage", "latency_ms"). No model is called.
            Without --score-only, every case runs under every variant (--variant, else SUITE's NAME.variants.json, else the
            suite's tools), --repeat times, through the full tool loop: on the scripted demo model offline, or on the server
            that --base-url/--preset/OPENAI_API_KEY choose. Runs are kept in a SQLite database beside the suite (--db): a
            second run resumes, re-scoring finished runs with identical inputs instead of making them again (--fresh makes all).
            Exit codes: 0 the pass rate of every variant is at least --min-pass-rate (default 1: every run passes) and no
            case regressed against --baseline; 1 not; 2 bad input (the message names FILE:LINE:COLUMN); 3 the provider
            failed (a run errored); 130 cancelled (finished runs are kept).
            """)

    @Argument(help: "The suite file (.json, or .jsonl for one case per line).")
    var suite: String

    @Option(name: .customLong("score-only"), help: "Score this outputs file (JSON Lines) instead of running a model.")
    var scoreOnly: String?

    @Option(help: "Write every run and the summaries as JSON to this file.")
    var json: String?

    @Option(help: "Write JUnit XML (one testcase per run) to this file.")
    var junit: String?

    @Option(name: .customLong("min-pass-rate"), help: "Fail (exit 1) when a variant's pass rate is below this (0…1).")
    var minPassRate: Double = 1

    @Option(name: .customLong("price-input"), help: "Price per million prompt tokens, to report cost.")
    var priceInput: Double?

    @Option(name: .customLong("price-output"), help: "Price per million completion tokens, to report cost.")
    var priceOutput: Double?

    @Option(name: .customLong("show-failures"), help: "How many failing runs to explain on the terminal (the JSON file has all).")
    var showFailures = 20

    @OptionGroup(title: "Running a model") var live: LiveEvalOptions

    @OptionGroup(title: "Model server") var provider: ProviderOptions

    func validate() throws {
        guard (0...1).contains(minPassRate) else { throw CLIExit.fail("--min-pass-rate must be between 0 and 1, not \(minPassRate)") }
        if (priceInput == nil) != (priceOutput == nil) { throw ValidationError("give both --price-input and --price-output, or neither") }
        guard showFailures >= 0 else { throw ValidationError("--show-failures must not be negative") }
    }

    func run() throws {
        let loaded: Suite
        do { loaded = try SuiteLoader.load(path: suite) } catch { throw CLIExit.fail(error.description) }
        guard let scoreOnly else {
            let code = try LiveEval(suitePath: suite, suite: loaded, options: live, provider: provider, command: self).run()
            if code != CLIExit.answered { throw ExitCode(code) }
            return
        }
        let scored: ScoreOnly.Scored
        do {
            scored = try ScoreOnly.score(loaded, outputs: try ScoreOnly.readOutputs(path: scoreOnly), file: scoreOnly)
        } catch {
            throw CLIExit.fail(error.description)
        }
        if !scored.missingCases.isEmpty {
            let shown = scored.missingCases.prefix(5).joined(separator: ", ") + (scored.missingCases.count > 5 ? ", …" : "")
            Console.err("toolscope: \(scoreOnly) has no output for \(scored.missingCases.count) case(s) (\(shown)); they count as failed\n")
        }
        try EvalReport(suite: loaded, runs: scored.runs, options: self).finish()
    }

    var prices: Prices? {
        guard let priceInput, let priceOutput else { return nil }
        return Prices(inputPerMillion: priceInput, outputPerMillion: priceOutput)
    }
}

/// Prints the results, writes the requested files and decides the exit code: the part every
/// way of producing runs (live or score-only) shares.
struct EvalReport {
    var suite: Suite
    var runs: [RunRecord]
    var options: EvalCommand

    func finish() throws {
        let summary = ResultSummary(runs: runs, prices: options.prices)
        var comparisons: [Comparison] = []
        let names = summary.variants.map(\.variant)
        if names.count > 1 { for candidate in names.dropFirst() { comparisons.append(summary.compare(baseline: names[0], candidate: candidate)) } }
        Console.out(text(summary, comparisons))
        if let path = options.json {
            let document = JSONReport.make(suite: suite.path, runs: runs, summary: summary, comparisons: comparisons)
            try write(JSONPrinter.print(document, pretty: true) + "\n", to: path)
        }
        if let path = options.junit {
            try write(JUnitReport.make(suiteName: suite.name ?? URL(fileURLWithPath: suite.path ?? "suite").deletingPathExtension().lastPathComponent, runs: runs), to: path)
        }
        let below = summary.variants.filter { $0.passRate < options.minPassRate }
        if !below.isEmpty {
            let list = below.map { "\($0.variant) \(Self.percent($0.passRate))" }.joined(separator: ", ")
            Console.err("toolscope: below the minimum pass rate \(Self.percent(options.minPassRate)): \(list)\n")
            throw ExitCode(CLIExit.unanswered)
        }
    }

    func write(_ text: String, to path: String) throws {
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw CLIExit.fail("\(path): cannot write: \(error.localizedDescription)")
        }
    }

    static func percent(_ rate: Double) -> String { String(format: "%.1f%%", rate * 100) }

    func text(_ summary: ResultSummary, _ comparisons: [Comparison]) -> String {
        var out = ""
        let failing = runs.filter { !$0.passed }
        for run in failing.prefix(options.showFailures) {
            let where_ = suite.case(id: run.caseID)?.location.map { " (\($0))" } ?? ""
            out += "FAIL \(run.caseID) [\(run.variant) #\(run.repeatIndex + 1)]\(where_)\n"
            out += run.verdict.explanation.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        if failing.count > options.showFailures {
            out += "… \(failing.count - options.showFailures) more failing run(s)\(options.json == nil ? " (write them all with --json FILE)" : " in \(options.json!)")\n"
        }
        for v in summary.variants {
            let interval = v.interval.map { String(format: " (95%% Wilson %.1f–%.1f%%)", $0.low * 100, $0.high * 100) } ?? ""
            out += "\(v.variant): \(v.passes)/\(v.runs) runs passed, \(Self.percent(v.passRate))\(interval); \(v.casesPassed)/\(v.cases) cases"
            if v.usage.promptTokens + v.usage.completionTokens > 0 { out += "; tokens \(v.usage.promptTokens) in / \(v.usage.completionTokens) out" }
            if let p50 = v.usage.latencyP50, let p95 = v.usage.latencyP95 { out += String(format: "; latency p50 %.0f ms, p95 %.0f ms", p50 * 1000, p95 * 1000) }
            if let cost = v.usage.cost { out += String(format: "; cost %.4f", cost) }
            out += "\n"
        }
        if !summary.categories.isEmpty {
            out += "accuracy per category:\n"
            for c in summary.categories {
                out += "  \(c.category)\(summary.variants.count > 1 ? " [\(c.variant)]" : ""): \(c.passes)/\(c.runs) = \(Self.percent(c.accuracy))\n"
            }
        }
        for c in comparisons { out += c.verdictText + "\n" }
        return out
    }
}
