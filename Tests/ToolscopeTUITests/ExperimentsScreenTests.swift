import Testing
import ToolscopeEngine
import ToolscopeEval
@testable import ToolscopeTUI

/// The Experiments screen's model and reducer: cell outcomes, totals, flipped cases, filters,
/// the difference of two variants' tools, and the keys that run, open and compare.
@Suite("Experiments screen")
struct ExperimentsScreenTests {
    static let failure = Verdict(failures: [Failure(kind: .wrongArguments, message: "expected call #1 get_weather: argument /unit: expected \"fahrenheit\", got \"F\"")])

    static func result(_ id: Int64, _ repeatIndex: Int, _ status: RunStatus, caseID: String, variant: String) -> ExperimentMatrix.RunResult {
        let record: RunRecord? = status == .errored ? nil
            : RunRecord(caseID: caseID, variant: variant, repeatIndex: repeatIndex, verdict: status == .passed ? Verdict() : failure, observation: nil)
        return ExperimentMatrix.RunResult(runID: id, repeatIndex: repeatIndex, status: status, record: record,
                                          explanation: status == .passed ? "passed" : failure.explanation)
    }

    /// Three cases under two variants, two repeats: tokyo flips (vague fails, precise passes),
    /// paris is mixed under vague, london passes everywhere; rome is still pending under precise.
    static func matrix() -> ExperimentMatrix {
        var m = ExperimentMatrix(cases: ["tokyo-in-F", "paris-in-C", "london", "rome-in-F"], variants: ["vague", "precise"], repeats: 2,
                                 toolsJSON: ["vague": "[\n  {\n    \"description\": \"Unit.\"\n  }\n]",
                                             "precise": "[\n  {\n    \"description\": \"celsius or fahrenheit\"\n  }\n]"])
        var id: Int64 = 1
        func add(_ c: String, _ v: String, _ statuses: [RunStatus]) {
            for (i, s) in statuses.enumerated() { m.record(result(id, i, s, caseID: c, variant: v), caseID: c, variant: v); id += 1 }
        }
        add("tokyo-in-F", "vague", [.failed, .failed])
        add("tokyo-in-F", "precise", [.passed, .passed])
        add("paris-in-C", "vague", [.passed, .failed])
        add("paris-in-C", "precise", [.passed, .passed])
        add("london", "vague", [.passed, .passed])
        add("london", "precise", [.passed, .passed])
        add("rome-in-F", "vague", [.errored])
        return m
    }

    @Test func cellsAreColouredByOutcomeAndShowKOfN() {
        let m = Self.matrix()
        #expect(m.outcome(caseID: "tokyo-in-F", variant: "vague") == .nonePassed)
        #expect(m.outcome(caseID: "tokyo-in-F", variant: "precise") == .allPassed)
        #expect(m.outcome(caseID: "paris-in-C", variant: "vague") == .somePassed)
        #expect(m.outcome(caseID: "rome-in-F", variant: "vague") == .errored)
        #expect(m.outcome(caseID: "rome-in-F", variant: "precise") == .pending)
        #expect(m.cellText(caseID: "tokyo-in-F", variant: "vague") == "0/2")
        #expect(m.cellText(caseID: "paris-in-C", variant: "vague") == "1/2")
        #expect(m.cellText(caseID: "rome-in-F", variant: "vague") == "!0/1…")
        #expect(m.cellText(caseID: "rome-in-F", variant: "precise") == "·")
        #expect(ExperimentsView.cellStyle(.allPassed).role == .success)
        #expect(ExperimentsView.cellStyle(.somePassed).role == .warning)
        #expect(ExperimentsView.cellStyle(.nonePassed).role == .error)
        #expect(ExperimentsView.cellStyle(.pending).role == .dim)
        #expect(ExperimentsView.cellStyle(.errored) != ExperimentsView.cellStyle(.nonePassed))
    }

    @Test func totalsFlippedCasesAndTheSignificanceLine() throws {
        let m = Self.matrix()
        let summary = m.summary
        let vague = try #require(summary.variants.first { $0.variant == "vague" })
        let precise = try #require(summary.variants.first { $0.variant == "precise" })
        // Errored runs are not counted: vague has 6 scored runs, 3 passed.
        #expect(vague.passes == 3 && vague.runs == 6)
        #expect(precise.passes == 6 && precise.runs == 6)
        let wilson = try #require(vague.interval)
        #expect(abs(wilson.low - 0.1876) < 0.001 && abs(wilson.high - 0.8124) < 0.001)
        // paris passed 1 of 2 under vague: not a majority, so it flipped too.
        #expect(m.flipped(summary) == ["tokyo-in-F", "paris-in-C"])
        let comparison = try #require(m.comparisons(summary).first)
        #expect(comparison.baseline == "vague" && comparison.candidate == "precise")
        #expect(comparison.nowPassing == ["tokyo-in-F", "paris-in-C"] && comparison.nowFailing.isEmpty)
        #expect(comparison.verdictText.contains("p = 0.5") && comparison.verdictText.contains("not significant"))
    }

    @Test func filtersKeepFailingOrFlippedCases() {
        let m = Self.matrix()
        #expect(m.visibleCases(.all) == ["tokyo-in-F", "paris-in-C", "london", "rome-in-F"])
        #expect(m.visibleCases(.failing) == ["tokyo-in-F", "paris-in-C", "rome-in-F"])
        #expect(m.visibleCases(.flipped) == ["tokyo-in-F", "paris-in-C"])
    }

    @Test func differenceOfTwoVariantsIsALineDiff() {
        let lines = ExperimentsReducer.differenceLines(Self.matrix(), baseline: "vague", candidate: "precise").map(\.text)
        #expect(lines.contains("-     \"description\": \"Unit.\""))
        #expect(lines.contains("+     \"description\": \"celsius or fahrenheit\""))
        #expect(lines.contains("  ["))
    }

    static func screenState() -> AppState {
        var s = TestSupport.state()
        s.experimentDefaults.suitePath = "suites/demo.json"
        return s
    }

    @Test func f12OpensTheScreenOnTheDefaultSuiteAndEnterRunsIt() throws {
        var s = Self.screenState()
        TestSupport.press(&s, .function(12))
        #expect(s.experiments?.visible == true)
        #expect(s.experiments?.suitePath.text == "suites/demo.json")
        #expect(TestSupport.render(s).text.contains("▶ Experiments"))
        // Printable keys go to the field, not to the workbench (q does not quit here).
        TestSupport.press(&s, .tab, .ctrl("u"))
        TestSupport.type(&s, "3")
        TestSupport.press(&s, .tab, .ctrl("u"))
        TestSupport.type(&s, "2q")
        #expect(!s.quitting)
        var effects = TestSupport.press(&s, .enter)
        #expect(effects.isEmpty && s.notice?.kind == .error && s.experiments?.field == .concurrency)
        TestSupport.press(&s, .backspace)
        effects = TestSupport.press(&s, .enter)
        guard case .runExperiment(let request)? = effects.first else { Issue.record("no run: \(effects)"); return }
        #expect(request.suitePath == "suites/demo.json" && request.repeats == 3 && request.concurrency == 2)
        #expect(request.caseIDs == nil && request.edited == nil && !request.fresh)
        #expect(s.experiments?.running == true && s.experiments?.field == .matrix)
        // A second run waits for the first.
        #expect(TestSupport.press(&s, .char("r")).isEmpty)
        TestSupport.press(&s, .escape)
        #expect(s.experiments?.visible == false)
        TestSupport.press(&s, .function(12))
        #expect(s.experiments?.visible == true)
    }

    @Test func runsFillTheMatrixLiveAndEnterOpensTheFailingRun() throws {
        var s = Self.screenState()
        TestSupport.press(&s, .function(12))
        let full = Self.matrix()
        _ = Reducer.reduce(&s, .experiment(.started(id: 7, model: "scripted (demo): a script", database: "suites/demo.toolscope.sqlite",
                                                    cases: full.cases, variants: full.variants, toolsJSON: full.toolsJSON, repeats: 2, total: 16, caseIDs: nil)))
        #expect(s.experiments?.progress?.total == 16)
        var progress = RunProgress(total: 16)
        for c in full.cases {
            for v in full.variants {
                for r in full.runs(caseID: c, variant: v) {
                    progress.failed += 1
                    _ = Reducer.reduce(&s, .experiment(.runFinished(caseID: c, variant: v, r, progress)))
                }
            }
        }
        #expect(s.experiments?.matrix.cellText(caseID: "tokyo-in-F", variant: "vague") == "0/2")
        #expect(s.experiments?.running == true)
        _ = Reducer.reduce(&s, .experiment(.finished(progress, cancelled: false)))
        #expect(s.experiments?.running == false)
        s.experiments?.field = .matrix
        var effects = TestSupport.press(&s, .enter)
        #expect(effects == [.openExperimentRun(id: 1, caseID: "tokyo-in-F", variant: "vague", repeatIndex: 0)])
        // Down to paris (vague 1/2): its failing run is the second.
        effects = TestSupport.press(&s, .down, .enter)
        #expect(effects == [.openExperimentRun(id: 6, caseID: "paris-in-C", variant: "vague", repeatIndex: 1)])
        TestSupport.press(&s, .char("f"))
        #expect(s.experiments?.filter == .failing)
        TestSupport.press(&s, .char("f"))
        #expect(s.experiments?.filter == .flipped && s.experiments?.row == 0)
        TestSupport.press(&s, .right, .char("d"))
        guard case .detail(let diff)? = s.modal else { Issue.record("no diff"); return }
        #expect(diff.title == "Tools: vague → precise")
        TestSupport.press(&s, .escape)
        effects = TestSupport.press(&s, .char("w"))
        #expect(effects == [.openExperimentCase(caseID: "tokyo-in-F", variant: "precise")])
        effects = TestSupport.press(&s, .char("c"))
        guard case .runExperiment(let request)? = effects.first else { Issue.record("no case run"); return }
        #expect(request.caseIDs == ["tokyo-in-F"])
    }

    @Test func anOpenedRunShowsItsConversationTraceAndExplanation() {
        var s = Self.screenState()
        TestSupport.press(&s, .function(12))
        var session = Session(title: "run 1")
        session.messages = [.user("What's the weather in Tokyo in F?"),
                            .assistant(nil, toolCalls: [ToolCall(id: "c1", name: "get_weather", arguments: #"{"city":"Tokyo","unit":"F"}"#)]),
                            .tool(callID: "c1", content: "{}"), .assistant("Sunny.")]
        session.trace = [TraceEvent(time: 1, round: 1, kind: .turnStarted(userMessage: "What's the weather in Tokyo in F?"))]
        _ = Reducer.reduce(&s, .experiment(.runOpened(session, title: "tokyo-in-F · vague · #1", explanation: ["expected call #1 get_weather:", "  /unit: expected \"fahrenheit\", got \"F\""])))
        #expect(s.experiments?.visible == false)
        #expect(s.replay?.step == s.replay?.lastStep)
        #expect(s.displayedMessages.count == 4)
        #expect(s.trace.turns.count == 1)
        guard case .detail(let d)? = s.modal else { Issue.record("no explanation"); return }
        #expect(d.title == "tokyo-in-F · vague · #1")
        #expect(d.lines.map(\.text).contains("  /unit: expected \"fahrenheit\", got \"F\""))
        #expect(TestSupport.render(s).text.contains("got \"F\""))
    }

    @Test func aCaseOpenedLiveMakesTheWorkbenchToolsTheEditedVariant() throws {
        var s = Self.screenState()
        TestSupport.press(&s, .function(12))
        _ = Reducer.reduce(&s, .experiment(.caseOpened(ExperimentMatrix.Key(caseID: "tokyo-in-F", variant: "vague"), prompt: "What's the weather in Tokyo in F?")))
        #expect(s.experiments?.visible == false)
        #expect(s.input.text == "What's the weather in Tokyo in F?")
        #expect(s.focus == .conversation)
        TestSupport.press(&s, .function(12))
        s.experiments?.field = .matrix
        let effects = TestSupport.press(&s, .char("R"))
        guard case .runExperiment(let request)? = effects.first else { Issue.record("no run"); return }
        #expect(request.edited == s.session.tools && request.fresh)
    }

    @Test func f11AsksForASuiteAndAppendsTheLastTurn() {
        var s = Self.screenState()
        s.session.messages = []
        TestSupport.press(&s, .function(11))
        if case .some = s.modal { Issue.record("a prompt without a turn") }
        #expect(s.notice?.kind == .warning)
        s.session.messages.append(.user("weather in Oslo"))
        TestSupport.press(&s, .function(11))
        guard case .prompt(let p)? = s.modal else { Issue.record("no prompt"); return }
        #expect(p.input.text == "suites/regressions.json")
        let effects = TestSupport.press(&s, .enter)
        #expect(effects == [.appendCase(path: "suites/regressions.json")])
    }

    @Test func theEditedVariantIsTheEnabledToolsUnderAFreeName() throws {
        let weather = ToolDefinition(raw: ["type": "function", "function": ["name": "get_weather", "parameters": ["type": "object"]]])
        let other = ToolDefinition(raw: ["type": "function", "function": ["name": "lookup", "parameters": ["type": "object"]]])
        var disabled = SessionTool(definition: other, binding: .manual)
        disabled.enabled = false
        let tools = [SessionTool(definition: weather, binding: .builtin("get_weather")), disabled]
        let variant = ExperimentHost.editedVariant(tools, avoiding: ["vague", "edited"])
        #expect(variant.name == "edited-2")
        #expect(variant.tools?.map(\.name) == ["get_weather"])
        #expect(variant.bindings == ["get_weather": .builtin("get_weather")])
        #expect(ExperimentHost.editedVariant(tools, avoiding: []).name == "edited")
    }

    @Test func theExplanationSaysWhichExpectedCallMetWhichActualCall() {
        let pairing = CallPairing(expectedIndex: 0, expectedName: "get_weather", actual: nil, mismatches: [])
        let verdict = Verdict(failures: [Failure(kind: .missingCall, message: "expected call #1 get_weather was not made", pairing: pairing)],
                              pairings: [pairing])
        let text = ExperimentHost.explain(verdict)
        #expect(text.hasPrefix("expected call #1 get_weather was not made"))
        #expect(text.contains("pairing of expected and actual calls:\n  expected call #1 get_weather: no matching call was made"))
        #expect(ExperimentHost.explain(Verdict()) == "passed")
    }
}
