import NIOCore
import ToolscopeEngine

/// Runs Swift tasks on one NIO event loop, so code that reads a response body can live on the
/// thread that receives it.
///
/// AsyncHTTPClient hands each body chunk from its event loop to the awaiting task and takes the
/// demand for the next chunk back the other way. When that task runs on the cooperative pool,
/// every chunk costs two cross-thread wake-ups (measured: about 25 µs of CPU per SSE chunk, more
/// than framing and parsing it). With the task on the same loop, both hand-offs are plain enqueues
/// on the loop's own queue and no thread is woken. swift-nio 2.101 makes event loops serial
/// executors only (for actors), not task executors, hence this small adapter.
///
/// Whatever runs under this executor runs on the event loop: it must never block (no semaphores,
/// no `EventLoopFuture.wait()`, no file or process I/O) — only short CPU work and awaits.
final class EventLoopTaskExecutor: TaskExecutor, TurnQueue {
    let loop: any EventLoop

    init(_ loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        // `EventLoop.enqueue` would run the job as if on a serial executor (actor isolation);
        // a task-executor job must be run as such so the runtime keeps the task's preference.
        loop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }

    /// As a `TurnQueue`: plain closures on the same loop, in order.
    func enqueue(_ work: @escaping @Sendable () -> Void) {
        loop.execute(work)
    }
}
