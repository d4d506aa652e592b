/// Answers every call with the same outcome: the `mock` binding, and the stand-in for bindings
/// that cannot run (untrusted, misconfigured), so the model gets a readable error instead of silence.
public struct FixedResultExecutor: ToolExecutor {
    public let outcome: ToolOutcome

    public init(outcome: ToolOutcome) { self.outcome = outcome }

    public var mayBlock: Bool { false }

    public func execute(_ invocation: ToolInvocation, cancellation: CancellationToken,
                        completion: @escaping @Sendable (ToolOutcome) -> Void) {
        completion(outcome)
    }
}
