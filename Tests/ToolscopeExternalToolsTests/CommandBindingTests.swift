import Foundation
import Testing
import ToolscopeEngine
@testable import ToolscopeExternalTools

@Suite("command binding", .serialized)
struct CommandBindingTests {
    let tools = ExternalTools(mcpConfigFile: "/nonexistent/mcp.json", cacheDirectory: TestSupport.temporaryDirectory("cache"))

    func executor(_ config: JSONObject) throws -> any ToolExecutor {
        try TestSupport.executor(tools, kind: "command", config)
    }

    @Test func argumentsGoInOnStdinAndJSONComesBack() async throws {
        let e = try executor(["argv": ["./echo_tool.sh"], "env": ["GREETING": "hi"]])
        let outcome = await TestSupport.call(e, ["city": "Oslo", "n": 2])
        #expect(!outcome.isError)
        let fixtures = URL(fileURLWithPath: TestSupport.fixtures).resolvingSymlinksInPath().path
        #expect(outcome.content == #"{"received":{"city":"Oslo","n":2},"greeting":"hi","cwd":"\#(fixtures)"}"#)
        #expect(outcome.logs == ["stderr: log line on stderr"])
    }

    @Test func theEnvironmentIsOnlyWhatTheBindingNames() async throws {
        setenv("GREETING", "leaked", 1)
        defer { unsetenv("GREETING") }
        let e = try executor(["argv": ["./echo_tool.sh"], "inherit_env": ["PATH"]])
        let outcome = await TestSupport.call(e, [:])
        #expect(TestSupport.parse(outcome.content)?["greeting"] == "none")
    }

    @Test func textOutputIsSentAsText() async throws {
        let outcome = await TestSupport.call(try executor(["argv": ["./text_tool.sh"]]), [:])
        #expect(outcome.content == "plain text answer")
    }

    @Test func aFailingCommandIsAnErrorWithTheEndOfStderr() async throws {
        let outcome = await TestSupport.call(try executor(["argv": ["./crash_tool.sh"]]), ["x": 1])
        #expect(outcome.isError)
        let error = TestSupport.parse(outcome.content)
        #expect(error?["error"]?.stringValue == "./crash_tool.sh failed (exit status 3): something went wrong\nfatal: cannot continue")
        #expect(error?["status"] == "exit status 3")
    }

    @Test func aTimeoutKillsTheWholeProcessGroup() async throws {
        let pidFile = TestSupport.temporaryDirectory("cmd") + "/child.pid"
        let e = try executor(["argv": ["./slow_tool.sh"], "env": ["PID_FILE": .string(pidFile)]])
        let started = MonotonicClock.now()
        let outcome = await TestSupport.call(e, [:], timeout: 0.5)
        #expect(outcome.isError)
        #expect(outcome.content.contains("timed out after 0.50 s"))
        #expect(MonotonicClock.now() - started < 3)
        let childPid = try #require(Int32((try? String(contentsOfFile: pidFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""))
        try await Task.sleep(nanoseconds: 100_000_000)
        #expect(!TestSupport.isAlive(childPid), "the background child of the command was killed too")
    }

    @Test func outputIsCappedWithANote() async throws {
        let outcome = await TestSupport.call(try executor(["argv": ["./flood_tool.sh"], "max_output_bytes": 1000]), [:])
        #expect(!outcome.isError)
        #expect(outcome.content.hasPrefix(String(repeating: "x", count: 999) + "\n"))
        #expect(outcome.content.hasSuffix("[output truncated: 1000 of 200000 bytes shown]"))
        #expect(outcome.details?["truncated"] == true)
    }

    @Test func argumentsAreNeverInterpretedByAShell() async throws {
        let e = try executor(["argv": ["/bin/echo", "$HOME", "`id`", ";", "rm"], "inherit_env": []])
        let outcome = await TestSupport.call(e, [:])
        #expect(outcome.content == "$HOME `id` ; rm")
    }

    @Test(arguments: [
        (#"{"argv":[]}"#, "needs \"argv\""),
        (#"{"argv":["./no-such-tool.sh"]}"#, "no program at"),
        (#"{"argv":["no-such-program-xyz"]}"#, "command not found: no-such-program-xyz"),
        (#"{"argv":["./echo_tool.sh", 3]}"#, "argv[1] must be a string"),
        (#"{"argv":["./echo_tool.sh"],"max_output_bytes":0}"#, "positive integer"),
        (#"{"argv":["./echo_tool.sh"],"cwd":"nowhere"}"#, "is not a directory"),
        (#"{"argv":["./sample_tools.py"]}"#, "is not executable"),
    ])
    func misconfiguredBindingsSaySo(config: String, message: String) throws {
        let object = try #require(TestSupport.parse(config)?.objectValue)
        let result = tools.makeExecutor(for: TestSupport.tool("t", kind: "command", object), kind: "command", config: object, session: TestSupport.context)
        guard case .failure(let error) = result else { Issue.record("expected an error for \(config)"); return }
        #expect(error.message.contains(message), "\(error.message)")
    }
}
