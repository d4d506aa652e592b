import Foundation
import ToolscopeEngine
#if canImport(Glibc)
import Glibc
#endif

/// Why a request to a Python worker got no answer.
enum PythonWorkerFailure: Error, Sendable {
    /// No answer before the deadline; the worker is stuck in user code and must be replaced.
    case timedOut
    /// The worker process ended (crash, `os._exit`, killed by a cancellation).
    case exited(status: ExitStatus, stderrTail: String)
    /// The worker answered something that is not a response; a bug, reported verbatim.
    case badResponse(String)
}

/// One running Python worker process. It answers one request at a time, so the pool hands it
/// to one caller at a time; `terminate()` may be called from any thread (a cancellation).
final class PythonWorker: @unchecked Sendable {
    let key: PythonWorkerKey
    private let process: ToolProcess
    private let reader: LineReader
    private let stderrTail = TailBuffer(capacity: 16 * 1024)
    private let counter = Locked(0)
    private let stopped = Locked(false)

    private init(key: PythonWorkerKey, process: ToolProcess) {
        self.key = key
        self.process = process
        self.reader = LineReader(fd: process.stdoutFD)
        StreamDrain.start(fd: process.stderrFD, into: stderrTail, name: "python-worker-stderr")
    }

    /// Starts the worker script under `key.interpreter`, in `key.directory`, with the user's
    /// environment (a Python tool is the user's own code, like running it from their shell).
    static func start(key: PythonWorkerKey, scriptPath: String) throws(SpawnError) -> PythonWorker {
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONIOENCODING"] = "utf-8"
        environment["PYTHONUNBUFFERED"] = "1"
        let process = try ToolProcess.spawn(executable: key.interpreter, arguments: ["-u", scriptPath],
                                             environment: environment, directory: key.directory)
        return PythonWorker(key: key, process: process)
    }

    var pid: Int32 { process.pid }

    /// Sends one request and waits for its response until `deadline` (a `MonotonicClock` time).
    func send(_ request: JSONObject, deadline: Double?) -> Result<JSONObject, PythonWorkerFailure> {
        let id = counter.withLock { n in n += 1; return n }
        var message = request
        message["id"] = .number(Double(id))
        guard FileDescriptorIO.writeAll(process.stdinFD, Array((JSONValue.object(message).compact + "\n").utf8)) else {
            return .failure(ended())
        }
        while true {
            switch reader.next(deadline: deadline) {
            case .timedOut:
                return .failure(.timedOut)
            case .endOfFile:
                return .failure(ended())
            case .line(let bytes):
                guard let response = try? JSONParser.parse(bytes: bytes).objectValue else {
                    return .failure(.badResponse(String(decoding: bytes.prefix(500), as: UTF8.self)))
                }
                if response["id"]?.intValue == id { return .success(response) }
                // A stale answer (from a request abandoned earlier) is skipped.
            }
        }
    }

    /// What the worker wrote to its real stderr since the last call (outside any capture).
    func takeStrayOutput() -> String { stderrTail.take() }

    /// Kills the worker and everything it started; idempotent.
    func terminate() {
        let first = stopped.withLock { s in defer { s = true }; return !s }
        guard first else { return }
        process.killGroup(SIGKILL)
        let process = self.process
        DispatchQueue.global().async {
            process.waitForExit()
            process.closePipes()
        }
    }

    private func ended() -> PythonWorkerFailure {
        process.killGroup(SIGKILL)
        let status = process.waitForExit()
        stopped.withLock { s in s = true }
        usleep(20_000)  // lets the stderr drain pick up the last words of a crashing worker
        let tail = stderrTail.text
        process.closePipes()
        return .exited(status: status, stderrTail: tail)
    }
}

/// Workers are shared by interpreter and working directory: functions bound with the same
/// pair run in the same warm process.
struct PythonWorkerKey: Sendable, Hashable {
    let interpreter: String
    let directory: String
}
