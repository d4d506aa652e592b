import ToolscopeEngine
import ToolscopeEval

/// The cases × variants matrix of the Experiments screen as runs finish: every finished run by
/// cell, and what the screen derives from them (each cell's outcome, totals per variant, the
/// cases that flipped between variants, the significance of each comparison). Totals and
/// comparisons come from `ResultSummary`, the same arithmetic `toolscope eval` prints.
public struct ExperimentMatrix: Sendable, Hashable {
    public struct Key: Sendable, Hashable {
        public var caseID: String
        public var variant: String
        public init(caseID: String, variant: String) { self.caseID = caseID; self.variant = variant }
    }

    /// One finished run as the screen needs it.
    public struct RunResult: Sendable, Hashable {
        public var runID: Int64?
        public var repeatIndex: Int
        public var status: RunStatus
        /// The scored run; nil for an errored run (it measured nothing about the tools).
        public var record: RunRecord?
        /// Why it failed (the scorer's explanation) or errored (the provider's error); empty when it passed.
        public var explanation: String

        public init(runID: Int64?, repeatIndex: Int, status: RunStatus, record: RunRecord?, explanation: String) {
            self.runID = runID
            self.repeatIndex = repeatIndex
            self.status = status
            self.record = record
            self.explanation = explanation
        }
    }

    /// How a cell is coloured.
    public enum Outcome: Sendable, Hashable {
        /// No run of the cell has finished.
        case pending
        case allPassed
        case somePassed
        case nonePassed
        /// A run errored (the provider failed): nothing is known about the tools.
        case errored
    }

    public var cases: [String] = []
    public var variants: [String] = []
    public var repeats = 1
    /// Each variant's tool definitions as pretty JSON, for the difference between two variants.
    public var toolsJSON: [String: String] = [:]
    public var results: [Key: [RunResult]] = [:]

    public init(cases: [String] = [], variants: [String] = [], repeats: Int = 1, toolsJSON: [String: String] = [:]) {
        self.cases = cases
        self.variants = variants
        self.repeats = repeats
        self.toolsJSON = toolsJSON
    }

    public func runs(caseID: String, variant: String) -> [RunResult] {
        results[Key(caseID: caseID, variant: variant)] ?? []
    }

    public mutating func record(_ result: RunResult, caseID: String, variant: String) {
        results[Key(caseID: caseID, variant: variant), default: []].append(result)
        results[Key(caseID: caseID, variant: variant)]!.sort { $0.repeatIndex < $1.repeatIndex }
    }

    /// Forgets the runs of `caseIDs` (all cases when nil), before they run again.
    public mutating func clear(caseIDs: Set<String>?) {
        guard let caseIDs else { results = [:]; return }
        results = results.filter { !caseIDs.contains($0.key.caseID) }
    }

    public func outcome(caseID: String, variant: String) -> Outcome {
        let runs = runs(caseID: caseID, variant: variant)
        if runs.isEmpty { return .pending }
        if runs.contains(where: { $0.status == .errored }) { return .errored }
        let passes = runs.filter { $0.status == .passed }.count
        return passes == runs.count ? .allPassed : passes == 0 ? .nonePassed : .somePassed
    }

    /// `k/n`: passes over finished runs, with `…` while repeats are still to come and `!` when one errored.
    public func cellText(caseID: String, variant: String) -> String {
        let runs = runs(caseID: caseID, variant: variant)
        if runs.isEmpty { return "·" }
        let passes = runs.filter { $0.status == .passed }.count
        let errored = runs.contains { $0.status == .errored } ? "!" : ""
        let more = runs.count < repeats ? "…" : ""
        return "\(errored)\(passes)/\(runs.count)\(more)"
    }

    /// The scored runs, variants then cases then repeats in the screen's order (errored runs left out).
    public var records: [RunRecord] {
        variants.flatMap { v in cases.flatMap { c in runs(caseID: c, variant: v).compactMap(\.record) } }
    }

    public var summary: ResultSummary { ResultSummary(runs: records) }

    /// Cases whose outcome (passed in most of its repeats) differs between two variants that both ran it.
    public func flipped(_ summary: ResultSummary) -> Set<String> {
        var outcomes: [String: Set<Bool>] = [:]
        for cell in summary.cells where cell.runs > 0 { outcomes[cell.caseID, default: []].insert(cell.majorityPassed) }
        return Set(outcomes.filter { $0.value.count > 1 }.keys)
    }

    /// Each other variant against the first, as `toolscope eval` prints them.
    public func comparisons(_ summary: ResultSummary) -> [Comparison] {
        let ran = summary.variants.map(\.variant)
        guard let first = ran.first else { return [] }
        return ran.dropFirst().map { summary.compare(baseline: first, candidate: $0) }
    }

    /// Whether a case failed or errored in some run of some variant.
    public func isFailing(caseID: String) -> Bool {
        variants.contains { v in runs(caseID: caseID, variant: v).contains { $0.status != .passed } }
    }

    /// The cases the filter keeps, in suite order.
    public func visibleCases(_ filter: ExperimentsState.Filter) -> [String] {
        switch filter {
        case .all: return cases
        case .failing: return cases.filter(isFailing)
        case .flipped:
            let flipped = flipped(summary)
            return cases.filter(flipped.contains)
        }
    }
}
