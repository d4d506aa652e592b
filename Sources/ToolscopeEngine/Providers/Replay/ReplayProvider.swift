/// Plays a recorded session's assistant turns in order: the n-th assistant message of the
/// conversation is answered with the recording's n-th assistant message. It derives its place
/// from the request alone, so it never drifts from the conversation it is part of.
public struct ReplayProvider: ChatProvider {
    public let recordedTurns: [Message]
    public let title: String

    /// `asTheModelSentThem`: play each tool call with the arguments the model sent, before the
    /// user's approval-mode edits (`call_edits`). `SessionReplayer` does this and re-applies the edits
    /// through `RecordedDecisions`, so the replay records them again. Otherwise the calls carry
    /// the arguments that ran, which is what a conversation continued from the recording needs.
    public init(recording: Session, asTheModelSentThem: Bool = false) {
        var turns = recording.messages.filter { $0.role == .assistant }
        if asTheModelSentThem {
            for t in turns.indices {
                for c in turns[t].toolCalls.indices {
                    if let original = recording.callEdits[turns[t].toolCalls[c].id]?.originalArguments {
                        turns[t].toolCalls[c].arguments = original
                    }
                }
            }
        }
        recordedTurns = turns
        title = recording.title
    }

    public var displayName: String { "replay (\(title))" }

    public func send(_ request: ChatRequest, cancellation: CancellationToken,
                     onEvent: @escaping @Sendable (TraceEvent.Kind) -> Void,
                     completion: @escaping @Sendable (Result<ChatResponse, ProviderError>) -> Void) {
        onEvent(.requestSent(url: "replay://recording", headers: [:], body: request.openAIBody(), attempt: 1))
        if cancellation.isCancelled {
            return completion(.failure(ProviderError(kind: .cancelled, message: "cancelled by the user")))
        }
        let index = request.messages.filter { $0.role == .assistant }.count
        guard index < recordedTurns.count else {
            return completion(.failure(ProviderError(kind: .script,
                message: "the recording has no assistant turn \(index + 1) (it has \(recordedTurns.count)); the conversation went further than the recording")))
        }
        let message = recordedTurns[index]
        if request.settings.stream {
            if let text = message.content, !text.isEmpty { onEvent(.contentDelta(text)) }
            for (i, call) in message.toolCalls.enumerated() {
                onEvent(.toolCallDelta(index: i, id: call.id, name: call.name, arguments: call.arguments))
            }
        }
        completion(.success(ChatResponse(message: message, finishReason: message.toolCalls.isEmpty ? "stop" : "tool_calls",
                                         timeToFirstToken: 0)))
    }
}
