/// Where a key binding applies. A key is looked up in the scopes that have the keys at that
/// moment (see `Reducer.handleKey`): a dialog's own scope, then the shared ones it builds on
/// (`lineField`, `textArea`, `scrolling`); with no dialog, `global`, then the focused pane's.
/// The order of the cases is the order of the F1 help and docs/keys.md.
public enum KeyScope: String, CaseIterable, Sendable, Hashable {
    case global, conversation, lineField, trace, toolsList, jsonEditor, textArea, argumentsEditor
    case experiments, experimentsField, experimentsMatrix
    case help, scrolling, detail, approval, provider, picker, pickerPath, searchBar, sessionSearch, copyMenu, toolCheck, convertTools, confirm

    /// The heading of the scope's group in the help and docs/keys.md.
    public var title: String {
        switch self {
        case .global: return "Everywhere"
        case .conversation: return "Conversation"
        case .lineField: return "One-line fields (the input line and every dialog's field)"
        case .trace: return "Trace"
        case .toolsList: return "Tools list"
        case .jsonEditor: return "JSON editor"
        case .textArea: return "Multi-line text (the JSON editor, Try, approval mode's edit)"
        case .argumentsEditor: return "Try a tool (t) and approval mode's edit (e)"
        case .experiments: return "Experiments screen (F12)"
        case .experimentsField: return "Experiments screen: the Suite, Repeats and Concurrency fields"
        case .experimentsMatrix: return "Experiments screen: the matrix"
        case .help: return "Help (F1)"
        case .scrolling: return "Help, detail and question dialogs: scrolling"
        case .detail: return "Detail and raw views"
        case .approval: return "Approval mode (F6): a call waiting for approval"
        case .provider: return "Provider (F2)"
        case .picker: return "Picker (Ctrl-O)"
        case .pickerPath: return "Picker: typing a path"
        case .searchBar: return "Find bar (/ in the conversation, Ctrl-F in the JSON editor)"
        case .sessionSearch: return "Search the session (Shift-F3): the hits"
        case .copyMenu: return "Copy as (Ctrl-Y)"
        case .toolCheck: return "Not sent (the tools have errors)"
        case .convertTools: return "Convert tools (F5 on another dialect)"
        case .confirm: return "Questions: trust, delete"
        }
    }

    /// The name a keymap file uses: the case name in kebab case (`tools-list`).
    public var name: String {
        var out = ""
        for c in rawValue { if c.isUppercase { out += "-" + c.lowercased() } else { out.append(c) } }
        return out
    }

    public static func named(_ name: String) -> KeyScope? { allCases.first { $0.name == name.lowercased() } }
}
