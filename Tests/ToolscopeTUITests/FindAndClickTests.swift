import Testing
import ToolscopeDemo
import ToolscopeEngine
@testable import ToolscopeTUI

/// Issue 12's remaining inspector items, through the reducer: find in the JSON editor, n / N in
/// the conversation, the session-wide search, per-result folds, dragging the split and clicking
/// a dialog's keys and rows.
@Suite("Find and click")
struct FindAndClickTests {
    static func mouse(_ state: inout AppState, _ kind: MouseEvent.Kind, x: Int, y: Int) -> [Effect] {
        Reducer.reduce(&state, .mouse(MouseEvent(kind: kind, x: x, y: y)))
    }

    /// A conversation with two long tool results (30 lines each) and the trace of their calls.
    static func stateWithResults() -> AppState {
        var session = Session.embeddedDefault()
        let long = { (tag: String) in (1...30).map { "\(tag) line \($0)" }.joined(separator: "\n") }
        session.messages = [.user("weather in Tokyo"),
                            .assistant(nil, toolCalls: [ToolCall(id: "c1", name: "get_weather", arguments: "{\"city\":\"Tokyo\"}"),
                                                        ToolCall(id: "c2", name: "get_time", arguments: "{\"zone\":\"Asia/Tokyo\"}")]),
                            .tool(callID: "c1", content: long("weather")),
                            .tool(callID: "c2", content: long("time")),
                            .assistant("Sunny, and it is noon.")]
        var s = TestSupport.state(session: session)
        TestSupport.event(&s, .turnStarted(userMessage: "weather in Tokyo"))
        TestSupport.event(&s, .requestSent(url: "script://demo", headers: [:], body: ["model": "x"], attempt: 1), round: 1)
        TestSupport.event(&s, .callStarted(callID: "c1", name: "get_weather", arguments: "{\"city\":\"Tokyo\"}"), round: 1)
        TestSupport.event(&s, .callFinished(callID: "c1", name: "get_weather", duration: 0.1, outcome: ToolOutcome(content: "{\"sky\":\"sunny\"}")), round: 1)
        TestSupport.event(&s, .callStarted(callID: "c2", name: "get_time", arguments: "{\"zone\":\"Asia/Tokyo\"}"), round: 1)
        s.runState = .idle
        return s
    }

    // MARK: Find in the JSON editor

    @Test func ctrlFFindsInTheJSONTextMovesTheCursorAndMarksTheMatches() {
        var s = TestSupport.state()
        s.focus = .editor
        s.editor.listFocused = false
        let lines = s.editor.buffer.lines
        let expected = lines.indices.filter { lines[$0].lowercased().contains("type") }
        #expect(expected.count >= 2)
        TestSupport.press(&s, .ctrl("f"))
        guard case .prompt(let p)? = s.modal, p.purpose == .searchEditor else { Issue.record("no find bar"); return }
        TestSupport.type(&s, "type")
        TestSupport.press(&s, .enter)
        #expect(s.editor.buffer.cursor.line == expected[0])
        #expect(s.editor.buffer.text == Session.embeddedDefault().tools[0].definition.raw.pretty, "the text is not changed")
        #expect(s.notice?.text == "/type: 1 of \(expected.count)")
        TestSupport.press(&s, .down)
        #expect(s.editor.buffer.cursor.line == expected[1])
        #expect(s.notice?.text == "/type: 2 of \(expected.count)")
        TestSupport.press(&s, .up)
        #expect(s.editor.buffer.cursor.line == expected[0])
        // Esc closes the bar; the marks stay, and the match is drawn marked.
        TestSupport.press(&s, .escape)
        #expect(s.modal == nil)
        #expect(s.editor.search?.query == "type")
        let canvas = TestSupport.render(s)
        let marked = (0..<canvas.height).contains { y in
            canvas.rowText(y).contains("type") && (0..<canvas.width).contains { canvas[$0, y].style.underline || canvas[$0, y].style.role == .selection }
        }
        #expect(marked)
        // Ctrl-F reopens it with the query; Enter goes on to the next match.
        TestSupport.press(&s, .ctrl("f"), .enter)
        #expect(s.editor.buffer.cursor.line == expected[1])
        // Typed keys in the text are still text (n is a letter there).
        TestSupport.press(&s, .escape)
        TestSupport.press(&s, .char("n"))
        #expect(s.editor.buffer.text.contains("n"))
        #expect(s.editor.buffer.isModified)
    }

    @Test func inReplayCtrlFFindsInTheJSONTextAndStepsEverywhereElse() {
        var s = Self.stateWithResults()
        s.replay = ReplayState(recording: s.session, path: nil)
        #expect(s.command(for: .ctrl("f"), in: .global) == .replayForward)
        s.focus = .editor
        s.editor.listFocused = false
        #expect(s.command(for: .ctrl("f"), in: .global) == nil)
        TestSupport.press(&s, .ctrl("f"))
        guard case .prompt(let p)? = s.modal else { Issue.record("no find bar in replay"); return }
        #expect(p.purpose == .searchEditor)
    }

    @Test func theEditorFindBindingIsInTheTableAndTheHelp() {
        #expect(Keymap.defaults.keys(for: .find, in: .jsonEditor) == [.ctrl("f")])
        let help = KeyHelp.lines(width: 110).map(\.text).joined(separator: "\n")
        #expect(help.contains("find in the JSON text"))
        #expect(help.contains("search the whole session"))
    }

    // MARK: n / N in the conversation

    @Test func nAndNStepTheConversationsMatchesOnlyOnAnEmptyLine() {
        var s = Self.stateWithResults()
        TestSupport.press(&s, .char("/"))
        TestSupport.type(&s, "tokyo")
        TestSupport.press(&s, .enter)
        let first = s.conversationSearch?.current
        let count = s.conversationSearch?.rows.count ?? 0
        #expect(count >= 2)
        TestSupport.press(&s, .escape)
        #expect(s.modal == nil)
        #expect(s.notice?.text.contains("n/N step while the input line is empty") == true)
        TestSupport.press(&s, .char("n"))
        #expect(s.input.text.isEmpty, "n stepped, it was not typed")
        #expect(s.conversationSearch?.current == ((first ?? 0) + 1) % count)
        #expect(s.notice?.text.hasPrefix("/tokyo: ") == true)
        TestSupport.press(&s, .char("N"))
        #expect(s.conversationSearch?.current == first)
        // Once the line holds anything, n is text again.
        TestSupport.type(&s, "hi n")
        #expect(s.input.text == "hi n")
        #expect(s.conversationSearch?.current == first)
        // A message that starts with "n" after the line was cleared: the first n steps (as the
        // hint says), so the user sees the search still active; Esc on the empty line clears it.
        TestSupport.press(&s, .escape)
        #expect(s.input.text.isEmpty)
        TestSupport.press(&s, .escape)
        #expect(s.conversationSearch == nil)
        TestSupport.type(&s, "no")
        #expect(s.input.text == "no", "with the search cleared n types")
    }

    // MARK: The session-wide search

    @Test func theHitFinderListsMessagesAndCallsInOrder() {
        let s = Self.stateWithResults()
        let hits = SessionSearch.find("TOKYO", messages: Array(s.displayedMessages), trace: s.trace)
        let places = hits.map(\.place)
        #expect(places == [.message(index: 0), .message(index: 1), .call(turn: 0, entry: 0, call: 0), .call(turn: 0, entry: 0, call: 1)])
        #expect(hits[0].label == "#1 user")
        #expect(hits[0].snippet == "weather in Tokyo")
        #expect(hits[2].label == "round 1 · get_weather · arguments")
        #expect(SessionSearch.find("", messages: Array(s.displayedMessages), trace: s.trace).isEmpty)
        #expect(SessionSearch.find("sunny", messages: [], trace: s.trace).map(\.label) == ["round 1 · get_weather · result"])
        // A long text is cut around its first match, with "…" on the cut sides.
        let snippet = SessionSearch.snippet(of: "needle", in: String(repeating: "a", count: 100) + "needle" + String(repeating: "b", count: 100))
        #expect(snippet == "…" + String(repeating: "a", count: 40) + "needle" + String(repeating: "b", count: 40) + "…")
        #expect(SessionSearch.snippet(of: "x", in: "abc") == nil)
    }

    @Test func theSessionSearchListsHitsAndJumpsToThem() {
        var s = Self.stateWithResults()
        TestSupport.press(&s, .function(15))
        guard case .prompt(let p)? = s.modal, p.purpose == .searchSession else { Issue.record("no prompt"); return }
        // Empty query, then no hit: a clear message, the prompt stays.
        TestSupport.press(&s, .enter)
        #expect(s.notice?.text.contains("type what to search for") == true)
        TestSupport.type(&s, "zzz")
        TestSupport.press(&s, .enter)
        #expect(s.notice?.text == "no hit for \"zzz\" in 5 messages and 2 tool calls")
        if case .prompt? = s.modal {} else { Issue.record("the prompt closed") }
        TestSupport.press(&s, .backspace, .backspace, .backspace)
        TestSupport.type(&s, "tokyo")
        TestSupport.press(&s, .enter)
        guard case .sessionSearch(let list)? = s.modal else { Issue.record("no hit list"); return }
        #expect(list.hits.count == 4)
        let screen = TestSupport.render(s).text
        #expect(screen.contains("Search the session: \"tokyo\" — 4 hits"))
        #expect(screen.contains("round 1 · get_time · arguments"))
        // Enter on the fourth hit: the trace selects that call and takes the focus.
        TestSupport.press(&s, .down, .down, .down, .enter)
        #expect(s.modal == nil)
        #expect(s.focus == .trace)
        #expect(TraceRow.build(s)[s.traceSelection] == .call(turn: 0, entry: 0, call: 1))
        // Ctrl-G (outside the JSON text) opens it too; a message hit scrolls the conversation there.
        s.focus = .conversation
        TestSupport.press(&s, .ctrl("g"))
        TestSupport.type(&s, "sunny, and")
        TestSupport.press(&s, .enter, .enter)
        #expect(s.focus == .conversation)
        #expect(!s.conversation.following)
        #expect(s.conversation.block == 4)
        #expect(s.conversation.line == 0)
    }

    // MARK: Selecting a message

    @Test func aClickSelectsAMessageForCopyAsAndASecondLetsItGo() {
        var s = Self.stateWithResults()
        s.conversation.following = false
        s.conversation.block = 0
        func rowIndex(_ text: String) -> Int? {
            TestSupport.render(s).text.components(separatedBy: "\n").firstIndex { $0.contains(text) }
        }
        let content = s.layout.conversationContent
        guard let user = rowIndex("▌ you") else { Issue.record("no user message on screen"); return }
        let index = s.session.messages.firstIndex { $0.role == .user }!
        _ = Self.mouse(&s, .press, x: content.x + 4, y: user + 1)
        #expect(s.selectedMessage == index)
        #expect(s.focus == .conversation)
        #expect(s.notice?.text == "message \(index + 1) selected · Ctrl-Y copies it · click it again to let go")
        #expect(TestSupport.render(s).text.contains("▌ you  ◀ selected"))
        // Copy as offers that message (1-based, as `export --message` counts).
        let menu = CopyMenu.make(s)
        #expect(menu.subject == "message \(index + 1) (user)")
        #expect(menu.choices.first?.label == "message JSON (message \(index + 1))")
        // The assistant message that calls tools: its call is offered too.
        let caller = s.session.messages.firstIndex { !$0.toolCalls.isEmpty }!
        s.selectedMessage = caller
        #expect(CopyMenu.make(s).choices.contains { $0.label == "call JSON (\(s.session.messages[caller].toolCalls.last!.id))" })
        // A second click on the selected message lets it go.
        s.selectedMessage = index
        _ = Self.mouse(&s, .press, x: content.x + 4, y: user + 1)
        #expect(s.selectedMessage == nil)
        #expect(!TestSupport.render(s).text.contains("◀ selected"))
    }

    // MARK: Per-result folds

    @Test func aClickUnfoldsOneResultAndItsMarkerFoldsItAgain() {
        var s = Self.stateWithResults()
        s.conversation.following = false
        s.conversation.block = 0
        func rowIndex(_ text: String) -> Int? {
            let rows = TestSupport.render(s).text.components(separatedBy: "\n")
            return rows.firstIndex { $0.contains(text) }
        }
        let content = s.layout.conversationContent
        guard let folded = rowIndex("more lines (Ctrl-R expands)") else { Issue.record("no folded row"); return }
        _ = Self.mouse(&s, .press, x: content.x + 6, y: folded)
        #expect(s.resultFolds == [2: true])
        #expect(!s.expandResults)
        let screen = TestSupport.render(s).text
        #expect(screen.contains("weather line 20"), "the first result is unfolded")
        #expect(ConversationLines(s).lines(block: 3, width: content.width).contains { $0.text.contains("more lines (Ctrl-R expands)") },
                "the second stays folded")
        // The marker under the unfolded result folds it again.
        ConversationReducer.scroll(&s, toRow: ConversationReducer.rowIndex(s, block: 2, line: 30))
        guard let marker = rowIndex("▴ fold this result") else { Issue.record("no fold marker"); return }
        _ = Self.mouse(&s, .press, x: content.x + 6, y: marker)
        #expect(s.resultFolds.isEmpty)
        // Ctrl-T unfolds the lowest long result on screen alone; Ctrl-R is still "all" and
        // forgets the single folds.
        s.conversation = ConversationScroll()
        TestSupport.press(&s, .ctrl("t"))
        #expect(s.resultFolds == [3: true])
        TestSupport.press(&s, .ctrl("t"))
        #expect(s.resultFolds.isEmpty)
        TestSupport.press(&s, .ctrl("t"), .ctrl("r"))
        #expect(s.expandResults)
        #expect(s.resultFolds.isEmpty)
    }

    // MARK: Dragging the split

    @Test func draggingTheBorderMovesTheSplitAndRemembersIt() {
        var s = TestSupport.state()
        let border = s.layout.trace.x
        #expect(border == 60)
        #expect(Self.mouse(&s, .press, x: border - 1, y: 10).isEmpty)
        #expect(s.splitDrag == .vertical)
        #expect(Self.mouse(&s, .drag, x: 79, y: 12).isEmpty)
        #expect(s.splitPercent == 67)
        #expect(s.layout.trace.x == 80)
        let effects = Self.mouse(&s, .release, x: 83, y: 12)
        #expect(s.splitDrag == nil)
        #expect(s.splitPercent == 70)
        #expect(effects == [.rememberSplit(conversation: 70, trace: 45)])
        #expect(s.focus == .conversation, "a drag focuses nothing")
        // The trace/tools border, and the limits the keys keep.
        let seam = s.layout.editor.y
        _ = Self.mouse(&s, .press, x: s.layout.editor.x + 10, y: seam)
        #expect(s.splitDrag == .horizontal)
        _ = Self.mouse(&s, .drag, x: s.layout.editor.x + 10, y: 1)
        #expect(s.traceSplitPercent == 20)
        _ = Self.mouse(&s, .release, x: s.layout.editor.x + 10, y: 1)
        _ = Self.mouse(&s, .press, x: s.layout.trace.x, y: 5)
        _ = Self.mouse(&s, .drag, x: 119, y: 5)
        #expect(s.splitPercent == 75)
        _ = Self.mouse(&s, .release, x: 119, y: 5)
        // A drag or release with no press on a border does nothing.
        let before = (s.splitPercent, s.traceSplitPercent)
        _ = Self.mouse(&s, .drag, x: 30, y: 5)
        _ = Self.mouse(&s, .release, x: 30, y: 5)
        #expect((s.splitPercent, s.traceSplitPercent) == before)
    }

    // MARK: Dialog keys and rows by mouse

    @Test func aClickOnADialogsKeyWordPressesIt() {
        var s = TestSupport.state()
        let tools = s.session.tools.count
        s.focus = .editor
        TestSupport.press(&s, .char("x"))
        guard case .confirm(let c)? = s.modal else { Issue.record("no question"); return }
        let chrome = DialogChrome.of(.confirm(c), keys: s.keymap, width: s.width, height: s.height, measure: s.measure)
        let buttons = chrome.buttons(measure: s.measure)
        #expect(buttons.map(\.key) == [.char("y"), .char("n")])
        // The footer as drawn holds the words where the buttons say they are.
        let row = TestSupport.render(s).rowText(chrome.outer.maxY - 1)
        let yes = buttons[0].columns
        #expect(String(Array(row)[yes]) == "y yes")
        _ = Self.mouse(&s, .press, x: yes.lowerBound + 2, y: chrome.outer.maxY - 1)
        #expect(s.modal == nil)
        #expect(s.session.tools.count == tools - 1)
    }

    @Test func aClickOnAListRowSelectsItAndASecondOpensIt() {
        var s = Self.stateWithResults()
        let entries = (1...3).map { SessionListEntry(path: "sessions/s\($0).json", label: "session \($0)", isRecent: false) }
        _ = Reducer.reduce(&s, .sessionList(entries))
        let chrome = DialogChrome.of(s.modal!, keys: s.keymap, width: s.width, height: s.height, measure: s.measure)
        _ = Self.mouse(&s, .press, x: chrome.inner.x + 4, y: chrome.inner.y + 2)
        guard case .picker(let p)? = s.modal else { Issue.record("the picker closed"); return }
        #expect(p.selected == 2)
        let effects = Self.mouse(&s, .press, x: chrome.inner.x + 4, y: chrome.inner.y + 2)
        #expect(effects == [.open(path: "sessions/s3.json", replay: false)])
        // A copy menu's row, and the pre-send dialog's "S send anyway".
        s.modal = .copyMenu(CopyMenu.make(s))
        guard case .copyMenu(let menu)? = s.modal, menu.choices.count >= 2 else { Issue.record("no copy menu"); return }
        let copy = DialogChrome.of(.copyMenu(menu), keys: s.keymap, width: s.width, height: s.height, measure: s.measure)
        _ = Self.mouse(&s, .press, x: copy.inner.x + 5, y: copy.inner.y + 1)
        if case .copyMenu(let m)? = s.modal { #expect(m.selected == 1) } else { Issue.record("the menu closed") }
        let close = copy.buttons(measure: s.measure).first { $0.key == .escape }
        #expect(close != nil)
        _ = Self.mouse(&s, .press, x: close?.columns.lowerBound ?? 0, y: copy.outer.maxY - 1)
        #expect(s.modal == nil)
    }

    // MARK: Find in the help and the session picker

    @Test func slashFindsInTheHelpAndNWalksTheMatches() {
        var s = TestSupport.state()
        TestSupport.press(&s, .function(1), .char("/"))
        TestSupport.type(&s, "replay")
        TestSupport.press(&s, .enter)
        guard case .help(let h)? = s.modal, let search = h.search else { Issue.record("no help search"); return }
        let rows = ModalReducer.helpRows(s)
        let expected = rows.indices.filter { rows[$0].text.lowercased().contains("replay") }
        #expect(search.rows == expected)
        #expect(expected.count >= 3)
        #expect(s.notice?.text == "/replay: 1 of \(expected.count)")
        #expect(h.scroll == max(0, expected[0] - DialogView.fullScreenRows(height: s.height) / 3))
        TestSupport.press(&s, .char("n"))
        #expect(s.notice?.text == "/replay: 2 of \(expected.count)")
        TestSupport.press(&s, .char("N"), .char("N"))
        #expect(s.notice?.text == "/replay: \(expected.count) of \(expected.count)")
        // Marked where drawn, "k of n" in the footer; Esc clears the search, Esc again closes.
        let screen = TestSupport.render(s)
        #expect(screen.text.contains("/replay: \(expected.count) of \(expected.count) · n/N next/previous · Esc clear"))
        let marked = (0..<screen.height).contains { y in (0..<screen.width).contains { screen[$0, y].style == Style(.selection, bold: true) } }
        #expect(marked)
        TestSupport.press(&s, .escape)
        guard case .help(let cleared)? = s.modal else { Issue.record("Esc closed the help instead of clearing"); return }
        #expect(cleared.search == nil)
        TestSupport.press(&s, .escape)
        #expect(s.modal == nil)
    }

    @Test func typingInThePickersPathFieldFindsSessionsAndArrowsWalkThem() {
        var s = TestSupport.state()
        let entries = ["sessions/parallel-weather.json", "sessions/orders.json", "sessions/weather-error.json"].map {
            SessionListEntry(path: $0, label: String($0.dropFirst(9).dropLast(5)), isRecent: false)
        }
        _ = Reducer.reduce(&s, .sessionList(entries))
        TestSupport.press(&s, .tab)
        TestSupport.type(&s, "weather")
        guard case .picker(let p)? = s.modal, let search = p.search else { Issue.record("no picker search"); return }
        #expect(search.rows == [0, 2])
        #expect(p.selected == 0)
        #expect(TestSupport.render(s).text.contains("/weather: 1 of 2 · ↓↑ matches"))
        TestSupport.press(&s, .down)
        guard case .picker(let q)? = s.modal else { Issue.record("the picker closed"); return }
        #expect(q.selected == 2)
        #expect(q.path?.text == "sessions/weather-error.json")
        #expect(s.notice?.text == "/weather: 2 of 2")
        let effects = TestSupport.press(&s, .enter)
        #expect(effects == [.open(path: "sessions/weather-error.json", replay: false)])
    }
}
