/// How the reducers read the binding table: a key in a scope, with the conditions answered
/// from this state. One place decides what "when not typing" or "after a search" means.
extension AppState {
    /// The command `key` runs in the first of `scopes` that binds it (given the state), or nil.
    func command(for key: Key, in scopes: KeyScope...) -> Command? {
        for scope in scopes {
            if let command = keymap.command(for: key, in: scope, holds: { holds($0) }) { return command }
        }
        return nil
    }

    /// The scope of the focused pane (the status line shows its hints after the global ones).
    var focusedScope: KeyScope {
        if experiments?.visible == true { return experiments?.field == .matrix ? .experimentsMatrix : .experimentsField }
        switch focus {
        case .conversation: return .conversation
        case .trace: return .trace
        case .editor: return editor.listFocused ? .toolsList : .jsonEditor
        }
    }

    func holds(_ condition: KeyCondition) -> Bool {
        let inJSONText = focus == .editor && !editor.listFocused
        switch condition {
        case .notTyping:
            // The Experiments screen has fields of its own: there q and ? are not global.
            return !Reducer.isTyping(self) && experiments?.visible != true
        case .outsideJSONText: return !inJSONText
        case .noTextSelection: return !(inJSONText && editor.buffer.selection != nil)
        case .replaying: return replay != nil
        case .replayingOutsideJSONText: return replay != nil && !inJSONText
        case .busy: return runState.isBusy
        case .emptyLine: return input.text.isEmpty
        case .searching:
            if case .detail(let d)? = modal { return d.search != nil }
            if case .help(let h)? = modal { return h.search != nil }
            if case .picker(let p)? = modal { return p.search != nil }
            return traceSearch != nil
        case .searchedOnEmptyLine: return conversationSearch != nil && input.text.isEmpty
        case .modelsListed:
            if case .provider(let p)? = modal { return !p.models.isEmpty }
            return false
        case .choiceRow:
            if case .provider(let p)? = modal { return p.field != .model && p.field != .baseURL }
            return false
        }
    }
}
