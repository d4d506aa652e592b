import Foundation
import Testing
@testable import ToolscopeOpenAI
import ToolscopeEngine

/// A real llmock server (PyPI `llmock`) on 127.0.0.1, on a free port the server itself picks,
/// for one test. It exits on its own after `lifetime` seconds or when this process's pipe to
/// its stdin closes, and `stop()` terminates it by PID — call it in a `defer`.
final class LLMockServer: @unchecked Sendable {
    let port: Int
    private let process: Process
    private let stdinPipe: Pipe

    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    struct StartFailure: Error, CustomStringConvertible { var description: String }

    static var python: String {
        if let p = ProcessInfo.processInfo.environment["TOOLSCOPE_TEST_PYTHON"], !p.isEmpty { return p }
        return Fixtures.packageRoot.appendingPathComponent(".venv/bin/python").path
    }

    /// Binds port 0, prints the port, serves llmock on that socket; a timer and stdin EOF end it.
    private static let launcher = """
        import os, socket, sys, threading
        import uvicorn
        from llmock.main import create_app
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        sock.listen(128)
        print(sock.getsockname()[1], flush=True)
        threading.Timer(float(sys.argv[1]), lambda: os._exit(0)).start()
        def watch_parent():
            sys.stdin.read()
            os._exit(0)
        threading.Thread(target=watch_parent, daemon=True).start()
        uvicorn.Server(uvicorn.Config(create_app(), log_level="critical", access_log=False)).run(sockets=[sock])
        """

    static func start(lifetime: Double = 90) async throws -> LLMockServer {
        let python = Self.python
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw StartFailure(description: "no Python with llmock at \(python); set TOOLSCOPE_TEST_PYTHON")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", launcher, String(lifetime)]
        let out = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line of stdout is the port.
        var line: [UInt8] = []
        let handle = out.fileHandleForReading
        while true {
            let byte = handle.readData(ofLength: 1)
            guard let b = byte.first else {
                process.terminate()
                throw StartFailure(description: "llmock exited before printing its port (is llmock installed for \(python)?)")
            }
            if b == UInt8(ascii: "\n") { break }
            line.append(b)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw StartFailure(description: "llmock printed \(String(decoding: line, as: UTF8.self)) instead of a port")
        }
        let server = LLMockServer(port: port, process: process, stdinPipe: input)
        try await server.waitUntilHealthy()
        return server
    }

    private init(port: Int, process: Process, stdinPipe: Pipe) {
        self.port = port
        self.process = process
        self.stdinPipe = stdinPipe
    }

    /// SIGTERM, then SIGKILL after a second: uvicorn's graceful shutdown would otherwise wait
    /// for the client's idle keep-alive connections until the server's lifetime runs out.
    func stop() {
        let pid = process.processIdentifier
        if process.isRunning {
            kill(pid, SIGTERM)
            let until = MonotonicClock.now() + 1
            while process.isRunning, MonotonicClock.now() < until { usleep(10_000) }
            if process.isRunning { kill(pid, SIGKILL) }
            process.waitUntilExit()
        }
        try? stdinPipe.fileHandleForWriting.close()
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
