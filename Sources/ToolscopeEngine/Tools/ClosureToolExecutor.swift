/// A tool implemented by a Swift closure that may throw. A thrown error becomes an error result
/// naming the error's type and description, so the model can read it and the loop goes on.
public struct ClosureToolExecutor: ToolExecutor {
    public let body: @Sendable (JSONValue, CancellationToken) throws -> JSONValue

    public init(_ body: @escaping @Sendable (JSONValue, CancellationToken) throws -> JSONValue) { self.body = body }

    public func execute(_ invocation: ToolInvocation, cancellation: CancellationToken,
                        completion: @escaping @Sendable (ToolOutcome) -> Void) {
        do {
            completion(.success(try body(invocation.arguments, cancellation)))
        } catch {
            completion(.error("\(invocation.call.name) failed: \(String(describing: type(of: error))): \(error)",
                              extra: ["type": .string(String(describing: type(of: error)))]))
        }
    }
}
