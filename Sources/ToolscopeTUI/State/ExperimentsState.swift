import ToolscopeEngine
import ToolscopeEval

/// The Experiments screen (F12): the suite and its small fields, the live matrix, the cell
/// selected, the filter and the progress of the running experiment. It lives in `AppState`
/// while hidden, so the matrix keeps filling and the fields are remembered.
public struct ExperimentsState: Sendable {
    public enum Field: Int, CaseIterable, Sendable { case suite, repeats, concurrency, matrix }

    public enum Filter: String, CaseIterable, Sendable {
        case all, failing, flipped
        var next: Filter { Filter.allCases[(Filter.allCases.firstIndex(of: self)! + 1) % Filter.allCases.count] }
    }

    /// The name of the variant made of the workbench's own tools once a case was opened there.
    public static let editedVariant = "edited"

    public var visible = true
    public var suitePath: LineEditor
    public var repeats: LineEditor
    public var concurrency: LineEditor
    public var field: Field = .suite
    public var filter: Filter = .all
    public var matrix = ExperimentMatrix()
    /// The selected cell: a row of the filtered cases and a variant column.
    public var row = 0
    public var column = 0
    /// First case row shown.
    public var scroll = 0

    public var running = false
    public var progress: RunProgress?
    public var modelLabel: String?
    public var experimentID: Int64?
    public var database: String?
    /// Why the last experiment could not start or stopped (a bad suite, the provider); shown until the next run.
    public var problem: String?
    /// Set once a case was opened in the workbench from a cell: from then on the workbench's
    /// tools run beside the suite's variants as variant "edited".
    public var openedCase: ExperimentMatrix.Key?

    /// The screen as first opened, with the workbench's defaults.
    public init(_ defaults: ExperimentDefaults) {
        self.init(suitePath: defaults.suitePath ?? "", repeats: defaults.repeats, concurrency: defaults.concurrency)
    }

    public init(suitePath: String, repeats: Int = 1, concurrency: Int = 4) {
        self.suitePath = LineEditor(text: suitePath)
        self.repeats = LineEditor(text: String(repeats))
        self.concurrency = LineEditor(text: String(concurrency))
    }

    /// The selected cell's case and variant, when the matrix has one there.
    public var selected: ExperimentMatrix.Key? {
        let cases = matrix.visibleCases(filter)
        guard row >= 0, row < cases.count, column >= 0, column < matrix.variants.count else { return nil }
        return ExperimentMatrix.Key(caseID: cases[row], variant: matrix.variants[column])
    }

    /// Keeps the selection on a cell after the matrix or the filter changed.
    mutating func clampSelection() {
        let count = matrix.visibleCases(filter).count
        row = min(max(0, row), max(0, count - 1))
        column = min(max(0, column), max(0, matrix.variants.count - 1))
    }
}

/// What the runtime needs to run an experiment from the screen.
public struct ExperimentRequest: Sendable, Hashable {
    public var suitePath: String
    public var repeats: Int
    public var concurrency: Int
    /// Only these cases (a re-run of one case); nil runs them all.
    public var caseIDs: [String]?
    /// The workbench's tools, run as the extra variant "edited"; nil when no case was opened there.
    public var edited: [SessionTool]?
    /// The session's settings: its provider and model are the experiment's.
    public var settings: SessionSettings
    /// Whether code-running bindings among the edited tools may run (the session is trusted).
    public var trusted: Bool
    /// Make every run again; otherwise runs whose identical inputs finished before are reused (as `eval` resumes).
    public var fresh: Bool

    public init(suitePath: String, repeats: Int, concurrency: Int, caseIDs: [String]?, edited: [SessionTool]?, settings: SessionSettings,
                trusted: Bool, fresh: Bool = false) {
        self.fresh = fresh
        self.suitePath = suitePath
        self.repeats = repeats
        self.concurrency = concurrency
        self.caseIDs = caseIDs
        self.edited = edited
        self.settings = settings
        self.trusted = trusted
    }
}

/// What the runtime reports about an experiment, as actions.
public enum ExperimentEvent: Sendable {
    /// The experiment began: its plan's cases and variants, each variant's tools as pretty JSON.
    case started(id: Int64, model: String, database: String, cases: [String], variants: [String], toolsJSON: [String: String],
                 repeats: Int, total: Int, caseIDs: [String]?)
    case runFinished(caseID: String, variant: String, ExperimentMatrix.RunResult, RunProgress)
    case finished(RunProgress, cancelled: Bool)
    /// It could not start or could not record its runs.
    case failed(String)
    /// A cell's run, read from the database, to show read-only in the panes with why it failed.
    case runOpened(Session, title: String, explanation: [String])
    /// A case opened as a new live session with a variant's tools: `prompt` goes in the input line.
    case caseOpened(ExperimentMatrix.Key, prompt: String)
}

/// The Experiments screen's fields when it first opens (see `AppState.experimentDefaults`).
public struct ExperimentDefaults: Sendable, Hashable {
    public var suitePath: String?
    public var repeats = 1
    public var concurrency = 4

    public init(suitePath: String? = nil, repeats: Int = 1, concurrency: Int = 4) {
        self.suitePath = suitePath
        self.repeats = repeats
        self.concurrency = concurrency
    }
}
