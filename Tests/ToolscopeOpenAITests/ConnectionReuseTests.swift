import Foundation
import Testing
import ToolscopeTestSupport
@testable import ToolscopeOpenAI
import ToolscopeEngine

/// Concurrent requests reuse kept-alive connections. A request that *required* the clients'
/// event loop used to get an AsyncHTTPClient "overflow" connection whenever none was idle, and
/// those are closed once idle: under concurrency nearly every request opened a new connection
/// (against a real API, a TLS handshake each).
@Suite("Connection reuse", .serialized)
struct ConnectionReuseTests {
    /// scripts/connection-count-server.py: counts the connections its clients open.
    final class CountingServer: @unchecked Sendable {
        let port: Int
        private let process: SpawnedProcess

        init() async throws {
            let script = Fixtures.packageRoot.appendingPathComponent("scripts/connection-count-server.py").path
            process = try SpawnedProcess(LLMockServer.python, [script, "60"])
            let deadline = MonotonicClock.now() + 30
            while true {
                let output = process.stdoutSoFar()
                if let newline = output.firstIndex(of: "\n"), let port = Int(output[..<newline]) {
                    self.port = port
                    return
                }
                guard process.isRunning, MonotonicClock.now() < deadline else {
                    throw SpawnedProcess.Failure("the counting server printed no port: \(process.stdoutSoFar())")
                }
                try await Task.sleep(nanoseconds: 10_000_000)
            }
        }

        func stop() {
            process.signal(SIGTERM)
            _ = process.wait(timeout: 2)
        }

        var url: String { "http://127.0.0.1:\(port)" }

        func counts(_ transport: AsyncHTTPClientTransport) async throws -> (connections: Int, requests: Int) {
            let body = try await transport.send(HTTPRequestSpec(method: "GET", url: url + "/connections", headers: [:], body: [])).body.collect()
            let json = try JSONParser.parse(String(decoding: body, as: UTF8.self))
            return (json["connections"]?.intValue ?? -1, json["requests"]?.intValue ?? -1)
        }
    }

    @Test("4 concurrent workers × 10 streamed requests each stay on a handful of connections")
    func concurrentRequestsReuseConnections() async throws {
        let server = try await CountingServer()
        defer { server.stop() }
        let transport = AsyncHTTPClientTransport()
        let spec = HTTPRequestSpec(url: server.url + "/v1/chat/completions", headers: ["Content-Type": "application/json"],
                                   body: Array(#"{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}"#.utf8))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<10 {
                        let response = try await transport.send(spec)
                        #expect(response.status == 200)
                        let body = String(decoding: try await response.body.collect(), as: UTF8.self)
                        #expect(body.contains("Kept alive.") && body.hasSuffix("data: [DONE]\n\n"))
                    }
                }
            }
            try await group.waitForAll()
        }
        let counts = try await server.counts(transport)
        #expect(counts.requests == 40)
        // 4 are needed; a worker's next request can come a moment before its last connection is
        // back in the pool, so a few more are allowed. Before the fix: 25–40.
        #expect(counts.connections <= 8, "\(counts.connections) connections for 40 requests from 4 workers")
    }
}
