/// The author of a chat message, as the OpenAI Chat Completions API names them.
public enum Role: String, Sendable, Hashable, CaseIterable {
    case system, developer, user, assistant, tool
}
