import Foundation

/// A task executor with one dedicated thread of its own, outside Swift's cooperative pool.
///
/// Used to drive swift-subprocess's tasks: a caller that blocks a pool thread while waiting for a
/// child (a Dispatch-based tool run, a test's `wait`) must not be able to starve the task that
/// records the child's exit. Jobs run in order; they must be short and must not block.
public final class ThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    /// Starts the thread; it lives as long as the process (executors are shared statics).
    public init(name: String) {
        let thread = Thread { [unowned self] in self.main() }
        thread.name = name
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func main() {
        let me = asUnownedTaskExecutor()
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let batch = jobs
            jobs.removeAll()
            condition.unlock()
            for job in batch { job.runSynchronously(on: me) }
        }
    }
}
