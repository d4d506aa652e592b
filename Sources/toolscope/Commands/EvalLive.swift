import ArgumentParser
import Foundation
import ToolscopeEngine
import ToolscopeEval
import ToolscopeExternalTools
import ToolscopeOpenAI

/// The options of a live experiment (`toolscope eval SUITE` without `--score-only`) and of the
/// queries on its database. `EvalCommand` includes them and hands over to `LiveEval`.
struct LiveEvalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A variant: a tools file (any dialect) or session, a variant file, or name=…,tools=FILE,model=…,system=…,tool_choice=…,parallel_tool_calls=…,strict=…,temperature=…,base_url=…,api=chat|responses|anthropic (repeatable).",
                                            discussion: "Without --variant, the variants of SUITE's sidecar NAME.variants.json, else the suite's own tools."))
    var variant: [String] = []

    @Option(name: .customLong("repeat"), help: "Runs of each case under each variant (default 1).")
    var repeats: Int = 1

    @Option(name: .long, help: "Runs going at once (default 4).")
    var concurrency: Int = 4

    @Option(name: .long, help: "The results database (default: beside the suite, SUITE-NAME.toolscope.sqlite).")
    var db: String?

    @Flag(name: .long, help: "Make every run again, even those whose identical inputs finished before (new samples).")
    var fresh = false

    @Flag(name: .long, help: "List past experiments in the database and exit.")
    var list = false

    @Flag(name: .long, help: "Re-score the last experiment (or --experiment ID) against the suite as it is now; no model calls.")
    var rescore = false

    @Option(name: .long, help: "The experiment --rescore reads (default: the newest).")
    var experiment: Int64?

    @Option(name: .customLong("export-run"), parsing: .upToNextOption, help: ArgumentHelp("Write run ID's transcript as a session file the workbench opens, and exit.", valueName: "ID FILE"))
    var exportRun: [String] = []

    @Option(name: .long, help: "Compare with the experiment saved under this name; a case that passed there and fails now exits 1.")
    var baseline: String?

    @Option(name: .long, help: "Save this experiment as a named baseline.")
    var saveBaseline: String?

    @Option(name: .long, help: "A script for the scripted model instead of the demo script (see docs/script-format.md).")
    var script: String?

    @Option(name: .long, help: "Model requests allowed per run (default 10).")
    var maxRounds: Int?

    @Flag(name: .long, help: "Let tools bound to python, command or MCP (from a session variant) run.")
    var trust = false

    func validate() throws {
        if repeats < 1 { throw ValidationError("--repeat must be at least 1") }
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if let maxRounds, maxRounds < 1 { throw ValidationError("--max-rounds must be at least 1") }
        if !exportRun.isEmpty && (exportRun.count != 2 || Int64(exportRun[0]) == nil) {
            throw ValidationError("--export-run takes a run id and a file: --export-run 12 run.json")
        }
    }
}

/// Runs an experiment and answers the database queries. Exit codes: 0 thresholds hold and
/// nothing regressed against `--baseline`; 1 not; 2 bad input; 3 a run errored because the
/// provider failed (after its retries); 130 cancelled (finished runs are kept).
struct LiveEval {
    let suitePath: String
    let suite: Suite
    let options: LiveEvalOptions
    let provider: ProviderOptions
    /// Its report options (--json, --junit, --min-pass-rate, prices) and `EvalReport`, shared with --score-only.
    let command: EvalCommand

    func run() throws -> Int32 {
        let dbPath = options.db ?? Experiment.defaultDatabase(forSuite: suitePath)
        let store: ExperimentStore
        do { store = try ExperimentStore(path: dbPath) } catch { throw CLIExit.fail(error.description) }
        let scoring = ExperimentScoring(suite: suite)

        if options.list { return try list(store) }
        if !options.exportRun.isEmpty { return try export(store) }
        if options.rescore { return try rescore(store, scoring: scoring) }
        return try experiment(suite: suite, store: store, scoring: scoring, dbPath: dbPath)
    }

    // MARK: - A live experiment

    private func experiment(suite: Suite, store: ExperimentStore, scoring: ExperimentScoring, dbPath: String) throws -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let variants: [Variant]
        do { variants = try Experiment.variants(forSuite: suitePath, arguments: options.variant) } catch { throw CLIExit.fail(error.description) }
        var base = SessionSettings()
        if let maxRounds = options.maxRounds { base.maxRounds = maxRounds }
        provider.apply(to: &base, environment: environment)
        let real = options.script == nil && provider.selectsOpenAI(environment: environment, settings: base)
        if real { base.provider.kind = .openai }
        let plan = ExperimentPlan(suite: suite, variants: variants, repeats: options.repeats, baseSettings: base)

        let codeTools = Set(variants.flatMap { $0.bindings.filter { $0.value.executesUserCode }.map(\.key) })
        if !codeTools.isEmpty && !options.trust {
            throw CLIExit.fail("variants bind tools that run code on this machine (\(codeTools.sorted().joined(separator: ", "))); nothing was run. Pass --trust to let them run, or give tools files instead of sessions")
        }

        let external = ExternalTools()
        defer { external.shutdown() }
        let scriptPath = options.script
        let running: Experiment
        do {
            running = try Experiment(suitePath: suitePath, plan: plan, store: store, concurrency: options.concurrency,
                                     // A variant naming a server or a wire asks for a real one, as --base-url and
                                     // --api do; each variant gets its own provider, so two wires run side by side.
                                     makeProvider: { settings, variant in
                                         try ExperimentProviders.make(settings: settings, real: real || variant.baseURL != nil || variant.api != nil,
                                                                      environment: environment, scriptPath: scriptPath)
                                     },
                                     external: external, trusted: options.trust, keepsRecords: true)
        } catch let exit as ExitCode { throw exit } catch {
            throw CLIExit.fail(String(describing: error))
        }
        let runs = running.runs()
        let experimentID = running.id

        Console.out("model: \(running.modelLabel)\n")
        Console.out("experiment \(experimentID) · \(suitePath) · \(variants.count) variant\(variants.count == 1 ? "" : "s") × \(suite.cases.count) cases × \(options.repeats) repeat\(options.repeats == 1 ? "" : "s") = \(runs.count) runs · concurrency \(options.concurrency) · database \(dbPath)\n")

        let token = CancellationToken()
        let interrupts = InterruptHandler { token.cancel() }
        let progress = ProgressReporter()
        let counts: RunProgress
        do {
            counts = try running.run(fresh: options.fresh, cancellation: token) { run, counts in progress.report(run, counts) }
        } catch {
            interrupts.stop()
            progress.finish()
            throw CLIExit.fail(error.description)
        }
        interrupts.stop()
        progress.finish()
        let cancelled = token.isCancelled
        if counts.reused > 0 {
            Console.out("\(counts.reused) of \(runs.count) runs had finished before with identical inputs and were re-scored, not run again (--fresh runs them again)\n")
        }
        let code = try report(experimentID: experimentID, store: store, scoring: scoring, variantOrder: variants.map(\.name), made: running)
        if cancelled {
            Console.err("toolscope: cancelled: \(counts.done) of \(runs.count) runs finished and are kept; run the same command again to resume\n")
            return CLIExit.cancelled
        }
        return code
    }

    // MARK: - Results

    /// Prints the per-case matrix and the comparison with a baseline (or the last run), saves
    /// --save-baseline, then hands the scored runs to `EvalReport` (failures explained, variant
    /// totals, comparisons, --json, --junit, --min-pass-rate), and decides the exit code.
    /// `made`: the experiment when it ran in this process (its runs are scored already).
    private func report(experimentID: Int64, store: ExperimentStore, scoring: ExperimentScoring, variantOrder: [String],
                        made: Experiment? = nil) throws -> Int32 {
        let stored: [StoredRun]
        do { stored = try store.runs(of: experimentID) } catch { throw CLIExit.fail(error.description) }
        let records: [RunRecord]
        if let made {
            do { records = try made.records(stored, order: variantOrder) } catch { throw CLIExit.fail(error.description) }
        } else {
            records = try Self.records(stored, scoring: scoring, order: variantOrder)
        }
        var errored: [String: Int] = [:]
        for run in stored where run.status == .errored { errored[run.variant, default: 0] += 1 }
        let summary = ResultSummary(runs: records, prices: command.prices)
        Console.out("\n" + ResultTable.cells(summary) + Self.runIndex(stored))

        var regressed = false
        if let name = options.baseline {
            guard let baselineID = try? store.baseline(named: name) else {
                let known = (try? store.baselineNames()) ?? []
                throw CLIExit.fail("no baseline named \"\(name)\" in \(store.path)" + (known.isEmpty ? " (none saved yet: --save-baseline NAME)" : "; saved: \(known.joined(separator: ", "))"))
            }
            regressed = try compare(with: baselineID, title: "baseline \"\(name)\" (experiment \(baselineID))", records: records, store: store, scoring: scoring)
        } else if let previous = try? store.previousFinishedExperiment(suite: suitePath, before: experimentID) {
            _ = try compare(with: previous, title: "the last run (experiment \(previous))", records: records, store: store, scoring: scoring)
        }
        if let name = options.saveBaseline {
            do { try store.saveBaseline(name, experimentID: experimentID) } catch { throw CLIExit.fail(error.description) }
            Console.out("saved experiment \(experimentID) as baseline \"\(name)\"\n")
        }
        Console.out("\n")

        var code = CLIExit.answered
        do {
            try EvalReport(suite: suite, runs: records, options: command).finish()
        } catch let exit as ExitCode where exit.rawValue == CLIExit.unanswered {
            code = CLIExit.unanswered
        }
        if regressed {
            Console.err("toolscope: a case that passed in baseline \"\(options.baseline ?? "")\" fails now (see the comparison above)\n")
            code = CLIExit.unanswered
        }
        let erroredCount = errored.values.reduce(0, +)
        if erroredCount > 0 {
            let perVariant = errored.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            Console.err("toolscope: \(erroredCount) run(s) errored because the provider failed (\(perVariant)); they are not counted as failures (run again to retry them)\n")
            return CLIExit.providerFailed
        }
        return code
    }

    /// Prints, per variant both have, the cases that flipped since `experimentID` (its runs
    /// re-scored against the suite as it is now); true when a case that passed there fails now.
    private func compare(with experimentID: Int64, title: String, records: [RunRecord], store: ExperimentStore,
                         scoring: ExperimentScoring) throws -> Bool {
        let earlier: [RunRecord]
        do { earlier = try Self.records(try store.runs(of: experimentID), scoring: scoring, order: []) } catch let exit as ExitCode { throw exit } catch {
            throw CLIExit.fail(String(describing: error))
        }
        let prefix = "before:"
        let combined = ResultSummary(runs: earlier.map { var r = $0; r.variant = prefix + r.variant; return r } + records)
        var regressed = false
        var lines: [String] = []
        for variant in Set(records.map(\.variant)).sorted() where earlier.contains(where: { $0.variant == variant }) {
            let c = combined.compare(baseline: prefix + variant, candidate: variant)
            if !c.nowFailing.isEmpty { regressed = true }
            lines.append("  \(variant): \(c.nowPassing.count) now pass\(c.nowPassing.isEmpty ? "" : " (\(c.nowPassing.joined(separator: ", ")))"), \(c.nowFailing.count) now fail\(c.nowFailing.isEmpty ? "" : " (\(c.nowFailing.joined(separator: ", ")))"); p = \(String(format: "%.4f", c.pValue)) (\(Comparison.testName))")
        }
        Console.out("\ncompared with \(title):\n" + (lines.isEmpty ? "  no variant in common\n" : lines.joined(separator: "\n") + "\n"))
        return regressed
    }

    /// The id of each failing or errored cell's first such run, to open with --export-run; and why a run errored.
    static func runIndex(_ stored: [StoredRun]) -> String {
        var seen = Set<String>()
        var lines: [String] = []
        for run in stored where run.status != .passed && seen.insert(run.caseID + "\u{0}" + run.variant).inserted {
            guard let id = run.id else { continue }
            let why = run.status == .errored ? ": " + (run.error ?? "the provider failed") : ""
            lines.append("  \(id)  \(run.caseID) · \(run.variant) #\(run.repeatIndex + 1) \(run.status.rawValue)\(why)")
        }
        guard !lines.isEmpty else { return "" }
        return "\nruns to open (--export-run ID FILE writes one as a session the workbench opens):\n" + lines.joined(separator: "\n") + "\n"
    }

    /// Stored runs as scored records (re-scored now), errored runs left out, variants in `order` first.
    static func records(_ stored: [StoredRun], scoring: ExperimentScoring, order: [String]) throws -> [RunRecord] {
        do { return try Experiment.records(stored, scoring: scoring, order: order) } catch { throw CLIExit.fail(error.description) }
    }

    // MARK: - Queries

    private func list(_ store: ExperimentStore) throws -> Int32 {
        let experiments: [ExperimentInfo]
        do { experiments = try store.experiments() } catch { throw CLIExit.fail(error.description) }
        guard !experiments.isEmpty else {
            Console.out("no experiments in \(store.path) yet\n")
            return 0
        }
        var rows: [[String]] = [["id", "started", "state", "suite", "variants", "repeats", "passed/failed/errored", "model", "baselines"]]
        for e in experiments {
            rows.append(["\(e.id)", ISO8601.format(e.startedAt), e.state.rawValue, e.suite, e.variants.joined(separator: ","), "\(e.repeats)",
                         "\(e.counts[.passed] ?? 0)/\(e.counts[.failed] ?? 0)/\(e.counts[.errored] ?? 0)", e.model, e.baselines.joined(separator: ",")])
        }
        Console.out(ResultTable.table(rows))
        return 0
    }

    private func export(_ store: ExperimentStore) throws -> Int32 {
        let id = Int64(options.exportRun[0])!
        let file = options.exportRun[1]
        guard let run = try? store.run(id) else { throw CLIExit.fail("no run \(id) in \(store.path)") }
        do {
            let session = try SessionFile.decode(run.transcript, path: "run \(id)")
            try SessionFile.save(session, to: file)
        } catch let error as SessionLoadError { throw CLIExit.fail(error.description) } catch {
            throw CLIExit.fail("--export-run \(file): \(error)")
        }
        Console.out("wrote run \(id) (\(run.caseID) · \(run.variant) · repeat \(run.repeatIndex + 1), \(run.status.rawValue)) to \(file); open it with: toolscope \(file)\n")
        return 0
    }

    private func rescore(_ store: ExperimentStore, scoring: ExperimentScoring) throws -> Int32 {
        let id: Int64
        if let chosen = options.experiment { id = chosen } else {
            guard let newest = (try? store.experiments(suite: suitePath, limit: 1))?.first?.id ?? (try? store.experiments(limit: 1))?.first?.id else {
                throw CLIExit.fail("nothing to re-score: \(store.path) has no experiments")
            }
            id = newest
        }
        guard let info = try? store.experiment(id) else { throw CLIExit.fail("no experiment \(id) in \(store.path)") }
        var changed = 0
        do {
            for run in try store.runs(of: id) where run.status != .errored {
                let verdict = scoring.runVerdict(caseID: run.caseID, try RunTranscript(stored: run))
                let status: RunStatus = verdict.passed ? .passed : .failed
                if status != run.status { changed += 1 }
                try store.updateVerdict(runID: run.id!, status: status, verdict: verdict.json.compact)
            }
        } catch { throw CLIExit.fail(error.description) }
        Console.out("re-scored experiment \(id) (\(info.model)) against \(suitePath) without calling a model: \(changed) run(s) changed verdict\n")
        return try report(experimentID: id, store: store, scoring: scoring, variantOrder: info.variants)
    }
}

/// Progress while runs finish: a bar with counts and ETA redrawn in place on a terminal; one
/// plain line per run otherwise (CI logs), both on stderr so stdout stays the results.
final class ProgressReporter: @unchecked Sendable {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var drewBar = false

    func report(_ run: StoredRun, _ counts: RunProgress) {
        lock.withLock {
            let tally = "\(counts.passed) passed, \(counts.failed) failed, \(counts.errored) errored"
            if isTerminal {
                Console.err("\r\u{1B}[2K\(counts.bar(width: 24)) \(counts.done)/\(counts.total) · \(tally) · ETA \(counts.eta)")
                drewBar = true
            } else if run.reusedFrom == nil {
                Console.err("run \(counts.done)/\(counts.total): \(run.caseID) · \(run.variant) · #\(run.repeatIndex + 1) \(run.status.rawValue) · \(tally) · ETA \(counts.eta)\n")
            }
        }
    }

    func finish() {
        lock.withLock { if drewBar { Console.err("\n") } }
    }
}
