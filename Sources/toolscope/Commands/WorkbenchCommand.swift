import ArgumentParser
import Foundation
import ToolscopeEngine
import ToolscopeExternalTools
import ToolscopeOpenAI
import ToolscopeTUI

/// `toolscope [SESSION_FILE]`: the full-screen workbench, and the default subcommand.
///
/// Wiring only: it decides trust, applies the provider options, and hands the TUI a provider
/// factory, so the TUI module never links the HTTP client or spawns processes itself.
struct WorkbenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbench",
        abstract: "Open the full-screen workbench (the default).",
        discussion: """
            With no session file, opens the embedded demo session with the scripted demo model (no API key needed);
            try "Compare the weather in Tokyo, London and New York". F1 inside lists every key.
            NO_COLOR forces the monochrome theme.
            """)

    @Argument(help: "Session file to open (default: the embedded demo session).")
    var sessionFile: String?

    @Option(name: .long, help: "Theme name (dark, light, high-contrast, monochrome) or a theme .json file.")
    var theme: String?

    @Flag(name: .long, help: "Trust the session file: enable its python, command and MCP bindings (remembered by content).")
    var trust = false

    @Flag(name: .long, help: "Open the session file in replay mode: step through its rounds.")
    var replay = false

    @Option(name: .long, help: "Open on the Experiments screen with this suite file (F12 toggles it; see docs/experiments.md).")
    var suite: String?

    @Flag(name: .long, help: "Leave the mouse to the terminal (to select text with it); also TOOLSCOPE_MOUSE=off.")
    var noMouse = false

    @OptionGroup var toolLimits: ToolLimitOptions

    @OptionGroup var provider: ProviderOptions

    func validate() throws {
        if replay, sessionFile == nil { throw ValidationError("--replay needs a session file") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        var trusted = false
        if let path = sessionFile {
            if trust { try? TrustStore.trust(path: path) }
            // Otherwise the workbench asks on its first screen, listing exactly what would run.
            trusted = trust || TrustStore.isTrusted(path: path)
        }
        let externalTools = ExternalTools()
        let options = provider
        let limits = toolLimits
        var workbenchOptions = WorkbenchOptions(
            sessionPath: sessionFile, themeName: theme, trusted: trusted, replay: replay, environment: environment,
            executablePath: CommandLine.arguments.first.map { URL(fileURLWithPath: $0).standardizedFileURL.path },
            adjustSettings: { settings in
                options.apply(to: &settings, environment: environment)
                limits.apply(to: &settings)
                if options.selectsOpenAI(environment: environment, settings: settings) { settings.provider.kind = .openai }
            },
            makeProvider: { session, path in
                if session.settings.provider.kind == .openai {
                    return try options.makeProvider(settings: session.settings, environment: environment)
                }
                return try SessionSetup.offlineProvider(for: session, sessionPath: path, scriptPath: nil)
            },
            externalTools: externalTools,
            externals: WorkbenchExternalsAdapter(tools: externalTools),
            suitePath: suite,
            // The same providers as `toolscope eval`: the session's server, else the scripted model without delay.
            makeExperimentProvider: { settings in
                try ExperimentProviders.make(settings: settings, real: settings.provider.kind == .openai, environment: environment, scriptPath: nil)
            },
            listModels: { config in
                // The same endpoint (key, headers, proxies) a request to this server would use.
                let endpoint = try OpenAIEndpoint(config: config, environment: environment)
                return try await ModelCatalog.list(endpoint: endpoint, transport: AsyncHTTPClientTransport(environment: environment))
            })
        workbenchOptions.mouse = !noMouse && environment["TOOLSCOPE_MOUSE"]?.lowercased() != "off"
        let workbench = Workbench(options: workbenchOptions)
        let status = workbench.run()
        externalTools.shutdown()
        if status != 0 { throw ExitCode(status) }
    }
}
