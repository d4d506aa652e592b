/// Named base URLs for the OpenAI-compatible servers people run locally, so
/// `--preset ollama` replaces remembering that Ollama listens on 11434 under `/v1`.
public enum ProviderPreset: String, CaseIterable, Sendable {
    case openai, ollama, llamacpp, vllm, lmstudio

    public var baseURL: String {
        switch self {
        case .openai: return OpenAIEndpoint.defaultBaseURL
        case .ollama: return "http://127.0.0.1:11434/v1"
        case .llamacpp: return "http://127.0.0.1:8080/v1"
        case .vllm: return "http://127.0.0.1:8000/v1"
        case .lmstudio: return "http://127.0.0.1:1234/v1"
        }
    }

    /// Local servers accept requests without a key; OpenAI itself does not.
    public var requiresAPIKey: Bool { self == .openai }

    /// One line per preset for `--help` and the docs.
    public static var summary: String {
        allCases.map { "\($0.rawValue) → \($0.baseURL)" }.joined(separator: ", ")
    }
}
