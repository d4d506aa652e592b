import ToolscopeEngine

/// Scores one run against one expectation. Pure and model-free: the same observation and
/// expectation always give the same verdict, so stored runs can be re-scored after the
/// expectations are edited.
public enum Scorer {
    /// Costs for the assignment: a pair that matches costs nothing; one with the right name
    /// but wrong arguments costs more the more arguments differ; a pair with another tool's
    /// name is never chosen over leaving the expectation unmatched.
    static let wrongArgumentsBase = 1_000
    static let impossible = 1_000_000

    public static func score(_ observation: RunObservation, against expectation: Expectation) -> Verdict {
        var verdict = Verdict()
        if let expected = expectation.calls {
            scoreCalls(expected, observation.calls(in: expectation.scope), expectation: expectation, into: &verdict)
        }
        if let noCall = expectation.noCall { scoreNoCall(noCall, observation.calls(in: .turn), into: &verdict) }
        if expectation.requireCall, observation.calls(in: .turn).isEmpty {
            verdict.failures.append(Failure(kind: .missingCall, message: "expected at least one tool call, but the model made none"))
        }
        if let answer = expectation.answer { scoreAnswer(answer, observation.answer, into: &verdict) }
        if let budget = expectation.budget { scoreBudget(budget, observation, into: &verdict) }
        return verdict
    }

    /// The mismatches of one actual call against one expected call of the same tool.
    public static func argumentMismatches(_ call: ObservedCall, _ expected: CallExpectation, default extra: ExtraArguments) -> [ArgumentMismatch] {
        guard let matchers = expected.arguments else { return [] }
        let arguments: JSONValue
        switch call.arguments {
        case .failure(let error):
            return [ArgumentMismatch(path: "", expected: "a JSON object of arguments", actual: call.argumentsText,
                                     reason: "not valid JSON: \(error.description)")]
        case .success(let value): arguments = value
        }
        guard case .object(let object) = arguments else {
            return [ArgumentMismatch(path: "", expected: "a JSON object of arguments", actual: arguments.compact,
                                     reason: "arguments must be an object, not \(arguments.kindDescription)")]
        }
        var out: [ArgumentMismatch] = []
        ArgumentMatcher.collectMembers(matchers, object, extra: expected.extraArguments ?? extra, at: "", normalization: .none, into: &out)
        return out
    }

    static func scoreCalls(_ expected: [CallExpectation], _ actual: [CallReference], expectation: Expectation, into verdict: inout Verdict) {
        var mismatches = [[[ArgumentMismatch]]](repeating: [], count: expected.count)
        var cost = [[Int]](repeating: [], count: expected.count)
        for (e, exp) in expected.enumerated() {
            for call in actual {
                guard ToolName.matches(call.call.name, expected: exp.name) else {
                    mismatches[e].append([])
                    cost[e].append(impossible)
                    continue
                }
                let m = argumentMismatches(call.call, exp, default: expectation.extraArguments)
                mismatches[e].append(m)
                cost[e].append(m.isEmpty ? 0 : wrongArgumentsBase + min(m.count, wrongArgumentsBase - 1))
            }
        }
        let assignment = actual.isEmpty ? [Int?](repeating: nil, count: expected.count) : Assignment.minimumCost(cost)
        var used = Set<Int>()
        for (e, exp) in expected.enumerated() {
            guard let a = assignment[e], cost[e][a] < impossible else {
                let pairing = CallPairing(expectedIndex: e, expectedName: exp.name, actual: nil, mismatches: [])
                verdict.pairings.append(pairing)
                let seen = actual.isEmpty ? "no call was made" : "calls made: " + actual.map(\.description).joined(separator: ", ")
                verdict.failures.append(Failure(kind: .missingCall, message: "\(pairing.summary) (\(seen))", pairing: pairing))
                continue
            }
            used.insert(a)
            let pairing = CallPairing(expectedIndex: e, expectedName: exp.name, actual: actual[a], mismatches: mismatches[e][a])
            verdict.pairings.append(pairing)
            if !pairing.matched {
                verdict.failures.append(Failure(kind: .wrongArguments, message: "\(pairing.summary): arguments differ", pairing: pairing))
            }
        }
        if expectation.count == .exact {
            for (a, call) in actual.enumerated() where !used.contains(a) {
                let scope = expectation.scope == .firstRound ? "in the first round" : "in the turn"
                let what = expected.isEmpty ? "no call was expected \(scope)" : "only \(expected.count) call\(expected.count == 1 ? "" : "s") expected \(scope)"
                verdict.failures.append(Failure(kind: .unexpectedCall, message: "unexpected call \(call) with \(call.call.argumentsText) (\(what))"))
            }
        }
    }

    static func scoreNoCall(_ rule: Expectation.NoCall, _ calls: [CallReference], into verdict: inout Verdict) {
        switch rule {
        case .anyTool:
            for call in calls {
                verdict.failures.append(Failure(kind: .forbiddenCall, message: "the model should answer without calling a tool, but called \(call)"))
            }
        case .tools(let names):
            for call in calls where names.contains(where: { ToolName.matches(call.call.name, expected: $0) }) {
                verdict.failures.append(Failure(kind: .forbiddenCall, message: "called \(call), which this case forbids"))
            }
        }
    }

    static func scoreAnswer(_ rule: AnswerExpectation, _ answer: String?, into verdict: inout Verdict) {
        guard let answer else {
            if !rule.contains.isEmpty || rule.matches != nil {
                verdict.failures.append(Failure(kind: .answer, message: "the turn ended without a text answer"))
            }
            return
        }
        let options: String.CompareOptions = rule.ignoreCase ? [.caseInsensitive] : []
        let shown = quoted(answer)
        for needle in rule.contains where answer.range(of: needle, options: options) == nil {
            verdict.failures.append(Failure(kind: .answer, message: "the answer should contain \(quoted(needle)), but is \(shown)"))
        }
        for needle in rule.notContains where answer.range(of: needle, options: options) != nil {
            verdict.failures.append(Failure(kind: .answer, message: "the answer should not contain \(quoted(needle)), but is \(shown)"))
        }
        if let pattern = rule.matches, !pattern.matches(answer) {
            verdict.failures.append(Failure(kind: .answer, message: "the answer should match \(pattern), but is \(shown)"))
        }
    }

    static func scoreBudget(_ budget: Budget, _ run: RunObservation, into verdict: inout Verdict) {
        if let max = budget.maxRounds, run.rounds.count > max {
            verdict.failures.append(Failure(kind: .budget, message: "took \(run.rounds.count) rounds; the budget is \(max)"))
        }
        if let max = budget.maxTokens {
            if let total = run.totalTokens {
                if total > max { verdict.failures.append(Failure(kind: .budget, message: "used \(total) tokens; the budget is \(max)")) }
            } else {
                verdict.notes.append("max_tokens not checked: the run has no token counts")
            }
        }
        if let max = budget.maxLatency {
            if let latency = run.latency {
                if latency > max {
                    verdict.failures.append(Failure(kind: .budget, message: "took \(milliseconds(latency)) ms; the budget is \(milliseconds(max)) ms"))
                }
            } else {
                verdict.notes.append("max_latency_ms not checked: the run has no timing")
            }
        }
    }

    static func milliseconds(_ seconds: Double) -> String { String(Int((seconds * 1000).rounded())) }

    /// A JSON string literal, shortened: answers can be long.
    static func quoted(_ text: String, limit: Int = 200) -> String {
        let short = text.count > limit ? String(text.prefix(limit)) + "…" : text
        return JSONValue.string(short).compact
    }
}
