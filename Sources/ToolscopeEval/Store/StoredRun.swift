import Foundation
import ToolscopeEngine

/// How one run ended. A provider failure is `errored`, never `failed`: a 500 or a timeout says
/// nothing about whether the tool definitions work, so it must not count against a variant.
public enum RunStatus: String, Sendable, Hashable, CaseIterable {
    case passed
    case failed
    case errored
}

/// One run (a case × a variant × a repeat) as kept in the database: its inputs hash (for
/// resume), the verdict, the usage figures and the whole transcript as a session document.
public struct StoredRun: Sendable, Hashable {
    public var id: Int64?
    public var experimentID: Int64
    public var caseID: String
    public var variant: String
    /// 0-based repeat index.
    public var repeatIndex: Int
    /// `RunInputs.hash`: identical inputs, identical hash (expectations are not inputs).
    public var inputsHash: String
    public var status: RunStatus
    /// The scorer's verdict as JSON text (explanations included).
    public var verdict: String
    public var tokensIn: Int
    public var tokensOut: Int
    /// Wall time of the turn, in seconds.
    public var latency: Double
    /// Model requests made in the turn.
    public var rounds: Int
    /// The run's conversation and trace as a `toolscope.session/1` document (JSON text).
    public var transcript: String
    /// Why the run errored (provider failure), or nil.
    public var error: String?
    /// When the run was not made again but taken from an earlier experiment with the same inputs.
    public var reusedFrom: Int64?
    public var finishedAt: Date

    public init(id: Int64? = nil, experimentID: Int64, caseID: String, variant: String, repeatIndex: Int, inputsHash: String,
                status: RunStatus, verdict: String, tokensIn: Int, tokensOut: Int, latency: Double, rounds: Int,
                transcript: String, error: String? = nil, reusedFrom: Int64? = nil, finishedAt: Date = Date()) {
        self.id = id
        self.experimentID = experimentID
        self.caseID = caseID
        self.variant = variant
        self.repeatIndex = repeatIndex
        self.inputsHash = inputsHash
        self.status = status
        self.verdict = verdict
        self.tokensIn = tokensIn
        self.tokensOut = tokensOut
        self.latency = latency
        self.rounds = rounds
        self.transcript = transcript
        self.error = error
        self.reusedFrom = reusedFrom
        self.finishedAt = finishedAt
    }
}

/// An experiment as `toolscope eval --list` shows it.
public struct ExperimentInfo: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        case running
        case finished
        case cancelled
    }

    public var id: Int64
    public var suite: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var state: State
    public var repeats: Int
    /// The model as the output labels it, e.g. "scripted (demo)" or "gpt-4o-mini".
    public var model: String
    public var variants: [String]
    public var counts: [RunStatus: Int]
    /// Baselines naming this experiment.
    public var baselines: [String]
}
