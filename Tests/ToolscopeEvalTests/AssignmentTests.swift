import Testing
import ToolscopeEngine
@testable import ToolscopeEval

@Suite struct AssignmentTests {
    @Test func hungarianFindsTheMinimumOnAKnownMatrix() {
        // The classic 3×3 example: the optimum is 0→1, 1→0, 2→2 with total 5 (checked by
        // enumerating the 6 permutations by hand: 6, 11, 5, 9, 7, 6; the minimum is unique).
        let cost = [[4, 1, 3], [2, 0, 5], [3, 2, 2]]
        let a = Assignment.minimumCost(cost)
        #expect(a == [1, 0, 2])
        #expect(Assignment.totalCost(cost, a) == 5)
    }

    @Test func rectangularMatricesLeaveRowsOrColumnsOver() {
        #expect(Assignment.minimumCost([[5, 1, 9]]) == [1])
        let tall = Assignment.minimumCost([[3], [1], [2]])
        #expect(tall == [nil, 0, nil])
        #expect(Assignment.minimumCost([]) == [])
    }

    @Test func agreesWithExhaustiveSearchOnRandomMatrices() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let rows = Int.random(in: 1...5, using: &generator), columns = Int.random(in: 1...5, using: &generator)
            let cost = (0..<rows).map { _ in (0..<columns).map { _ in Int.random(in: 0...20, using: &generator) } }
            let best = exhaustiveMinimum(cost)
            let found = Assignment.minimumCost(cost)
            #expect(Assignment.totalCost(cost, found) == best, "\(cost)")
            let used = found.compactMap { $0 }
            #expect(Set(used).count == used.count)
            #expect(used.count == min(rows, columns))
        }
    }

    /// Tries every injective map of the smaller side into the larger.
    private func exhaustiveMinimum(_ cost: [[Int]]) -> Int {
        let rows = cost.count, columns = cost[0].count
        var best = Int.max
        func go(_ r: Int, _ used: Set<Int>, _ sum: Int, _ skipped: Int) {
            if r == rows { best = min(best, sum); return }
            for c in 0..<columns where !used.contains(c) { go(r + 1, used.union([c]), sum + cost[r][c], skipped) }
            if skipped < rows - columns { go(r + 1, used, sum, skipped + 1) }
        }
        go(0, [], 0, 0)
        return best
    }

    @Test func firstFitWouldMisscoreOverlappingExpectationsButTheScorerDoesNot() throws {
        // Expected: one call for "Paris or London", one for "Paris". Actual: Paris, then London.
        // First-fit gives Paris to the first expectation and leaves London for "Paris": a fail.
        let expect = try expectation(#"""
            {"calls": [
              {"name": "weather", "arguments": {"city": {"$oneOf": ["Paris", "London"]}}},
              {"name": "weather", "arguments": {"city": "Paris"}}
            ]}
            """#)
        let observed = run([("weather", #"{"city": "Paris"}"#), ("weather", #"{"city": "London"}"#)])
        #expect(firstFitPasses(observed, expect) == false)
        let verdict = Scorer.score(observed, against: expect)
        #expect(verdict.passed, "\(verdict.explanation)")
        #expect(verdict.pairings.map { $0.actual?.index } == [1, 0])
    }

    /// What a first-fit matcher would say: each expectation takes the first unused call that matches.
    private func firstFitPasses(_ run: RunObservation, _ expect: ToolscopeEval.Expectation) -> Bool {
        var used = Set<Int>()
        let calls = run.calls(in: .firstRound)
        for e in expect.calls ?? [] {
            guard let i = calls.indices.first(where: { !used.contains($0) && $0 < calls.count && calls[$0].call.name == e.name
                    && Scorer.argumentMismatches(calls[$0].call, e, default: .fail).isEmpty }) else { return false }
            used.insert(i)
        }
        return true
    }
}
