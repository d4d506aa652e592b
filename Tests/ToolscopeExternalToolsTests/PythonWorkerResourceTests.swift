import Foundation
import Testing
import ToolscopeEngine
@testable import ToolscopeExternalTools

/// The Python worker is a real `.py` resource: Python itself must accept it, and a missing
/// resource bundle is an error naming the path, never a crash.
@Suite("python worker resource")
struct PythonWorkerResourceTests {
    /// `$TOOLSCOPE_TEST_PYTHON`, else `python3` from PATH.
    static var python: (executable: String, arguments: [String]) {
        if let p = ProcessInfo.processInfo.environment["TOOLSCOPE_TEST_PYTHON"], !p.isEmpty { return (p, []) }
        return ("/usr/bin/env", ["python3"])
    }

    @Test func pythonCompilesTheShippedWorker() async throws {
        let worker = try ModuleResources.path(PythonWorkerSource.resourceName)
        #expect(worker.hasSuffix("/toolscope_ToolscopeExternalTools.resources/toolscope_worker.py"))
        // The bytecode goes to a temporary file, never beside the resource.
        let compiled = TestSupport.temporaryDirectory("pyc") + "/worker.pyc"
        let process = try ToolProcess.spawn(
            executable: Self.python.executable,
            arguments: Self.python.arguments + ["-c", "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)",
                                                worker, compiled],
            environment: ProcessInfo.processInfo.environment, directory: nil)
        let run = await TestSupport.offThread {
            CommandRun.run(process, input: [], deadline: MonotonicClock.now() + 60, maxOutput: 65536)
        }
        #expect(run.status == .exited(0), "py_compile rejected the worker: \(run.stderrTail)")
        #expect(FileManager.default.fileExists(atPath: compiled))
    }

    @Test func theWorkerScriptIsTheResourceText() throws {
        let text = try String(contentsOfFile: try ModuleResources.path(PythonWorkerSource.resourceName), encoding: .utf8)
        #expect(try PythonWorkerSource.script().source == text)
        #expect(text.contains("def _serve():"))
    }

    @Test func aMissingBundleIsAnErrorNamingThePath() {
        let elsewhere = URL(fileURLWithPath: TestSupport.temporaryDirectory("no-bundle"))
        do {
            _ = try ModuleResources.path("toolscope_worker.py", executableDirectory: elsewhere)
            Issue.record("expected an error for a directory without the resource bundle")
        } catch {
            #expect(error.description.contains(elsewhere.path + "/toolscope_ToolscopeExternalTools.resources/toolscope_worker.py is missing"))
        }
    }
}
