import Foundation
import Testing
import ToolscopeEngine
@testable import ToolscopeExternalTools

/// Paths and helpers shared by the binding tests: fixtures live beside this file, Python is
/// `$TOOLSCOPE_TEST_PYTHON` or the package's `.venv` (which has the `mcp` package).
enum TestSupport {
    static let fixtures: String = (URL(fileURLWithPath: #filePath).deletingLastPathComponent().path) + "/Fixtures"

    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.path + "/Package.swift") { return url.path }
            url.deleteLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath
    }()

    static let python: String = {
        if let p = ProcessInfo.processInfo.environment["TOOLSCOPE_TEST_PYTHON"], !p.isEmpty { return p }
        return packageRoot + "/.venv/bin/python"
    }()

    static var hasPython: Bool { FileManager.default.isExecutableFile(atPath: python) }

    /// A fresh directory under the system temporary directory.
    static func temporaryDirectory(_ label: String = "ext") -> String {
        let path = NSTemporaryDirectory() + "toolscope-\(label)-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static var context: SessionContext { SessionContext(baseDirectory: fixtures) }

    static func tool(_ name: String, kind: String, _ config: JSONObject) -> SessionTool {
        SessionTool(definition: ToolDefinition(name: name, description: nil, parameters: nil), binding: .external(kind: kind, config: config))
    }

    /// Builds the executor or fails the test with the binding error.
    static func executor(_ tools: ExternalTools, kind: String, _ config: JSONObject,
                         context: SessionContext = TestSupport.context) throws -> any ToolExecutor {
        try tools.makeExecutor(for: tool("t", kind: kind, config), kind: kind, config: config, session: context).get()
    }

    /// Runs one call the way the dispatcher does: on a Dispatch thread, waiting for the completion.
    static func call(_ executor: any ToolExecutor, _ arguments: JSONValue, timeout: Double = 20,
                     cancellation: CancellationToken = CancellationToken()) async -> ToolOutcome {
        let invocation = ToolInvocation(call: ToolCall(id: "call_1", name: "t", arguments: arguments.compact),
                                        arguments: arguments, definition: nil, timeout: timeout)
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                executor.execute(invocation, cancellation: cancellation) { continuation.resume(returning: $0) }
            }
        }
    }

    /// Runs blocking work (process I/O, `Deadline.blocking`) off Swift's cooperative threads.
    static func offThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    static func parse(_ text: String) -> JSONValue? { try? JSONValue(parsing: text) }

    static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        // A zombie is dead for our purposes.
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        return !stat.contains(") Z ")
    }
}
