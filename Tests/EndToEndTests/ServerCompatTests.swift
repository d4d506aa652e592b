import Foundation
import Testing
import ToolscopeTestSupport

/// llama-cpp-python's server refuses `"content": null` beside tool calls (OpenAI accepts it). A
/// fake with the same behaviour (scripts/llamacpp-quirk-server.py) shows toolscope naming the
/// cause in one line without retrying, the `--compat empty-content` workaround, and the workaround
/// remembered for the server's base URL.
@Suite("Server compatibility", .serialized)
struct ServerCompatTests {
    final class QuirkServer {
        let port: Int
        let process: SpawnedProcess
        var baseURL: String { "http://127.0.0.1:\(port)/v1" }

        init(lifetime: Double = 120) throws {
            let script = BinaryRunner.packageRoot.appendingPathComponent("scripts/llamacpp-quirk-server.py").path
            process = try SpawnedProcess("/usr/bin/env", ["python3", script, String(lifetime)])
            let deadline = Date().addingTimeInterval(20)
            while true {
                let out = process.stdoutSoFar()
                if let newline = out.firstIndex(of: "\n"), let port = Int(out[..<newline]) { self.port = port; break }
                guard process.isRunning, Date() < deadline else { throw RunnerError("the quirk server printed no port: \(out)") }
                usleep(20_000)
            }
        }

        /// How many chat requests the server has received.
        func requestCount() throws -> Int {
            let data = try Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/requests")!)
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            return object?["chat"] as? Int ?? -1
        }

        deinit {
            process.signal(SIGKILL)
            _ = process.wait(timeout: 5)
        }
    }

    static func environment(_ dir: URL) -> [String: String] {
        ["TOOLSCOPE_CONFIG_DIR": dir.appendingPathComponent("config").path, "HOME": dir.path]
    }

    @Test(arguments: [[], ["--no-stream"]])
    func theQuirkIsNamedInOneLineAndNotRetried(_ mode: [String]) throws {
        let server = try QuirkServer()
        let dir = BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try BinaryRunner.run(["run", "--base-url", server.baseURL, "--prompt", "Weather in Paris?"] + mode,
                                       environment: Self.environment(dir))
        #expect(out.status != 0, "the second round fails on this server without the workaround")
        let all = out.stdout + out.stderr
        #expect(all.contains("the server rejects \"content\": null on an assistant message with tool calls"), "\(all)")
        #expect(all.contains("--compat empty-content"))
        // Round 1 and one attempt at round 2: a recognised quirk is not retried.
        #expect(try server.requestCount() == 2)
    }

    @Test func theWorkaroundWorksAndIsRememberedForTheServer() throws {
        let server = try QuirkServer()
        let dir = BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try BinaryRunner.run(["run", "--base-url", server.baseURL, "--compat", "empty-content", "--prompt", "Weather in Paris?"],
                                         environment: Self.environment(dir))
        #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
        #expect(first.stdout.contains("The tool said:"))
        let memory = dir.appendingPathComponent("config/servers.json").path
        let text = try String(contentsOfFile: memory, encoding: .utf8)
        #expect(text.contains(server.baseURL) && text.contains("empty_content_with_tool_calls"), "\(text)")

        // Without the flag, the remembered workaround applies to the same server.
        let second = try BinaryRunner.run(["run", "--base-url", server.baseURL + "/", "--prompt", "Weather in Paris?"],
                                          environment: Self.environment(dir))
        #expect(second.status == 0, "\(second.stdout)\n\(second.stderr)")

        // `--compat none` forgets it: the quirk is back.
        let third = try BinaryRunner.run(["run", "--base-url", server.baseURL, "--compat", "none", "--prompt", "Weather in Paris?"],
                                         environment: Self.environment(dir))
        #expect(third.status != 0)
        #expect(!(try String(contentsOfFile: memory, encoding: .utf8)).contains("empty_content_with_tool_calls"))
    }

    @Test func anUnknownCompatOptionIsABadInput() throws {
        let out = try BinaryRunner.run(["run", "--base-url", "http://127.0.0.1:9/v1", "--compat", "nulls", "--prompt", "x"])
        #expect(out.status == 64 || out.status == 2, "\(out.status)")
        #expect(out.stderr.contains("unknown --compat \"nulls\""))
    }
}
