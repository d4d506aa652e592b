import ToolscopeEngine

/// Work the reducer asks the runtime to do: anything that touches the engine, files, threads
/// or the terminal. Keeping it out of `reduce` keeps `reduce` pure and testable.
public enum Effect: Sendable, Hashable {
    case send(String)
    /// The user read the pre-send check's errors and chose to send regardless.
    case sendAnyway(String)
    case cancelTurn
    /// Tools or settings changed: hand the session's new configuration to the loop.
    case configure(tools: [SessionTool], settings: SessionSettings)
    case setApprovalMode(Bool)
    case save(path: String)
    /// The quiet save after a round and at the end of a turn (a session that has a file).
    case autosave(path: String)
    case open(path: String, replay: Bool)
    case listSessions
    case newSession
    /// Continue a replayed recording live: `session` is the cut recording; the runtime saves it
    /// as a new file beside the recording and makes it the loop's session.
    case fork(Session, recordingPath: String?)
    case tryTool(ToolCall)
    case approve(id: Int, decisions: [CallDecision])
    case manualResult(id: Int, outcome: ToolOutcome)
    /// Apply the F2 dialog: the provider, the model and the Responses `store` / history choices.
    case switchProvider(ProviderConfig, model: String, store: Bool?, history: ResponsesHistory)
    /// Ask the server of `config` for its models (`GET …/models`), then `.modelsListed` or `.modelsFailed`.
    case listModels(ProviderConfig)
    case reexecute(step: Int, calls: [ToolCall], recorded: [String: String])
    case loadTheme(String)
    /// Generate tools from a Python file's functions (off the main thread), then `.toolsImported`.
    case importPython(file: String, function: String?, interpreter: String)
    /// List an MCP server's tools; `config`, when given, is a new server to add under `server`.
    case importMCP(server: String, config: JSONValue?)
    /// The user trusted the session's code-running tools: rebuild the dispatcher; with
    /// `remember`, record the trust for the session file as it is on disk.
    case trust(remember: Bool)
    /// Keep the pane splits for the next start (the state directory's layout.json).
    case rememberSplit(conversation: Int, trace: Int)
    /// Copy an export of the session (`what` names it in the notice) to the clipboard, or to a
    /// file when the terminal cannot take it (see `Clipboard`).
    case copy(ExportFormat, ExportTarget, what: String)
    /// Run a suite from the Experiments screen (off the main thread); reports come as `.experiment`.
    /// The suite, repeats and concurrency are kept for the next start (experiments.json).
    case runExperiment(ExperimentRequest)
    case cancelExperiment
    /// Read a run of the current experiment from its database and show it in the panes.
    case openExperimentRun(id: Int64, caseID: String, variant: String, repeatIndex: Int)
    /// Open a case as a new live session with a variant's tools.
    case openExperimentCase(caseID: String, variant: String)
    /// Append a regression case made from the session's last turn to the suite at `path`.
    case appendCase(path: String)
    case quit
}
