import Testing
@testable import ToolscopeEval

/// Known values are computed independently of this code: the Wilson bounds with Python 3's
/// float arithmetic from the closed form in Newcombe (1998), "Two-sided confidence intervals
/// for the single proportion", method 3 (8/10 → 0.4902–0.9433 also appears in his Table I
/// style tables); pass@k, pass^k and the McNemar p-values as exact fractions with Python's
/// `fractions` and `math.comb`.
@Suite struct StatisticsTests {
    @Test func wilsonIntervalMatchesKnownValues() throws {
        let cases: [(Int, Int, Double, Double)] = [
            (8, 10, 0.4901624715366418, 0.9433178485456248),
            (0, 10, 0.0, 0.2775327998628892),
            (10, 10, 0.7224672001371107, 1.0),
            (45, 50, 0.7863976856252035, 0.9565242350681096),
        ]
        for (s, n, low, high) in cases {
            let interval = try #require(Statistics.wilson(successes: s, trials: n))
            #expect(abs(interval.low - low) < 1e-12, "\(s)/\(n) low \(interval.low)")
            #expect(abs(interval.high - high) < 1e-12, "\(s)/\(n) high \(interval.high)")
        }
        #expect(Statistics.wilson(successes: 0, trials: 0) == nil)
    }

    @Test func passAtKIsTheUnbiasedEstimator() throws {
        // 1 − C(7,5)/C(10,5) = 11/12.
        #expect(abs(try #require(Statistics.passAtK(n: 10, c: 3, k: 5)) - 11.0 / 12.0) < 1e-12)
        #expect(abs(try #require(Statistics.passAtK(n: 10, c: 3, k: 1)) - 0.3) < 1e-12)
        // 1 − C(190,10)/C(200,10) = 9163146755077/22428575733280.
        #expect(abs(try #require(Statistics.passAtK(n: 200, c: 10, k: 10)) - 9163146755077.0 / 22428575733280.0) < 1e-12)
        #expect(Statistics.passAtK(n: 10, c: 0, k: 3) == 0)
        #expect(Statistics.passAtK(n: 10, c: 8, k: 3) == 1)
        #expect(Statistics.passAtK(n: 3, c: 1, k: 4) == nil)
    }

    @Test func passHatKIsAllKPassing() throws {
        // C(3,2)/C(10,2) = 1/15.
        #expect(abs(try #require(Statistics.passHatK(n: 10, c: 3, k: 2)) - 1.0 / 15.0) < 1e-12)
        #expect(Statistics.passHatK(n: 10, c: 1, k: 2) == 0)
        #expect(Statistics.passHatK(n: 5, c: 5, k: 5) == 1)
    }

    @Test func exactMcNemarMatchesTheBinomialTail() {
        // n = 9 discordant, 1 vs 8: 2 · (C(9,0) + C(9,1)) / 2^9 = 5/128.
        #expect(abs(Statistics.exactMcNemar(b: 1, c: 8) - 5.0 / 128.0) < 1e-12)
        #expect(abs(Statistics.exactMcNemar(b: 8, c: 1) - 5.0 / 128.0) < 1e-12)
        // 3 vs 5: 2 · (1 + 8 + 28 + 56) / 2^8 = 93/128.
        #expect(abs(Statistics.exactMcNemar(b: 3, c: 5) - 93.0 / 128.0) < 1e-12)
        #expect(Statistics.exactMcNemar(b: 4, c: 4) == 1)
        #expect(Statistics.exactMcNemar(b: 0, c: 0) == 1)
        // 0 vs 6: 2/64 = 1/32.
        #expect(abs(Statistics.exactMcNemar(b: 0, c: 6) - 1.0 / 32.0) < 1e-12)
    }

    @Test func percentilesInterpolateLinearly() {
        // NumPy's default: percentile([1,2,3,4], 50) = 2.5, 95 → 3.85.
        #expect(Statistics.percentile([4, 1, 3, 2], 0.5) == 2.5)
        #expect(abs(Statistics.percentile([1, 2, 3, 4], 0.95)! - 3.85) < 1e-12)
        #expect(Statistics.percentile([7], 0.95) == 7)
        #expect(Statistics.percentile([], 0.5) == nil)
    }

    @Test func costFromPricesPerMillionTokens() {
        let prices = Prices(inputPerMillion: 2.5, outputPerMillion: 10)
        #expect(abs(prices.cost(promptTokens: 1_000, completionTokens: 200) - 0.0045) < 1e-12)
    }
}
