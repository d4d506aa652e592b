/// A key press, decoded from the terminal into names the reducer can match on.
/// Keeping this free of curses lets tests (and the benchmark) press keys without a terminal.
public enum Key: Hashable, Sendable {
    /// A printable character (including space).
    case char(Character)
    /// Control plus a letter or symbol, lower-cased: Ctrl-A is `.ctrl("a")`.
    case ctrl(Character)
    case enter, tab, backTab, escape, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    case shiftUp, shiftDown, shiftLeft, shiftRight, shiftHome, shiftEnd
    case ctrlUp, ctrlDown, ctrlLeft, ctrlRight, ctrlHome, ctrlEnd
    /// F1–F12; shifted function keys arrive as 13–24 (Shift-F1 is 13).
    case function(Int)
    /// Anything else the terminal reported, by its terminfo name.
    case unknown(String)

    /// Decodes one character read as text (not a function key).
    public static func fromCharacter(_ scalar: Unicode.Scalar) -> Key {
        switch scalar.value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0: return .ctrl(" ")
        case 1...26: return .ctrl(Character(Unicode.Scalar(scalar.value + 96)!))
        case 28: return .ctrl("\\")
        case 29: return .ctrl("]")
        case 30: return .ctrl("^")
        case 31: return .ctrl("_")
        default: return .char(Character(scalar))
        }
    }

    /// The key written the way the help screen and status line name it.
    public var label: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .shiftUp: return "Shift-Up"
        case .shiftDown: return "Shift-Down"
        case .shiftLeft: return "Shift-Left"
        case .shiftRight: return "Shift-Right"
        case .shiftHome: return "Shift-Home"
        case .shiftEnd: return "Shift-End"
        case .ctrlUp: return "Ctrl-Up"
        case .ctrlDown: return "Ctrl-Down"
        case .ctrlLeft: return "Ctrl-Left"
        case .ctrlRight: return "Ctrl-Right"
        case .ctrlHome: return "Ctrl-Home"
        case .ctrlEnd: return "Ctrl-End"
        case .function(let n) where n > 12: return "Shift-F\(n - 12)"
        case .function(let n): return "F\(n)"
        case .unknown(let name): return name
        }
    }
}
