import Foundation

/// Delivers a value to a completion handler at most once: the first of several racing
/// finishers (a result, a timeout, a cancellation) wins and the rest are dropped.
public final class Once<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var handler: (@Sendable (Value) -> Void)?

    public init(_ handler: @escaping @Sendable (Value) -> Void) { self.handler = handler }

    /// Returns true if this call delivered the value.
    @discardableResult
    public func callAsFunction(_ value: Value) -> Bool {
        let h: (@Sendable (Value) -> Void)? = lock.withLock {
            defer { handler = nil }
            return handler
        }
        guard let h else { return false }
        h(value)
        return true
    }

    public var isDone: Bool { lock.withLock { handler == nil } }
}
