import Foundation
import ToolscopeEngine

/// Keeps warm Python workers, one per interpreter and directory, and starts another only while
/// calls overlap (parallel tool calls in one turn). A worker that timed out or crashed is never
/// returned to the pool, so the next call gets a fresh one: that is the restart.
///
/// Workers alive (busy and idle) stay within the caller's bound: the `ProcessLimiter` bounds the
/// busy ones, and a checkout that must start a worker first stops idle ones beyond the bound.
/// Every checked-out worker comes back through `checkin` (healthy) or `retire` (stopped).
final class PythonWorkerPool: Sendable {
    private struct State {
        var idle: [PythonWorkerKey: [PythonWorker]] = [:]
        /// Idle workers, oldest first, across keys: the first to stop when a bound needs room.
        var idleOrder: [ObjectIdentifier] = []
        var busy = 0
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

    /// An idle worker for `key`, or a newly started one. Starting one first stops the oldest idle
    /// workers of other keys while more than `maxAlive` would be alive.
    func checkout(_ key: PythonWorkerKey, maxAlive: Int = .max) throws(ToolBindingError) -> PythonWorker {
        let (reused, evicted, closed, cachedPath) = state.withLock { s -> (PythonWorker?, [PythonWorker], Bool, String?) in
            if s.closed { return (nil, [], true, s.scriptPath) }
            s.busy += 1
            if let worker = s.idle[key]?.popLast() {
                s.idleOrder.removeAll { $0 == ObjectIdentifier(worker) }
                return (worker, [], false, s.scriptPath)
            }
            var evicted: [PythonWorker] = []
            while s.busy + s.idleOrder.count > maxAlive, let oldest = s.idleOrder.first {
                s.idleOrder.removeFirst()
                for (k, workers) in s.idle {
                    if let i = workers.firstIndex(where: { ObjectIdentifier($0) == oldest }) {
                        evicted.append(s.idle[k]!.remove(at: i))
                        break
                    }
                }
            }
            return (nil, evicted, false, s.scriptPath)
        }
        if closed { throw ToolBindingError("toolscope is shutting down; Python tools no longer run") }
        for worker in evicted { worker.terminate() }
        if let reused { return reused }
        let script: String
        if let cachedPath, FileManager.default.fileExists(atPath: cachedPath) {
            script = cachedPath
        } else {
            do { script = try PythonWorkerSource.script().materialize(cacheDirectory: cacheDirectory) } catch {
                state.withLock { $0.busy -= 1 }
                throw ToolBindingError("cannot prepare the Python worker script: \(error.description)")
            }
            state.withLock { $0.scriptPath = script }
        }
        do {
            return try PythonWorker.start(key: key, scriptPath: script)
        } catch {
            state.withLock { $0.busy -= 1 }
            throw ToolBindingError("cannot start the Python worker: \(error.description)")
        }
    }

    /// Returns a healthy worker for reuse (or stops it when the pool is full or closed).
    func checkin(_ worker: PythonWorker) {
        let keep = state.withLock { s -> Bool in
            s.busy -= 1
            guard !s.closed, s.idle[worker.key, default: []].count < maxIdlePerKey else { return false }
            s.idle[worker.key, default: []].append(worker)
            s.idleOrder.append(ObjectIdentifier(worker))
            return true
        }
        if !keep { worker.terminate() }
    }

    /// Stops a checked-out worker that failed (timed out, crashed, cancelled) and frees its place.
    func retire(_ worker: PythonWorker) {
        state.withLock { $0.busy -= 1 }
        worker.terminate()
    }

    /// Stops every idle worker and refuses new calls; busy ones stop when they come back.
    func shutdown() {
        let all = state.withLock { s -> [PythonWorker] in
            s.closed = true
            defer { s.idle.removeAll(); s.idleOrder.removeAll() }
            return s.idle.values.flatMap { $0 }
        }
        for worker in all { worker.terminate() }
    }

    /// Workers alive: checked out plus idle, for tests.
    var aliveCount: Int { state.withLock { s in s.busy + s.idle.values.reduce(0) { $0 + $1.count } } }
}
