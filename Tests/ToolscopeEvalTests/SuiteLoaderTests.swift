import Testing
import ToolscopeEngine
@testable import ToolscopeEval

@Suite struct SuiteLoaderTests {
    static let suite = #"""
    {
      "format": "toolscope.suite/1",
      "name": "weather",
      "tools": [
        {"type": "function", "function": {"name": "get_weather", "description": "Weather for a city",
          "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}},
        {"type": "function", "function": {"name": "get_time", "parameters": {"type": "object", "properties": {}}}}
      ],
      "defaults": {"system": "Be brief.", "expect": {"extra_arguments": "allow"}, "mocks": {"get_weather": {"temp": 21}}},
      "cases": [
        {"id": "paris", "prompt": "Weather in Paris?", "tools": ["get_weather"],
         "expect": {"calls": [{"name": "get_weather", "arguments": {"city": {"$oneOf": ["Paris", "Paris, FR"]}}}]}},
        {"id": "chat", "messages": [{"role": "user", "content": "hi"}], "category": "smalltalk",
         "mocks": {"get_time": "12:00"}, "expect": {"no_call": true, "extra_arguments": "fail"}}
      ]
    }
    """#

    @Test func readsCasesWithDefaultsApplied() throws {
        let suite = try SuiteLoader.parse(Self.suite, file: "s.json", jsonLines: false)
        #expect(suite.name == "weather")
        #expect(suite.tools.map(\.name) == ["get_weather", "get_time"])
        let paris = try #require(suite.case(id: "paris"))
        #expect(paris.messages.map(\.role) == [.system, .user])
        #expect(paris.tools(from: suite.tools).map(\.name) == ["get_weather"])
        #expect(paris.expectation.extraArguments == .allow)
        #expect(paris.mocks["get_weather"] == ["temp": 21])
        #expect(paris.location == "s.json:11")
        let chat = try #require(suite.case(id: "chat"))
        #expect(chat.expectation.noCall == .anyTool)
        #expect(chat.expectation.extraArguments == .fail)
        #expect(chat.category == "smalltalk")
        #expect(chat.tools(from: suite.tools).count == 2)
        #expect(chat.mocks.keys.elementsEqual(["get_weather", "get_time"]))
    }

    func error(_ text: String, jsonLines: Bool = false) -> SuiteError? {
        do { _ = try SuiteLoader.parse(text, file: "bad.json", jsonLines: jsonLines); return nil } catch { return error }
    }

    @Test func mistakesNameFileLineAndColumn() {
        let typo = Self.suite.replacingOccurrences(of: #""$oneOf""#, with: #""$oneof""#)
        let e = error(typo)
        #expect(e?.line == 12, "\(String(describing: e))")
        #expect(e?.description.hasPrefix("bad.json:12:") == true)
        #expect(e?.message.contains("unknown matcher \"$oneof\"") == true)

        let syntax = error("{\n  \"format\": \"toolscope.suite/1\",\n  \"cases\": [,]\n}")
        #expect(syntax?.line == 3 && syntax?.column == 13)

        let unknownTool = error(Self.suite.replacingOccurrences(of: #""tools": ["get_weather"]"#, with: #""tools": ["get_wether"]"#))
        #expect(unknownTool?.message.contains("no tool \"get_wether\"") == true)
        #expect(unknownTool?.line == 11)

        #expect(error(#"{"cases": []}"#)?.message.contains("not a toolscope suite") == true)
        #expect(error(#"{"format": "toolscope.suite/1", "cases": [{"id": "a"}]}"#)?.message.contains("needs \"prompt\"") == true)
        #expect(error(#"{"format": "toolscope.suite/1", "cases": [{"id": "a", "prompt": "x"}, {"id": "a", "prompt": "y"}]}"#)?.message.contains("duplicate case id") == true)
        #expect(error(#"{"format": "toolscope.suite/1", "cases": [{"id": "a", "prompt": "x", "expected": {}}]}"#)?.message.contains("unknown key \"expected\"") == true)
    }

    @Test func jsonLinesWithAHeaderLine() throws {
        let text = """
        {"format": "toolscope.suite/1", "defaults": {"expect": {"count": "at_least"}}}
        {"id": "a", "prompt": "x", "expect": {"calls": [{"name": "t"}]}}

        {"id": "b", "prompt": "y"}
        """
        let suite = try SuiteLoader.parse(text, file: "s.jsonl", jsonLines: true)
        #expect(suite.cases.map(\.id) == ["a", "b"])
        #expect(suite.cases[0].expectation.count == .atLeast)
        #expect(suite.cases[1].location == "s.jsonl:4")
        let bad = error("{\"id\": \"a\", \"prompt\": \"x\"}\n{\"id\": \"b\", \"prompt\": \"y\", \"expect\": {\"scope\": \"rounds\"}}", jsonLines: true)
        #expect(bad?.line == 2)
        #expect(bad?.column == 48)
        let lateHeader = error("{\"id\": \"a\", \"prompt\": \"x\"}\n{\"format\": \"toolscope.suite/1\"}", jsonLines: true)
        #expect(lateHeader?.message.contains("only the first line") == true)
    }
}

@Suite struct ScoreOnlyTests {
    static let suite = #"""
    {"format": "toolscope.suite/1", "cases": [
      {"id": "a", "prompt": "x", "category": "simple", "expect": {"calls": [{"name": "math.add", "arguments": {"x": 1}}]}},
      {"id": "b", "prompt": "y", "category": "irrelevance", "expect": {"no_call": true}},
      {"id": "c", "prompt": "z", "category": "simple", "expect": {"answer": {"contains": "ok"}}}
    ]}
    """#

    @Test func scoresLinesAndCountsMissingCasesAsFailures() throws {
        let suite = try SuiteLoader.parse(Self.suite, file: "s.json", jsonLines: false)
        let outputs = try ScoreOnly.parseOutputs(#"""
            {"id": "a", "tool_calls": [{"type": "function", "function": {"name": "math_add", "arguments": "{\"x\": 1.0}"}}]}
            {"id": "b", "tool_calls": [], "content": "I cannot."}
            {"id": "a", "tool_calls": [{"type": "function", "function": {"name": "math_add", "arguments": "{\"x\": 2}"}}]}
            """#, file: "o.jsonl")
        let scored = try ScoreOnly.score(suite, outputs: outputs, file: "o.jsonl")
        #expect(scored.missingCases == ["c"])
        #expect(scored.runs.map(\.caseID) == ["a", "b", "a", "c"])
        #expect(scored.runs.map(\.repeatIndex) == [0, 0, 1, 0])
        #expect(scored.runs.map(\.passed) == [true, true, false, false])
        #expect(scored.runs[3].verdict.failures.first?.kind == .noOutput)
        let summary = ResultSummary(runs: scored.runs)
        #expect(summary.categories.map(\.category) == ["simple", "irrelevance"])
        #expect(summary.categories[0].passes == 1 && summary.categories[0].runs == 3)
    }

    @Test func badLinesNameTheLine() throws {
        let suite = try SuiteLoader.parse(Self.suite, file: "s.json", jsonLines: false)
        func failure(_ text: String) -> SuiteError? {
            do { _ = try ScoreOnly.score(suite, outputs: try ScoreOnly.parseOutputs(text, file: "o.jsonl"), file: "o.jsonl"); return nil } catch { return error }
        }
        #expect(failure("{\"id\": \"a\", \"tool_calls\": []}\n{\"id\": \"zz\", \"tool_calls\": []}")?.description == "o.jsonl:2:1: no case \"zz\" in s.json")
        #expect(failure("\n{\"id\": \"a\", \"tool_calls\": [}")?.line == 2)
        let noFunction = failure(#"{"id": "a", "tool_calls": [{"name": "x"}]}"#)
        #expect(noFunction?.line == 1 && noFunction?.column == 28)
        #expect(failure(#"{"id": "a", "calls": []}"#)?.message.contains("unknown key \"calls\"") == true)
    }
}

@Suite struct ReportTests {
    func runs() -> [RunRecord] {
        let fail = Verdict(failures: [Failure(kind: .wrongArguments, message: "expected <a> & \"b\"", pairing:
            CallPairing(expectedIndex: 0, expectedName: "t", actual: nil, mismatches: [ArgumentMismatch(path: "/x", expected: "1", actual: "2\u{01}")]))])
        return [RunRecord(caseID: "a", variant: "A", repeatIndex: 0, verdict: Verdict(), observation: RunObservation(rounds: [], latency: 1.5)),
                RunRecord(caseID: "a", variant: "A", repeatIndex: 1, verdict: fail, observation: nil),
                RunRecord(caseID: "b<", variant: "B", repeatIndex: 0, verdict: fail, observation: nil)]
    }

    @Test func junitIsWellFormedAndCountsFailures() throws {
        let xml = JUnitReport.make(suiteName: "s & t", runs: runs())
        #expect(xml.contains(#"<testsuites name="s &amp; t" tests="3" failures="2" errors="0">"#))
        #expect(xml.contains(#"<testcase classname="A" name="a #1" time="1.500"/>"#))
        #expect(xml.contains(#"name="b&lt;""#))
        #expect(!xml.contains("\u{01}"))
        #expect(try XMLWellFormedness.check(xml))
    }

    @Test func jsonListsEveryRunWithCaseVariantRepeatPassed() throws {
        let rs = runs()
        let json = JSONReport.make(suite: "s.json", runs: rs, summary: ResultSummary(runs: rs))
        let listed = try #require(json["runs"]?.arrayValue)
        #expect(listed.count == 3)
        #expect(listed[1]["case"] == "a" && listed[1]["variant"] == "A" && listed[1]["repeat"] == 1 && listed[1]["passed"] == false)
        #expect(listed[1]["failures"]?.arrayValue?.first?["mismatches"] != nil)
        #expect(json["cells"]?.arrayValue?.count == 2)
    }

    @Test func comparisonReportsFlipsAndTheTest() {
        var rs: [RunRecord] = []
        // Baseline fails 7 cases the candidate passes; the candidate fails 1 the baseline passes.
        for i in 0..<10 {
            let aPass = i >= 7, bPass = i != 9
            rs.append(RunRecord(caseID: "c\(i)", variant: "A", repeatIndex: 0, verdict: aPass ? Verdict() : Verdict(failures: [Failure(kind: .answer, message: "x")]), observation: nil))
            rs.append(RunRecord(caseID: "c\(i)", variant: "B", repeatIndex: 0, verdict: bPass ? Verdict() : Verdict(failures: [Failure(kind: .answer, message: "x")]), observation: nil))
        }
        let c = ResultSummary(runs: rs).compare(baseline: "A", candidate: "B")
        #expect(c.nowPassing == (0..<7).map { "c\($0)" })
        #expect(c.nowFailing == ["c9"])
        // 2 · (C(8,0) + C(8,1)) / 2^8 = 18/256.
        #expect(abs(c.pValue - 18.0 / 256.0) < 1e-12)
        #expect(!c.significant)
        #expect(c.verdictText.contains("McNemar"))
    }
}
