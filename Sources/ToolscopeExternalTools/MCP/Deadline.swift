import Foundation
import ToolscopeEngine

/// Races async work against a timer. The MCP SDK has no per-request timeout and its requests
/// may ignore task cancellation, so the loser is abandoned rather than awaited; callers make
/// sure abandoned work ends (by killing the server it waits on).
enum Deadline {
    enum Outcome<T: Sendable>: Sendable {
        case value(T)
        case failed(any Error)
        case timedOut
    }

    static func race<T: Sendable>(seconds: Double, _ operation: @escaping @Sendable () async throws -> T) async -> Outcome<T> {
        await withCheckedContinuation { (continuation: CheckedContinuation<Outcome<T>, Never>) in
            let once = Once<Outcome<T>> { continuation.resume(returning: $0) }
            let timer = Task {
                try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9))
                once(.timedOut)
            }
            Task {
                do { once(.value(try await operation())) } catch { once(.failed(error)) }
                timer.cancel()
            }
        }
    }

    /// Runs async work from synchronous code (the CLI, the dispatcher's threads) and waits.
    /// Never call it from inside a Swift concurrency task.
    static func blocking<T: Sendable>(_ operation: @escaping @Sendable () async -> T) -> T {
        let box = Locked<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            let value = await operation()
            box.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        return box.current!
    }
}
