import Foundation
import ToolscopeEngine

/// Runs jobs with at most `concurrency` at once, on threads of its own.
///
/// Each job blocks its thread for a whole tool loop (`ToolLoop.sendAndWait`), so the jobs do
/// not run on Dispatch's shared pool, where dozens of blocked workers would starve the loop and
/// provider queues they wait for. Cancelling stops handing out jobs at once; jobs already
/// running are told through the token and finish (as cancelled) before `run` returns, so every
/// run that finished before the cancel has been reported and kept.
public struct RunPool: Sendable {
    public let concurrency: Int

    public init(concurrency: Int) {
        precondition(concurrency >= 1, "concurrency must be at least 1")
        self.concurrency = concurrency
    }

    /// Calls `job` once per element of `items` (at most `concurrency` at once) until all are
    /// done or `cancellation` fires; returns when every started job has returned.
    public func run<Item: Sendable>(_ items: [Item], cancellation: CancellationToken,
                                    job: @escaping @Sendable (Item) -> Void) {
        guard !items.isEmpty else { return }
        let next = Locked(0)
        let workers = min(concurrency, items.count)
        let group = DispatchGroup()
        for index in 0..<workers {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                while !cancellation.isCancelled {
                    let i = next.withLock { n -> Int in defer { n += 1 }; return n }
                    guard i < items.count else { return }
                    job(items[i])
                }
            }
            thread.name = "toolscope.eval-\(index)"
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
    }
}
