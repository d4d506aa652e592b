/// The F1 help: a view over the binding table (`Keymap`), one group per scope, then what is not
/// a key (the mouse, the tools list's tags). docs/keys.md is written from the same groups.
public enum KeyHelp {
    public struct Group: Sendable {
        public var title: String
        public var keys: [(key: String, action: String)]
    }

    /// The groups of `keymap` (the defaults unless a keymap file changed them), in scope order;
    /// a binding left with no keys is not shown.
    public static func keymapGroups(_ keymap: Keymap) -> [Group] {
        KeyScope.allCases.compactMap { scope in
            let rows = keymap.bindings(in: scope).filter { !$0.keys.isEmpty }
                .map { (key: $0.keys.map(\.label).joined(separator: ", "), action: $0.helpText) }
            return rows.isEmpty ? nil : Group(title: scope.title, keys: rows)
        } + [mouse(keymap)]
    }

    /// The default table's groups (what docs/keys.md shows).
    public static var groups: [Group] { keymapGroups(.defaults) }

    static func mouse(_ keymap: Keymap) -> Group {
        Group(title: "Mouse (off with --no-mouse or TOOLSCOPE_MOUSE=off)", keys: [
        ("Click a pane", "focus it; in the trace select the row, click it again to fold a round"),
        ("Click a tool / the JSON", "select that tool / give the JSON editor the keys"),
        ("Click a message", "select it: Copy as (\(keymap.keyName(.copyAs, in: .global, usual: .ctrl("y")))) copies it; click it again to let go"),
        ("Click \"… more lines\"", "unfold that tool result alone (\(ConversationLines.expandKey(keymap)) unfolds all); click its \"▴ fold\" row to fold it again"),
        ("Drag a pane border", "move the split (as \(keymap.keyName(.splitLeft, in: .global, usual: .function(9)))/\(keymap.keyName(.splitRight, in: .global, usual: .function(10))), "
            + "\(keymap.keyName(.splitUp, in: .global, usual: .function(21)))/\(keymap.keyName(.splitDown, in: .global, usual: .function(22))); remembered)"),
        ("Click a dialog's key word", "press it (\"y yes\", \"S send anyway\", \"Esc close\"); click a list row to select it, again to open it"),
        ("Wheel", "scroll the pane under the pointer, or the help and detail views"),
        ])
    }

    /// The help screen's rows for a text area `width` cells wide: each action wraps under its
    /// own column (a key too wide for the key column gets a row of its own), so nothing is cut
    /// at any terminal width. The legend of the tools list's binding tags comes last.
    public static func lines(width: Int, keymap: Keymap = .defaults, measure: CellMeasure = .swift) -> [StyledLine] {
        let wrapper = WordWrapper(measure: measure)
        let width = max(20, width)
        let keyColumn = min(34, max(12, width / 3))
        let actionWidth = width - keyColumn
        let legend = Group(title: "Tools list: the letter after each tool's name (its binding)",
                           keys: ToolTag.legend.map { (key: $0.tag, action: $0.meaning) })
        var out: [StyledLine] = []
        for g in keymapGroups(keymap) + [legend] {
            out += wrapper.wrap(g.title, width: width).map { StyledLine($0, Style(.accent, bold: true)) }
            for (k, a) in g.keys {
                let key = "  " + k
                var actionRows = wrapper.wrap(a, width: actionWidth)
                let keyWidth = wrapper.width(of: key)
                var line: StyledLine
                if keyWidth < keyColumn {
                    line = StyledLine(key + String(repeating: " ", count: keyColumn - keyWidth), Style(.statusKey, bold: true))
                } else {
                    for row in wrapper.wrap(key, width: width) { out.append(StyledLine(row, Style(.statusKey, bold: true))) }
                    line = StyledLine(String(repeating: " ", count: keyColumn), .plain)
                }
                line.append(actionRows.removeFirst(), .plain)
                out.append(line)
                for row in actionRows { out.append(StyledLine(String(repeating: " ", count: keyColumn) + row, .plain)) }
            }
            out.append(StyledLine(""))
        }
        return out
    }
}
