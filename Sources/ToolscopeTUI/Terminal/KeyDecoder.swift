import CNcursesw

/// Maps curses function-key codes to `Key`. Keys without a fixed code (Ctrl-arrows, Shift-F9…)
/// are recognised by their terminfo names, which is how xterm and tmux report them.
enum KeyDecoder {
    static func functionKey(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_SR: return .shiftUp
        case KEY_SF: return .shiftDown
        case KEY_SLEFT: return .shiftLeft
        case KEY_SRIGHT: return .shiftRight
        case KEY_SHOME: return .shiftHome
        case KEY_SEND: return .shiftEnd
        case KEY_F0 + 1...KEY_F0 + 24: return .function(Int(code - KEY_F0))
        default: break
        }
        guard let raw = keyname(code) else { return .unknown("\(code)") }
        let name = String(cString: raw)
        switch name {
        case "kUP5": return .ctrlUp
        case "kDN5": return .ctrlDown
        case "kLFT5": return .ctrlLeft
        case "kRIT5": return .ctrlRight
        case "kHOM5": return .ctrlHome
        case "kEND5": return .ctrlEnd
        case "kUP2": return .shiftUp
        case "kDN2": return .shiftDown
        default: return .unknown(name)
        }
    }
}
