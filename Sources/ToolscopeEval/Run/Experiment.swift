import Foundation
import ToolscopeEngine

/// One experiment from its plan to its stored runs: the part `toolscope eval` and the
/// workbench's Experiments screen share. It builds each variant's provider through a factory
/// the front end supplies (so this module never knows HTTP), records the experiment in the
/// store, runs the plan through `ExperimentRunner` and reports each finished run through a
/// callback; the front end prints it (the CLI) or turns it into an action (the workbench).
public final class Experiment: Sendable {
    /// Builds the provider of a variant's runs from the settings the variant applies to, with
    /// the label the results name it by (a scripted model says it is scripted).
    public typealias ProviderFactory = @Sendable (_ settings: SessionSettings, _ variant: Variant) throws -> (provider: any ChatProvider, label: String)

    /// What labels the scripted model in every front end.
    public static let scriptedLabel = "a deterministic script standing in for a model, not a language model"

    public let suitePath: String
    public let plan: ExperimentPlan
    public let scoring: ExperimentScoring
    public let store: ExperimentStore
    public let id: Int64
    /// The providers' labels, joined: what the output's first line and the database say.
    public let modelLabel: String
    public let concurrency: Int
    private let executions: [String: RunExecutor]
    /// Whether the runs scored in this process are kept for `records(_:order:)`.
    private let keepsRecords: Bool
    /// Those runs, by case, variant and repeat (unique within one experiment).
    private let scored = Locked<[RunKey: RunRecord]>([:])

    private struct RunKey: Hashable {
        var caseID: String
        var variant: String
        var repeatIndex: Int
    }

    /// Builds every variant's provider, then begins the experiment in `store`. Throws what the
    /// factory throws, or the store's error. `keepsRecords`: keep every run scored here in
    /// memory, so a report made right after (`records(_:order:)`) need not decode and re-score
    /// the transcripts it has just written (the CLI reports once, at the end).
    public init(suitePath: String, plan: ExperimentPlan, store: ExperimentStore, concurrency: Int, makeProvider: ProviderFactory,
                external: (any ExternalToolFactory)?, trusted: Bool, keepsRecords: Bool = false) throws {
        var labels: [String] = []
        var providers: [String: any ChatProvider] = [:]
        for variant in plan.variants {
            let made = try makeProvider(plan.settings(for: variant), variant)
            providers[variant.name] = made.provider
            if !labels.contains(made.label) { labels.append(made.label) }
        }
        self.suitePath = suitePath
        self.plan = plan
        self.scoring = ExperimentScoring(suite: plan.suite)
        self.store = store
        self.concurrency = max(1, concurrency)
        self.keepsRecords = keepsRecords
        self.modelLabel = labels.joined(separator: "; ")
        let context = SessionContext(baseDirectory: URL(fileURLWithPath: suitePath).deletingLastPathComponent().path)
        executions = providers.mapValues { RunExecutor(provider: $0, external: external, context: context, trusted: trusted) }
        id = try store.beginExperiment(suite: suitePath, repeats: plan.repeats, model: modelLabel,
                                       variants: plan.variants.map { ($0.name, $0.spec) })
    }

    /// The runs of the plan, or only those of `caseIDs`.
    public func runs(only caseIDs: Set<String>? = nil) -> [PlannedRun] {
        guard let caseIDs else { return plan.runs }
        return plan.runs.filter { caseIDs.contains($0.caseID) }
    }

    /// Runs the plan (or the runs of `caseIDs`) on the calling thread until every run ended or
    /// `cancellation` fired, then marks the experiment finished or cancelled. `onRun` is called
    /// once per recorded run, one at a time, from worker threads.
    @discardableResult
    public func run(only caseIDs: Set<String>? = nil, fresh: Bool, cancellation: CancellationToken,
                    onRun: @escaping @Sendable (StoredRun, RunProgress) -> Void) throws(StoreError) -> RunProgress {
        let executions = self.executions
        let scoring = self.scoring
        let keep = keepsRecords ? scored : nil
        let runner = ExperimentRunner(store: store, experimentID: id, concurrency: concurrency,
                                      execution: { executions[$0]! },
                                      score: { planned, transcript in
                                          let record = scoring.record(planned, transcript)
                                          keep?.withLock { $0[RunKey(caseID: planned.caseID, variant: planned.variant, repeatIndex: planned.repeatIndex)] = record }
                                          return RunVerdict(record.verdict)
                                      })
        let counts: RunProgress
        do {
            counts = try runner.run(runs(only: caseIDs), fresh: fresh, cancellation: cancellation, onRun: onRun)
        } catch {
            try? store.finishExperiment(id, state: .cancelled)
            throw error
        }
        try store.finishExperiment(id, state: cancellation.isCancelled ? .cancelled : .finished)
        return counts
    }

    /// `demo.json` → `demo.toolscope.sqlite` in the same directory.
    public static func defaultDatabase(forSuite path: String) -> String {
        let url = URL(fileURLWithPath: path)
        var stem = url.deletingPathExtension().lastPathComponent
        if stem.isEmpty { stem = "suite" }
        let file = url.deletingLastPathComponent().appendingPathComponent(stem + ".toolscope.sqlite").path
        // Written as the user wrote the suite: relative to the working directory when it was.
        guard !path.hasPrefix("/") else { return file }
        let cwd = FileManager.default.currentDirectoryPath
        return file.hasPrefix(cwd + "/") ? String(file.dropFirst(cwd.count + 1)) : file
    }

    /// The variants `arguments` name (each a `--variant` argument), else the suite's sidecar
    /// `NAME.variants.json` when it exists, else the suite's own tools. Two variants with one
    /// name are refused.
    public static func variants(forSuite suitePath: String, arguments: [String] = []) throws(SuiteError) -> [Variant] {
        var variants: [Variant] = []
        if arguments.isEmpty {
            let sidecar = VariantLoader.sidecarPath(forSuite: suitePath)
            variants = FileManager.default.fileExists(atPath: sidecar) ? try VariantLoader.load(file: sidecar) : [.suiteDefault]
        } else {
            for argument in arguments { variants += try VariantLoader.load(argument: argument) }
        }
        var seen = Set<String>()
        for v in variants where !seen.insert(v.name).inserted {
            throw SuiteError(file: suitePath, message: "two variants are named \"\(v.name)\"; give each a distinct name (name=… or \"name\" in its file)")
        }
        return variants
    }

    /// This experiment's stored runs as scored records, like `Experiment.records(_:scoring:order:)`,
    /// taking the runs scored in this process from memory (when `keepsRecords`).
    public func records(_ stored: [StoredRun], order: [String]) throws(StoreError) -> [RunRecord] {
        let known = scored.current
        return try Self.records(stored, scoring: scoring, order: order) { run in
            guard run.experimentID == id, run.status != .errored else { return nil }
            return known[RunKey(caseID: run.caseID, variant: run.variant, repeatIndex: run.repeatIndex)]
        }
    }

    /// Stored runs as scored records (re-scored now), errored runs left out, variants in
    /// `order` first, cases in suite order, repeats in order: tables read like the suite.
    /// `known` gives a run's record when it was scored already.
    public static func records(_ stored: [StoredRun], scoring: ExperimentScoring, order: [String],
                               known: (StoredRun) -> RunRecord? = { _ in nil }) throws(StoreError) -> [RunRecord] {
        var records: [RunRecord] = []
        for run in stored {
            if let r = known(run) {
                records.append(r)
            } else if let r = try scoring.record(run) {
                records.append(r)
            }
        }
        let rank = Dictionary(order.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let caseRank = Dictionary(scoring.suite.cases.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        return records.sorted { a, b in
            let ka = (rank[a.variant] ?? Int.max, caseRank[a.caseID] ?? Int.max, a.repeatIndex)
            let kb = (rank[b.variant] ?? Int.max, caseRank[b.caseID] ?? Int.max, b.repeatIndex)
            return ka < kb
        }
    }
}
