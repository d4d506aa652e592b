/// The `manual` binding: hands the call to a person through the front end's `ManualResultProvider`.
public struct ManualExecutor: ToolExecutor {
    public let provider: (any ManualResultProvider)?

    public init(provider: (any ManualResultProvider)?) { self.provider = provider }

    public func execute(_ invocation: ToolInvocation, cancellation: CancellationToken,
                        completion: @escaping @Sendable (ToolOutcome) -> Void) {
        guard let provider else {
            completion(.error("\(invocation.call.name) is answered by hand, but no person is attached to supply the result (run it from the workbench or an interactive terminal)"))
            return
        }
        provider.requestResult(for: invocation.call, arguments: invocation.arguments, cancellation: cancellation, completion: completion)
    }
}
