import Testing
@testable import ToolscopeTUI
import ToolscopeEngine
import ToolscopeDemo

/// The key screens, every row of them, at the smallest supported terminal and a common one.
/// A change to what any of these screens shows fails here with the rows that differ; read the
/// new screen in the failure, and paste it over the old one when it is what a person should see.
@Suite("Whole screens")
struct WholeScreenTests {
    // MARK: - States

    /// The embedded demo after "Compare the weather in Tokyo, London and New York": the scripted
    /// model's parallel round of three calls and its answer, played through the real loop and
    /// fed to the reducer as the workbench feeds it. Times are pinned (every round 0.5 s, every
    /// call 0.1 s) so the screen does not depend on the machine.
    static func demoAfterParallelRound(width: Int, height: Int) -> AppState {
        var s = TestSupport.state(width: width, height: height)
        let question = "Compare the weather in Tokyo, London and New York"
        TestSupport.type(&s, question)
        let effects = TestSupport.press(&s, .enter)
        #expect(effects.contains { if case .send(question) = $0 { return true }; return false })
        let registry = ToolRegistry(tools: s.session.tools, context: SessionContext(baseDirectory: "."), builtins: BuiltinTools.toolSet,
                                    external: nil, trusted: true, manual: nil)
        // As the workbench runs a turn: on a snapshot of the state's session, events applied by the reducer.
        let loop = ToolLoop(provider: ScriptProvider.demo(delay: 0), dispatcher: Dispatcher(registry: registry))
        let events = Locked<[TraceEvent]>([])
        let result = loop.sendAndWait(question, on: s.session) { event in events.withLock { $0.append(event) } }
        #expect(result.reason == .answered)
        for event in events.current { _ = Reducer.reduce(&s, .trace(pinned(event))) }
        s.now = 200
        return s
    }

    /// `event` with its clock readings replaced by fixed ones.
    static func pinned(_ event: TraceEvent) -> TraceEvent {
        var e = event
        let base = 100 + Double(event.round)
        e.time = base + 0.5
        switch event.kind {
        case .turnStarted: e.time = 100
        case .requestSent: e.time = base
        case .responseStarted: e.time = base + 0.25
        case .assistantMessage(let message, let finish, _, let ttft, let raw):
            e.kind = .assistantMessage(message, finishReason: finish, latency: 0.5, timeToFirstToken: ttft == nil ? nil : 0.25, rawBody: raw)
        case .callFinished(let id, let name, _, let outcome):
            e.kind = .callFinished(callID: id, name: name, duration: 0.1, outcome: outcome)
            e.time = base + 0.6
        case .callDequeued(let id, _):
            e.kind = .callDequeued(callID: id, waited: 0)
        default:
            break
        }
        return e
    }

    /// The tools editor on get_weather's JSON with a stray character before the opening brace.
    static func editorWithJSONError(width: Int, height: Int) -> AppState {
        var s = TestSupport.state(width: width, height: height)
        TestSupport.press(&s, .tab, .tab, .enter)
        TestSupport.type(&s, "x")
        return s
    }

    static func help(width: Int, height: Int) -> AppState {
        var s = TestSupport.state(width: width, height: height)
        TestSupport.press(&s, .function(1))
        return s
    }

    /// The save dialog of an unsaved session (Ctrl-S), proposing a file name.
    static func saveDialog(width: Int, height: Int) -> AppState {
        var s = TestSupport.state(width: width, height: height)
        TestSupport.press(&s, .ctrl("s"))
        return s
    }

    // MARK: - The comparison itself

    @Test func aFailureNamesEachDifferingRowWithBothTexts() {
        let rows = ["┌─ a ─┐", "│ b   │", "└─────┘"]
        #expect(ScreenText.difference(expected: rows, actual: rows) == nil)
        #expect(ScreenText.difference(expected: rows, actual: ["┌─ a ─┐", "│ c   │", "└─────┘"]) == """
            row 2 expected: |│ b   │|
            row 2 actual:   |│ c   │|
            """)
        #expect(ScreenText.difference(expected: rows, actual: Array(rows.prefix(2))) == """
            expected 3 rows, got 2
            row 3 expected: |└─────┘|
            row 3 actual:   (none)
            """)
    }

    // MARK: - Screens

    @Test func demoAfterAParallelRoundAt80x24() {
        ScreenText.expect(Self.demoAfterParallelRound(width: 80, height: 24), equals: #"""
        ┌─▶ Conversation ──────────────────────┐┌─ Trace ──────────────────────────────┐
        │    {                                 ││▸ answered "Compare the weather in Tok│
        │      "city": "London",               ││  ▾ round 1  500ms  ttft 250ms  969↑ 1│
        │      "country": "United Kingdom",    ││    ├ get_weather {"city":"Tokyo"}  ✓ │
        │    … 6 more lines (Ctrl-R expands)   ││    ├ get_weather {"city":"London"}  ✓│
        │                                      ││    └ get_weather {"city":"New York"} │
        │  ↳ get_weather ✓ ok                  ││  ▾ round 2  500ms  ttft 250ms  1.2k↑ │
        │    {                                 ││                                      │
        │      "city": "New York",             ││                                      │
        │      "country": "United States",     │└──────────────────────────────────────┘
        │    … 6 more lines (Ctrl-R expands)   │┌─ Tools · get_weather ────────────────┐
        │                                      ││ get_weather b│  1 {                  │
        │▌ assistant                           ││ calculate   b│  2   "type": "function│
        │  • Tokyo, Japan: 18.5°C, partly      ││ convert_te… b│  3   "function": {    │
        │  cloudy (humidity 62%, wind 11 km/h) ││ search_pro… b│  4     "name": "get_we│
        │  • London, United Kingdom: 11.2°C,   ││ lookup_user b│  5     "description": │
        │  light rain (humidity 81%, wind 19   ││ get_order_… b│  6     "parameters": {│
        │  km/h)                               ││              │  7       "type": "obje│
        │  • New York, United States: 14°C,    ││              │  8       "properties":│
        │  sunny (humidity 55%, wind 16 km/h)  ││              │  9         "city": {  │
        │                                      ││              │ 10           "type": "│
        └──────────────────────────────────────┘│              │≈108 tokens · built-in │
        › Ask something, e.g. Compare the weathe└──────────────────────────────────────┘
         scripted (demo) · gpt-4o-mini │ idle         F1 help Tab focus ^S save ^Q quit
        """#)
    }

    @Test func demoAfterAParallelRoundAt120x40() {
        ScreenText.expect(Self.demoAfterParallelRound(width: 120, height: 40), equals: #"""
        ┌─▶ Conversation ──────────────────────────────────────────┐┌─ Trace ──────────────────────────────────────────────────┐
        │  call several at once when they are independent.         ││▸ answered "Compare the weather in Tokyo, London and New Y│
        │                                                          ││  ▾ round 1  500ms  ttft 250ms  969↑ 102↓  tool_calls     │
        │▌ you                                                     ││    ├ get_weather {"city":"Tokyo"}  ✓  100ms  → {"city":"T│
        │  Compare the weather in Tokyo, London and New York       ││    ├ get_weather {"city":"London"}  ✓  100ms  → {"city":"│
        │                                                          ││    └ get_weather {"city":"New York"}  ✓  100ms  → {"city"│
        │▌ assistant                                               ││  ▾ round 2  500ms  ttft 250ms  1.2k↑ 63↓  stop           │
        │  ⚙ get_weather {"city":"Tokyo"}                          ││                                                          │
        │  ⚙ get_weather {"city":"London"}                         ││                                                          │
        │  ⚙ get_weather {"city":"New York"}                       ││                                                          │
        │                                                          ││                                                          │
        │  ↳ get_weather ✓ ok                                      ││                                                          │
        │    {                                                     ││                                                          │
        │      "city": "Tokyo",                                    ││                                                          │
        │      "country": "Japan",                                 ││                                                          │
        │    … 6 more lines (Ctrl-R expands)                       ││                                                          │
        │                                                          │└──────────────────────────────────────────────────────────┘
        │  ↳ get_weather ✓ ok                                      │┌─ Tools · get_weather ────────────────────────────────────┐
        │    {                                                     ││ get_weather b│  1 {                                      │
        │      "city": "London",                                   ││ calculate   b│  2   "type": "function",                  │
        │      "country": "United Kingdom",                        ││ convert_te… b│  3   "function": {                        │
        │    … 6 more lines (Ctrl-R expands)                       ││ search_pro… b│  4     "name": "get_weather",             │
        │                                                          ││ lookup_user b│  5     "description": "Get the current wea│
        │  ↳ get_weather ✓ ok                                      ││ get_order_… b│  6     "parameters": {                    │
        │    {                                                     ││              │  7       "type": "object",                │
        │      "city": "New York",                                 ││              │  8       "properties": {                  │
        │      "country": "United States",                         ││              │  9         "city": {                      │
        │    … 6 more lines (Ctrl-R expands)                       ││              │ 10           "type": "string",            │
        │                                                          ││              │ 11           "description": "City name, op│
        │▌ assistant                                               ││              │ 12         },                             │
        │  • Tokyo, Japan: 18.5°C, partly cloudy (humidity 62%,    ││              │ 13         "unit": {                      │
        │  wind 11 km/h)                                           ││              │ 14           "type": "string",            │
        │  • London, United Kingdom: 11.2°C, light rain (humidity  ││              │ 15           "description": "Temperature u│
        │  81%, wind 19 km/h)                                      ││b built-in    │ 16           "enum": [                    │
        │  • New York, United States: 14°C, sunny (humidity 55%,   ││m mock        │ 17             "celsius",                 │
        │  wind 16 km/h)                                           ││h manual      │ 18             "fahrenheit"               │
        │                                                          ││x code  - off │ 19           ]                            │
        └──────────────────────────────────────────────────────────┘│              │≈108 tokens · built-in get_weather · 1:1   │
        › Ask something, e.g. Compare the weather in Tokyo, London a└──────────────────────────────────────────────────────────┘
         scripted (demo) · gpt-4o-mini │ idle │ tool_choice auto │ parallel on │ unsaved*     F1 help Tab focus ^S save ^Q quit
        """#)
    }

    @Test func saveDialogAt80x24() {
        ScreenText.expect(Self.saveDialog(width: 80, height: 24), equals: #"""
        ┌─▶ Conversation ──────────────────────┐┌─ Trace ──────────────────────────────┐
        │▌ system                              ││ Rounds and tool calls appear here as │
        │  You are a helpful assistant. Use the││                                      │
        │  tools to answer; call several at    ││                                      │
        │  once when they are independent.     ││                                      │
        │                                      ││                                      │
        │                                      ││                                      │
        │                                      ││                                      │
        │                                      ││                                      │
        │┌─ Save session as ──────────────────────────────────────────────────────────┐┘
        ││                                                                            │┐
        ││ sessions/demo-built-in-tools.json                                          ││
        ││                                                                            ││
        │└─ Enter confirm · Esc cancel ───────────────────────────────────────────────┘│
        │                                      ││ search_pro… b│  4     "name": "get_we│
        │                                      ││ lookup_user b│  5     "description": │
        │                                      ││ get_order_… b│  6     "parameters": {│
        │                                      ││              │  7       "type": "obje│
        │                                      ││              │  8       "properties":│
        │                                      ││              │  9         "city": {  │
        │                                      ││              │ 10           "type": "│
        └──────────────────────────────────────┘│              │≈108 tokens · built-in │
        › Tab here to type a message            └──────────────────────────────────────┘
         scripted (demo) · gpt-4o-mini │ idle         F1 help Tab focus ^S save ^Q quit
        """#)
    }

    @Test func saveDialogAt120x40() {
        ScreenText.expect(Self.saveDialog(width: 120, height: 40), equals: #"""
        ┌─▶ Conversation ──────────────────────────────────────────┐┌─ Trace ──────────────────────────────────────────────────┐
        │▌ system                                                  ││ Rounds and tool calls appear here as they run.           │
        │  You are a helpful assistant. Use the tools to answer;   ││                                                          │
        │  call several at once when they are independent.         ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          │└──────────────────────────────────────────────────────────┘
        │                   ┌─ Save session as ────────────────────────────────────────────────────────────┐───────────────────┐
        │                   │                                                                              │                   │
        │                   │ sessions/demo-built-in-tools.json                                            │,                  │
        │                   │                                                                              │                   │
        │                   └─ Enter confirm · Esc cancel ─────────────────────────────────────────────────┘ther",             │
        │                                                          ││ lookup_user b│  5     "description": "Get the current wea│
        │                                                          ││ get_order_… b│  6     "parameters": {                    │
        │                                                          ││              │  7       "type": "object",                │
        │                                                          ││              │  8       "properties": {                  │
        │                                                          ││              │  9         "city": {                      │
        │                                                          ││              │ 10           "type": "string",            │
        │                                                          ││              │ 11           "description": "City name, op│
        │                                                          ││              │ 12         },                             │
        │                                                          ││              │ 13         "unit": {                      │
        │                                                          ││              │ 14           "type": "string",            │
        │                                                          ││              │ 15           "description": "Temperature u│
        │                                                          ││b built-in    │ 16           "enum": [                    │
        │                                                          ││m mock        │ 17             "celsius",                 │
        │                                                          ││h manual      │ 18             "fahrenheit"               │
        │                                                          ││x code  - off │ 19           ]                            │
        └──────────────────────────────────────────────────────────┘│              │≈108 tokens · built-in get_weather · 1:1   │
        › Tab here to type a message                                └──────────────────────────────────────────────────────────┘
         scripted (demo) · gpt-4o-mini │ idle │ tool_choice auto │ parallel on │ unsaved      F1 help Tab focus ^S save ^Q quit
        """#)
    }

    @Test func helpAt80x24() {
        ScreenText.expect(Self.help(width: 80, height: 24), equals: #"""
        ┌─▶ Conversation ──────────────────────┐┌─ Trace ──────────────────────────────┐
        │┌─ Help — every key ─────────────────────────────────────────────────────────┐│
        ││ Everywhere                                                                 ││
        ││   F1                    this help                                          ││
        ││   ?                     this help (when not typing)                        ││
        ││   Tab                   move focus: conversation → trace → tools (unless   ││
        ││                         text is selected in the JSON editor)               ││
        ││   Shift-Tab             move focus back: tools → trace → conversation      ││
        ││                         (unless text is selected in the JSON editor)       ││
        ││   Ctrl-S                save the session (asks for a path the first time)  │┘
        ││   Ctrl-Q, Ctrl-C        quit, saving first                                 │┐
        ││   q                     quit, saving first (when not typing)               ││
        ││   Ctrl-O                open a session: picker over sessions/ and recent   ││
        ││                         files, or type a path                              ││
        ││   Ctrl-N                new session with the same tools and settings       ││
        ││   F2                    provider, api (chat, responses, anthropic), model, ││
        ││                         URL; store and history on responses                ││
        ││   F3                    cycle tool_choice: auto, none, required, each tool ││
        ││   F4                    toggle parallel_tool_calls                         ││
        ││   F6                    approval mode: approve each call before it runs    ││
        ││   F7                    zoom the focused pane to full screen and back      ││
        └│   F8                    next theme                                         ││
        ›└─ ↑↓ PgUp PgDn scroll · / find · Esc close ────────────────────── 1–20/313 ─┘┘
         scripted (demo) · gpt-4o-mini │ idle         F1 help Tab focus ^S save ^Q quit
        """#)
    }

    @Test func helpAt120x40() {
        ScreenText.expect(Self.help(width: 120, height: 40), equals: #"""
        ┌─▶ Conversation ──────────────────────────────────────────┐┌─ Trace ──────────────────────────────────────────────────┐
        │┌─ Help — every key ─────────────────────────────────────────────────────────────────────────────────────────────────┐│
        ││ Everywhere                                                                                                         ││
        ││   F1                              this help                                                                        ││
        ││   ?                               this help (when not typing)                                                      ││
        ││   Tab                             move focus: conversation → trace → tools (unless text is selected in the JSON    ││
        ││                                   editor)                                                                          ││
        ││   Shift-Tab                       move focus back: tools → trace → conversation (unless text is selected in the    ││
        ││                                   JSON editor)                                                                     ││
        ││   Ctrl-S                          save the session (asks for a path the first time)                                ││
        ││   Ctrl-Q, Ctrl-C                  quit, saving first                                                               ││
        ││   q                               quit, saving first (when not typing)                                             ││
        ││   Ctrl-O                          open a session: picker over sessions/ and recent files, or type a path           ││
        ││   Ctrl-N                          new session with the same tools and settings                                     ││
        ││   F2                              provider, api (chat, responses, anthropic), model, URL; store and history on     ││
        ││                                   responses                                                                        ││
        ││   F3                              cycle tool_choice: auto, none, required, each tool                               │┘
        ││   F4                              toggle parallel_tool_calls                                                       │┐
        ││   F6                              approval mode: approve each call before it runs                                  ││
        ││   F7                              zoom the focused pane to full screen and back                                    ││
        ││   F8                              next theme                                                                       ││
        ││   F9                              move the vertical split left (remembered for the next start)                     ││
        ││   F10                             move the vertical split right (remembered)                                       ││
        ││   Shift-F9                        move the trace/tools split up (remembered)                                       ││
        ││   Shift-F10                       move the trace/tools split down (remembered)                                     ││
        ││   F11                             add a regression case from the last turn to a suite file                         ││
        ││   F12                             Experiments screen: run a suite, cases × variants matrix; back                   ││
        ││   Esc                             cancel the running turn (while a turn runs)                                      ││
        ││   Ctrl-Y                          copy as: JSON, arguments, result, curl, Python (outside the JSON text)           ││
        ││   Ctrl-F                          step forward one round; re-executed results are compared (in replay, outside the ││
        ││                                   JSON text)                                                                       ││
        ││   Ctrl-B                          step back one round (in replay)                                                  ││
        ││   Shift-F3                        search the whole session: every message and tool call, listed by message and     ││
        ││                                   round                                                                            ││
        ││   Ctrl-G                          search the whole session (as Shift-F3) (outside the JSON text)                   ││
        ││                                                                                                                    ││
        ││ Conversation                                                                                                       ││
        └│   PgUp                            scroll the conversation up                                                       ││
        ›└─ ↑↓ PgUp PgDn scroll · / find · Esc close ────────────────────────────────────────────────────────────── 1–36/279 ─┘┘
         scripted (demo) · gpt-4o-mini │ idle │ tool_choice auto │ parallel on │ unsaved      F1 help Tab focus ^S save ^Q quit
        """#)
    }

    @Test func editorWithAJSONErrorAt80x24() {
        ScreenText.expect(Self.editorWithJSONError(width: 80, height: 24), equals: #"""
        ┌─ Conversation ───────────────────────┐┌─ Trace ──────────────────────────────┐
        │▌ system                              ││ Rounds and tool calls appear here as │
        │  You are a helpful assistant. Use the││                                      │
        │  tools to answer; call several at    ││                                      │
        │  once when they are independent.     ││                                      │
        │                                      ││                                      │
        │                                      ││                                      │
        │                                      ││                                      │
        │                                      ││                                      │
        │                                      │└──────────────────────────────────────┘
        │                                      │┌─▶ Tools · get_weather ───────────────┐
        │                                      ││*get_weather b│  1●x{  ◀ unexpected 'x│
        │                                      ││ calculate   b│  2   "type": "function│
        │                                      ││ convert_te… b│  3   "function": {    │
        │                                      ││ search_pro… b│  4     "name": "get_we│
        │                                      ││ lookup_user b│  5     "description": │
        │                                      ││ get_order_… b│  6     "parameters": {│
        │                                      ││              │  7       "type": "obje│
        │                                      ││              │  8       "properties":│
        │                                      ││              │  9         "city": {  │
        │                                      ││              │✖ 1:1 unexpected 'x'; e│
        └──────────────────────────────────────┘│              │invalid JSON · built-in│
        › Tab here to type a message            └──────────────────────────────────────┘
         scripted (demo) · gpt-4o-mini │ idle         F1 help Tab focus ^S save ^Q quit
        """#)
    }

    @Test func editorWithAJSONErrorAt120x40() {
        ScreenText.expect(Self.editorWithJSONError(width: 120, height: 40), equals: #"""
        ┌─ Conversation ───────────────────────────────────────────┐┌─ Trace ──────────────────────────────────────────────────┐
        │▌ system                                                  ││ Rounds and tool calls appear here as they run.           │
        │  You are a helpful assistant. Use the tools to answer;   ││                                                          │
        │  call several at once when they are independent.         ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          │└──────────────────────────────────────────────────────────┘
        │                                                          │┌─▶ Tools · get_weather ───────────────────────────────────┐
        │                                                          ││*get_weather b│  1●x{  ◀ unexpected 'x'; expected a value │
        │                                                          ││ calculate   b│  2   "type": "function",                  │
        │                                                          ││ convert_te… b│  3   "function": {                        │
        │                                                          ││ search_pro… b│  4     "name": "get_weather",             │
        │                                                          ││ lookup_user b│  5     "description": "Get the current wea│
        │                                                          ││ get_order_… b│  6     "parameters": {                    │
        │                                                          ││              │  7       "type": "object",                │
        │                                                          ││              │  8       "properties": {                  │
        │                                                          ││              │  9         "city": {                      │
        │                                                          ││              │ 10           "type": "string",            │
        │                                                          ││              │ 11           "description": "City name, op│
        │                                                          ││              │ 12         },                             │
        │                                                          ││              │ 13         "unit": {                      │
        │                                                          ││              │ 14           "type": "string",            │
        │                                                          ││              │ 15           "description": "Temperature u│
        │                                                          ││b built-in    │ 16           "enum": [                    │
        │                                                          ││m mock        │ 17             "celsius",                 │
        │                                                          ││h manual      │ 18             "fahrenheit"               │
        │                                                          ││x code  - off │✖ 1:1 unexpected 'x'; expected a value (obj│
        └──────────────────────────────────────────────────────────┘│              │invalid JSON · built-in get_weather · unapp│
        › Tab here to type a message                                └──────────────────────────────────────────────────────────┘
         scripted (demo) · gpt-4o-mini │ idle │ tool_choice auto │ parallel on │ unsaved      F1 help Tab focus ^S save ^Q quit
        """#)
    }
}
