import Dispatch
import ToolscopeEngine

/// Bounds the external tool processes (Python calls, commands) that run at once: in all, and
/// per tool. A call that finds a bound reached waits on its own thread (executors may block)
/// until a slot frees or its call is cancelled. Waiters are admitted in arrival order, except
/// that one held back only by its own tool's bound does not block calls of other tools.
///
/// Each call carries the limits of the session that made it, so a change of settings applies
/// to the next call without rebuilding anything; one limiter serves the whole app, so the
/// overall bound holds across everything this `ExternalTools` runs.
final class ProcessLimiter: Sendable {
    /// A slot a call holds while its process runs; `release()` (idempotent) frees it.
    final class Slot: Sendable {
        private let limiter: ProcessLimiter
        private let key: String
        private let released = Locked(false)

        fileprivate init(limiter: ProcessLimiter, key: String) {
            self.limiter = limiter
            self.key = key
        }

        func release() {
            let first = released.withLock { r in defer { r = true }; return !r }
            if first { limiter.free(key) }
        }
    }

    private struct Waiter {
        let id: Int
        let key: String
        let limits: ToolProcessLimits
        let wake: DispatchSemaphore
    }

    private struct State {
        var running = 0
        var runningPerKey: [String: Int] = [:]
        var queue: [Waiter] = []
        var admitted: Set<Int> = []
        var nextID = 0

        func fits(_ key: String, _ limits: ToolProcessLimits) -> Bool {
            running < limits.overall && runningPerKey[key, default: 0] < limits.perTool
        }

        mutating func take(_ key: String) {
            running += 1
            runningPerKey[key, default: 0] += 1
        }

        /// Admits queued waiters that now fit, oldest first; returns their semaphores to signal.
        mutating func admitWaiters() -> [DispatchSemaphore] {
            var woken: [DispatchSemaphore] = []
            var index = 0
            while index < queue.count {
                let waiter = queue[index]
                if fits(waiter.key, waiter.limits) {
                    take(waiter.key)
                    admitted.insert(waiter.id)
                    woken.append(waiter.wake)
                    queue.remove(at: index)
                } else {
                    index += 1
                }
            }
            return woken
        }
    }

    private let state = Locked(State())

    /// Running processes in all and for `key`, for tests and the status line.
    func running(_ key: String? = nil) -> Int {
        state.withLock { s in key.map { s.runningPerKey[$0, default: 0] } ?? s.running }
    }

    /// Calls waiting for a slot, for tests.
    var waiting: Int { state.withLock { $0.queue.count } }

    /// A slot for one process of tool `key`, waiting while `limits` are reached. `onQueued` runs
    /// (on this thread, before the wait) only when the call has to wait; `onStarted` gets the
    /// seconds waited whenever it did. Returns nil when `cancellation` fires first.
    func acquire(key: String, limits: ToolProcessLimits, cancellation: CancellationToken,
                 onQueued: () -> Void, onStarted: (Double) -> Void) -> Slot? {
        if cancellation.isCancelled { return nil }
        let wake = DispatchSemaphore(value: 0)
        let queuedID = state.withLock { s -> Int? in
            // A newcomer that fits still queues behind earlier waiters of the same tool, keeping order.
            if s.fits(key, limits) && !s.queue.contains(where: { $0.key == key }) {
                s.take(key)
                return nil
            }
            s.nextID += 1
            s.queue.append(Waiter(id: s.nextID, key: key, limits: limits, wake: wake))
            return s.nextID
        }
        guard let id = queuedID else { return Slot(limiter: self, key: key) }

        let queuedAt = MonotonicClock.now()
        onQueued()
        cancellation.onCancel { wake.signal() }
        wake.wait()
        let admitted = state.withLock { s -> Bool in
            if s.admitted.remove(id) != nil { return true }
            s.queue.removeAll { $0.id == id }
            return false
        }
        guard admitted else { return nil }
        if cancellation.isCancelled {
            // Admitted and cancelled at once: hand the slot straight on.
            Slot(limiter: self, key: key).release()
            return nil
        }
        onStarted(MonotonicClock.now() - queuedAt)
        return Slot(limiter: self, key: key)
    }

    private func free(_ key: String) {
        let woken = state.withLock { s -> [DispatchSemaphore] in
            s.running -= 1
            s.runningPerKey[key, default: 1] -= 1
            if s.runningPerKey[key] == 0 { s.runningPerKey[key] = nil }
            return s.admitWaiters()
        }
        for wake in woken { wake.signal() }
    }

    /// A slot for `invocation`'s tool, reporting the wait through the invocation (queued, then
    /// started after so many seconds) so the dispatcher can trace it; nil when cancelled first.
    func acquire(for invocation: ToolInvocation, limits: ToolProcessLimits, cancellation: CancellationToken) -> Slot? {
        acquire(key: invocation.call.name, limits: limits, cancellation: cancellation,
                onQueued: { invocation.report(.queued) },
                onStarted: { invocation.report(.started(waited: $0)) })
    }
}
