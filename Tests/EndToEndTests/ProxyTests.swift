import Foundation
import Testing
import ToolscopeTestSupport

/// `toolscope run` honours `HTTP_PROXY` (and its credentials) and `NO_PROXY` as the official SDKs
/// do: a tiny proxy (scripts/http-proxy.py) prints each request it forwards to a fake model
/// server (scripts/llamacpp-quirk-server.py, run with `--compat empty-content` so it answers).
@Suite("Proxies", .serialized)
struct ProxyTests {
    /// A Python script on 127.0.0.1 that prints its port first; killed by PID when dropped.
    final class ScriptServer {
        let port: Int
        let process: SpawnedProcess

        init(_ script: String, _ arguments: [String] = []) throws {
            let path = BinaryRunner.packageRoot.appendingPathComponent("scripts/\(script)").path
            process = try SpawnedProcess("/usr/bin/env", ["python3", path, "120"] + arguments)
            let deadline = Date().addingTimeInterval(20)
            while true {
                let out = process.stdoutSoFar()
                if let newline = out.firstIndex(of: "\n"), let port = Int(out[..<newline]) { self.port = port; break }
                guard process.isRunning, Date() < deadline else { throw RunnerError("\(script) printed no port: \(out)") }
                usleep(20_000)
            }
        }

        /// What it printed after the port.
        var lines: [String] { process.stdoutSoFar().split(separator: "\n").dropFirst().map(String.init) }

        deinit {
            process.signal(SIGKILL)
            _ = process.wait(timeout: 5)
        }
    }

    static func run(_ server: ScriptServer, _ environment: [String: String]) throws -> BinaryRunner.Output {
        let dir = BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var env = ["TOOLSCOPE_CONFIG_DIR": dir.appendingPathComponent("config").path, "HOME": dir.path]
        // A proxy in the runner's own environment must not decide the test: each pair the test
        // does not set is emptied (an empty lower-case name would unset a set upper-case one).
        for pair in ["no_proxy", "https_proxy", "all_proxy", "http_proxy"] {
            let given = environment.keys.contains { $0.lowercased() == pair }
            if !given { env[pair] = ""; env[pair.uppercased()] = "" }
        }
        for (name, value) in environment { env[name] = value }
        return try BinaryRunner.run(["run", "--base-url", "http://127.0.0.1:\(server.port)/v1", "--compat", "empty-content",
                                     "--prompt", "Weather in Paris?", "--max-retries", "0"], environment: env)
    }

    @Test func aRunGoesThroughHTTPProxyAndNotWhenNoProxyNamesTheHost() throws {
        let model = try ScriptServer("llamacpp-quirk-server.py")
        let proxy = try ScriptServer("http-proxy.py")
        let through = try Self.run(model, ["HTTP_PROXY": "http://127.0.0.1:\(proxy.port)"])
        #expect(through.status == 0, "\(through.stdout)\n\(through.stderr)")
        #expect(through.stdout.contains("The tool said:"))
        let seen = proxy.lines
        #expect(seen.contains("CONNECT 127.0.0.1:\(model.port) auth=-"), "\(seen)")
        #expect(seen.filter { $0 == "TUNNEL POST /v1/chat/completions HTTP/1.1" }.count >= 1, "\(seen)")

        let bypassed = try Self.run(model, ["HTTP_PROXY": "http://127.0.0.1:\(proxy.port)", "NO_PROXY": "127.0.0.1"])
        #expect(bypassed.status == 0, "\(bypassed.stdout)\n\(bypassed.stderr)")
        #expect(proxy.lines == seen, "NO_PROXY=127.0.0.1 must bypass the proxy: \(proxy.lines)")
    }

    @Test func proxyCredentialsAreSentAndNeverShown() throws {
        let model = try ScriptServer("llamacpp-quirk-server.py")
        let proxy = try ScriptServer("http-proxy.py", ["--require-auth", "alice:s3cret-pw"])
        let good = try Self.run(model, ["http_proxy": "http://alice:s3cret-pw@127.0.0.1:\(proxy.port)"])
        #expect(good.status == 0, "\(good.stdout)\n\(good.stderr)")
        #expect(proxy.lines.contains("CONNECT 127.0.0.1:\(model.port) auth=alice:s3cret-pw"), "\(proxy.lines)")

        let bad = try Self.run(model, ["HTTP_PROXY": "http://alice:wrong-pw@127.0.0.1:\(proxy.port)"])
        #expect(bad.status != 0)
        let all = bad.stdout + bad.stderr
        #expect(all.contains("the proxy http://***@127.0.0.1:\(proxy.port) (HTTP_PROXY) asked for credentials"), "\(all)")
        #expect(!all.contains("wrong-pw"))
    }
}
