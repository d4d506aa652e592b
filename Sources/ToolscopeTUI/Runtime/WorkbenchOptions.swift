import ToolscopeEngine

/// What the `toolscope` command hands the workbench. The provider factory is injected so this
/// module never imports the HTTP client: the command builds scripted, replay or OpenAI providers.
public struct WorkbenchOptions: Sendable {
    public var sessionPath: String?
    public var themeName: String?
    /// Allow python/command/MCP bindings from the session to run.
    public var trusted: Bool
    /// Open `sessionPath` in replay mode.
    public var replay: Bool
    public var environment: [String: String]
    public var executablePath: String?
    /// Applies command-line provider options to a session's settings (model, base URL…).
    public var adjustSettings: @Sendable (inout SessionSettings) -> Void
    /// Builds the provider for a session (its settings say which kind) and its file path.
    public var makeProvider: @Sendable (Session, String?) throws -> any ChatProvider
    /// Lists the models of an HTTP server (`GET …/models`) for the F2 dialog; injected like
    /// `makeProvider` so this module never speaks HTTP. `nil`: the dialog offers no list.
    public var listModels: (@Sendable (ProviderConfig) async throws -> [String])?
    /// Mouse reports on (click to focus or select, the wheel scrolls). Off leaves the mouse to the
    /// terminal, for selecting text with it (`--no-mouse`, or `TOOLSCOPE_MOUSE=off`).
    public var mouse = true
    public var externalTools: (any ExternalToolFactory)?
    /// Trust records and importers for tools that run code; nil disables importing.
    public var externals: (any WorkbenchExternals)?
    /// The suite the Experiments screen opens on at start (`toolscope --suite FILE`); nil starts on the panes.
    public var suitePath: String?
    /// Builds the provider of an experiment's runs from their settings, with the label results
    /// name it by (the CLI's, shared with `toolscope eval`); nil uses `makeProvider`.
    public var makeExperimentProvider: ExperimentProviderFactory?

    public typealias ExperimentProviderFactory = @Sendable (SessionSettings) throws -> (provider: any ChatProvider, label: String)

    public init(sessionPath: String?, themeName: String?, trusted: Bool, replay: Bool, environment: [String: String],
                executablePath: String?, adjustSettings: @escaping @Sendable (inout SessionSettings) -> Void,
                makeProvider: @escaping @Sendable (Session, String?) throws -> any ChatProvider,
                externalTools: (any ExternalToolFactory)?, externals: (any WorkbenchExternals)? = nil,
                suitePath: String? = nil, makeExperimentProvider: ExperimentProviderFactory? = nil,
                listModels: (@Sendable (ProviderConfig) async throws -> [String])? = nil) {
        self.suitePath = suitePath
        self.makeExperimentProvider = makeExperimentProvider
        self.sessionPath = sessionPath
        self.themeName = themeName
        self.trusted = trusted
        self.replay = replay
        self.environment = environment
        self.executablePath = executablePath
        self.adjustSettings = adjustSettings
        self.makeProvider = makeProvider
        self.externalTools = externalTools
        self.externals = externals
        self.listModels = listModels
    }
}
