/// Key names as a keymap file writes them: `ctrl-s`, `f5`, `shift-f9`, `shift-tab`, `enter`,
/// `esc`, `pgdn`, `space`, `ctrl-up`, or one character (`a`, `A`, `?`). `Key(name:)` and
/// `Key.name` round-trip; named keys are read in any case, a single character as written.
extension Key {
    public init?(name: String) {
        if name.count == 1, let c = name.first {
            guard c != " ", !c.isNewline, c.unicodeScalars.first.map({ $0.value >= 0x20 && $0.value != 0x7F }) == true else { return nil }
            self = .char(c)
            return
        }
        let lower = name.lowercased()
        if let key = Key.named[lower] { self = key; return }
        if lower.hasPrefix("ctrl-"), lower.count == 6, let c = lower.last, c.isLetter, c.isASCII {
            self = .ctrl(c)
            return
        }
        if lower.hasPrefix("shift-f"), let n = Int(lower.dropFirst(7)), (1...12).contains(n) { self = .function(n + 12); return }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) { self = .function(n); return }
        return nil
    }

    /// The key's name in a keymap file (what `init(name:)` reads back).
    public var name: String {
        switch self {
        case .char(" "): return "space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "ctrl-" + String(c)
        case .function(let n) where n > 12: return "shift-f\(n - 12)"
        case .function(let n): return "f\(n)"
        case .unknown(let name): return name
        default: return Key.names[self] ?? label.lowercased()
        }
    }

    /// The status line's short form: `^S` for Ctrl-S, otherwise the help's label.
    public var shortLabel: String {
        if case .ctrl(let c) = self { return "^" + String(c).uppercased() }
        return label
    }

    private static let canonical: [(String, Key)] = [
        ("enter", .enter), ("tab", .tab), ("shift-tab", .backTab), ("esc", .escape), ("backspace", .backspace),
        ("delete", .delete), ("up", .up), ("down", .down), ("left", .left), ("right", .right), ("home", .home),
        ("end", .end), ("pgup", .pageUp), ("pgdn", .pageDown), ("shift-up", .shiftUp), ("shift-down", .shiftDown),
        ("shift-left", .shiftLeft), ("shift-right", .shiftRight), ("shift-home", .shiftHome), ("shift-end", .shiftEnd),
        ("ctrl-up", .ctrlUp), ("ctrl-down", .ctrlDown), ("ctrl-left", .ctrlLeft), ("ctrl-right", .ctrlRight),
        ("ctrl-home", .ctrlHome), ("ctrl-end", .ctrlEnd), ("space", .char(" ")),
    ]
    private static let aliases: [(String, Key)] = [
        ("return", .enter), ("escape", .escape), ("del", .delete), ("pageup", .pageUp), ("pagedown", .pageDown), ("backtab", .backTab),
    ]
    private static let named: [String: Key] = Dictionary(uniqueKeysWithValues: canonical + aliases)
    private static let names: [Key: String] = Dictionary(uniqueKeysWithValues: canonical.map { ($1, $0) })
}
