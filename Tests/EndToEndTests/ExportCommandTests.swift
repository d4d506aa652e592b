import Foundation
import Testing
import ToolscopeTestSupport

/// `toolscope export` on a shipped session, and its refusals (exit 2 with the reason).
@Suite("toolscope export")
struct ExportCommandTests {
    static let session = "sessions/parallel-weather.json"

    @Test func eachFormatOfAShippedSession() throws {
        let messages = try BinaryRunner.run(["export", Self.session, "--as", "json"])
        #expect(messages.status == 0, "\(messages.stderr)")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(messages.stdout.utf8)) as? [[String: Any]])
        #expect(array.map { $0["role"] as? String } == ["system", "user", "assistant", "tool", "tool", "tool", "assistant"])

        let arguments = try BinaryRunner.run(["export", Self.session, "--as", "arguments", "--call", "call_df8450c9257e5a61"])
        #expect(arguments.stdout == "{\n  \"city\": \"London\"\n}\n")
        let result = try BinaryRunner.run(["export", Self.session, "--as", "result", "--call", "call_df8450c9257e5a61"])
        #expect(result.stdout.contains("\"condition\": \"light rain\""))
        let call = try BinaryRunner.run(["export", Self.session, "--as", "json", "--call", "call_b3076fd192f639e2"])
        #expect(call.stdout.contains("\"name\": \"get_weather\"") && call.stdout.contains("Tokyo"))

        let curl = try BinaryRunner.run(["export", Self.session, "--as", "curl", "--round", "1"], environment: ["OPENAI_API_KEY": "sk-e2e-secret-value"])
        #expect(curl.status == 0)
        #expect(curl.stdout.hasPrefix("curl -sS -N 'https://api.openai.com/v1/chat/completions'"))
        #expect(curl.stdout.contains(#"-H "Authorization: Bearer $OPENAI_API_KEY""#))
        #expect(!curl.stdout.contains("sk-e2e-secret-value"))

        let dir = BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("loop.py").path
        let python = try BinaryRunner.run(["export", Self.session, "--as", "python", "-o", script])
        #expect(python.status == 0)
        #expect(python.stderr.contains("wrote \(script)"))
        let text = try String(contentsOfFile: script, encoding: .utf8)
        #expect(text.contains("from openai import OpenAI"))
        #expect(FileManager.default.isExecutableFile(atPath: script))
        // bash accepts the curl command's quoting.
        let curlFile = dir.appendingPathComponent("request.sh").path
        try curl.stdout.write(toFile: curlFile, atomically: true, encoding: .utf8)
        let syntax = try SpawnedProcess.run("/bin/bash", ["-n", curlFile], timeout: 20)
        #expect(syntax.status == 0, "\(syntax.stderr)")
    }

    @Test func badInputExitsTwoAndSaysWhy() throws {
        let format = try BinaryRunner.run(["export", Self.session, "--as", "yaml"])
        #expect(format.status == 2)
        #expect(format.stderr.contains("unknown --as \"yaml\"; expected one of json, arguments, result, curl, python"))
        let round = try BinaryRunner.run(["export", Self.session, "--as", "curl", "--round", "9"])
        #expect(round.status == 2)
        #expect(round.stderr.contains("no round 9: the session has rounds 1 to 2"))
        let call = try BinaryRunner.run(["export", Self.session, "--as", "result", "--call", "call_x"])
        #expect(call.status == 2)
        #expect(call.stderr.contains("no call call_x in the session; its calls are: call_b3076fd192f639e2"))
        let script = try BinaryRunner.run(["export", "sessions/demo-script.json", "--as", "json"])
        #expect(script.status == 2)
        let missing = try BinaryRunner.run(["export", "no/such.json", "--as", "json"])
        #expect(missing.status == 2)
        let message = try BinaryRunner.run(["export", Self.session, "--as", "curl", "--message", "2"])
        #expect(message.status == 2)
        #expect(message.stderr.contains("--message goes with --as json"))
        let both = try BinaryRunner.run(["export", Self.session, "--as", "arguments", "--round", "1", "--call", "call_x"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("name one thing: --round, --call or --message"))
    }
}
