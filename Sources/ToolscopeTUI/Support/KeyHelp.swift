/// Every key, grouped as the help screen shows it. docs/keys.md is written from the same table.
public enum KeyHelp {
    public struct Group: Sendable {
        public var title: String
        public var keys: [(key: String, action: String)]
    }

    public static let groups: [Group] = [
        Group(title: "Everywhere", keys: [
            ("F1, ?", "this help (? when not typing)"),
            ("Tab / Shift-Tab", "move focus: conversation → trace → tools"),
            ("Ctrl-Q, Ctrl-C, q", "quit, saving first (q when not typing)"),
            ("Ctrl-S", "save the session (asks for a path the first time)"),
            ("Ctrl-O", "open a session: picker over sessions/ and recent files, or type a path"),
            ("Ctrl-N", "new session with the same tools and settings"),
            ("F2", "provider, api (chat, responses, anthropic), model, URL; store and history on responses"),
            ("F3", "cycle tool_choice: auto, none, required, each tool"),
            ("F4", "toggle parallel_tool_calls"),
            ("F6", "step mode: approve each tool call before it runs"),
            ("F7", "zoom the focused pane to full screen and back"),
            ("F8", "next theme"),
            ("F9 / F10", "move the vertical split left / right (remembered for the next start)"),
            ("Shift-F9 / Shift-F10", "move the trace/tools split up / down (remembered)"),
            ("F11", "add a regression case from the last turn to a suite file"),
            ("F12", "Experiments screen: run a suite, cases × variants matrix; back"),
            ("Esc", "cancel the running turn"),
            ("Ctrl-Y", "copy as: JSON, arguments, result, curl, Python (editor: redo)"),
        ]),
        Group(title: "Experiments screen (F12)", keys: [
            ("Tab / Shift-Tab", "move: Suite → Repeats → Concurrency → matrix"),
            ("Enter (in a field)", "run the suite"),
            ("arrows, h/j/k/l, PgUp/PgDn", "select a cell"),
            ("Enter (on a cell)", "open its run read-only, with why it failed"),
            ("r / R", "run the suite (reusing identical finished runs / all fresh)"),
            ("c", "run the selected case again"),
            ("f", "filter: all, failing only, flipped only"),
            ("d", "difference between the first and the selected variant's tools"),
            ("w", "open the case in the workbench with that variant's tools"),
            ("x", "stop the experiment (finished runs are kept)"),
            ("Esc, F12", "back to the workbench (runs go on)"),
        ]),
        Group(title: "Conversation and input line", keys: [
            ("Enter", "send the message (the tools are linted first: errors open the \"Not sent\" dialog)"),
            ("Left/Right, Home/End, Ctrl-A/E", "move in the line"),
            ("Ctrl-U / Ctrl-W / Ctrl-K", "delete to start / word before / to end"),
            ("Up / Down", "input history"),
            ("PgUp / PgDn", "scroll the conversation"),
            ("Home / End (empty line)", "top / newest; End follows new messages again"),
            ("Ctrl-R", "expand or fold long tool results"),
            ("/ (on an empty line)", "find in the conversation: Enter next, Up previous, Esc closes (/ then Esc types a slash)"),
        ]),
        Group(title: "Replay (a session opened with r in the picker)", keys: [
            ("Ctrl-F / Ctrl-B", "step forward / back one round; re-executed results are compared"),
            ("type, then Enter", "continue live from this step as a new saved fork"),
        ]),
        Group(title: "Trace", keys: [
            ("Up/Down, PgUp/PgDn, Home/End", "select a row"),
            ("Enter", "details: request and response JSON, validation, timings"),
            ("Space, Left/Right", "fold or unfold a round"),
            ("/ then Enter · n / N", "search the rows (case ignored); next / previous match, Esc clears"),
            ("y", "copy the selected call or round (Copy as menu)"),
        ]),
        Group(title: "Tools list", keys: [
            ("Up / Down", "select a tool"),
            ("Enter", "edit its JSON"),
            ("a / d / r / x", "add / duplicate / rename / delete a tool"),
            ("b", "binding: builtin, mock, manual, python, command, mcp (one line, or the JSON)"),
            ("p", "import tools from a Python file's functions (FILE.py[:FUNCTION])"),
            ("m", "import the tools of an MCP server (NAME, or NAME COMMAND ARGS to add one)"),
            ("e", "enable or disable the tool"),
            ("t, Ctrl-T", "try the tool without a model"),
        ]),
        Group(title: "JSON editor", keys: [
            ("arrows, Home/End, PgUp/PgDn", "move; Shift selects; Ctrl-Left/Right by word"),
            ("Ctrl-Home / Ctrl-End", "start / end of the document"),
            ("Enter", "new line, indented"),
            ("Ctrl-Z / Ctrl-Y", "undo / redo"),
            ("Ctrl-A / Ctrl-L", "select all / select line"),
            ("Ctrl-X / Ctrl-K / Ctrl-V", "cut / copy / paste"),
            ("Ctrl-D / Ctrl-E", "duplicate / delete line"),
            ("Ctrl-Up / Ctrl-Down", "move the line"),
            ("Tab / Shift-Tab (selection)", "indent / dedent"),
            ("Ctrl-G", "jump to the matching bracket"),
            ("F5", "apply: the next request uses this definition"),
            ("Esc", "back to the tools list"),
        ]),
        Group(title: "Dialogs", keys: [
            ("Try: F5 or Ctrl-R", "run the tool with these arguments"),
            ("Detail / raw view: / then Enter", "search it (case ignored); n / N next / previous match, Esc clears"),
            ("Step mode: r / e / a / s / A", "run / edit arguments / answer by hand / skip / run all"),
            ("Provider (F2): PgDn / PgUp", "put the server's next / previous listed model (GET …/models) in the model field"),
            ("Provider (F2): Ctrl-L", "ask the server for its models again (after changing the base URL)"),
            ("Picker: Enter / r / n", "open / open in replay / new session"),
            ("Picker: Tab (or type / ~ .)", "type a path; Enter opens it, a missing or broken file is explained in the picker"),
            ("Trust: y / n", "enable the session's code tools / keep them disabled"),
            ("Trust: ↑↓ PgUp PgDn Home End", "scroll the list of everything that would run"),
            ("Not sent: S", "send anyway, with the tool errors listed (Esc goes back; the message stays in the input line)"),
            ("Esc", "close (in step mode: cancel the turn)"),
        ]),
        Group(title: "Mouse (off with --no-mouse or TOOLSCOPE_MOUSE=off)", keys: [
            ("Click a pane", "focus it; in the trace select the row, click it again to fold a round"),
            ("Click a tool / the JSON", "select that tool / give the JSON editor the keys"),
            ("Click \"… more lines\"", "expand long tool results (as Ctrl-R)"),
            ("Wheel", "scroll the pane under the pointer, or the help and detail views"),
        ]),
    ]

    /// The help screen's rows for a text area `width` cells wide: each action wraps under its
    /// own column (a key too wide for the key column gets a row of its own), so nothing is cut
    /// at any terminal width. The legend of the tools list's binding tags comes last.
    public static func lines(width: Int, measure: CellMeasure = .swift) -> [StyledLine] {
        let wrapper = WordWrapper(measure: measure)
        let width = max(20, width)
        let keyColumn = min(34, max(12, width / 3))
        let actionWidth = width - keyColumn
        let legend = Group(title: "Tools list: the letter after each tool's name (its binding)",
                           keys: ToolTag.legend.map { (key: $0.tag, action: $0.meaning) })
        var out: [StyledLine] = []
        for g in groups + [legend] {
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

extension String {
    func padding(to width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}
