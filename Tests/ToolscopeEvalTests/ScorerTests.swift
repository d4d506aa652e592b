import Testing
import ToolscopeEngine
@testable import ToolscopeEval

@Suite struct ScorerTests {
    @Test func exactCountFailsAnExtraCallAtLeastAllowsIt() throws {
        let calls = #"[{"name": "weather", "arguments": {"city": "Paris"}}]"#
        let observed = run([("weather", #"{"city":"Paris"}"#), ("time", "{}")])
        let exact = Scorer.score(observed, against: try expectation(#"{"calls": \#(calls)}"#))
        #expect(exact.failures.map(\.kind) == [.unexpectedCall])
        #expect(exact.explanation.contains("time (round 1, call 2)"))
        #expect(Scorer.score(observed, against: try expectation(#"{"calls": \#(calls), "count": "at_least"}"#)).passed)
    }

    @Test func extraArgumentsFailOrAllow() throws {
        let observed = run([("weather", #"{"city":"Paris","units":"C"}"#)])
        let strict = Scorer.score(observed, against: try expectation(#"{"calls": [{"name": "weather", "arguments": {"city": "Paris"}}]}"#))
        #expect(!strict.passed)
        #expect(strict.failures.first?.pairing?.mismatches.first?.path == "/units")
        #expect(Scorer.score(observed, against: try expectation(#"{"extra_arguments": "allow", "calls": [{"name": "weather", "arguments": {"city": "Paris"}}]}"#)).passed)
        #expect(Scorer.score(observed, against: try expectation(#"{"calls": [{"name": "weather", "arguments": {"city": "Paris"}, "extra_arguments": "allow"}]}"#)).passed)
        // Arguments not given: any arguments do.
        #expect(Scorer.score(observed, against: try expectation(#"{"calls": [{"name": "weather"}]}"#)).passed)
    }

    @Test func failuresExplainThePairingAndEachArgument() throws {
        let observed = run([("book", #"{"from":"PAR","to":"NYC","seats":3}"#)])
        let verdict = Scorer.score(observed, against: try expectation(#"""
            {"calls": [{"name": "book", "arguments": {"from": "PAR", "to": "LON", "seats": {"$max": 2}, "class": {"$present": true}}}]}
            """#))
        let failure = try #require(verdict.failures.first)
        #expect(failure.kind == .wrongArguments)
        #expect(failure.message.contains("expected call #1 book ↔ actual book (round 1, call 1)"))
        let m = try #require(failure.pairing?.mismatches)
        #expect(m.map(\.path) == ["/to", "/seats", "/class"])
        #expect(m[0].expected == #""LON""# && m[0].actual == #""NYC""#)
        #expect(m[1].expected == "a number ≤ 2" && m[1].actual == "3")
        #expect(m[2].actual == nil)
        #expect(verdict.explanation.contains("/class: expected present (any value), got nothing (argument missing)"))
    }

    @Test func missingCallsAndWrongToolsAreNamed() throws {
        let verdict = Scorer.score(run([("time", "{}")]), against: try expectation(#"{"calls": [{"name": "weather"}]}"#))
        #expect(verdict.failures.map(\.kind) == [.missingCall, .unexpectedCall])
        #expect(verdict.failures[0].message.contains("calls made: time (round 1, call 1)"))
    }

    @Test func invalidJSONArgumentsAreExplained() throws {
        let verdict = Scorer.score(run([("weather", #"{"city": "Par"#)]), against: try expectation(#"{"calls": [{"name": "weather", "arguments": {"city": "Paris"}}]}"#))
        #expect(verdict.failures.first?.pairing?.mismatches.first?.reason?.hasPrefix("not valid JSON") == true)
    }

    @Test func providerSafeNamesMatchTheOriginal() throws {
        let e = try expectation(#"{"calls": [{"name": "math.hypot", "arguments": {"x": 4}}]}"#)
        #expect(Scorer.score(run([("math_hypot", #"{"x":4}"#)]), against: e).passed)
        #expect(Scorer.score(run([("math.hypot", #"{"x":4.0}"#)]), against: e).passed)
        #expect(!Scorer.score(run([("math_hypot2", #"{"x":4}"#)]), against: e).passed)
    }

    @Test func firstRoundOrWholeTurn() throws {
        let observed = RunObservation(rounds: [[ObservedCall(name: "search", argumentsText: #"{"q":"a"}"#)],
                                               [ObservedCall(name: "fetch", argumentsText: #"{"id":1}"#)], []], answer: "done")
        let calls = #"[{"name": "search"}, {"name": "fetch", "arguments": {"id": 1}}]"#
        let first = Scorer.score(observed, against: try expectation(#"{"calls": \#(calls)}"#))
        #expect(first.failures.map(\.kind) == [.missingCall])
        #expect(Scorer.score(observed, against: try expectation(#"{"scope": "turn", "calls": \#(calls)}"#)).passed)
        let pairing = Scorer.score(observed, against: try expectation(#"{"scope": "turn", "calls": \#(calls)}"#)).pairings[1]
        #expect(pairing.actual?.round == 1)
    }

    @Test func noCallAtAllOrNotToolX() throws {
        let answered = run([], answer: "It is 4.")
        let calledTime = run([("time", "{}")])
        #expect(Scorer.score(answered, against: try expectation(#"{"no_call": true}"#)).passed)
        #expect(Scorer.score(calledTime, against: try expectation(#"{"no_call": true}"#)).failures.map(\.kind) == [.forbiddenCall])
        #expect(Scorer.score(calledTime, against: try expectation(#"{"no_call": ["weather"]}"#)).passed)
        #expect(!Scorer.score(calledTime, against: try expectation(#"{"no_call": ["time"]}"#)).passed)
        // An empty expected list with count exact also means "no call in scope".
        #expect(!Scorer.score(calledTime, against: try expectation(#"{"calls": []}"#)).passed)
    }

    @Test func finalAnswerChecks() throws {
        let r = run([], answer: "It is 21 °C in Paris.")
        #expect(Scorer.score(r, against: try expectation(#"{"answer": {"contains": ["21", "Paris"]}}"#)).passed)
        #expect(!Scorer.score(r, against: try expectation(#"{"answer": {"contains": "paris"}}"#)).passed)
        #expect(Scorer.score(r, against: try expectation(#"{"answer": {"contains": "paris", "ignore_case": true}}"#)).passed)
        #expect(!Scorer.score(r, against: try expectation(#"{"answer": {"not_contains": "Paris"}}"#)).passed)
        #expect(Scorer.score(r, against: try expectation(#"{"answer": {"matches": "\\d+ °C"}}"#)).passed)
        #expect(!Scorer.score(r, against: try expectation(#"{"answer": {"matches": "^\\d+$"}}"#)).passed)
        let none = Scorer.score(run([("x", "{}")]), against: try expectation(#"{"answer": {"contains": "a"}}"#))
        #expect(none.failures.first?.message == "the turn ended without a text answer")
    }

    @Test func budgetsAndUnmeasuredBudgets() throws {
        var r = RunObservation(rounds: [[ObservedCall(name: "a", argumentsText: "{}")], [ObservedCall(name: "a", argumentsText: "{}")], []],
                               answer: "ok", promptTokens: 900, completionTokens: 200, latency: 2.5)
        let tight = try expectation(#"{"budget": {"max_rounds": 2, "max_tokens": 1000, "max_latency_ms": 2000}}"#)
        #expect(Scorer.score(r, against: tight).failures.count == 3)
        #expect(Scorer.score(r, against: try expectation(#"{"budget": {"max_rounds": 3, "max_tokens": 1100, "max_latency_ms": 2500}}"#)).passed)
        r.latency = nil
        r.promptTokens = nil
        let unmeasured = Scorer.score(r, against: try expectation(#"{"budget": {"max_tokens": 10, "max_latency_ms": 1}}"#))
        #expect(unmeasured.passed)
        #expect(unmeasured.notes.count == 2)
    }

    @Test func expectationsRefuseUnknownKeysAndBadValues() throws {
        func refusal(_ text: String) -> SchemaShapeError? {
            do { _ = try expectation(text); return nil } catch let e as SchemaShapeError { return e } catch { return nil }
        }
        #expect(refusal(#"{"extra_argument": "allow"}"#)?.path == "/extra_argument")
        #expect(refusal(#"{"scope": "all"}"#)?.message.contains("\"first_round\", \"turn\"") == true)
        #expect(refusal(#"{"calls": [{"arguments": {}}]}"#)?.message.contains("name") == true)
        #expect(refusal(#"{"no_call": true, "calls": [{"name": "a"}]}"#) != nil)
        #expect(refusal(#"{"budget": {"max_rounds": 0}}"#)?.path == "/budget/max_rounds")
    }
}
