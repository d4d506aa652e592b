import Foundation
import ToolscopeEngine

/// Keeps warm Python workers, one per interpreter and directory, and starts another only while
/// calls overlap (parallel tool calls in one turn). A worker that timed out or crashed is never
/// returned to the pool, so the next call gets a fresh one: that is the restart.
final class PythonWorkerPool: Sendable {
    private struct State {
        var idle: [PythonWorkerKey: [PythonWorker]] = [:]
        var generation = 0
        var closed = false
        var scriptPath: String?
    }

    private let state = Locked(State())
    /// Idle workers kept per key beyond the first call's.
    let maxIdlePerKey: Int
    private let cacheDirectory: String

    init(maxIdlePerKey: Int = 4, cacheDirectory: String = UserDirectories.cache()) {
        self.maxIdlePerKey = maxIdlePerKey
        self.cacheDirectory = cacheDirectory
    }

    /// An idle worker for `key`, or a newly started one.
    func checkout(_ key: PythonWorkerKey) throws(ToolBindingError) -> PythonWorker {
        let (reused, generation, closed, cachedPath) = state.withLock { s -> (PythonWorker?, Int, Bool, String?) in
            (s.idle[key]?.popLast(), s.generation, s.closed, s.scriptPath)
        }
        if closed { throw ToolBindingError("toolscope is shutting down; Python tools no longer run") }
        if let reused { return reused }
        let script: String
        if let cachedPath, FileManager.default.fileExists(atPath: cachedPath) {
            script = cachedPath
        } else {
            do { script = try PythonWorkerSource.script.materialize(cacheDirectory: cacheDirectory) } catch {
                throw ToolBindingError("cannot write the Python worker script: \(error.description)")
            }
            state.withLock { $0.scriptPath = script }
        }
        do {
            return try PythonWorker.start(key: key, generation: generation, scriptPath: script)
        } catch {
            throw ToolBindingError("cannot start the Python worker: \(error.description)")
        }
    }

    /// Returns a healthy worker for reuse (or stops it when the pool is full, closed or reloaded).
    func checkin(_ worker: PythonWorker) {
        let keep = state.withLock { s -> Bool in
            guard !s.closed, worker.generation == s.generation, s.idle[worker.key, default: []].count < maxIdlePerKey else { return false }
            s.idle[worker.key, default: []].append(worker)
            return true
        }
        if !keep { worker.terminate() }
    }

    /// Forgets every warm worker so the next calls import the user's modules afresh (a changed
    /// module file is re-imported automatically; this also catches changed dependencies).
    func reloadAll() {
        let stale = state.withLock { s -> [PythonWorker] in
            s.generation += 1
            defer { s.idle.removeAll() }
            return s.idle.values.flatMap { $0 }
        }
        for worker in stale { worker.terminate() }
    }

    /// Stops every idle worker and refuses new calls; busy ones stop when they come back.
    func shutdown() {
        let all = state.withLock { s -> [PythonWorker] in
            s.closed = true
            defer { s.idle.removeAll() }
            return s.idle.values.flatMap { $0 }
        }
        for worker in all { worker.terminate() }
    }

    /// Idle worker count, for tests and the status line.
    var idleCount: Int { state.withLock { $0.idle.values.reduce(0) { $0 + $1.count } } }
}
