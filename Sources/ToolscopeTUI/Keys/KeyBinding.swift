/// One row of the binding table: in `scope`, each of `keys` runs `command` (when `condition`
/// holds). The same row is the reducer's dispatch, a line of the F1 help and of docs/keys.md,
/// and, when `hint` is set, a word in the status line.
public struct KeyBinding: Sendable, Hashable {
    public var scope: KeyScope
    public var keys: [Key]
    public var command: Command
    /// What the command does, as the help says it (the condition is added by the help).
    public var help: String
    public var condition: KeyCondition?
    /// The status line's short name for the command ("save"); nil keeps it out of the status line.
    public var hint: String?

    public init(_ scope: KeyScope, _ keys: [Key], _ command: Command, _ help: String, when condition: KeyCondition? = nil, hint: String? = nil) {
        self.scope = scope
        self.keys = keys
        self.command = command
        self.help = help
        self.condition = condition
        self.hint = hint
    }

    /// The help's text for the row: what it does, and when.
    public var helpText: String { condition.map { "\(help) (\($0.label))" } ?? help }
}

/// When a binding applies. A key whose condition does not hold falls through to the next scope
/// (and in a text field, a printable key to the text), which is how `q` quits from the trace
/// but types a q in the input line.
public enum KeyCondition: String, CaseIterable, Sendable, Hashable {
    /// The focus is on the trace or the tools list (not the input line or the JSON text).
    case notTyping
    /// Anywhere but the JSON editor's text (where the key is the editor's own).
    case outsideJSONText
    /// Anywhere but the JSON editor's text while it has a selection (Tab indents it).
    case noTextSelection
    case replaying
    /// In replay, but not in the JSON editor's text (where Ctrl-F finds).
    case replayingOutsideJSONText
    case busy
    /// The input line is empty.
    case emptyLine
    /// The pane or view has a search to step through.
    case searching
    /// The conversation has a search and the input line is empty (so n and N type text again
    /// as soon as the line holds something).
    case searchedOnEmptyLine
    /// The provider dialog's server listed its models.
    case modelsListed
    /// The provider dialog's row is a choice (provider, api, compat, store, history), not a text field.
    case choiceRow

    public var label: String {
        switch self {
        case .notTyping: return "when not typing"
        case .outsideJSONText: return "outside the JSON text"
        case .noTextSelection: return "unless text is selected in the JSON editor"
        case .replaying: return "in replay"
        case .replayingOutsideJSONText: return "in replay, outside the JSON text"
        case .busy: return "while a turn runs"
        case .emptyLine: return "on an empty line"
        case .searching: return "after a search"
        case .searchedOnEmptyLine: return "after a search, on an empty line"
        case .modelsListed: return "when the server listed its models"
        case .choiceRow: return "on a choice row"
        }
    }
}
