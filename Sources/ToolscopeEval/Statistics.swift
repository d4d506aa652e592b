import Foundation

/// The arithmetic behind the results table. Each function says which estimator it is, because
/// the numbers are only useful if the reader knows what they mean.
public enum Statistics {
    /// The Wilson score interval for `successes` out of `trials` at 95 % (z = 1.959963984540054).
    /// Unlike the normal approximation it stays inside [0, 1] and is sensible at 0/n and n/n,
    /// which is where small repeat counts usually land. nil for zero trials.
    public static func wilson(successes: Int, trials: Int, z: Double = 1.959963984540054) -> (low: Double, high: Double)? {
        guard trials > 0, successes >= 0, successes <= trials else { return nil }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return (max(0, centre - half), min(1, centre + half))
    }

    /// pass@k: the chance that at least one of k samples drawn without replacement from the
    /// n runs passed, given c passed — the unbiased estimator of Chen et al. 2021 ("Evaluating
    /// Large Language Models Trained on Code", the Codex paper): 1 − C(n−c, k) / C(n, k).
    /// nil when k is not in 1...n.
    public static func passAtK(n: Int, c: Int, k: Int) -> Double? {
        guard k >= 1, k <= n, c >= 0, c <= n else { return nil }
        if c == 0 { return 0 }
        if n - c < k { return 1 }
        // C(n−c, k)/C(n, k) = Π_{i=n−c+1}^{n} (1 − k/i), the numerically stable product form.
        var product = 1.0
        for i in (n - c + 1)...n { product *= 1 - Double(k) / Double(i) }
        return 1 - product
    }

    /// pass^k: the chance that all k samples drawn without replacement passed, C(c, k) / C(n, k)
    /// (the τ-bench estimator, Yao et al. 2024): how reliably a case passes, not whether it can.
    public static func passHatK(n: Int, c: Int, k: Int) -> Double? {
        guard k >= 1, k <= n, c >= 0, c <= n else { return nil }
        if c < k { return 0 }
        var product = 1.0
        for i in 0..<k { product *= Double(c - i) / Double(n - i) }
        return product
    }

    /// The q-quantile (0...1) by linear interpolation between closest ranks (the "linear"
    /// method of NumPy's percentile and R's type 7). nil for no values.
    public static func percentile(_ values: [Double], _ q: Double) -> Double? {
        guard !values.isEmpty, (0...1).contains(q) else { return nil }
        let sorted = values.sorted()
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// The exact McNemar test for paired binary outcomes: of the n = b + c discordant pairs
    /// (cases that passed under one variant and failed under the other), b went one way. Under
    /// "no difference" b ~ Binomial(n, ½); the two-sided p-value is
    /// min(1, 2 · P(X ≤ min(b, c))). Returns 1 when there are no discordant pairs.
    public static func exactMcNemar(b: Int, c: Int) -> Double {
        let n = b + c
        guard n > 0 else { return 1 }
        let smaller = min(b, c)
        // Σ_{i=0}^{smaller} C(n, i) / 2^n, summed in log space so n in the thousands is fine.
        var total = 0.0
        for i in 0...smaller { total += exp(logChoose(n, i) - Double(n) * log(2.0)) }
        return min(1, 2 * total)
    }

    static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }
}

/// What tokens cost, as the user gives it: dollars per million tokens, input and output.
public struct Prices: Sendable, Hashable {
    public var inputPerMillion: Double
    public var outputPerMillion: Double

    public init(inputPerMillion: Double, outputPerMillion: Double) {
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
    }

    public func cost(promptTokens: Int, completionTokens: Int) -> Double {
        (Double(promptTokens) * inputPerMillion + Double(completionTokens) * outputPerMillion) / 1_000_000
    }
}
