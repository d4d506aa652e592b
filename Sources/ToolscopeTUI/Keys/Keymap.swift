/// The binding table in force: `Keymap.defaults`, with a user's keymap file applied on top.
/// It lives in `AppState`, so the reducer and the tests read the same table the help shows.
public struct Keymap: Sendable {
    public private(set) var bindings: [KeyBinding]
    /// scope → key → the bindings of that key, the conditional ones first (so "Esc clears the
    /// search" wins over "Esc closes" while there is a search).
    private var index: [KeyScope: [Key: [KeyBinding]]] = [:]

    public init(bindings: [KeyBinding]) {
        self.bindings = bindings
        for b in bindings {
            for key in b.keys { index[b.scope, default: [:]][key, default: []].append(b) }
        }
        for (scope, keys) in index {
            for (key, list) in keys {
                index[scope]![key] = list.filter { $0.condition != nil } + list.filter { $0.condition == nil }
            }
        }
    }

    /// The command `key` runs in `scope`: the first of its bindings whose condition holds.
    /// `holds` answers for the state of the moment; a caller that has no conditions to offer
    /// leaves it out, and conditional bindings then never match.
    public func command(for key: Key, in scope: KeyScope, holds: (KeyCondition) -> Bool = { _ in false }) -> Command? {
        guard let list = index[scope]?[key] else { return nil }
        return list.first { $0.condition.map(holds) ?? true }?.command
    }

    /// The command `key` runs in `scope` whatever the state (its binding has no condition).
    func unconditionalCommand(for key: Key, in scope: KeyScope) -> Command? {
        index[scope]?[key]?.first { $0.condition == nil }?.command
    }

    /// The scopes asked only after `global` (the panes and the input line): a key that `global`
    /// binds without a condition never reaches them.
    static let panes: Set<KeyScope> = [.conversation, .lineField, .trace, .toolsList, .jsonEditor, .textArea]

    /// The keys that run `command` in `scope`, in table order.
    public func keys(for command: Command, in scope: KeyScope) -> [Key] {
        bindings.filter { $0.scope == scope && $0.command == command }.flatMap(\.keys)
    }

    /// The bindings of one scope, in table order (the help's rows).
    public func bindings(in scope: KeyScope) -> [KeyBinding] { bindings.filter { $0.scope == scope } }

    /// The status line's key hints for `scopes`: each hinted binding's first key and its word.
    public func hints(for scopes: [KeyScope]) -> [(key: Key, word: String)] {
        scopes.flatMap { scope in
            bindings.filter { $0.scope == scope && $0.hint != nil && !$0.keys.isEmpty }.map { ($0.keys[0], $0.hint!) }
        }
    }

    /// This table with `command`'s keys in `scope` replaced by `keys` (none: unbound). The
    /// command keeps its help, hint and the condition of its first binding; a key taken from
    /// another command of the scope leaves that command, so a key never does two things.
    public func remapping(_ command: Command, in scope: KeyScope, to keys: [Key]) -> Keymap {
        var out: [KeyBinding] = []
        var placed = false
        for var b in bindings {
            if b.scope == scope, b.command == command {
                guard !placed else { continue }
                placed = true
                b.keys = keys
                out.append(b)
            } else {
                if b.scope == scope { b.keys.removeAll { keys.contains($0) } }
                out.append(b)
            }
        }
        return Keymap(bindings: out)
    }

    /// Whether `scope` has any binding of `command` in the defaults (a keymap file may only
    /// move a command to other keys in a scope where it does something).
    public static func isDefault(_ command: Command, in scope: KeyScope) -> Bool {
        defaults.bindings.contains { $0.scope == scope && $0.command == command }
    }
}
