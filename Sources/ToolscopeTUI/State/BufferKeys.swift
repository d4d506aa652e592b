/// The keys that edit a `TextBuffer` the same way everywhere: in the schema editor and in the
/// editors of the Try and edit-arguments dialogs (the keymap's `textArea` scope). Each caller
/// handles its own commands first (undo's notice, Tab) and passes the rest here.
enum BufferKeys {
    /// Applies a shared motion or edit and returns true; false means the command is not one
    /// of them. Printable keys are typed by `type`.
    static func apply(_ command: Command, to b: inout TextBuffer, clipboard: inout String) -> Bool {
        switch command {
        case .cursorLeft: b.moveLeft()
        case .cursorRight: b.moveRight()
        case .cursorUp: b.moveUp()
        case .cursorDown: b.moveDown()
        case .selectLeft: b.moveLeft(selecting: true)
        case .selectRight: b.moveRight(selecting: true)
        case .selectUp: b.moveUp(selecting: true)
        case .selectDown: b.moveDown(selecting: true)
        case .wordLeft: b.moveWordLeft()
        case .wordRight: b.moveWordRight()
        case .lineStart: b.moveLineStart()
        case .lineEnd: b.moveLineEnd()
        case .newline: b.insertNewline()
        case .deleteBackward: b.deleteBackward()
        case .deleteForward: b.deleteForward()
        case .selectAll: b.selectAll()
        case .cut: if let cut = b.cut() { clipboard = cut }
        case .paste: if !clipboard.isEmpty { b.insert(clipboard) }
        case .undo: _ = b.undo()
        case .redo: _ = b.redo()
        default: return false
        }
        return true
    }

    /// A printable key not bound in the text's scopes is typed; true when it was.
    static func type(_ key: Key, into b: inout TextBuffer) -> Bool {
        guard case .char(let c) = key else { return false }
        b.insertCharacter(c)
        return true
    }
}
