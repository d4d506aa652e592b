/// Key names for the texts that tell a person which key to press: dialog footers, notices,
/// hints, the too-small screen. They read the binding table in force, so a keys.conf remap
/// shows there too, not only in the help and the status line.
extension Keymap {
    /// The keys of `command` in `scope` as a text names them: those of `usual` (the keys the
    /// text was written for, in its order) that still run the command, joined by "/"; when a
    /// keymap file moved the command away from all of them, its first key now; "unbound" when
    /// it has none. Arrows print as ↑ ↓ ← →.
    public func keyName(_ command: Command, in scope: KeyScope, usual: Key...) -> String {
        let bound = keys(for: command, in: scope)
        let still = usual.filter(bound.contains)
        let shown = still.isEmpty ? Array(bound.prefix(1)) : still
        guard !shown.isEmpty else { return "unbound" }
        return shown.map(Self.textLabel).joined(separator: "/")
    }

    /// The scroll keys of a full-screen view, as footers write them: "↑↓ PgUp PgDn" (and
    /// "Home End" with `ends`).
    public func scrollKeyNames(ends: Bool = false) -> String {
        var out = keyName(.moveUp, in: .scrolling, usual: .up) + keyName(.moveDown, in: .scrolling, usual: .down)
            + " " + keyName(.pageUp, in: .scrolling, usual: .pageUp) + " " + keyName(.pageDown, in: .scrolling, usual: .pageDown)
        if ends { out += " " + keyName(.first, in: .scrolling, usual: .home) + " " + keyName(.last, in: .scrolling, usual: .end) }
        return out
    }

    private static func textLabel(_ key: Key) -> String {
        switch key {
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        default: return key.label
        }
    }
}

extension AppState {
    /// The key that cancels a running turn, as notices name it.
    var cancelTurnKey: String { keymap.keyName(.cancelTurn, in: .global, usual: .escape) }

    /// What an action that needs an idle workbench says while a turn runs.
    var turnRunningNotice: Notice { Notice("a turn is running; \(cancelTurnKey) cancels it first", kind: .warning) }
}
