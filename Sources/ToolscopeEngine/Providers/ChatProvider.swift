/// Anything that answers chat requests: the OpenAI-compatible client, the scripted model, a replay.
///
/// A provider is called from the loop's serial queue and must not block it: it reports progress
/// through `onEvent` and finishes by calling `completion` exactly once, from any thread.
/// When `cancellation` fires it stops at once and completes with a `.cancelled` error.
public protocol ChatProvider: Sendable {
    /// What the status line shows: "scripted (demo)", "openai http://127.0.0.1:11434/v1".
    var displayName: String { get }

    func send(
        _ request: ChatRequest,
        cancellation: CancellationToken,
        onEvent: @escaping @Sendable (TraceEvent.Kind) -> Void,
        completion: @escaping @Sendable (Result<ChatResponse, ProviderError>) -> Void
    )

    /// The provider's own I/O thread as a serial queue, where a turn may run to get this
    /// provider's responses without a thread switch (see `TurnQueue` for who may use it), or
    /// `nil` when it has none.
    var ioQueue: (any TurnQueue)? { get }
}

extension ChatProvider {
    public var ioQueue: (any TurnQueue)? { nil }
}
