import ToolscopeEngine

/// Chooses the model for a headless run: a `--script` wins; then a real OpenAI-compatible
/// server when the options or environment configure one (ProviderOptions decides); else the
/// session's own scripted or replay provider, which for the embedded default is the demo script.
enum ProviderSelection {
    static func provider(for session: inout Session, sessionPath: String?, scriptPath: String?,
                         options: ProviderOptions, environment: [String: String]) throws -> any ChatProvider {
        if scriptPath == nil {
            options.apply(to: &session.settings, environment: environment)
            if options.selectsOpenAI(environment: environment, settings: session.settings) { session.settings.provider.kind = .openai }
            if session.settings.provider.kind == .openai {
                return try options.makeProvider(settings: session.settings, environment: environment)
            }
        }
        return try SessionSetup.offlineProvider(for: session, sessionPath: sessionPath, scriptPath: scriptPath)
    }
}
