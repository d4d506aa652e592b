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
            ("Ctrl-O", "open a session: picker over sessions/ and recent files"),
            ("Ctrl-N", "new session with the same tools and settings"),
            ("F2", "provider, api (chat, responses, anthropic), model, URL; store and history on responses"),
            ("F3", "cycle tool_choice: auto, none, required, each tool"),
            ("F4", "toggle parallel_tool_calls"),
            ("F6", "step mode: approve each tool call before it runs"),
            ("F7", "zoom the focused pane to full screen and back"),
            ("F8", "next theme"),
            ("F9 / F10", "move the vertical split left / right"),
            ("Shift-F9 / Shift-F10", "move the trace/tools split up / down"),
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
            ("Enter", "send the message"),
            ("Left/Right, Home/End, Ctrl-A/E", "move in the line"),
            ("Ctrl-U / Ctrl-W / Ctrl-K", "delete to start / word before / to end"),
            ("Up / Down", "input history"),
            ("PgUp / PgDn", "scroll the conversation"),
            ("Home / End (empty line)", "top / newest; End follows new messages again"),
            ("Ctrl-R", "expand or fold long tool results"),
        ]),
        Group(title: "Replay (a session opened with r in the picker)", keys: [
            ("Ctrl-F / Ctrl-B", "step forward / back one round; re-executed results are compared"),
            ("type, then Enter", "continue live from this step as a new saved fork"),
        ]),
        Group(title: "Trace", keys: [
            ("Up/Down, PgUp/PgDn, Home/End", "select a row"),
            ("Enter", "details: request and response JSON, validation, timings"),
            ("Space, Left/Right", "fold or unfold a round"),
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
            ("Step mode: r / e / a / s / A", "run / edit arguments / answer by hand / skip / run all"),
            ("Picker: Enter / r / n", "open / open in replay / new session"),
            ("Trust: y / n", "enable the session's code tools / keep them disabled"),
            ("Trust: ↑↓ PgUp PgDn Home End", "scroll the list of everything that would run"),
            ("Esc", "close (in step mode: cancel the turn)"),
        ]),
    ]

    /// The help screen's rows.
    public static var lines: [StyledLine] {
        var out: [StyledLine] = []
        for g in groups {
            out.append(StyledLine(g.title, Style(.accent, bold: true)))
            for (k, a) in g.keys {
                var line = StyledLine("  " + k.padding(to: 32), Style(.statusKey, bold: true))
                line.append(a, .plain)
                out.append(line)
            }
            out.append(StyledLine(""))
        }
        return out
    }
}

extension String {
    func padding(to width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}
