import Foundation
import ToolscopeEngine

/// Everything that can change the state: keys, engine events, timer ticks, resizes, and the
/// results of effects the runtime carried out. `reduce` handles each one.
public enum Action: Sendable {
    case key(Key)
    /// A click or a wheel turn; never a key, so it can never be typed into a field.
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
    /// The runtime is up and the first frame is about to be drawn (a session file opened at
    /// start may need the trust question now).
    case started
    /// Monotonic seconds, which drive spinners and elapsed times, and the wall clock for the
    /// names of files made now (a replay's fork): the reducer never reads a clock itself.
    case tick(now: Double, date: Date? = nil)
    case trace(TraceEvent)
    case turnFinished(TurnResult)
    /// A try-a-tool run ended.
    case tryFinished(callID: String, outcome: ToolOutcome)
    /// Approval mode: the loop asks for decisions on these calls.
    case approvalRequested(id: Int, calls: [ToolCall])
    /// A manual binding needs a person to supply the result.
    case manualResultRequested(id: Int, call: ToolCall, arguments: JSONValue)
    /// A session to show: opened from `path`, made new, or an experiment's case. `trusted` is
    /// whether its code-running tools may run (a remembered decision for the file); nil keeps
    /// the current answer. An untrusted file that binds code gets the trust question.
    case sessionLoaded(Session, path: String?, replay: Bool, trusted: Bool? = nil)
    /// Opening `path` failed: it becomes protected (never saved over) and the error is shown.
    case sessionLoadFailed(path: String, message: String)
    /// The session was written to `path`; `quietly` for the save after a round (no notice).
    case saved(path: String, quietly: Bool = false)
    case saveFailed(String)
    /// A save to `path` was refused because the file there is not a session this version reads fully.
    case saveRefused(path: String, message: String)
    case sessionList([SessionListEntry])
    case providerChanged(name: String, settings: SessionSettings)
    /// The loop talks to this provider now (a session was loaded or replaced); nothing else changed.
    case providerReady(name: String)
    case providerFailed(String)
    /// The server behind `baseURL` lists these models (for the F2 dialog's model field).
    case modelsListed(baseURL: String, names: [String])
    /// Listing the models of `baseURL` failed; the message says why.
    case modelsFailed(baseURL: String, message: String)
    case replayCompared(step: Int, differences: [String: ReexecutionComparison])
    case themeChanged(name: String, problem: String?)
    /// An import finished: tools to add (replacing same-named ones) and MCP servers to add.
    case toolsImported(ImportedTools, source: String, mcpServers: JSONObject)
    case importFailed(String)
    case notice(Notice)
    /// The Experiments screen's runtime reports (an experiment started, a run finished…).
    case experiment(ExperimentEvent)
    case quit
}

/// One file the session picker offers.
public struct SessionListEntry: Hashable, Sendable {
    public var path: String
    public var label: String
    public var isRecent: Bool

    public init(path: String, label: String, isRecent: Bool) {
        self.path = path
        self.label = label
        self.isRecent = isRecent
    }
}

/// How a re-executed tool call compares with the recording.
public struct ReexecutionComparison: Hashable, Sendable {
    public var recorded: String
    public var actual: String
    public var matches: Bool

    public init(recorded: String, actual: String, matches: Bool) {
        self.recorded = recorded
        self.actual = actual
        self.matches = matches
    }

    /// What changed, at the JSON paths that changed; empty when the results match.
    public var lines: [ResultDiff.Line] { matches ? [] : ResultDiff.lines(recorded: recorded, replayed: actual) }
}
