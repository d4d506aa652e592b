import Foundation
import ToolscopeEngine

/// One run to make: a case × a variant × a repeat, with the inputs it sends.
public struct PlannedRun: Sendable {
    public var caseID: String
    public var variant: String
    public var inputs: RunInputs
    public var repeatIndex: Int { inputs.repeatIndex }
    /// `inputs.hash`, computed once.
    public let inputsHash: String

    public init(caseID: String, variant: String, inputs: RunInputs) {
        self.caseID = caseID
        self.variant = variant
        self.inputs = inputs
        self.inputsHash = inputs.hash
    }
}

/// A verdict as the runner stores it: passed or not, and the scorer's explanation as JSON.
public struct RunVerdict: Sendable {
    public var passed: Bool
    public var json: JSONValue

    public init(passed: Bool, json: JSONValue) {
        self.passed = passed
        self.json = json
    }

    public init(_ verdict: Verdict) {
        self.init(passed: verdict.passed, json: ExperimentScoring.json(verdict))
    }
}

/// Counts while an experiment runs, for the progress line and the workbench.
public struct RunProgress: Sendable, Hashable {
    public var total: Int
    public var passed = 0
    public var failed = 0
    public var errored = 0
    /// Runs taken from the database (identical inputs finished before) instead of made again.
    public var reused = 0
    /// Seconds from the start of the experiment to the latest run counted.
    public var elapsed = 0.0
    public var done: Int { passed + failed + errored }

    public init(total: Int) { self.total = total }

    /// Seconds until every run is done, at the pace of the runs made so far (reused runs take
    /// no time); nil before the first run is made.
    public var secondsLeft: Double? {
        let made = done - reused
        guard made > 0 else { return nil }
        return elapsed / Double(made) * Double(total - done)
    }

    /// A bar of `width` cells, filled in proportion to the runs done, as both front ends draw it.
    public func bar(width: Int) -> String {
        let filled = total == 0 ? width : width * done / total
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }

    /// `secondsLeft` as "m:ss" ("—" when unknown), as both front ends show it.
    public var eta: String {
        guard let seconds = secondsLeft, seconds.isFinite, seconds >= 0 else { return "—" }
        let s = Int(seconds.rounded())
        // Not `String(format:)`: this runs once per finished run, and Foundation's formatter was
        // a measurable part of an experiment's CPU.
        let rest = s % 60
        return String(s / 60) + (rest < 10 ? ":0" : ":") + String(rest)
    }

    mutating func count(_ status: RunStatus) {
        switch status {
        case .passed: passed += 1
        case .failed: failed += 1
        case .errored: errored += 1
        }
    }
}

/// Runs an experiment's plan into the store: skips (re-scores and copies) runs whose identical
/// inputs already finished in this database unless `fresh`, makes the others at most
/// `concurrency` at once, and records each run as it ends (`RunRecorder`: within a moment, a few
/// runs to a commit). A provider failure makes a run `errored`; only a verdict can make it
/// `failed`. Cancelling records nothing more, and what finished stays in the database for the
/// next run to resume from.
public struct ExperimentRunner: Sendable {
    public let store: ExperimentStore
    public let experimentID: Int64
    public let concurrency: Int
    /// The tool loop for a variant's runs (its provider; its tools' bindings).
    public let execution: @Sendable (_ variant: String) -> RunExecutor
    /// Scores one run's transcript against its case: the same function for new, resumed and re-scored runs.
    public let score: @Sendable (_ run: PlannedRun, _ transcript: RunTranscript) -> RunVerdict

    public init(store: ExperimentStore, experimentID: Int64, concurrency: Int,
                execution: @escaping @Sendable (String) -> RunExecutor,
                score: @escaping @Sendable (PlannedRun, RunTranscript) -> RunVerdict) {
        self.store = store
        self.experimentID = experimentID
        self.concurrency = concurrency
        self.execution = execution
        self.score = score
    }

    /// Runs `plan`; `onRun` is called (one at a time, from the recorder's queue or, for reused
    /// runs, the calling thread) after each run is recorded, with the counts so far. Every run
    /// that finished is recorded and reported before this returns. Returns the final counts;
    /// throws only when the database cannot be written (the runs recorded so far are kept).
    @discardableResult
    public func run(_ plan: [PlannedRun], fresh: Bool, cancellation: CancellationToken,
                    onRun: @escaping @Sendable (StoredRun, RunProgress) -> Void = { _, _ in }) throws(StoreError) -> RunProgress {
        let progress = Locked(RunProgress(total: plan.count))
        let report = Locked(())  // keeps onRun calls one at a time, in the order their counts say
        let start = MonotonicClock.now()

        @Sendable func finish(_ run: StoredRun, reused: Bool) {
            report.withLock { _ in
                let counts = progress.withLock { p -> RunProgress in
                    p.count(run.status)
                    if reused { p.reused += 1 }
                    p.elapsed = MonotonicClock.now() - start
                    return p
                }
                onRun(run, counts)
            }
        }

        var toRun = plan
        if !fresh {
            let finished = try store.finishedRuns(withHashes: Set(plan.map(\.inputsHash)))
            toRun = []
            var copies: [StoredRun] = []
            for planned in plan {
                guard let earlier = finished[planned.inputsHash] else { toRun.append(planned); continue }
                copies.append(try reuse(earlier, for: planned))
            }
            // One transaction for all of them: a resumed suite may reuse thousands.
            let ids = try store.record(copies)
            for (copy, id) in zip(copies, ids) {
                var recorded = copy
                recorded.id = id
                finish(recorded, reused: true)
            }
        }

        let recorder = RunRecorder(store: store, recorded: { finish($0, reused: false) },
                                   failed: { _ in cancellation.cancel() })
        RunPool(concurrency: concurrency).run(toRun, cancellation: cancellation) { planned in
            let outcome = execution(planned.variant).run(planned.inputs, title: "\(planned.caseID) · \(planned.variant) · #\(planned.repeatIndex + 1)",
                                                         cancellation: cancellation)
            if outcome.result.reason == .cancelled { return }
            let transcript = RunTranscript(session: outcome.session, promptIndex: outcome.promptIndex, tokensIn: outcome.tokensIn,
                                           tokensOut: outcome.tokensOut, latency: outcome.latency, rounds: outcome.result.rounds)
            let status: RunStatus
            let verdict: JSONValue
            if let error = outcome.providerError {
                status = .errored
                verdict = ["passed": false, "errored": .string(error)]
            } else {
                let scored = score(planned, transcript)
                status = scored.passed ? .passed : .failed
                verdict = scored.json
            }
            recorder.add(StoredRun(experimentID: experimentID, caseID: planned.caseID, variant: planned.variant,
                                   repeatIndex: planned.repeatIndex, inputsHash: planned.inputsHash, status: status,
                                   verdict: verdict.compact, tokensIn: outcome.tokensIn, tokensOut: outcome.tokensOut,
                                   latency: outcome.latency, rounds: outcome.result.rounds, transcript: outcome.session.json.compact,
                                   error: outcome.providerError))
        }
        if let error = recorder.flush() { throw error }
        return progress.current
    }

    /// A finished run with identical inputs, re-scored against the case as it is now, as a
    /// run of this experiment (pointing at the original) ready to record.
    private func reuse(_ earlier: StoredRun, for planned: PlannedRun) throws(StoreError) -> StoredRun {
        let transcript = try RunTranscript(stored: earlier)
        let scored = score(planned, transcript)
        var copy = earlier
        copy.id = nil
        copy.experimentID = experimentID
        copy.caseID = planned.caseID
        copy.variant = planned.variant
        copy.status = scored.passed ? .passed : .failed
        copy.verdict = scored.json.compact
        copy.reusedFrom = earlier.reusedFrom ?? earlier.id
        return copy
    }
}
