import ArgumentParser
import ToolscopeEngine
import ToolscopeExternalTools
import ToolscopeOpenAI

/// The options that pick and tune a real model server, shared by every command that talks to
/// one (`run`, `bench-client`, the workbench). They only *override* the session's settings:
/// what is not given on the command line keeps the session's value, so a saved session
/// replays against the same server unless the user says otherwise.
struct ProviderOptions: ParsableArguments {
    @Option(name: .long, help: "Base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1 (default: OPENAI_BASE_URL, else https://api.openai.com/v1).")
    var baseURL: String?

    @Option(name: .long, help: ArgumentHelp("A known local server: \(ProviderPreset.allCases.map(\.rawValue).joined(separator: ", ")).",
                                            discussion: ProviderPreset.summary))
    var preset: String?

    @Option(name: .long, help: "The server's API: chat (Chat Completions, default), responses (OpenAI Responses) or anthropic (Anthropic Messages).")
    var api: String?

    @Option(name: .long, help: "Model name (default: the session's, gpt-4o-mini).")
    var model: String?

    @Option(name: .long, help: "Environment variable holding the API key (default OPENAI_API_KEY). The key itself is never written anywhere.")
    var apiKeyEnv: String?

    @Option(name: .long, help: "Extra request header 'Name: value' for gateways (repeatable).")
    var header: [String] = []

    @Option(name: .long, help: "OpenAI-Organization header.")
    var organization: String?

    @Option(name: .long, help: "OpenAI-Project header.")
    var project: String?

    @Option(name: .long, help: ArgumentHelp("A workaround for a server's quirk, remembered for its base URL: \(ServerCompat.Option.allCases.map(\.rawValue).joined(separator: ", ")), or none to forget them (repeatable).",
                                            discussion: ServerCompat.Option.allCases.map { "\($0.rawValue): \($0.summary)" }.joined(separator: "; ")))
    var compat: [String] = []

    @Flag(name: .long, help: "Ask for plain (non-streamed) responses.")
    var noStream = false

    @Option(name: .long, help: "Retries after a failed attempt (429, 5xx, timeouts, connection errors); default 2.")
    var maxRetries: Int?

    @Option(name: .long, help: "Seconds to establish a connection (default 5).")
    var connectTimeout: Double?

    @Option(name: .long, help: "Longest silence, in seconds, while waiting for response bytes (default 60).")
    var readTimeout: Double?

    @Option(name: .long, help: "Longest a whole request may take, all retries included, in seconds (default 600).")
    var deadline: Double?

    func validate() throws {
        if let preset, ProviderPreset(rawValue: preset.lowercased()) == nil {
            throw ValidationError("unknown --preset \"\(preset)\"; expected one of \(ProviderPreset.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let api, WireAPI(rawValue: api.lowercased()) == nil {
            throw ValidationError("unknown --api \"\(api)\"; expected one of \(WireAPI.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for raw in header { _ = try Self.parseHeader(raw) }
        for name in compat where name != "none" && ServerCompat.Option(rawValue: name) == nil {
            throw ValidationError("unknown --compat \"\(name)\"; expected \((ServerCompat.Option.allCases.map(\.rawValue) + ["none"]).joined(separator: ", "))")
        }
        if let maxRetries, maxRetries < 0 { throw ValidationError("--max-retries must be 0 or more") }
        for (name, value) in [("--connect-timeout", connectTimeout), ("--read-timeout", readTimeout), ("--deadline", deadline)] {
            if let value, !(value > 0) { throw ValidationError("\(name) must be a positive number of seconds") }
        }
        if let apiKeyEnv, apiKeyEnv.isEmpty || apiKeyEnv.contains("=") {
            throw ValidationError("--api-key-env takes the *name* of an environment variable, e.g. OPENAI_API_KEY")
        }
    }

    /// The preset named by `--preset`, if any.
    var chosenPreset: ProviderPreset? { preset.flatMap { ProviderPreset(rawValue: $0.lowercased()) } }

    /// The wire named by `--api`, if any.
    var chosenAPI: WireAPI? { api.flatMap { WireAPI(rawValue: $0.lowercased()) } }

    /// True when the command line or the environment asks for a real server: `--base-url`,
    /// `--preset`, `--api`, the wire's base-URL variable (`OPENAI_BASE_URL`…), or the key
    /// variable being set. Otherwise the scripted model stays the default, so toolscope works
    /// offline with no configuration.
    func selectsOpenAI(environment: [String: String], settings: SessionSettings) -> Bool {
        if baseURL != nil || chosenPreset != nil || chosenAPI != nil { return true }
        let wire = settings.provider.api
        if let url = environment[wire.baseURLEnv], !url.isEmpty { return true }
        let keyVariable = apiKeyEnv ?? settings.provider.apiKeyEnv
        return !(environment[keyVariable] ?? "").isEmpty
    }

    /// Writes the given options into `settings`. `--base-url` or `--preset` also switch the
    /// provider kind to `.openai` (an explicit choice on the command line); the key is never
    /// copied, only the name of its variable.
    func apply(to settings: inout SessionSettings, environment: [String: String]) {
        if let preset = chosenPreset {
            settings.provider.baseURL = preset.baseURL
            settings.provider.switchWire(to: chosenAPI ?? preset.api)
        } else if let chosenAPI {
            settings.provider.switchWire(to: chosenAPI)
        }
        if let baseURL { settings.provider.baseURL = baseURL }
        if baseURL != nil || chosenPreset != nil || chosenAPI != nil { settings.provider.kind = .openai }
        if let model { settings.model = model }
        if let apiKeyEnv { settings.provider.apiKeyEnv = apiKeyEnv }
        for raw in header {
            if let (name, value) = try? Self.parseHeader(raw) { settings.provider.commandLineHeaders[name] = value }
        }
        if let organization { settings.provider.organization = organization }
        if let project { settings.provider.project = project }
        if !compat.isEmpty {
            var chosen = ServerCompat()
            for name in compat { if let option = ServerCompat.Option(rawValue: name) { chosen.enable(option) } }
            settings.provider.compat = chosen
        }
        if noStream { settings.stream = false }
        if let maxRetries { settings.provider.maxRetries = maxRetries }
        if let connectTimeout { settings.provider.connectTimeout = connectTimeout }
        if let readTimeout { settings.provider.readTimeout = readTimeout }
        if let deadline { settings.provider.deadline = deadline }
    }

    /// The OpenAI-compatible provider for `settings` (kind `.openai`). Other kinds are built by
    /// the session setup, so asking for one here is a programming error reported as a clear message.
    func makeProvider(settings: SessionSettings, environment: [String: String]) throws -> any ChatProvider {
        guard settings.provider.kind == .openai else {
            throw ValidationError("the \(settings.provider.kind.rawValue) provider is not an HTTP provider; build it from the session instead")
        }
        do {
            let config = settings.provider
            var endpoint = try OpenAIEndpoint(config: config, environment: environment)
            let memory = ServerCompatMemory(configDirectory: UserDirectories.config(environment))
            let remembered = try memory.compat(for: endpoint.baseURL)
            if compat.contains("none") {
                // "none" forgets what was remembered; the rest of --compat is what applies now.
                if !remembered.isDefault || !config.compat.isDefault { try memory.remember(config.compat, for: endpoint.baseURL) }
            } else {
                // A workaround the user turned on (session, --compat, the F2 dialog) is kept for the server.
                let merged = config.compat.union(remembered)
                if merged != remembered { try memory.remember(merged, for: endpoint.baseURL) }
                endpoint.compat = merged
            }
            return HTTPProvider(endpoint: endpoint, transport: AsyncHTTPClientTransport(environment: environment))
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// Splits "Name: value"; the name must be a valid HTTP token.
    static func parseHeader(_ raw: String) throws -> (String, String) {
        guard let colon = raw.firstIndex(of: ":") else {
            throw ValidationError("--header \"\(raw)\" must look like 'Name: value'")
        }
        let name = raw[..<colon].trimmingCharacters(in: .whitespaces)
        let value = raw[raw.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        let allowed = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        guard !name.isEmpty, name.allSatisfy({ allowed.contains($0) }) else {
            throw ValidationError("--header \"\(raw)\": \"\(name)\" is not a valid header name")
        }
        guard !value.contains(where: { $0 == "\n" || $0 == "\r" }) else {
            throw ValidationError("--header \"\(raw)\": the value may not contain a line break")
        }
        return (name, value)
    }
}
