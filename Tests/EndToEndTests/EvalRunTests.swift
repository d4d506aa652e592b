import Foundation
import Testing
import ToolscopeTestSupport

/// `toolscope eval` running the shipped demo suite on the scripted model, through the binary.
@Suite("eval: live runs (end to end)", .serialized)
struct EvalRunTests {
    /// A private copy of the demo suite and its variants, so each test has its own database.
    static func demoCopy() throws -> URL {
        let dir = BinaryRunner.temporaryDirectory()
        for name in ["demo.json", "demo.variants.json", "demo-tools-vague.json", "demo-tools-precise.json"] {
            try FileManager.default.copyItem(at: BinaryRunner.packageRoot.appendingPathComponent("suites/" + name), to: dir.appendingPathComponent(name))
        }
        return dir
    }

    @Test func theDemoSuiteShowsTheVariantDifferenceOfflineAndExitsByThreshold() throws {
        let dir = try Self.demoCopy()
        let suite = dir.appendingPathComponent("demo.json").path
        let junit = dir.appendingPathComponent("r.xml").path
        let json = dir.appendingPathComponent("r.json").path
        // Default threshold: every run must pass; the vague variant does not → 1.
        let strict = try BinaryRunner.run(["eval", suite, "--json", json, "--junit", junit])
        #expect(strict.status == 1, "\(strict.stdout)\(strict.stderr)")
        #expect(strict.stdout.contains("model: scripted (demo): a deterministic script standing in for a model, not a language model"))
        #expect(strict.stdout.contains("vague: 3/9 runs passed"))
        #expect(strict.stdout.contains("precise: 9/9 runs passed"))
        #expect(strict.stdout.contains("p = 0.0313, significant at 5 %; exact McNemar"))
        #expect(strict.stdout.contains(#"/unit: expected "fahrenheit", got "F""#))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("demo.toolscope.sqlite").path))
        let report = try String(contentsOfFile: json, encoding: .utf8)
        #expect(report.contains("\"case\": \"tokyo-in-F\"") && report.contains("\"variant\": \"precise\""))
        #expect(try String(contentsOfFile: junit, encoding: .utf8).contains("<testsuite"))
        // Not a terminal: plain progress lines on stderr.
        #expect(strict.stderr.contains("run 18/18:"))

        // A threshold the vague variant meets → 0; the runs are resumed from the database, not made again.
        let lenient = try BinaryRunner.run(["eval", suite, "--min-pass-rate", "0.3"])
        #expect(lenient.status == 0, "\(lenient.stdout)\(lenient.stderr)")
        #expect(lenient.stdout.contains("18 of 18 runs had finished before with identical inputs"))
        #expect(!lenient.stderr.contains("run 1/18"))
    }

    @Test func badInputIsExit2WithThePlace() throws {
        let dir = try Self.demoCopy()
        let suite = dir.appendingPathComponent("demo.json").path
        let variant = dir.appendingPathComponent("bad.json").path
        try "{\n  \"name\": \"x\",\n  \"strict\": \"yes\"\n}\n".write(toFile: variant, atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["eval", suite, "--variant", variant])
        #expect(r.status == 2)
        #expect(r.stderr.contains(variant + ":3:13"), "\(r.stderr)")
        let twice = try BinaryRunner.run(["eval", suite, "--variant", "name=a", "--variant", "name=a"])
        #expect(twice.status == 2 && twice.stderr.contains("two variants are named \"a\""))
    }

    @Test func aProviderFailureIsExit3AndTheRunsAreErroredNotFailed() throws {
        let dir = try Self.demoCopy()
        let suite = dir.appendingPathComponent("demo.json").path
        // Nothing listens on port 9 of 127.0.0.1: every request fails to connect, with no retry.
        let r = try BinaryRunner.run(["eval", suite, "--base-url", "http://127.0.0.1:9/v1", "--max-retries", "0",
                                      "--variant", "name=one,tools=\(dir.appendingPathComponent("demo-tools-precise.json").path)"],
                                     environment: ["OPENAI_API_KEY": "test-not-a-key"])
        #expect(r.status == 3, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("9 run(s) errored because the provider failed"))
        #expect(r.stdout.contains("errored: connection refused"))
    }

    @Test func listBaselinesRescoreAndExportRun() throws {
        let dir = try Self.demoCopy()
        let suite = dir.appendingPathComponent("demo.json").path
        let first = try BinaryRunner.run(["eval", suite, "--min-pass-rate", "0", "--save-baseline", "main"])
        #expect(first.status == 0, "\(first.stderr)")
        let list = try BinaryRunner.run(["eval", suite, "--list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("finished") && list.stdout.contains("vague,precise") && list.stdout.contains("main"))

        // Edit an expectation so that the vague variant's "F" passes: re-scoring needs no model.
        let path = dir.appendingPathComponent("demo.json").path
        let edited = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: #""arguments": { "city": "Tokyo", "unit": "fahrenheit" }"#, with: #""arguments": { "city": "Tokyo", "unit": { "$oneOf": ["fahrenheit", "F"] } }"#)
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        let rescored = try BinaryRunner.run(["eval", suite, "--rescore", "--min-pass-rate", "0"])
        #expect(rescored.status == 0, "\(rescored.stderr)")
        #expect(rescored.stdout.contains("without calling a model: 1 run(s) changed verdict"))
        #expect(rescored.stdout.contains("vague: 4/9 runs passed"))

        // A run's transcript opens as a session, and becomes a case again.
        let id = try #require(first.stdout.split(separator: "\n").first { $0.contains("rome-in-F · vague") }?
            .split(separator: " ").first.map(String.init))
        let session = dir.appendingPathComponent("run.json").path
        let export = try BinaryRunner.run(["eval", suite, "--export-run", id, session])
        #expect(export.status == 0, "\(export.stderr)")
        let replay = try BinaryRunner.run(["replay", session, "--check", "--quiet"])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
        let asCase = try BinaryRunner.run(["case-from-session", session])
        #expect(asCase.status == 0)
        #expect(asCase.stdout.contains(#""unit": "F""#) && asCase.stdout.contains(#""prompt": "What's the weather like in Rome in F?""#))
    }
}
