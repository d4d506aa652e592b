import Foundation
import Testing
import ToolscopeTestSupport
@testable import ToolscopeOpenAI
import ToolscopeEngine

/// A real llmock server (PyPI `llmock`) on 127.0.0.1, on a free port the server itself picks,
/// for one test. It exits on its own after `lifetime` seconds, `stop()` terminates it by PID
/// (call it in a `defer`), and so does dropping the last reference.
final class LLMockServer: @unchecked Sendable {
    let port: Int
    private let process: SpawnedProcess

    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    struct StartFailure: Error, CustomStringConvertible { var description: String }

    static var python: String {
        if let p = ProcessInfo.processInfo.environment["TOOLSCOPE_TEST_PYTHON"], !p.isEmpty { return p }
        return Fixtures.packageRoot.appendingPathComponent(".venv/bin/python").path
    }

    /// Prints the port it bound, serves llmock there; a timer ends it (shared with the benchmarks).
    private static let launcher = Fixtures.packageRoot.appendingPathComponent("scripts/llmock-serve.py").path

    static func start(lifetime: Double = 90) async throws -> LLMockServer {
        let python = Self.python
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw StartFailure(description: "no Python with llmock at \(python); set TOOLSCOPE_TEST_PYTHON")
        }
        let process = try SpawnedProcess(python, [launcher, String(lifetime)])
        // The first line of stdout is the port.
        let deadline = MonotonicClock.now() + 30
        var firstLine: String?
        while firstLine == nil {
            let output = process.stdoutSoFar()
            if let newline = output.firstIndex(of: "\n") { firstLine = String(output[..<newline]); break }
            guard process.isRunning else {
                throw StartFailure(description: "llmock exited before printing its port (is llmock installed for \(python)?)")
            }
            guard MonotonicClock.now() < deadline else {
                throw StartFailure(description: "llmock printed no port within 30 s")
            }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        guard let line = firstLine, let port = Int(line) else {
            throw StartFailure(description: "llmock printed \(firstLine ?? "") instead of a port")
        }
        let server = LLMockServer(port: port, process: process)
        try await server.waitUntilHealthy()
        return server
    }

    private init(port: Int, process: SpawnedProcess) {
        self.port = port
        self.process = process
    }

    /// SIGTERM, then SIGKILL after a second: uvicorn's graceful shutdown would otherwise wait
    /// for the client's idle keep-alive connections until the server's lifetime runs out.
    func stop() {
        process.signal(SIGTERM)
        _ = process.wait(timeout: 1)
    }

    private func waitUntilHealthy() async throws {
        for _ in 0..<100 {
            if let (status, _) = try? await admin("GET", "/health"), status == 200 { return }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        stop()
        throw StartFailure(description: "llmock on port \(port) never became healthy")
    }

    /// Queues behaviours (`{"type": "fail", "status": 429, ...}`) for the next requests.
    func script(_ behaviors: [JSONValue]) async throws {
        let (status, body) = try await admin("POST", "/_llmock/scenario", body: ["behaviors": .array(behaviors)])
        guard status == 201 else { throw StartFailure(description: "llmock refused the scenario: \(status) \(body)") }
    }

    /// Every request llmock served, oldest first (its journal).
    func journal() async throws -> [JSONValue] {
        let (_, body) = try await admin("GET", "/_llmock/requests")
        return body["requests"]?.arrayValue ?? []
    }

    func admin(_ method: String, _ path: String, body: JSONValue? = nil) async throws -> (Int, JSONValue) {
        let spec = HTTPRequestSpec(method: method, url: "http://127.0.0.1:\(port)\(path)",
                                   headers: ["Content-Type": "application/json"],
                                   body: body.map { Array($0.compact.utf8) } ?? [], connectTimeout: 2)
        let response = try await AsyncHTTPClientTransport().send(spec)
        let bytes = try await response.body.collect()
        let json = (try? JSONParser.parse(bytes: bytes)) ?? .string(String(decoding: bytes, as: UTF8.self))
        return (response.status, json)
    }
}
