import Foundation
import ToolscopeEngine

/// Everything the screen shows, as one value. `reduce` changes it; `Renderer` draws it.
public struct AppState: Sendable {
    // Screen
    public var width: Int
    public var height: Int
    public var focus: Pane = .conversation
    public var zoomed = false
    /// Conversation column width, percent of the screen.
    public var splitPercent = 50
    /// Trace pane height, percent of the right column.
    public var traceSplitPercent = 45
    /// The border being dragged with the mouse, from the press on it to the release.
    public var splitDrag: SplitDrag.Border?
    public var themeName: String

    // Session
    public var session: Session
    public var sessionPath: String?
    /// Files that failed to load (or that a save would have replaced without this version
    /// being able to read them): never written to, even by autosave. Canonical paths; use
    /// `isProtected` and `protect`.
    public var protectedPaths: Set<String> = []
    public var unsaved = false
    /// Whether the session's python, command and MCP bindings may run: the file was trusted
    /// (`--trust`, remembered, or the trust dialog), or the session is new and the user made them.
    public var trusted = false
    public var providerName: String
    /// tool_call_id → function name, so a tool message can say which call it answers.
    public var callNames: [String: String] = [:]

    // Loop
    public var runState: RunState = .idle
    public var round = 0
    public var totals = Usage(promptTokens: 0, completionTokens: 0)
    public var live: StreamingMessage?
    public var approvalMode = false
    public var runningCalls: Set<String> = []
    /// Calls started from "Try a tool": they do not change the loop's state.
    public var tryCalls: Set<String> = []

    // Panes
    public var conversation = ConversationScroll()
    public var expandResults = false
    /// Long tool results folded or unfolded one at a time (a click on one, Ctrl-T), by the
    /// index of the tool message, where that differs from `expandResults`; Ctrl-R clears them.
    public var resultFolds: [Int: Bool] = [:]
    /// The message a click selected in the conversation (an index into `session.messages`):
    /// what Copy as copies while the conversation has the focus. A second click lets it go.
    public var selectedMessage: Int?
    public var input = LineEditor()
    public var trace = TraceModel()
    public var traceSelection = 0
    public var traceScroll = 0
    /// The conversation's search (`/` on an empty input line): rows of the whole conversation as
    /// drawn at the pane's width.
    public var conversationSearch: TextSearch?
    /// The trace's last search (`/`; n / N select its next / previous matching row).
    public var traceSearch: TextSearch?
    /// Rounds the user folded in the trace tree, by "turn:entry".
    public var traceFolded: Set<String> = []
    public var editor = EditorState()
    public var clipboard = ""
    /// The key bindings in force (the defaults with the user's keymap file applied): every
    /// reducer reads keys through it, and the help and status line show it.
    public var keymap = Keymap.defaults

    // Overlays
    public var modal: Modal?
    public var notice: Notice?
    public var replay: ReplayState?
    /// The Experiments screen (F12), kept while hidden; nil until first opened.
    public var experiments: ExperimentsState?
    /// What the Experiments screen starts with: `--suite`, else the suite it last ran (with
    /// that run's repeats and concurrency), else suites/demo.json when present.
    public var experimentDefaults = ExperimentDefaults()

    /// How many cells a character takes, for wrapping (the terminal's, or the pure-Swift table
    /// in tests). Wrapped rows are cached outside the state, in a `RenderContext`.
    public var measure: CellMeasure = .swift

    // Time (from `.tick`: the reducer never reads a clock)
    public var now: Double = 0
    /// Wall-clock time of the last tick, for names of files made now.
    public var date = Date(timeIntervalSince1970: 0)
    /// What relative paths are relative to (the workbench's working directory), so comparing
    /// two spellings of a path needs no file system call in the reducer.
    public var workingDirectory: String
    public var quitting = false

    public init(session: Session, sessionPath: String?, providerName: String, width: Int, height: Int, themeName: String = ThemeLoader.defaultName,
                workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.workingDirectory = workingDirectory
        self.session = session
        self.sessionPath = sessionPath
        self.providerName = providerName
        self.width = width
        self.height = height
        self.themeName = themeName
        trace = TraceModel(events: session.trace)
        rebuildCallNames()
        loadEditorBuffer()
        totals = session.trace.reduce(Usage(promptTokens: 0, completionTokens: 0)) { sum, e in
            if case .usage(let u) = e.kind { return sum + u }
            return sum
        }
    }

    /// The messages the conversation pane shows: the session, or in replay the steps reached.
    public var displayedMessages: ArraySlice<Message> {
        if let replay { return replay.recording.messages.prefix(replay.visibleCount) }
        return session.messages[...]
    }

    public var layout: Layout { Layout(state: self) }

    mutating func rebuildCallNames() {
        callNames = [:]
        let source = replay?.recording.messages ?? session.messages
        for m in source { for c in m.toolCalls { callNames[c.id] = c.name } }
    }

    /// Loads the selected tool's draft (or its saved JSON) into the editor and analyses it.
    mutating func loadEditorBuffer() {
        let tools = session.tools
        guard !tools.isEmpty else {
            editor.selected = 0
            editor.buffer = TextBuffer(text: "")
            editor.analysis = EditorState.Analysis()
            return
        }
        editor.selected = min(max(0, editor.selected), tools.count - 1)
        if let draft = editor.drafts[editor.selected] {
            editor.buffer = draft
        } else {
            var buffer = TextBuffer(text: tools[editor.selected].definition.raw.pretty)
            buffer.markSaved()
            editor.buffer = buffer
        }
        editor.scrollTop = 0
        editor.scrollLeft = 0
        editor.analysis = EditorState.analyse(editor.buffer.text, api: session.settings.provider.api)
    }
}

/// Where the conversation pane is scrolled. Following means "stick to the newest line".
/// Otherwise the top row is line `line` of message block `block`, so scrolling never needs the
/// wrapped height of the whole conversation, only of the blocks passed over.
public struct ConversationScroll: Sendable, Hashable {
    public var following = true
    public var block = 0
    public var line = 0
    public init() {}
}
