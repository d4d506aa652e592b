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
    case setStepMode(Bool)
    case save(path: String)
    case open(path: String, replay: Bool)
    case listSessions
    case newSession
    /// Replace the loop's session (a replay fork, a new session); `path` is where it autosaves.
    case replaceSession(Session, path: String?)
    /// Continue a replayed recording live: `session` is the cut recording; the runtime saves it
    /// as a new file beside the recording and makes it the loop's session.
    case fork(Session, recordingPath: String?)
    case tryTool(ToolCall)
    case approve(id: Int, decisions: [CallDecision])
    case manualResult(id: Int, outcome: ToolOutcome)
    case switchProvider(ProviderConfig, model: String)
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
    case quit
}
