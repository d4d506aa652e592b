/// The conversation in its wire's own shape, written into a session file beside the messages as
/// `"wire_transcript"` so what is saved pastes straight into code for that API: Responses'
/// `instructions` and `input` items, Anthropic's `system` and `messages` with their blocks.
///
/// It is derived from the messages (their native items verbatim where they have them) on every
/// save; on load the messages are authoritative and the transcript is ignored.
public enum WireTranscript {
    public static let key = "wire_transcript"

    /// The transcript for `api`, or nil for Chat Completions (whose transcript is `messages` itself).
    public static func json(_ messages: [Message], api: WireAPI) -> JSONValue? {
        switch api {
        case .chat:
            return nil
        case .responses:
            var o: JSONObject = ["api": "responses"]
            if let instructions = ResponsesFormat.instructions(messages) { o["instructions"] = .string(instructions) }
            o["input"] = ResponsesFormat.transcript(messages)
            return .object(o)
        case .anthropic:
            var o: JSONObject = ["api": "anthropic"]
            if let system = AnthropicFormat.system(messages) { o["system"] = system }
            o["messages"] = AnthropicFormat.transcript(messages)
            return .object(o)
        }
    }
}
