import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A thread of its own that runs the Swift tasks of one HTTP request at a time, and on which
/// those tasks may block in socket calls.
///
/// Why: a streamed answer arrives as dozens of small socket reads. Reading each with a blocking
/// `recv` on the thread that also frames and parses it costs one wake-up per read and nothing
/// else — no event loop, no hand-off between threads (see DESIGN.md, "HTTP transports"). The
/// cooperative pool must never block, so the request's task prefers this executor instead.
///
/// A lane is leased from `BlockingLanePool` for one request and given back after; it never runs
/// two requests' blocking work at once. All mutable state is guarded by `condition`.
final class BlockingLane: TaskExecutor, @unchecked Sendable {
    private enum Work {
        case job(UnownedJob)
        case closure(@Sendable () -> Void)
    }

    private let condition = NSCondition()
    private var queue: [Work] = []
    private var stopping = false
    private var exited = false

    init(name: String) {
        // The thread keeps the lane alive until `stop()` lets it end.
        let thread = Thread { self.main() }
        thread.name = name
        thread.start()
    }

    /// True when the calling thread is a lane's: blocking calls are allowed here.
    static var isCurrent: Bool { pthread_getspecific(LaneMarker.key) != nil }

    func enqueue(_ job: consuming ExecutorJob) {
        submit(.job(UnownedJob(job)))
    }

    /// Runs `work` on this lane's thread.
    func run(_ work: @escaping @Sendable () -> Void) {
        submit(.closure(work))
    }

    /// Lets the thread end once its queue is empty (the pool keeps only a few idle lanes).
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func submit(_ work: Work) {
        condition.lock()
        if exited {
            condition.unlock()
            // Only reachable if a task still preferred a lane the pool had retired: run it on
            // the global executor rather than lose it.
            DispatchQueue.global().async {
                switch work {
                case .job(let job): job.runSynchronously(on: globalConcurrentExecutor.asUnownedTaskExecutor())
                case .closure(let closure): closure()
                }
            }
            return
        }
        queue.append(work)
        condition.signal()
        condition.unlock()
    }

    private func main() {
        pthread_setspecific(LaneMarker.key, UnsafeRawPointer(bitPattern: 1))
        let me = asUnownedTaskExecutor()
        var batch: [Work] = []
        condition.lock()
        while true {
            while queue.isEmpty && !stopping { condition.wait() }
            if queue.isEmpty {
                exited = true
                condition.unlock()
                return
            }
            swap(&batch, &queue)
            condition.unlock()
            for work in batch {
                switch work {
                case .job(let job): job.runSynchronously(on: me)
                case .closure(let closure): closure()
                }
            }
            batch.removeAll(keepingCapacity: true)
            condition.lock()
        }
    }
}

/// The thread-specific key that marks lane threads.
private enum LaneMarker {
    static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()
}
