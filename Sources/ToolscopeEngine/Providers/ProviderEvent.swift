/// What a provider reports while it works on one request; the loop turns these into trace events.
public enum ProviderEvent: Sendable, Hashable {
    /// An attempt went out. `body` is the exact JSON sent; `headers` are already redacted.
    case requestSent(url: String, headers: [String: String], body: JSONValue, attempt: Int)
    /// The response status and (redacted) headers arrived.
    case responseStarted(status: Int, headers: [String: String], attempt: Int)
    /// A piece of assistant text (choice 0) arrived.
    case contentDelta(String)
    /// A piece of a refusal arrived.
    case refusalDelta(String)
    /// A piece of the model's reasoning arrived (Anthropic `thinking_delta`, a Responses reasoning
    /// summary or reasoning text). Shown live, never part of the answer; the wire keeps the whole
    /// block or item with the message for the round trip.
    case reasoningDelta(String)
    /// A tool call fragment: `id`/`name` on the first fragment of a call, `arguments` pieces after.
    case toolCallDelta(index: Int, id: String?, name: String?, arguments: String)
    /// The attempt failed and another will follow after `delay` seconds.
    case retrying(attempt: Int, delay: Double, reason: String)
    /// Something survivable but worth showing.
    case warning(String)
}
