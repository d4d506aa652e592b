import Foundation
import ToolscopeTestSupport

/// Runs the built `toolscope` binary as a user would, capturing its output and exit code.
enum BinaryRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { url.deleteLastPathComponent() }
        return url
    }()

    /// `TOOLSCOPE_BIN`, else the debug build in `.build`.
    static var binary: String {
        if let bin = ProcessInfo.processInfo.environment["TOOLSCOPE_BIN"], !bin.isEmpty { return bin }
        return packageRoot.appendingPathComponent(".build/debug/toolscope").path
    }

    /// `toolscope-bench` (the benchmarks), built beside `binary`.
    static var benchBinary: String {
        URL(fileURLWithPath: binary).deletingLastPathComponent().appendingPathComponent("toolscope-bench").path
    }

    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], timeout: Double = 60,
                    program: String = binary) throws -> Output {
        let result = try SpawnedProcess.run(program, arguments, environment: Self.environment(adding: environment),
                                            directory: packageRoot.path, stdin: stdin, timeout: timeout)
        if result.timedOut { throw RunnerError("\(URL(fileURLWithPath: program).lastPathComponent) \(arguments.joined(separator: " ")) did not finish in \(timeout) s") }
        return Output(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    /// The runner's environment without a real key or base URL (a developer's shell must not
    /// switch tests to a real model), plus `extra`.
    static func environment(adding extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "OPENAI_API_KEY")
        env.removeValue(forKey: "OPENAI_BASE_URL")
        for (k, v) in extra { env[k] = v }
        return env
    }

    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("toolscope-e2e-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

struct RunnerError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
