import Foundation

/// A one-way switch shared by everything working on one turn. `cancel()` runs every
/// registered handler once (on the caller's thread); a handler added after cancellation runs at once.
public final class CancellationToken: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    private var handlers: [@Sendable () -> Void] = []

    public init() {}

    public var isCancelled: Bool { lock.withLock { cancelled } }

    public func cancel() {
        let toRun: [@Sendable () -> Void] = lock.withLock {
            guard !cancelled else { return [] }
            cancelled = true
            defer { handlers.removeAll() }
            return handlers
        }
        for handler in toRun { handler() }
    }

    /// Registers `handler` to run on cancellation.
    public func onCancel(_ handler: @escaping @Sendable () -> Void) {
        let runNow: Bool = lock.withLock {
            if cancelled { return true }
            handlers.append(handler)
            return false
        }
        if runNow { handler() }
    }
}
