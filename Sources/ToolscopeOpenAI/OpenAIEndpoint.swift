import Foundation
import ToolscopeEngine

/// A `ProviderConfig` resolved against the environment: the base URL to use, the key itself
/// (never stored anywhere but here, in memory) and the headers every request carries.
///
/// Resolution happens once, up front, so a bad URL or a missing key is a clear configuration
/// error before anything is sent rather than a confusing failure from the first request.
public struct OpenAIEndpoint: Sendable {
    public static let defaultBaseURL = WireAPI.chat.defaultBaseURL

    /// The wire requests are spoken in.
    public var api: WireAPI
    /// Without a trailing slash; requests go to `wire.url(baseURL:)`.
    public var baseURL: String
    public var apiKey: String?
    /// The environment variable the key came from, named in error messages.
    public var apiKeyEnv: String
    public var organization: String?
    public var project: String?
    public var extraHeaders: [String: String]
    public var maxRetries: Int
    public var connectTimeout: Double
    public var readTimeout: Double
    public var deadline: Double
    /// Workarounds for this server's quirks (the session's and those remembered for the server).
    public var compat: ServerCompat
    public var host: String
    public var port: Int

    /// Base URL: the config's, else the wire's variable (`OPENAI_BASE_URL`, `ANTHROPIC_BASE_URL`),
    /// else the wire's default. Key: `environment[config.apiKeyEnv]`.
    public init(config: ProviderConfig, environment: [String: String]) throws(ProviderError) {
        let api = config.api
        let chosen = config.baseURL ?? environment[api.baseURLEnv].flatMap { $0.isEmpty ? nil : $0 } ?? api.defaultBaseURL
        var base = chosen.trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else {
            throw ProviderError(kind: .configuration,
                                message: "the base URL \"\(chosen)\" is not an http:// or https:// URL (example: http://127.0.0.1:11434/v1)")
        }
        // "http://host:/v1" parses with no port, which would silently mean 80 (or 443).
        if let schemeEnd = base.range(of: "://") {
            let authority = base[schemeEnd.upperBound...].prefix { $0 != "/" }
            if authority.hasSuffix(":") {
                throw ProviderError(kind: .configuration,
                                    message: "the base URL \"\(chosen)\" has a colon but no port after the host (example: http://127.0.0.1:11434/v1)")
            }
        }
        if let path = Wires.make(api).misplacedPath(inBaseURL: base) {
            throw ProviderError(kind: .configuration,
                                message: "the base URL \"\(chosen)\" already ends in \(path); give the part before it (for example \(api.defaultBaseURL))")
        }
        self.api = api
        self.baseURL = base
        self.host = host
        self.port = url.port ?? (scheme == "https" ? 443 : 80)
        self.apiKeyEnv = config.apiKeyEnv
        let key = environment[config.apiKeyEnv]?.trimmingCharacters(in: .whitespacesAndNewlines)
        self.apiKey = (key?.isEmpty ?? true) ? nil : key
        self.organization = config.organization
        self.project = config.project
        self.extraHeaders = config.allHeaders
        self.maxRetries = max(0, config.maxRetries)
        self.connectTimeout = config.connectTimeout
        self.readTimeout = config.readTimeout
        self.deadline = config.deadline
        self.compat = config.compat
        if apiKey == nil, ["api.openai.com", "api.anthropic.com"].contains(host.lowercased()) {
            throw ProviderError(kind: .configuration,
                                message: "no API key: set \(config.apiKeyEnv) (or name another variable with --api-key-env) to talk to \(base)")
        }
        for (name, value) in extraHeaders where name.contains(where: { $0 == ":" || $0 == "\n" || $0 == "\r" }) || value.contains(where: { $0 == "\n" || $0 == "\r" }) {
            throw ProviderError(kind: .configuration, message: "the extra header \"\(name)\" has a name or value that cannot be sent (colon or line break)")
        }
    }

    /// The headers of an OpenAI request (Chat Completions or Responses); the key only in `Authorization`.
    public func openAIHeaders(streaming: Bool) -> [String: String] {
        WireAPI.chat.requestHeaders(key: apiKey, organization: organization, project: project, extra: extraHeaders, streaming: streaming)
    }

    /// Everything secret this endpoint knows: the key and the value of every extra header
    /// (a gateway header's name does not tell whether its value is a credential, so all are).
    public var redactor: Redactor {
        var secrets: [String] = []
        if let apiKey { secrets.append(apiKey) }
        for value in extraHeaders.values { secrets += SecretMasker.headerSecrets(value) }
        return Redactor(secrets: secrets)
    }
}
