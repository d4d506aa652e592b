import Foundation
import Testing
import ToolscopeTestSupport

/// Canary secrets driven through every path toolscope writes or shows: a hostile server echoes
/// the API key and a `--header` value into the model's streamed text and a tool call, a command
/// tool prints a `secret_env` variable, the run saves, autosaves and logs. Afterwards no output
/// and no file under the run's directory may hold any canary, whole or as its distinctive part.
@Suite("Secret canaries", .serialized)
struct SecretCanaryTests {
    static let apiKey = "sk-CANARYKEY-\(UUID().uuidString.prefix(8))"
    static let headerValue = "sk-CANARYHDR-\(UUID().uuidString.prefix(8))"
    static let toolToken = "tok-CANARYTOOL-\(UUID().uuidString.prefix(8))"
    static var canaries: [String] { [apiKey, headerValue, toolToken, "CANARYKEY", "CANARYHDR", "CANARYTOOL"] }

    /// The echo server (scripts/header-echo-server.py) on a port it picks, stopped by PID.
    final class EchoServer {
        let port: Int
        let process: SpawnedProcess
        var baseURL: String { "http://127.0.0.1:\(port)/v1" }

        init(lifetime: Double = 120) throws {
            let script = BinaryRunner.packageRoot.appendingPathComponent("scripts/header-echo-server.py").path
            process = try SpawnedProcess("/usr/bin/env", ["python3", script, String(lifetime)])
            let deadline = Date().addingTimeInterval(20)
            while true {
                let out = process.stdoutSoFar()
                if let newline = out.firstIndex(of: "\n"), let port = Int(out[..<newline]) { self.port = port; break }
                guard process.isRunning, Date() < deadline else { throw RunnerError("the echo server printed no port: \(out)") }
                usleep(20_000)
            }
        }

        deinit {
            process.signal(SIGKILL)
            _ = process.wait(timeout: 5)
        }
    }

    /// A session with one command tool that prints its arguments and a secret inherited variable.
    static func writeSession(in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("echo.json").path
        let text = #"""
        {"format": "toolscope.session/1", "title": "echo",
         "settings": {"model": "echo-model"},
         "tools": [{"type": "function", "function": {"name": "echo_env", "description": "Echoes its arguments and a token from its environment.",
                    "parameters": {"type": "object", "properties": {"note": {"type": "string"}}}},
                    "binding": {"kind": "command", "argv": ["/bin/sh", "-c", "printf 'token=%s args=' \"$TOOL_TOKEN\"; cat"],
                                "inherit_env": ["PATH", "TOOL_TOKEN"], "secret_env": ["TOOL_TOKEN"]}}],
         "messages": []}
        """#
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Every regular file under `dir`, read as text.
    static func filesUnder(_ dir: URL) -> [(String, String)] {
        guard let walker = FileManager.default.enumerator(atPath: dir.path) else { return [] }
        var out: [(String, String)] = []
        while let relative = walker.nextObject() as? String {
            let path = dir.appendingPathComponent(relative).path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let data = FileManager.default.contents(atPath: path) else { continue }
            out.append((path, String(decoding: data, as: UTF8.self)))
        }
        return out
    }

    static func expectNoCanary(in text: String, _ where_: String) {
        for canary in canaries { #expect(!text.contains(canary), "\(canary) leaked into \(where_)") }
    }

    @Test(arguments: [["--json"], [], ["--no-stream"]])
    func runMasksTheKeyHeadersAndToolSecretsEverywhere(_ mode: [String]) throws {
        let server = try EchoServer()
        let dir = BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let session = try Self.writeSession(in: dir)
        let saved = dir.appendingPathComponent("saved.json").path
        let environment = ["OPENAI_API_KEY": Self.apiKey, "TOOL_TOKEN": Self.toolToken, "TOOLSCOPE_LOG": dir.appendingPathComponent("toolscope.log").path,
                           "TOOLSCOPE_CONFIG_DIR": dir.appendingPathComponent("config").path, "HOME": dir.path]
        let out = try BinaryRunner.run(["run", "--session", session, "--trust", "--base-url", server.baseURL,
                                        "--header", "X-Api-Key: \(Self.headerValue)", "--prompt", "Echo my credentials", "--save", saved] + mode,
                                       environment: environment)
        #expect(out.status == 0, "\(out.stdout)\n\(out.stderr)")
        // The loop really ran through the echo: the masked values are where the secrets were.
        #expect(out.stdout.contains("[redacted]"))
        #expect(out.stdout.contains("echo_env"))
        Self.expectNoCanary(in: out.stdout, "stdout")
        Self.expectNoCanary(in: out.stderr, "stderr")
        let files = Self.filesUnder(dir)
        #expect(files.contains { $0.0.hasSuffix("saved.json") })
        #expect(files.contains { $0.0.hasSuffix("toolscope.log") && !$0.1.isEmpty }, "the log was written")
        for (path, text) in files where !path.hasSuffix("echo.json") { Self.expectNoCanary(in: text, path) }
        // The saved session is a usable session: the command-line header is not in it at all.
        let savedText = try String(contentsOfFile: saved, encoding: .utf8)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(savedText.utf8)) as? [String: Any])
        let provider = (document["settings"] as? [String: Any])?["provider"] as? [String: Any]
        #expect(provider?["headers"] == nil, "a --header is for this run only: not saved with the settings")
        #expect(savedText.contains("Authorization was Bearer [redacted]"))
    }

    @Test func theWorkbenchScreenAutosaveAndLogShowNoSecret() throws {
        let server = try EchoServer()
        let home = BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try Self.writeSession(in: home)
        let t = try WorkbenchTmux(arguments: ["--trust", "--base-url", server.baseURL, "--header", "X-Api-Key: \(Self.headerValue)", session],
                                  home: home,
                                  extraEnvironment: ["OPENAI_API_KEY": Self.apiKey, "TOOL_TOKEN": Self.toolToken,
                                                     "TOOLSCOPE_LOG": home.appendingPathComponent("toolscope.log").path])
        _ = try t.waitFor(text: "▶ Conversation")
        try t.type("Echo my credentials")
        try t.send("Enter")
        var screens: [String] = []
        let answered = try t.waitFor("the answer quoting the headers", timeout: 30) { screen in
            screens.append(screen)
            return screen.contains("X-Api-Key was")
        }
        #expect(answered.contains("[redacted]"))
        // The raw views of the rounds, newest first, each paged through: a round's view starts
        // with the request's headers (the key masked), and the second round's request carries the
        // echoed values in the tool call.
        try t.send("Tab")
        try t.send("End")
        var sawHeader = false
        for _ in 0..<4 where !sawHeader {
            try t.send("Enter")
            var raw = try t.waitFor(text: "Esc close")
            screens.append(raw)
            for _ in 0..<6 where !raw.contains("Authorization") {
                try t.send("PageDown")
                raw = (try? t.waitFor("the header on this page", timeout: 3) { $0.contains("Authorization") }) ?? t.screen()
                screens.append(raw)
            }
            sawHeader = raw.contains("Authorization")
            if sawHeader { #expect(raw.contains("Bearer [redacted]"), "\(raw)") }
            try t.send("Escape")
            try t.send("Up")
        }
        #expect(sawHeader, "no round's raw view showed the echoed Authorization header")
        for screen in screens { Self.expectNoCanary(in: screen, "the screen") }
        try t.send("C-q")
        _ = try t.waitFor(text: "TOOLSCOPE-EXITED-0")
        let files = Self.filesUnder(home)
        #expect(files.contains { $0.0.hasSuffix("echo.json") && $0.1.contains("X-Api-Key was") }, "the session was saved in place")
        for (path, text) in files { Self.expectNoCanary(in: text, path) }
    }
}
