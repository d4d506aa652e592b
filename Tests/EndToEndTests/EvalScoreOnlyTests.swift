import Foundation
import Testing
import ToolscopeTestSupport
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `toolscope eval --score-only` and `toolscope import-bfcl`, run through the real binary.
@Suite("toolscope eval --score-only (end to end)", .serialized)
struct EvalScoreOnlyTests {
    let directory = BinaryRunner.temporaryDirectory()

    private func write(_ name: String, _ text: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private let suite = #"""
    {
      "format": "toolscope.suite/1",
      "name": "weather",
      "cases": [
        {"id": "paris", "prompt": "Weather in Paris?", "category": "calls",
         "expect": {"calls": [{"name": "get_weather", "arguments": {"city": "Paris"}}]}},
        {"id": "hello", "prompt": "Say hello", "category": "chat",
         "expect": {"no_call": true, "answer": {"contains": "hello", "ignore_case": true}}}
      ]
    }
    """#

    private func call(_ name: String, _ arguments: String) -> String {
        let escaped = arguments.replacingOccurrences(of: "\"", with: "\\\"")
        return #"{"type": "function", "function": {"name": "\#(name)", "arguments": "\#(escaped)"}}"#
    }

    @Test func passingOutputsExitZeroAndWriteJSONAndJUnit() throws {
        let suitePath = try write("suite.json", suite)
        let outputs = try write("outputs.jsonl", """
            {"id": "paris", "tool_calls": [\(call("get_weather", #"{"city": "Paris"}"#))]}
            {"id": "hello", "tool_calls": [], "content": "Hello there!"}
            """)
        let jsonPath = directory.appendingPathComponent("results.json").path
        let junitPath = directory.appendingPathComponent("results.xml").path
        let r = try BinaryRunner.run(["eval", suitePath, "--score-only", outputs, "--json", jsonPath, "--junit", junitPath])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("outputs: 2/2 runs passed, 100.0%"))
        #expect(r.stdout.contains("calls: 1/1 = 100.0%"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: jsonPath))) as? [String: Any]
        let runs = try #require(json?["runs"] as? [[String: Any]])
        #expect(runs.count == 2)
        #expect(runs[0]["case"] as? String == "paris" && runs[0]["variant"] as? String == "outputs")
        #expect(runs[0]["repeat"] as? Int == 0 && runs[0]["passed"] as? Bool == true)
        let xml = try Data(contentsOf: URL(fileURLWithPath: junitPath))
        #expect(XMLParser(data: xml).parse())
        #expect(String(decoding: xml, as: UTF8.self).contains(#"<testsuites name="weather" tests="2" failures="0""#))
    }

    @Test func failuresAreExplainedAndExitOneUnlessTheThresholdAllows() throws {
        let suitePath = try write("suite.json", suite)
        let outputs = try write("outputs.jsonl", """
            {"id": "paris", "tool_calls": [\(call("get_weather", #"{"city": "Lyon", "days": 3}"#))]}
            {"id": "hello", "tool_calls": [], "content": "Hello"}
            """)
        let junitPath = directory.appendingPathComponent("fail.xml").path
        let r = try BinaryRunner.run(["eval", suitePath, "--score-only", outputs, "--junit", junitPath])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("FAIL paris [outputs #1] (\(suitePath):5)"))
        #expect(r.stdout.contains("expected call #1 get_weather ↔ actual get_weather (round 1, call 1): arguments differ"))
        #expect(r.stdout.contains(#"/city: expected "Paris", got "Lyon""#))
        #expect(r.stdout.contains("/days: expected absent (not an expected argument), got 3 (unexpected argument)"))
        #expect(r.stderr.contains("below the minimum pass rate 100.0%: outputs 50.0%"))
        let xml = try Data(contentsOf: URL(fileURLWithPath: junitPath))
        #expect(XMLParser(data: xml).parse())
        #expect(String(decoding: xml, as: UTF8.self).contains("<failure type=\"wrong_arguments\""))
        let lenient = try BinaryRunner.run(["eval", suitePath, "--score-only", outputs, "--min-pass-rate", "0.5"])
        #expect(lenient.status == 0, "\(lenient.stdout)\(lenient.stderr)")
    }

    @Test func badInputExitsTwoWithFileAndLine() throws {
        let suitePath = try write("suite.json", suite)
        let unknown = try write("unknown.jsonl", "{\"id\": \"paris\", \"tool_calls\": []}\n{\"id\": \"nope\", \"tool_calls\": []}\n")
        let r = try BinaryRunner.run(["eval", suitePath, "--score-only", unknown])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(unknown):2:1: no case \"nope\""), "\(r.stderr)")
        let broken = try write("broken.jsonl", "{\"id\": \"paris\", \"tool_calls\": [}\n")
        #expect(try BinaryRunner.run(["eval", suitePath, "--score-only", broken]).stderr.contains("\(broken):1:"))
        let badSuite = try write("bad.json", suite.replacingOccurrences(of: "\"no_call\"", with: "\"no_calls\""))
        let s = try BinaryRunner.run(["eval", badSuite, "--score-only", unknown])
        #expect(s.status == 2)
        #expect(s.stderr.contains("\(badSuite):8:29:"), "\(s.stderr)")
        #expect(s.stderr.contains("unknown key \"no_calls\""))
        #expect(try BinaryRunner.run(["eval", suitePath, "--score-only", unknown, "--min-pass-rate", "2"]).status == 2)
    }

    @Test func importBFCLThenScoreWithEitherFunctionName() throws {
        let fixtures = BinaryRunner.packageRoot.appendingPathComponent("Tests/ToolscopeEvalTests/Fixtures/bfcl").path
        let imported = try BinaryRunner.run(["import-bfcl", fixtures + "/BFCL_v4_parallel_multiple.json", fixtures + "/BFCL_v4_parallel_multiple_answers.json"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains(#""name": "weather_current""#))
        let suitePath = try write("bfcl.json", imported.stdout)
        let outputs = try write("bfcl-outputs.jsonl", """
            {"id": "parallel_multiple_0", "tool_calls": [\(call("fx_convert", #"{"amount": 10, "from": "EUR", "to": "USD"}"#)), \
            \(call("weather.current", #"{"city": "rome"}"#)), \(call("weather_current", #"{"city": "Paris"}"#))]}
            """)
        let jsonPath = directory.appendingPathComponent("bfcl-results.json").path
        let r = try BinaryRunner.run(["eval", suitePath, "--score-only", outputs, "--json", jsonPath])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("parallel_multiple: 1/1 = 100.0%"))
        let missing = try BinaryRunner.run(["import-bfcl", fixtures + "/BFCL_v4_simple_python.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("BFCL_v4_simple_python.json:1:1: question \"simple_python_0\" (simple_python) needs its possible_answer file"))
    }
}
