/// The keys that edit a `TextBuffer` the same way everywhere: in the schema editor and in the
/// editors of the Try and edit-arguments dialogs. Each caller handles its own extras after this.
enum BufferKeys {
    /// Applies `key` when it is a shared motion or edit and returns true; false means the
    /// caller decides what the key does.
    static func applyCommon(_ key: Key, to b: inout TextBuffer, clipboard: inout String) -> Bool {
        switch key {
        case .left: b.moveLeft()
        case .right: b.moveRight()
        case .up: b.moveUp()
        case .down: b.moveDown()
        case .shiftLeft: b.moveLeft(selecting: true)
        case .shiftRight: b.moveRight(selecting: true)
        case .shiftUp: b.moveUp(selecting: true)
        case .shiftDown: b.moveDown(selecting: true)
        case .ctrlLeft: b.moveWordLeft()
        case .ctrlRight: b.moveWordRight()
        case .home: b.moveLineStart()
        case .end: b.moveLineEnd()
        case .enter: b.insertNewline()
        case .backspace: b.deleteBackward()
        case .delete: b.deleteForward()
        case .ctrl("a"): b.selectAll()
        case .ctrl("x"): if let cut = b.cut() { clipboard = cut }
        case .char(let c): b.insertCharacter(c)
        default: return false
        }
        return true
    }
}
