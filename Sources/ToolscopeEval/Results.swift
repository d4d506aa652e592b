import ToolscopeEngine

/// One scored run: a case under a variant, one of its repeats.
public struct RunRecord: Sendable, Hashable {
    public var caseID: String
    public var variant: String
    /// 0-based repeat number.
    public var repeatIndex: Int
    public var category: String?
    public var verdict: Verdict
    /// What the run did; nil when there was nothing to observe (no output for the case).
    public var observation: RunObservation?

    public init(caseID: String, variant: String, repeatIndex: Int, category: String? = nil, verdict: Verdict, observation: RunObservation?) {
        self.caseID = caseID
        self.variant = variant
        self.repeatIndex = repeatIndex
        self.category = category
        self.verdict = verdict
        self.observation = observation
    }

    public var passed: Bool { verdict.passed }
}

/// A 95 % Wilson interval as a value (for tables and JSON).
public struct Interval: Sendable, Hashable {
    public var low: Double
    public var high: Double
    public init(low: Double, high: Double) { self.low = low; self.high = high }
    init?(successes: Int, trials: Int) {
        guard let w = Statistics.wilson(successes: successes, trials: trials) else { return nil }
        self.init(low: w.low, high: w.high)
    }
}

/// Tokens, time and money over a set of runs (only the runs that measured them count).
public struct RunUsage: Sendable, Hashable {
    public var promptTokens = 0
    public var completionTokens = 0
    /// Median and 95th percentile wall time of the runs that have one, in seconds.
    public var latencyP50: Double?
    public var latencyP95: Double?
    /// In the currency of the prices; nil without prices or token counts.
    public var cost: Double?

    init(_ runs: [RunRecord], prices: Prices?) {
        var latencies: [Double] = []
        var measured = false
        for r in runs {
            guard let o = r.observation else { continue }
            if let p = o.promptTokens { promptTokens += p; measured = true }
            if let c = o.completionTokens { completionTokens += c; measured = true }
            if let l = o.latency { latencies.append(l) }
        }
        latencyP50 = Statistics.percentile(latencies, 0.5)
        latencyP95 = Statistics.percentile(latencies, 0.95)
        if let prices, measured { cost = prices.cost(promptTokens: promptTokens, completionTokens: completionTokens) }
    }
}

/// One cell of the matrix: a case under a variant, over its repeats.
public struct CellSummary: Sendable, Hashable {
    public var caseID: String
    public var variant: String
    public var runs: Int
    public var passes: Int
    public var interval: Interval?
    /// pass@k and pass^k for k = 1 and k = runs (and 3, 5, 10 when there are that many).
    public var passAtK: [Int: Double]
    public var passHatK: [Int: Double]
    public var usage: RunUsage

    public var passRate: Double { runs == 0 ? 0 : Double(passes) / Double(runs) }
    /// The case's outcome for comparisons: passed in more than half of its repeats.
    public var majorityPassed: Bool { passes * 2 > runs }
}

/// Totals for one variant.
public struct VariantSummary: Sendable, Hashable {
    public var variant: String
    public var runs: Int
    public var passes: Int
    public var interval: Interval?
    public var cases: Int
    /// Cases passed in a majority of their repeats.
    public var casesPassed: Int
    public var usage: RunUsage

    public var passRate: Double { runs == 0 ? 0 : Double(passes) / Double(runs) }
}

/// Accuracy of one category (BFCL's way: runs correct over runs, per category).
public struct CategoryAccuracy: Sendable, Hashable {
    public var category: String
    public var variant: String
    public var runs: Int
    public var passes: Int
    public var accuracy: Double { runs == 0 ? 0 : Double(passes) / Double(runs) }
}

/// Variant B against variant A over the cases both ran.
public struct Comparison: Sendable, Hashable {
    public static let testName = "exact McNemar test (two-sided), on each case's majority outcome over its repeats"

    public var baseline: String
    public var candidate: String
    /// Cases that failed under the baseline and pass under the candidate, and the reverse.
    public var nowPassing: [String]
    public var nowFailing: [String]
    public var pairedCases: Int
    public var pValue: Double

    /// At the conventional 5 % level.
    public var significant: Bool { pValue < 0.05 }

    /// One line a person can act on.
    public var verdictText: String {
        let direction = nowPassing.count > nowFailing.count ? "\(candidate) is better" : nowPassing.count < nowFailing.count ? "\(candidate) is worse" : "no difference"
        let p = (pValue * 10_000).rounded() / 10_000
        let meaning = significant ? "significant at 5 %" : "not significant at 5 %: could be luck; run more repeats or cases"
        return "\(candidate) vs \(baseline): \(nowPassing.count) case(s) now pass, \(nowFailing.count) now fail; \(direction) (p = \(p), \(meaning); \(Self.testName))"
    }
}

/// Everything the results table shows, computed from the scored runs.
public struct ResultSummary: Sendable, Hashable {
    public var cells: [CellSummary]
    public var variants: [VariantSummary]
    public var categories: [CategoryAccuracy]

    public init(runs: [RunRecord], prices: Prices? = nil) {
        var variantOrder: [String] = []
        var caseOrder: [String] = []
        var seenCases = Set<String>()
        var byCell: [String: [String: [RunRecord]]] = [:]
        for r in runs {
            if byCell[r.variant] == nil { variantOrder.append(r.variant); byCell[r.variant] = [:] }
            if seenCases.insert(r.caseID).inserted { caseOrder.append(r.caseID) }
            byCell[r.variant]![r.caseID, default: []].append(r)
        }
        var cells: [CellSummary] = []
        var variants: [VariantSummary] = []
        var categories: [CategoryAccuracy] = []
        for v in variantOrder {
            var variantRuns: [RunRecord] = []
            var casesPassed = 0, caseCount = 0
            var byCategory: [String: (Int, Int)] = [:]
            var categoryOrder: [String] = []
            for c in caseOrder {
                guard let rs = byCell[v]?[c] else { continue }
                variantRuns += rs
                let cell = Self.cell(caseID: c, variant: v, rs, prices: prices)
                cells.append(cell)
                caseCount += 1
                if cell.majorityPassed { casesPassed += 1 }
                for r in rs {
                    let name = r.category ?? "uncategorised"
                    if byCategory[name] == nil { categoryOrder.append(name) }
                    byCategory[name, default: (0, 0)].0 += 1
                    if r.passed { byCategory[name, default: (0, 0)].1 += 1 }
                }
            }
            let passes = variantRuns.filter(\.passed).count
            variants.append(VariantSummary(variant: v, runs: variantRuns.count, passes: passes, interval: Interval(successes: passes, trials: variantRuns.count),
                                           cases: caseCount, casesPassed: casesPassed, usage: RunUsage(variantRuns, prices: prices)))
            if runs.contains(where: { $0.category != nil }) {
                for name in categoryOrder {
                    let (n, p) = byCategory[name]!
                    categories.append(CategoryAccuracy(category: name, variant: v, runs: n, passes: p))
                }
            }
        }
        self.cells = cells
        self.variants = variants
        self.categories = categories
    }

    static func cell(caseID: String, variant: String, _ runs: [RunRecord], prices: Prices?) -> CellSummary {
        let n = runs.count, c = runs.filter(\.passed).count
        var ks = [1, 3, 5, 10].filter { $0 <= n }
        if n > 0, !ks.contains(n) { ks.append(n) }
        var at: [Int: Double] = [:], hat: [Int: Double] = [:]
        for k in ks {
            at[k] = Statistics.passAtK(n: n, c: c, k: k)
            hat[k] = Statistics.passHatK(n: n, c: c, k: k)
        }
        return CellSummary(caseID: caseID, variant: variant, runs: n, passes: c, interval: Interval(successes: c, trials: n),
                           passAtK: at, passHatK: hat, usage: RunUsage(runs, prices: prices))
    }

    /// `candidate` against `baseline` over the cases both have.
    public func compare(baseline: String, candidate: String) -> Comparison {
        var a: [String: CellSummary] = [:]
        for cell in cells where cell.variant == baseline { a[cell.caseID] = cell }
        var nowPassing: [String] = [], nowFailing: [String] = []
        var paired = 0
        for cell in cells where cell.variant == candidate {
            guard let base = a[cell.caseID] else { continue }
            paired += 1
            if !base.majorityPassed, cell.majorityPassed { nowPassing.append(cell.caseID) }
            if base.majorityPassed, !cell.majorityPassed { nowFailing.append(cell.caseID) }
        }
        return Comparison(baseline: baseline, candidate: candidate, nowPassing: nowPassing, nowFailing: nowFailing, pairedCases: paired,
                          pValue: Statistics.exactMcNemar(b: nowPassing.count, c: nowFailing.count))
    }
}
