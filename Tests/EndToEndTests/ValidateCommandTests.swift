import Foundation
import Testing
import ToolscopeTestSupport

/// `toolscope validate`, run through the real binary: verdicts, pointers, exit codes, input errors.
@Suite("toolscope validate (end to end)", .serialized)
struct ValidateCommandTests {
    let directory = BinaryRunner.temporaryDirectory()

    private func write(_ name: String, _ text: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private let schema = #"""
    {"type":"object","properties":{"city":{"type":"string","minLength":1},"days":{"type":"integer","maximum":14}},
     "required":["city"],"unevaluatedProperties":false}
    """#

    @Test func oneVerdictPerInstanceWithPointers() throws {
        let schemaPath = try write("schema.json", schema)
        let good = try write("good.json", #"{"city":"Paris","days":3}"#)
        let bad = try write("bad.json", #"{"days":30,"unit":"c"}"#)
        let r = try BinaryRunner.run(["validate", schemaPath, good, bad])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("\(good): valid\n"))
        #expect(r.stdout.contains("\(bad): invalid\n"))
        #expect(r.stdout.contains(#"  /: missing required property "city""#))
        #expect(r.stdout.contains("  /days: days must be at most 14; got 30"))
        #expect(r.stdout.contains(#"  /unit: property "unit" is not allowed (unevaluatedProperties is false)"#))
        #expect(r.stderr.contains("2 instances: 1 valid, 1 invalid"))
        #expect(try BinaryRunner.run(["validate", schemaPath, good]).status == 0)
    }

    @Test func jsonLinesGiveOneVerdictPerLineAndJSONOutput() throws {
        let schemaPath = try write("schema.json", schema)
        let lines = try write("calls.jsonl", "{\"city\":\"Oslo\"}\n\n{\"city\":\"\"}\n")
        let r = try BinaryRunner.run(["validate", schemaPath, lines, "--json"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        let verdicts = r.stdout.split(separator: "\n").map(String.init)
        #expect(verdicts.count == 2)
        #expect(verdicts[0] == #"{"instance":"\#(lines):1","valid":true,"violations":[],"notes":[]}"#)
        #expect(verdicts[1].hasPrefix(#"{"instance":"\#(lines):3","valid":false,"violations":[{"path":"/city","message":"city must be at least 1 character long"#))
        // Standard input, read as JSON Lines with --jsonl.
        let piped = try BinaryRunner.run(["validate", schemaPath, "-", "--jsonl"], stdin: "{\"city\":\"Rome\"}\n{\"city\":\"Lima\",\"days\":2}\n")
        #expect(piped.status == 0, "\(piped.stdout)\(piped.stderr)")
        #expect(piped.stdout == "stdin:1: valid\nstdin:2: valid\n")
    }

    @Test func aToolInASessionFileIsTheSchema() throws {
        let session = BinaryRunner.packageRoot.appendingPathComponent("sessions/parallel-weather.json").path
        let args = try write("args.json", #"{"city":"Tokyo","unit":"kelvin"}"#)
        let r = try BinaryRunner.run(["validate", session, "--tool", "get_weather", args])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains(#"  /unit: unit must be one of "celsius", "fahrenheit"; got "kelvin""#))
        let unknown = try BinaryRunner.run(["validate", session, "--tool", "get_wether", args])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains(#"has no tool named "get_wether" (tools: get_weather"#))
        let noTool = try BinaryRunner.run(["validate", session, args])
        #expect(noTool.status == 2)
        #expect(noTool.stderr.contains("choose one with --tool NAME"))
    }

    @Test func badInputNamesFileLineAndColumn() throws {
        let schemaPath = try write("schema.json", schema)
        let broken = try write("broken.json", "{\n  \"city\": \"Paris\",\n}")
        let r = try BinaryRunner.run(["validate", schemaPath, broken])
        #expect(r.status == 2)
        #expect(r.stdout.contains("\(broken):3:1: error: invalid JSON: trailing comma before '}'; remove the comma"))
        let lines = try write("calls.jsonl", "{\"city\":\"Oslo\"}\n{\"city\": 'x'}\n")
        let jsonl = try BinaryRunner.run(["validate", schemaPath, lines])
        #expect(jsonl.status == 2)
        #expect(jsonl.stdout.contains("\(lines):1: valid"))
        #expect(jsonl.stdout.contains("\(lines):2:10: error: invalid JSON: unexpected single quote"))
        let badSchema = try write("bad-schema.json", "{\"type\": }")
        let s = try BinaryRunner.run(["validate", badSchema, lines])
        #expect(s.status == 2)
        #expect(s.stderr.contains("\(badSchema):1:10: invalid JSON"))
        let missing = try BinaryRunner.run(["validate", schemaPath, directory.appendingPathComponent("nope.json").path])
        #expect(missing.status == 2)
        #expect(missing.stdout.contains("nope.json: error: no such file"))
    }

    @Test func uncheckedPartsAreNotedNotPassedSilently() throws {
        let schemaPath = try write("remote.json", #"{"properties":{"home":{"$ref":"https://example.com/address.json"}}}"#)
        let value = try write("value.json", #"{"home":{"street":1}}"#)
        let r = try BinaryRunner.run(["validate", schemaPath, value])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains(#"  note: /home: $ref "https://example.com/address.json" refers to another document, which toolscope does not fetch"#))
    }
}
