/// How a turn (one user message and all the rounds it caused) ended.
public struct TurnResult: Sendable {
    public enum Reason: String, Sendable, Hashable {
        /// The model answered in text.
        case answered
        case cancelled
        /// The provider failed (after its retries); the conversation ends before the failed request.
        case error
        /// The model kept calling tools past `maxRounds`.
        case maxRounds = "max_rounds"
        /// The model asked for the same call with the same arguments `repeatedCallLimit` times.
        case repeatedCall = "repeated_call"
        /// A turn was already running.
        case busy
        /// The pre-send check found errors in the tools (see `PreSendCheck`) and the turn was
        /// not started with `.sendAnyway`: nothing was sent. Before the first request the user
        /// message is not appended either, so the front end can offer it again.
        case toolErrors = "tool_errors"
    }

    public var reason: Reason
    public var finalText: String?
    /// Model requests made in this turn.
    public var rounds: Int
    /// A sentence for the user when the turn did not end with an answer.
    public var detail: String?
    /// The session after the turn.
    public var session: Session
}
