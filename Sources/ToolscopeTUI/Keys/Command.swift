/// Everything a key can do, one case per action. A `KeyBinding` ties keys to a command in a
/// `KeyScope`; the reducers switch on the command, never on the key, so a keymap file can move
/// an action to another key without touching code. A case is shared by scopes where it means
/// the same thing there (`moveDown` in the trace, a list or a scrolling view).
public enum Command: String, CaseIterable, Sendable, Hashable {
    // Everywhere
    case help, focusNext, focusPrevious, save, quit, open, newSession, provider, toolChoice, parallelCalls
    case approvalMode, zoom, nextTheme, splitLeft, splitRight, splitUp, splitDown, caseFromTurn, experiments
    case copyAs, cancelTurn, replayForward, replayBack, searchSession
    // Lists and scrolling views
    case moveUp, moveDown, moveLeft, moveRight, pageUp, pageDown, first, last
    // The conversation
    case find, expandResults, foldResult
    // One-line fields
    case submit, cancel, cursorLeft, cursorRight, lineStart, lineEnd, wordLeft, wordRight
    case killToStart, killWordBackward, killToEnd, deleteBackward, deleteForward, historyPrevious, historyNext
    // Trace and searchable views
    case fold, search, nextMatch, previousMatch, clearSearch, details, close
    // Tools list
    case editJSON, addTool, duplicateTool, renameTool, deleteTool, binding, importPython, importMCP, toggleTool, tryTool, apply
    // Multi-line text (the JSON editor, the Try and edit-arguments editors)
    case cursorUp, cursorDown, selectLeft, selectRight, selectUp, selectDown, selectLineStart, selectLineEnd
    case documentStart, documentEnd, newline, selectAll, selectLine, cut, copy, paste, undo, redo
    case duplicateLine, deleteLine, moveLineUp, moveLineDown, matchBracket, indent, dedent, backToList
    case insertIndent, runArguments
    // Dialogs
    case yes, no, accept, sendAnyway, approveCall, editArguments, answerByHand, skipCall, approveAll
    case nextField, previousField, previousChoice, nextChoice, refreshModels, nextModel, previousModel
    case typePath, openSession, openReplay
    // Experiments screen
    case runSuite, runFresh, runCase, filter, difference, openCase, stopExperiment, openRun

    /// The name a keymap file uses: the case name in kebab case (`focus-next`, `kill-to-end`).
    public var name: String {
        var out = ""
        for c in rawValue {
            if c.isUppercase { out += "-" + c.lowercased() } else { out.append(c) }
        }
        return out
    }

    /// The command a keymap file names, or nil. Names a command had before a rename still work,
    /// so an existing keys.conf keeps its meaning.
    public static func named(_ name: String) -> Command? {
        let lowered = name.lowercased()
        return byName[lowered] ?? formerNames[lowered]
    }

    /// Earlier names of renamed commands: approval mode was called "step mode" ("step" now means
    /// only a replay round).
    private static let formerNames: [String: Command] = ["step-mode": .approvalMode]

    private static let byName: [String: Command] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })
}
