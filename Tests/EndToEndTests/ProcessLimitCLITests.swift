import Foundation
import Testing
import ToolscopeTestSupport

/// The process limits from the command line and the session file, through the real binary.
@Suite("Process limits (end to end)", .serialized)
struct ProcessLimitCLITests {
    /// A session with one command tool that naps 0.7 s, and a script asking for it three times at once.
    static func files(settings: String = "{}") throws -> (session: String, script: String) {
        let dir = BinaryRunner.temporaryDirectory()
        let nap = BinaryRunner.packageRoot.appendingPathComponent("Tests/ToolscopeExternalToolsTests/Fixtures/nap_tool.sh").path
        let session = """
            {"format": "toolscope.session/1", "title": "limits",
             "settings": \(settings),
             "tools": [{"type": "function", "function": {"name": "nap", "parameters": {"type": "object"}},
                        "binding": {"kind": "command", "argv": ["\(nap)"]}}]}
            """
        let script = #"{"rules":[{"match":".","turns":[{"calls":[{"name":"nap","arguments":{"n":1}},{"name":"nap","arguments":{"n":2}},{"name":"nap","arguments":{"n":3}}]}],"final":"rested"}]}"#
        let sessionPath = dir.appendingPathComponent("limits.json").path
        let scriptPath = dir.appendingPathComponent("script.json").path
        try session.write(toFile: sessionPath, atomically: true, encoding: .utf8)
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        return (sessionPath, scriptPath)
    }

    /// Trust is remembered in a private config directory, never the developer's.
    static let environment = ["TOOLSCOPE_CONFIG_DIR": BinaryRunner.temporaryDirectory().path]

    @Test func aPerToolLimitOnTheCommandLineQueuesCallsAndTheTracePrintsTheirWait() throws {
        let (session, script) = try Self.files()
        let r = try BinaryRunner.run(["run", "--session", session, "--script", script, "--prompt", "nap", "--trust",
                                      "--max-processes-per-tool", "2"], environment: Self.environment)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.components(separatedBy: "queued: the tool process limit is reached").count - 1 == 1, "\(r.stdout)")
        #expect(r.stdout.contains("in the queue"), "\(r.stdout)")
        #expect(r.stdout.components(separatedBy: "✓ nap").count - 1 == 3, "\(r.stdout)")
    }

    @Test func theSessionsSettingApplies() throws {
        let (session, script) = try Self.files(settings: #"{"max_tool_processes": 1}"#)
        let r = try BinaryRunner.run(["run", "--session", session, "--script", script, "--prompt", "nap", "--trust", "--json"],
                                     environment: Self.environment)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.components(separatedBy: #""event":"call_queued""#).count - 1 == 2, "\(r.stdout)")
        #expect(r.stdout.components(separatedBy: #""event":"call_dequeued""#).count - 1 == 2, "\(r.stdout)")
    }

    @Test func badLimitsExitWithTwoAndSayWhere() throws {
        let flag = try BinaryRunner.run(["run", "--prompt", "x", "--max-tool-processes", "0"])
        #expect(flag.status == 2)
        #expect(flag.stderr.contains("--max-tool-processes must be at least 1"), "\(flag.stderr)")
        let perTool = try BinaryRunner.run(["run", "--prompt", "x", "--max-processes-per-tool", "0"])
        #expect(perTool.status == 2)
        #expect(perTool.stderr.contains("--max-processes-per-tool must be at least 1"), "\(perTool.stderr)")

        let (session, _) = try Self.files(settings: #"{"max_processes_per_tool": 0}"#)
        let file = try BinaryRunner.run(["run", "--session", session, "--prompt", "x"])
        #expect(file.status == 2)
        #expect(file.stderr.contains("max_processes_per_tool must be at least 1"), "\(file.stderr)")
        #expect(file.stderr.contains("limits.json:2:"), "the message names the file and line: \(file.stderr)")
    }
}
