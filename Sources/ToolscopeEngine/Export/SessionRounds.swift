/// A session's model requests rebuilt from its messages: round N is the request that produced
/// the N-th assistant message (every message before it, the session's enabled tools and
/// settings, and the tool_choice the loop used then). When the conversation ends in a message
/// the model has not answered (a failed turn), that request is round `count + 1`, the pending one.
public struct SessionRounds: Sendable {
    public let session: Session
    /// Indices in `session.messages` of the assistant messages, oldest first.
    public let answers: [Int]

    public init(_ session: Session) {
        self.session = session
        answers = session.messages.indices.filter { session.messages[$0].role == .assistant }
    }

    /// Rounds the model answered.
    public var count: Int { answers.count }

    /// True when the last message waits for an answer (a user or tool message after the last assistant one).
    public var hasPending: Bool {
        guard let last = session.messages.last else { return false }
        return last.role != .assistant
    }

    /// Every round that can be exported: the answered ones, then the pending one.
    public var available: ClosedRange<Int>? {
        let last = count + (hasPending ? 1 : 0)
        return last >= 1 ? 1...last : nil
    }

    /// The round exported when none is named: the pending request, else the last answered one.
    public var latest: Int? { available?.upperBound }

    /// The request of round `number` (1-based), or `nil` when there is no such round.
    public func request(round number: Int) -> ChatRequest? {
        guard let range = available, range.contains(number) else { return nil }
        let end = number <= count ? answers[number - 1] : session.messages.count
        let messages = Array(session.messages[..<end])
        return ChatRequest(messages: messages, tools: session.enabledDefinitions, settings: session.settings,
                           toolChoice: toolChoice(before: end))
    }

    /// The assistant message of round `number`, when the model answered it.
    public func answer(round number: Int) -> Message? {
        guard number >= 1, number <= count else { return nil }
        return session.messages[answers[number - 1]]
    }

    /// The round whose answer holds the call `id`.
    public func round(ofCall id: String) -> Int? {
        answers.firstIndex { session.messages[$0].toolCalls.contains { $0.id == id } }.map { $0 + 1 }
    }

    /// The round whose answer is `message` (the same message as the trace shows it).
    public func round(answering message: Message) -> Int? {
        if let i = answers.lastIndex(where: { session.messages[$0] == message }) { return i + 1 }
        // The trace's copy may differ in what was masked or saved; tool call ids still identify it.
        guard let id = message.toolCalls.first?.id else { return nil }
        return round(ofCall: id)
    }

    /// The loop relaxes a forced tool_choice to auto once the model has called a tool in the turn
    /// (TurnRunner): a round after such an answer in the same turn was sent with auto.
    private func toolChoice(before end: Int) -> ToolChoice {
        let choice = session.settings.toolChoice
        guard choice.forcesCall else { return choice }
        let messages = session.messages
        var i = end - 1
        while i >= 0, messages[i].role != .user {
            if messages[i].role == .assistant, !messages[i].toolCalls.isEmpty { return .auto }
            i -= 1
        }
        return choice
    }
}
