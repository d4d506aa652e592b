/// The one key handler of every one-line field: the input line and each dialog's field (save
/// as, rename, binding, imports, the picker's path, a manual result, the find bars, the
/// provider's model and URL, the Experiments screen's fields). The keys come from the
/// `lineField` scope of the keymap, so a key does the same in all of them (Ctrl-D deletes
/// forward everywhere); Enter and Esc are reported for the owner to act on.
enum LineField {
    enum Outcome: Equatable {
        /// The key edited the line or moved in it (or was a field key that changed nothing).
        case edited
        /// Enter (`submit`): the owner sends, saves, answers…
        case submit
        /// Esc (`cancel`): the owner closes or clears.
        case cancel
        /// Not a field key: the owner may use it.
        case ignored
    }

    static func update(_ line: inout LineEditor, _ key: Key, keymap: Keymap) -> Outcome {
        if let command = keymap.command(for: key, in: .lineField) { return apply(command, to: &line) }
        // Printable keys not bound in the field's scope are text.
        if case .char(let c) = key {
            line.insert(String(c))
            return .edited
        }
        return .ignored
    }

    static func apply(_ command: Command, to line: inout LineEditor) -> Outcome {
        switch command {
        case .submit: return .submit
        case .cancel: return .cancel
        case .cursorLeft: line.moveLeft()
        case .cursorRight: line.moveRight()
        case .lineStart: line.moveHome()
        case .lineEnd: line.moveEnd()
        case .wordLeft: line.moveWordLeft()
        case .wordRight: line.moveWordRight()
        case .killToStart: line.killToStart()
        case .killWordBackward: line.killWordBackward()
        case .killToEnd: line.killToEnd()
        case .deleteBackward: line.deleteBackward()
        case .deleteForward: line.deleteForward()
        case .historyPrevious: line.historyPrevious()
        case .historyNext: line.historyNext()
        default: return .ignored
        }
        return .edited
    }
}
