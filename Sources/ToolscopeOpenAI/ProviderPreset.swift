import ToolscopeEngine

/// Named servers: OpenAI and Anthropic themselves, and the OpenAI-compatible servers people run
/// locally, so `--preset ollama` replaces remembering that Ollama listens on 11434 under `/v1`.
public enum ProviderPreset: String, CaseIterable, Sendable {
    case openai, anthropic, ollama, llamacpp, vllm, lmstudio

    /// The wire the server speaks unless `--api` says otherwise (OpenAI speaks both of its own).
    public var api: WireAPI { self == .anthropic ? .anthropic : .chat }

    public var baseURL: String {
        switch self {
        case .openai: return WireAPI.chat.defaultBaseURL
        case .anthropic: return WireAPI.anthropic.defaultBaseURL
        case .ollama: return "http://127.0.0.1:11434/v1"
        case .llamacpp: return "http://127.0.0.1:8080/v1"
        case .vllm: return "http://127.0.0.1:8000/v1"
        case .lmstudio: return "http://127.0.0.1:1234/v1"
        }
    }

    /// One line per preset for `--help` and the docs.
    public static var summary: String {
        allCases.map { "\($0.rawValue) → \($0.baseURL)\($0.api == .chat ? "" : " (\($0.api.rawValue))")" }.joined(separator: ", ")
    }
}
