import ToolscopeEngine

/// A dialog over the panes. While one is open it receives every key.
public enum Modal: Sendable {
    case help(HelpState)
    case detail(DetailState)
    case approval(ApprovalState)
    case manualResult(ManualResultState)
    case provider(ProviderDialogState)
    case picker(PickerState)
    case tryTool(TryToolState)
    case prompt(PromptState)
    case confirm(ConfirmState)
    case copyMenu(CopyMenuState)
    case toolCheck(ToolCheckState)
    case convertTools(ConvertToolsState)
    case sessionSearch(SessionSearchState)
}

/// The help (F1): where it is scrolled, and its search (`/`, n / N), as the detail view has.
public struct HelpState: Sendable {
    public var scroll = 0
    /// The query being typed after `/`; nil when not typing one.
    public var searchInput: LineEditor?
    /// The last search, over the help's rows at the dialog's width.
    public var search: TextSearch?

    public init(scroll: Int = 0) { self.scroll = scroll }
}

/// The editor's text is tools in another dialect (or several tools): their OpenAI form, shown
/// as a unified diff from the text, waiting for apply (y/Enter) or cancel (n/Esc).
public struct ConvertToolsState: Sendable {
    /// The tool whose editor text was converted; the first converted tool replaces it.
    public var toolIndex: Int
    public var conversion: ToolDialectConversion
    public var diff: [UnifiedDiff.Line]
    public var scroll: Int = 0
}

/// The pre-send check found errors in the tools: the message is not sent (it stays in the input
/// line) until the user fixes them or deliberately sends anyway.
public struct ToolCheckState: Sendable {
    /// The message that was about to be sent.
    public var text: String
    public var check: PreSendCheck
    public var scroll: Int = 0
}

/// The trace detail view: a titled, scrollable block of text lines. Long lines (a raw SSE event,
/// a minified body) are wrapped to the dialog's width rather than cut at its edge; `lines` are
/// the rows as shown, `source` the lines as built.
public struct DetailState: Sendable {
    public var title: String
    public private(set) var source: [StyledLine]
    public private(set) var lines: [StyledLine]
    /// For each row of `lines`, the index of the source line it came from.
    private var rowSource: [Int]
    /// The text width `lines` were wrapped to; nil until `fit` ran.
    public private(set) var wrapWidth: Int?
    public var scroll: Int = 0
    /// A question to ask once this closes (the trust question after import notes).
    public var then: ConfirmState?
    /// The query being typed after `/`; nil when not typing one.
    public var searchInput: LineEditor?
    /// The last search (n / N move through its matches).
    public var search: TextSearch?

    public init(title: String, lines: [StyledLine], scroll: Int = 0, then: ConfirmState? = nil) {
        self.title = title
        self.source = lines
        self.lines = lines
        self.rowSource = Array(lines.indices)
        self.scroll = scroll
        self.then = then
    }

    /// Text columns inside a full-screen dialog on a screen `screenWidth` wide (see `DialogView.frame`).
    public static func textWidth(screenWidth: Int) -> Int { max(1, screenWidth - 8) }

    /// Wraps the source lines for a screen `screenWidth` wide, keeping the top line in view.
    public mutating func fit(screenWidth: Int, measure: CellMeasure) {
        let width = Self.textWidth(screenWidth: screenWidth)
        guard width != wrapWidth else { return }
        // The source line at the top stays at the top after re-wrapping.
        let topSource = rowSource.isEmpty ? 0 : rowSource[min(max(0, scroll), rowSource.count - 1)]
        var rows: [StyledLine] = []
        var sources: [Int] = []
        var newScroll = 0
        for (i, line) in source.enumerated() {
            if i == topSource { newScroll = rows.count }
            let wrapped = line.wrapped(width: width, measure: measure)
            rows += wrapped
            sources += Array(repeating: i, count: wrapped.count)
        }
        lines = rows
        rowSource = sources
        wrapWidth = width
        scroll = newScroll
        search?.find(in: lines.map(\.text), from: scroll)
    }
}

/// Approval mode: the calls of one assistant message waiting for decisions, decided one at a time.
public struct ApprovalState: Sendable {
    public var id: Int
    public var calls: [ToolCall]
    public var decisions: [CallDecision] = []
    /// Set while the user edits the current call's arguments.
    public var editing: TextBuffer?
    /// Set while the user types the answer for the current call.
    public var answering: LineEditor?
    public var scroll: Int = 0
    public var current: ToolCall? { decisions.count < calls.count ? calls[decisions.count] : nil }
}

/// A manual binding asks a person for the result of one call.
public struct ManualResultState: Sendable {
    public var id: Int
    public var call: ToolCall
    public var arguments: JSONValue
    public var input: LineEditor
}

/// The provider dialog's fields.
public struct ProviderDialogState: Sendable {
    /// `store` and `history` are Responses options: the dialog shows them, and Enter applies
    /// them, only while the api is `responses` (on another wire they would send nothing).
    public enum Field: Int, CaseIterable, Sendable { case kind, api, model, baseURL, compat, store, history }
    public var kind: ProviderConfig.Kind
    /// The wire for an HTTP server (ignored by the scripted and replay models).
    public var api: WireAPI = .chat
    public var model: LineEditor
    public var baseURL: LineEditor
    /// Workarounds for the server's quirks (Space toggles the one shown).
    public var compat = ServerCompat()
    /// Responses `store`: nil sends nothing (the server's default), as `--store` unset does.
    public var store: Bool? = nil
    /// Responses history: the whole conversation, or `previous_response_id` (`--responses-history`).
    public var history: ResponsesHistory = .full
    public var field: Field = .kind
    public var error: String?

    /// The rows the user can move to: the Responses rows only while the api is `responses`.
    public var fields: [Field] {
        api == .responses ? Field.allCases : Field.allCases.filter { $0 != .store && $0 != .history }
    }

    /// The choices of the `store` row, in the order ←→ walks them.
    public static let storeChoices: [Bool?] = [nil, true, false]

    /// What the `store` row shows for a choice.
    public static func label(store: Bool?) -> String { store.map { String($0) } ?? "unset" }

    /// The models the server listed for `modelsBaseURL` (PgUp/PgDn put one in the model field).
    public var models: [String] = []
    public var modelsBaseURL: String?
    /// What the model list is doing: "asking …", "12 models", or why it failed.
    public var modelsNote: String?

    /// The provider the dialog describes now, for listing models or applying it.
    func config(from current: ProviderConfig) -> ProviderConfig {
        var config = current
        config.kind = kind
        config.switchWire(to: api)
        config.compat = compat
        let url = baseURL.text.trimmingCharacters(in: .whitespaces)
        config.baseURL = url.isEmpty ? nil : url
        return config
    }
}

/// The session picker: files under sessions/ and recently used files, or a path the user types.
public struct PickerState: Sendable {
    public var entries: [SessionListEntry]
    public var selected: Int = 0
    /// The typed path while the path field has the keys (Tab, or typing `/`, `~` or `.`); nil in the list.
    public var path: LineEditor?
    /// The typed path being opened: the picker stays until it loads, so a failure is shown here.
    public var opening: String?
    /// Why the last typed path did not open (missing, unreadable, not a session).
    public var error: String?
    /// The typed text as a search over the entries (label and path): matches are marked, and
    /// ↓ / ↑ put the next / previous matching session's path in the field.
    public var search: TextSearch?

    /// What the search reads of each entry, one row per entry.
    public var searchRows: [String] { entries.map { $0.label + "  " + $0.path } }
}

/// "Try a tool": an arguments document checked against the tool's schema as it is edited.
public struct TryToolState: Sendable {
    public var toolIndex: Int
    public var toolName: String
    public var schema: JSONValue
    public var buffer: TextBuffer
    public var problems: [String] = []
    public var scroll: Int = 0
}

/// A one-line question: save-as path, tool rename, a tool's binding, what to import.
public struct PromptState: Sendable {
    public enum Purpose: Sendable, Hashable { case saveAs, renameTool(Int), quitSaveAs, binding(Int), importPython, importMCP, caseFromTurn, searchTrace, searchConversation, searchEditor, searchSession }
    public var purpose: Purpose
    public var title: String
    public var input: LineEditor
    /// A line of help under the field (the accepted forms).
    public var hint: String = ""
}

/// A yes/no question, with optional lines of detail under it (what exactly would run).
/// The details wrap to the dialog's width and scroll; `scroll` is the first wrapped row shown.
public struct ConfirmState: Sendable {
    public enum Purpose: Sendable, Hashable {
        case deleteTool(Int)
        /// Enable the session's code-running tools; `remember` records it for the file on disk.
        case trust(remember: Bool)
    }
    public var purpose: Purpose
    public var question: String
    public var details: [ExecutionListing.Line] = []
    public var scroll: Int = 0
}
