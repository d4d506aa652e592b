import Foundation

/// One round's request as a `curl` command for a POSIX shell: the URL, every header and the exact
/// JSON body toolscope's wire would send (the body pretty-printed: the same JSON value).
///
/// The key never appears: its header reads the session's key variable when the command runs
/// (`"Authorization: Bearer $OPENAI_API_KEY"`, `"x-api-key: $ANTHROPIC_API_KEY"`). Extra header
/// values are masked as `SecretMasker` masks them everywhere else, since their names do not say
/// which are credentials.
public struct CurlCommand: Sendable {
    public let text: String

    public init(session: Session, request: ChatRequest, environment: [String: String]) {
        let provider = session.settings.provider
        let api = provider.api
        let streaming = session.settings.stream
        let url = Self.baseURL(provider, environment: environment) + api.requestPath
        // A marker in place of the key: the header holding it is written with the variable instead.
        let marker = "\u{1}toolscope-key\u{1}"
        let headers = api.requestHeaders(key: marker, organization: provider.organization, project: provider.project,
                                         extra: provider.allHeaders, streaming: streaming)
        let masker = SecretMasker(secrets: provider.allHeaders.values.flatMap(SecretMasker.headerSecrets))
        var lines = ["curl -sS" + (streaming ? " -N " : " ") + ShellQuote.single(url)]
        for name in Self.ordered(Array(headers.keys), keyHeader: api.keyHeader(marker).name) {
            let value = headers[name]!
            if value.contains(marker) {
                let keyText = value.replacingEvery(marker, with: ShellQuote.variable(provider.apiKeyEnv))
                lines.append("-H \"\(name): \(keyText)\"")
            } else {
                lines.append("-H " + ShellQuote.single("\(name): \(masker.text(value))"))
            }
        }
        lines.append("--data-raw " + ShellQuote.single(api.requestBody(request, stream: streaming).pretty))
        text = lines.joined(separator: " \\\n  ") + "\n"
    }

    /// The base URL the provider would use: the session's, else the wire's environment variable,
    /// else the wire's default; without trailing slashes (as `OpenAIEndpoint` resolves it).
    static func baseURL(_ provider: ProviderConfig, environment: [String: String]) -> String {
        let fromEnvironment = environment[provider.api.baseURLEnv].flatMap { $0.isEmpty ? nil : $0 }
        var base = (provider.baseURL ?? fromEnvironment ?? provider.api.defaultBaseURL).trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// Content type, accept, user agent and the key first (what every request has), then the rest by name.
    static func ordered(_ names: [String], keyHeader: String) -> [String] {
        let first = ["Content-Type", "Accept", "User-Agent", keyHeader]
        let rest = names.filter { !first.contains($0) }.sorted { $0.lowercased() < $1.lowercased() }
        return first.filter { names.contains($0) } + rest
    }
}

/// Quoting for POSIX shells (bash, zsh, dash).
public enum ShellQuote {
    /// `text` as one single-quoted word: nothing inside is expanded; a quote is written `'\''`.
    public static func single(_ text: String) -> String {
        "'" + text.replacingEvery("'", with: "'\\''") + "'"
    }

    /// An expression for an environment variable's value inside double quotes: `$NAME` for a
    /// name the shell can expand, else `$(printenv 'NAME')` (a variable named `my-key` is legal
    /// in the environment but not in shell syntax).
    public static func variable(_ name: String) -> String {
        let isIdentifier = !name.isEmpty && name.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) }
            && !("0"..."9").contains(name.unicodeScalars.first!)
        return isIdentifier ? "$" + name : "$(printenv " + single(name) + ")"
    }
}
