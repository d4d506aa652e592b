import Foundation
import ToolscopeEngine

/// Scores transcripts against a suite's cases: new runs, resumed runs and `--rescore` all come
/// through here, so a stored run scores exactly as it would have live.
public struct ExperimentScoring: Sendable {
    public let suite: Suite
    private let cases: [String: Case]

    public init(suite: Suite) {
        self.suite = suite
        var cases: [String: Case] = [:]
        for c in suite.cases where cases[c.id] == nil { cases[c.id] = c }
        self.cases = cases
    }

    /// What the turn did, as the scorer sees it.
    public func observation(_ transcript: RunTranscript) -> RunObservation {
        RunObservation(turn: Array(transcript.turnMessages), usage: Usage(promptTokens: transcript.tokensIn, completionTokens: transcript.tokensOut),
                       latency: transcript.latency)
    }

    /// The verdict of a transcript for `caseID`; a case no longer in the suite fails with that reason.
    public func verdict(caseID: String, _ transcript: RunTranscript) -> Verdict {
        guard let c = cases[caseID] else {
            return Verdict(failures: [Failure(kind: .noOutput, message: "case \"\(caseID)\" is no longer in the suite")])
        }
        return Scorer.score(observation(transcript), against: c.expectation)
    }

    /// The runner's form: passed, and the verdict as JSON for the database.
    public func runVerdict(caseID: String, _ transcript: RunTranscript) -> RunVerdict {
        RunVerdict(verdict(caseID: caseID, transcript))
    }

    /// A run scored from its transcript in memory, as `record(_:)` scores it from the database.
    public func record(_ run: PlannedRun, _ transcript: RunTranscript) -> RunRecord {
        RunRecord(caseID: run.caseID, variant: run.variant, repeatIndex: run.repeatIndex, category: cases[run.caseID]?.category,
                  verdict: verdict(caseID: run.caseID, transcript), observation: observation(transcript))
    }

    /// A stored run as a scored run for summaries and reports (re-scored now); nil for an
    /// errored run, which measured nothing about the tools and is counted apart.
    public func record(_ run: StoredRun) throws(StoreError) -> RunRecord? {
        guard run.status != .errored else { return nil }
        let transcript = try RunTranscript(stored: run)
        return RunRecord(caseID: run.caseID, variant: run.variant, repeatIndex: run.repeatIndex, category: cases[run.caseID]?.category,
                         verdict: verdict(caseID: run.caseID, transcript), observation: observation(transcript))
    }

    /// The verdict as the database keeps it: passed, each failure with its explanation, and
    /// how expected calls were paired with actual ones.
    public static func json(_ verdict: Verdict) -> JSONValue {
        [
            "passed": .bool(verdict.passed),
            "failures": .array(verdict.failures.map { ["kind": .string($0.kind.rawValue), "explanation": .string($0.explanation)] }),
            "pairings": .array(verdict.pairings.map { .string($0.summary) }),
            "notes": .array(verdict.notes.map(JSONValue.string)),
        ]
    }
}
