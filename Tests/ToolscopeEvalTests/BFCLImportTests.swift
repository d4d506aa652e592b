import Testing
import ToolscopeEngine
@testable import ToolscopeEval

/// Hand-written files in BFCL v4's format (Fixtures/bfcl), imported and scored with BFCL's rules.
@Suite struct BFCLImportTests {
    func suite(_ questions: String, _ answers: String?) throws -> Suite {
        let json = try BFCLImport.load(questions: Fixtures.path("bfcl/" + questions), answers: answers.map { Fixtures.path("bfcl/" + $0) })
        // Through text, as `import-bfcl > suite.json` then `eval suite.json` does.
        return try SuiteLoader.parse(json.pretty, file: "suite.json", jsonLines: false)
    }

    func verdict(_ suite: Suite, _ id: String, _ calls: [(String, String)], answer: String? = nil) throws -> Verdict {
        let c = try #require(suite.case(id: id))
        return Scorer.score(run(calls, answer: answer), against: c.expectation)
    }

    @Test func categoriesFromIds() {
        #expect(BFCLImport.category(of: "simple_python_12") == "simple_python")
        #expect(BFCLImport.category(of: "live_multiple_3-1-0") == "live_multiple")
        #expect(BFCLImport.category(of: "parallel_multiple_0") == "parallel_multiple")
    }

    @Test func toolsAreMappedForTheProviderButExpectationsKeepBFCLNames() throws {
        let s = try suite("BFCL_v4_simple_python.json", "BFCL_v4_simple_python_answers.json")
        #expect(s.cases.map(\.id) == ["simple_python_0", "simple_python_1", "simple_python_2"])
        #expect(s.cases.allSatisfy { $0.category == "simple_python" })
        let tool = try #require(s.cases[0].ownTools.first)
        #expect(tool.name == "geometry_circle_area")
        #expect(tool.parameters?["type"] == "object")
        #expect(tool.parameters?["properties"]?["radius"]?["type"] == "number")
        let sort = try #require(s.cases[2].ownTools.first?.parameters?["properties"])
        #expect(sort["pair"]?["type"] == "array")
        #expect(sort["extra"]?["type"] == nil)
        #expect(s.cases[0].expectation.calls?.first?.name == "geometry.circle_area")
        #expect(s.cases[0].messages.map(\.content) == ["What is the area of a circle with radius 3 cm?"])
    }

    @Test func simpleRules() throws {
        let s = try suite("BFCL_v4_simple_python.json", "BFCL_v4_simple_python_answers.json")
        // An integer where a float is expected; either name; "" = optional; strings normalised.
        #expect(try verdict(s, "simple_python_0", [("geometry_circle_area", #"{"radius": 3}"#)]).passed)
        #expect(try verdict(s, "simple_python_0", [("geometry.circle_area", #"{"radius": 3.0, "unit": "CM"}"#)]).passed)
        #expect(try !verdict(s, "simple_python_0", [("geometry_circle_area", #"{"radius": 3, "unit": "mm"}"#)]).passed)
        // No unexpected parameter; required present; exactly one call.
        let extra = try verdict(s, "simple_python_0", [("geometry_circle_area", #"{"radius": 3, "colour": "red"}"#)])
        #expect(extra.failures.first?.pairing?.mismatches.first?.path == "/colour")
        #expect(try !verdict(s, "simple_python_0", [("geometry_circle_area", #"{"unit": "cm"}"#)]).passed)
        #expect(try !verdict(s, "simple_python_0", [("geometry_circle_area", #"{"radius": 3}"#), ("geometry_circle_area", #"{"radius": 3}"#)]).passed)
        #expect(try !verdict(s, "simple_python_0", []).passed)
        // A string where an integer is expected fails; "May 5 2025" normalises like "May 5, 2025".
        #expect(try verdict(s, "simple_python_1", [("book_table", #"{"restaurant": "chez nous", "people": 4, "date": "May 5 2025"}"#)]).passed)
        #expect(try !verdict(s, "simple_python_1", [("book_table", #"{"restaurant": "Chez Nous", "people": "4", "date": "2025-05-05"}"#)]).passed)
        // Dictionaries: listed keys with allowed values, "" = may be left out, no other key.
        #expect(try verdict(s, "simple_python_1", [("book_table", #"{"restaurant": "Chez Nous", "people": 4, "date": "2025-05-05", "options": {"terrace": true}}"#)]).passed)
        #expect(try verdict(s, "simple_python_1", [("book_table", #"{"restaurant": "Chez Nous", "people": 4, "date": "2025-05-05", "options": {}}"#)]).passed)
        #expect(try !verdict(s, "simple_python_1", [("book_table", #"{"restaurant": "Chez Nous", "people": 4, "date": "2025-05-05", "options": {"note": "window"}}"#)]).passed)
        #expect(try !verdict(s, "simple_python_1", [("book_table", #"{"restaurant": "Chez Nous", "people": 4, "date": "2025-05-05", "options": {"pets": true}}"#)]).passed)
        // Lists compare element by element, in order.
        #expect(try verdict(s, "simple_python_2", [("sort_numbers", #"{"numbers": [3, 1, 2], "order": "ASC"}"#)]).passed)
        #expect(try !verdict(s, "simple_python_2", [("sort_numbers", #"{"numbers": [1, 2, 3]}"#)]).passed)
    }

    @Test func parallelCallsAreOrderFree() throws {
        let s = try suite("BFCL_v4_parallel_multiple.json", "BFCL_v4_parallel_multiple_answers.json")
        let calls = [("fx_convert", #"{"amount": 10, "from": "eur", "to": "usd"}"#), ("weather_current", #"{"city": "Rome"}"#),
                     ("weather.current", #"{"city": "Paris, France"}"#)]
        #expect(try verdict(s, "parallel_multiple_0", calls).passed)
        #expect(try verdict(s, "parallel_multiple_0", calls.reversed()).passed)
        #expect(try !verdict(s, "parallel_multiple_0", Array(calls.prefix(2))).passed)
        #expect(try !verdict(s, "parallel_multiple_0", calls + [("weather_current", #"{"city": "Rome"}"#)]).passed)
    }

    @Test func irrelevanceNeedsNoAnswersFileAndExpectsNoCall() throws {
        let s = try suite("BFCL_v4_irrelevance.json", nil)
        #expect(s.cases.count == 2)
        #expect(s.cases[1].messages.map(\.role) == [.system, .user])
        #expect(try verdict(s, "irrelevance_0", [], answer: "Shakespeare").passed)
        #expect(try !verdict(s, "irrelevance_0", [("geometry_circle_area", #"{"radius": 1}"#)]).passed)
    }

    @Test func javaValuesMayArriveAsStrings() throws {
        let s = try suite("BFCL_v4_simple_java.json", "BFCL_v4_simple_java_answers.json")
        let props = try #require(s.cases[0].ownTools.first?.parameters?["properties"])
        #expect(props["readOnly"]?["type"] == "string")
        #expect(props["readOnly"]?["description"]?.stringValue?.contains("Java") == true)
        #expect(try verdict(s, "simple_java_0", [("ConfigLoader_open", #"{"path": "/etc/app.conf", "readOnly": "true", "timeoutMs": "500"}"#)]).passed)
        #expect(try verdict(s, "simple_java_0", [("ConfigLoader_open", #"{"path": "/etc/app.conf", "readOnly": true}"#)]).passed)
        #expect(try !verdict(s, "simple_java_0", [("ConfigLoader_open", #"{"path": "/etc/app.conf", "readOnly": "false"}"#)]).passed)
    }

    @Test func accuracyPerCategoryOverScoredOutputs() throws {
        var cases = try suite("BFCL_v4_simple_python.json", "BFCL_v4_simple_python_answers.json").cases
        cases += try suite("BFCL_v4_irrelevance.json", nil).cases
        let s = Suite(path: "suite.json", cases: cases)
        let outputs = try ScoreOnly.parseOutputs(#"""
            {"id": "simple_python_0", "tool_calls": [{"type": "function", "function": {"name": "geometry_circle_area", "arguments": "{\"radius\": 3}"}}]}
            {"id": "simple_python_1", "tool_calls": []}
            {"id": "simple_python_2", "tool_calls": [{"type": "function", "function": {"name": "sort_numbers", "arguments": "{\"numbers\": [3, 1, 2]}"}}]}
            {"id": "irrelevance_0", "tool_calls": [], "content": "Shakespeare."}
            {"id": "irrelevance_1", "tool_calls": [{"type": "function", "function": {"name": "fx_convert", "arguments": "{\"amount\": 1}"}}]}
            """#, file: "outputs.jsonl")
        let summary = ResultSummary(runs: try ScoreOnly.score(s, outputs: outputs, file: "outputs.jsonl").runs)
        #expect(summary.categories.map(\.category) == ["simple_python", "irrelevance"])
        #expect(summary.categories.map(\.passes) == [2, 1])
        #expect(summary.categories.map(\.runs) == [3, 2])
    }

    @Test func badFilesNameTheLine() throws {
        func failure(_ q: String, _ a: String?) -> SuiteError? {
            do { _ = try BFCLImport.convert(questionsText: q, questionsFile: "q.json", answersText: a, answersFile: a == nil ? nil : "a.json"); return nil } catch { return error }
        }
        let q = #"{"id": "simple_python_0", "question": [[{"role": "user", "content": "x"}]], "function": []}"#
        #expect(failure(q, nil)?.message.contains("needs its possible_answer file") == true)
        #expect(failure(q + "\n{\"id\": 3}", #"{"id": "simple_python_0", "ground_truth": []}"#)?.description.hasPrefix("q.json:2:") == true)
        #expect(failure(q, #"{"id": "simple_python_0", "ground_truth": []}"# + "\n" + #"{"id": "simple_python_9", "ground_truth": []}"#)?.description
                .hasPrefix("a.json:2:1: answer \"simple_python_9\" has no question") == true)
        #expect(failure(q, #"{"id": "simple_python_1", "ground_truth": []}"#)?.description == "q.json:1:1: no answer for \"simple_python_0\" in a.json")
        #expect(failure(q, #"{"id": "simple_python_0", "ground_truth": [{"f": {"x": 1}}]}"#)?.message.contains("allowed values must be a list") == true)
        let multiTurn = #"{"id": "multi_turn_base_0", "question": [[{"role": "user", "content": "a"}], [{"role": "user", "content": "b"}]], "function": []}"#
        #expect(failure(multiTurn, "")?.message.contains("multi-turn") == true)
    }
}
