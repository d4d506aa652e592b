import Foundation
import ToolscopeEngine

/// Keys while a dialog is open. Every dialog closes with Esc (step-mode approval cancels the turn).
enum ModalReducer {
    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let modal = state.modal else { return [] }
        if key == .ctrl("q") || key == .ctrl("c") { state.modal = nil; return Reducer.quit(&state) }
        let page = max(1, state.height - 8)
        switch modal {
        case .help(let scroll):
            switch key {
            case .escape, .enter, .char("q"), .char("?"), .function(1): state.modal = nil
            case .down, .char("j"): state.modal = .help(scroll: scroll + 1)
            case .up, .char("k"): state.modal = .help(scroll: max(0, scroll - 1))
            case .pageDown: state.modal = .help(scroll: scroll + page)
            case .pageUp: state.modal = .help(scroll: max(0, scroll - page))
            case .home: state.modal = .help(scroll: 0)
            default: break
            }
            return []
        case .detail(var d):
            d.fit(screenWidth: state.width, measure: state.measure)
            let rows = DialogView.fullScreenRows(height: state.height)
            if var input = d.searchInput {
                // Typing a query: Enter finds it, Esc gives up; no other key of the view acts.
                switch key {
                case .escape: d.searchInput = nil
                case .enter:
                    d.searchInput = nil
                    let query = input.text
                    if query.isEmpty { d.search = nil } else {
                        d.search = TextSearch(query: query, in: d.lines.map(\.text), from: d.scroll)
                        if let row = d.search?.currentRow { d.scroll = max(0, row - rows / 3) }
                    }
                default:
                    editLine(&input, key)
                    d.searchInput = input
                }
                d.scroll = min(max(0, d.scroll), max(0, d.lines.count - rows))
                state.modal = .detail(d)
                return []
            }
            switch key {
            case .char("/"):
                d.searchInput = LineEditor(text: d.search?.query ?? "")
                state.modal = .detail(d)
                return []
            case .char("n") where d.search != nil, .char("N") where d.search != nil:
                d.search?.step(forward: key == .char("n"))
                if let row = d.search?.currentRow { d.scroll = max(0, row - rows / 3) }
                d.scroll = min(max(0, d.scroll), max(0, d.lines.count - rows))
                state.modal = .detail(d)
                return []
            default: break
            }
            switch key {
            case .escape where d.search != nil: d.search = nil
            case .escape, .enter, .char("q"): state.modal = d.then.map { .confirm($0) }; return []
            case .down, .char("j"): d.scroll += 1
            case .up, .char("k"): d.scroll -= 1
            case .pageDown, .char(" "): d.scroll += page
            case .pageUp: d.scroll -= page
            case .home, .char("g"): d.scroll = 0
            case .end, .char("G"): d.scroll = d.lines.count
            default: break
            }
            d.scroll = min(max(0, d.scroll), max(0, d.lines.count - DialogView.fullScreenRows(height: state.height)))
            state.modal = .detail(d)
            return []
        case .approval(let a):
            return approvalKey(&state, a, key)
        case .copyMenu(let menu):
            return CopyMenu.handleKey(&state, menu, key)
        case .manualResult(var m):
            switch key {
            case .escape:
                state.modal = nil
                state.runState = .runningTools(max(1, state.runningCalls.count))
                return [.manualResult(id: m.id, outcome: .error("the person at the keyboard declined to answer this call"))]
            case .enter:
                state.modal = nil
                state.runState = .runningTools(max(1, state.runningCalls.count))
                return [.manualResult(id: m.id, outcome: ToolOutcome(content: m.input.submit()))]
            default:
                editLine(&m.input, key)
                state.modal = .manualResult(m)
                return []
            }
        case .provider(var p):
            return providerKey(&state, &p, key)
        case .picker(var p) where p.path != nil:
            return pickerPathKey(&state, &p, key)
        case .picker(var p):
            switch key {
            case .tab, .char("/"), .char("~"), .char("."):
                // Typing a path: Tab opens the field empty, the first character of a path starts it.
                var field = LineEditor()
                if case .char(let c) = key { field.insert(String(c)) }
                p.path = field
                p.error = nil
                state.modal = .picker(p)
            case .escape: state.modal = nil
            case .up: p.selected = max(0, p.selected - 1); state.modal = .picker(p)
            case .down: p.selected = min(max(0, p.entries.count - 1), p.selected + 1); state.modal = .picker(p)
            case .enter, .char("r"):
                guard p.selected < p.entries.count else { return [] }
                if state.runState.isBusy { state.notice = Notice("a turn is running; Esc cancels it first", kind: .warning); return [] }
                state.modal = nil
                return [.open(path: p.entries[p.selected].path, replay: key == .char("r"))]
            case .char("n"):
                state.modal = nil
                return [.newSession]
            default: break
            }
            return []
        case .tryTool(var t):
            switch key {
            case .escape: state.modal = nil; return []
            case .function(5), .ctrl("r"):
                validateTry(&t)
                guard let args = try? JSONParser.parse(t.buffer.text) else {
                    state.modal = .tryTool(t)
                    state.notice = Notice("not run: " + (t.problems.first ?? "the arguments are not valid JSON"), kind: .error)
                    return []
                }
                let id = "try_\(state.trace.turns.count + 1)"
                let call = ToolCall(id: id, name: t.toolName, arguments: args.compact)
                state.modal = nil
                state.tryCalls.insert(id)
                state.trace.beginTry(call: call, at: state.now)
                // The try's row is selected for when the user looks at the trace; the focus stays
                // where the user put it (moving it made the next keys land in the wrong pane).
                state.traceSelection = max(0, TraceRow.build(state).count - 1)
                if !t.problems.isEmpty {
                    state.notice = Notice("running with \(t.problems.count) schema problem(s): the dispatcher reports them as the model would see them", kind: .warning)
                }
                return [.tryTool(call)]
            default:
                let before = t.buffer.text
                editBuffer(&t.buffer, key, clipboard: &state.clipboard)
                if t.buffer.text != before { validateTry(&t) }
                state.modal = .tryTool(t)
                return []
            }
        case .prompt(var p):
            if p.purpose == .searchConversation { return ConversationReducer.searchKey(&state, &p, key) }
            switch key {
            case .escape: state.modal = nil; return []
            case .enter:
                state.modal = nil
                let text = p.input.text
                switch p.purpose {
                case .saveAs, .quitSaveAs:
                    guard !text.isEmpty else { return [] }
                    guard !state.isProtected(text) else {
                        // Keep the prompt, so another name is one edit away.
                        state.modal = .prompt(p)
                        state.notice = Notice("\(text) failed to load; it is not overwritten. Save under another name.", kind: .error)
                        return []
                    }
                    return [.save(path: text)]
                case .renameTool(let index):
                    return EditorReducer.rename(&state, index: index, to: text)
                case .binding(let index):
                    return ToolBindingReducer.setBinding(&state, index: index, text: text)
                case .importPython:
                    guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
                    return ToolBindingReducer.startPythonImport(&state, text: text)
                case .importMCP:
                    guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
                    return ToolBindingReducer.startMCPImport(&state, text: text)
                case .caseFromTurn:
                    let path = text.trimmingCharacters(in: .whitespaces)
                    guard !path.isEmpty else { return [] }
                    return [.appendCase(path: path)]
                case .searchTrace:
                    TraceReducer.search(&state, query: text)
                    return []
                case .searchConversation:
                    return []
                }
            default:
                editLine(&p.input, key)
                state.modal = .prompt(p)
                return []
            }
        case .toolCheck(var t):
            switch key {
            case .escape, .enter, .char("q"):
                state.modal = nil
                state.notice = Notice("not sent: fix the tools (Tab to the tools list), or press Enter again and S to send anyway", kind: .warning)
            case .char("S"):
                state.modal = nil
                if state.runState.isBusy { state.notice = Notice("a turn is running; wait for it or press Esc to cancel", kind: .warning); return [] }
                return ConversationReducer.send(&state, t.text, anyway: true)
            case .down, .char("j"): t.scroll += 1
            case .up, .char("k"): t.scroll -= 1
            case .pageDown, .char(" "): t.scroll += page
            case .pageUp: t.scroll -= page
            case .home, .char("g"): t.scroll = 0
            default: break
            }
            if case .toolCheck = state.modal {
                t.scroll = min(max(0, t.scroll), max(0, t.check.findings.count * 2))
                state.modal = .toolCheck(t)
            }
            return []
        case .convertTools(var c):
            switch key {
            case .char("y"), .char("Y"), .enter:
                state.modal = nil
                return EditorReducer.applyConversion(&state, c)
            case .char("n"), .char("N"), .escape:
                state.modal = nil
                state.notice = Notice("not converted: the text is left as it is", kind: .warning)
            case .down, .char("j"): c.scroll += 1
            case .up, .char("k"): c.scroll -= 1
            case .pageDown, .char(" "): c.scroll += page
            case .pageUp: c.scroll -= page
            case .home, .char("g"): c.scroll = 0
            case .end, .char("G"): c.scroll = Int.max / 2
            default: break
            }
            if case .convertTools = state.modal {
                c.scroll = min(max(0, c.scroll), c.diff.count + c.conversion.notes.count)
                state.modal = .convertTools(c)
            }
            return []
        case .confirm(var c):
            switch key {
            case .char("y"), .char("Y"):
                // The terminal is too small to show what would run: trusting blind is not an answer.
                if case .trust = c.purpose, state.layout.tooSmall {
                    state.notice = Notice("enlarge the terminal to read what would run before trusting it", kind: .warning)
                    return []
                }
                state.modal = nil
                switch c.purpose {
                case .deleteTool(let index): return EditorReducer.delete(&state, index: index)
                case .trust(let remember): return ToolBindingReducer.answerTrust(&state, yes: true, remember: remember)
                }
            case .char("n"), .char("N"), .escape:
                state.modal = nil
                if case .trust(let remember) = c.purpose { return ToolBindingReducer.answerTrust(&state, yes: false, remember: remember) }
            default:
                scrollConfirm(&state, &c, key)
            }
            return []
        }
    }

    /// The picker's path field: Enter opens the typed path (the picker stays until it loads, so
    /// a missing or broken file is explained in it), Tab goes back to the list.
    static func pickerPathKey(_ state: inout AppState, _ p: inout PickerState, _ key: Key) -> [Effect] {
        switch key {
        case .escape:
            state.modal = nil
            return []
        case .tab, .backTab:
            p.path = nil
        case .enter:
            let path = (p.path?.text ?? "").trimmingCharacters(in: .whitespaces)
            guard !path.isEmpty else { p.error = "type the path of a session file, e.g. sessions/parallel-weather.json"; break }
            if state.runState.isBusy { state.notice = Notice("a turn is running; Esc cancels it first", kind: .warning); return [] }
            p.opening = path
            p.error = nil
            state.modal = .picker(p)
            return [.open(path: path, replay: false)]
        default:
            if var field = p.path {
                editLine(&field, key)
                p.path = field
            }
        }
        state.modal = .picker(p)
        return []
    }

    /// Scrolls a question's details by row, page, or to either end; the layout clamps it, so
    /// `End` shows the last row on the dialog's last line.
    static func scrollConfirm(_ state: inout AppState, _ c: inout ConfirmState, _ key: Key) {
        let layout = ConfirmLayout(c, width: state.width, height: state.height, measure: state.measure)
        let page = max(1, layout.visibleRows - 1)
        // A scroll made at another terminal size first comes back inside this one's list.
        c.scroll = layout.clamped(c.scroll)
        switch key {
        case .down, .char("j"): c.scroll += 1
        case .up, .char("k"): c.scroll -= 1
        case .pageDown, .char(" "): c.scroll += page
        case .pageUp: c.scroll -= page
        case .home, .char("g"): c.scroll = 0
        case .end, .char("G"): c.scroll = layout.maxScroll
        default: return
        }
        c.scroll = layout.clamped(c.scroll)
        state.modal = .confirm(c)
    }

    static func validateTry(_ t: inout TryToolState) {
        let syntax = JSONDiagnostics.syntax(of: t.buffer.text)
        if let value = syntax.value {
            t.problems = SchemaValidator.validate(value, schema: t.schema).map(\.description)
        } else {
            t.problems = syntax.diagnostics.map { "line \($0.line + 1), column \($0.column + 1): \($0.message)" }
        }
    }

    static func approvalKey(_ state: inout AppState, _ a: ApprovalState, _ key: Key) -> [Effect] {
        var a = a
        guard let call = a.current else { state.modal = nil; return [] }
        if var buffer = a.editing {
            switch key {
            case .escape: a.editing = nil
            case .function(5), .ctrl("r"):
                guard (try? JSONParser.parse(buffer.text)) != nil else {
                    state.notice = Notice("edited arguments are not valid JSON", kind: .error)
                    return []
                }
                a.editing = nil
                a.decisions.append(.run(arguments: buffer.text))
            default:
                editBuffer(&buffer, key, clipboard: &state.clipboard)
                a.editing = buffer
            }
            return finishApproval(&state, a)
        }
        if var line = a.answering {
            switch key {
            case .escape: a.answering = nil
            case .enter:
                a.answering = nil
                a.decisions.append(.answer(content: line.submit()))
            default:
                editLine(&line, key)
                a.answering = line
            }
            return finishApproval(&state, a)
        }
        switch key {
        case .char("r"), .enter: a.decisions.append(.run(arguments: call.arguments))
        case .char("e"):
            let pretty = (try? JSONParser.parse(call.arguments))?.pretty ?? call.arguments
            a.editing = TextBuffer(text: pretty)
        case .char("a"): a.answering = LineEditor()
        case .char("s"): a.decisions.append(.skip)
        case .char("A"):
            for c in a.calls[a.decisions.count...] { a.decisions.append(.run(arguments: c.arguments)) }
        case .escape:
            state.modal = nil
            return [.cancelTurn]
        case .down: a.scroll += 1
        case .up: a.scroll = max(0, a.scroll - 1)
        default: break
        }
        return finishApproval(&state, a)
    }

    static func finishApproval(_ state: inout AppState, _ a: ApprovalState) -> [Effect] {
        if a.decisions.count >= a.calls.count {
            state.modal = nil
            state.runState = .runningTools(a.calls.count)
            return [.approve(id: a.id, decisions: a.decisions)]
        }
        state.modal = .approval(a)
        return []
    }

    static func providerKey(_ state: inout AppState, _ p: inout ProviderDialogState, _ key: Key) -> [Effect] {
        let kinds = ProviderConfig.Kind.allCases
        let apis = WireAPI.allCases
        let fields = p.fields
        let at = fields.firstIndex(of: p.field) ?? 0
        let stores = ProviderDialogState.storeChoices
        let histories = ResponsesHistory.allCases
        switch key {
        case .escape: state.modal = nil; return []
        case .tab, .down: p.field = fields[(at + 1) % fields.count]
        case .backTab, .up: p.field = fields[(at + fields.count - 1) % fields.count]
        case .left where p.field == .kind:
            p.kind = kinds[(kinds.firstIndex(of: p.kind)! + kinds.count - 1) % kinds.count]
        case .right where p.field == .kind, .char(" ") where p.field == .kind:
            p.kind = kinds[(kinds.firstIndex(of: p.kind)! + 1) % kinds.count]
        case .left where p.field == .api:
            p.api = apis[(apis.firstIndex(of: p.api)! + apis.count - 1) % apis.count]
        case .right where p.field == .api, .char(" ") where p.field == .api:
            p.api = apis[(apis.firstIndex(of: p.api)! + 1) % apis.count]
        case .char(" ") where p.field == .compat, .left where p.field == .compat, .right where p.field == .compat:
            p.compat.emptyContentWithToolCalls.toggle()
        case .left where p.field == .store:
            p.store = stores[((stores.firstIndex(of: p.store) ?? 0) + stores.count - 1) % stores.count]
        case .right where p.field == .store, .char(" ") where p.field == .store:
            p.store = stores[((stores.firstIndex(of: p.store) ?? 0) + 1) % stores.count]
        case .left where p.field == .history, .right where p.field == .history, .char(" ") where p.field == .history:
            p.history = histories[(histories.firstIndex(of: p.history)! + 1) % histories.count]
        case .ctrl("l"):
            let effects = listModels(&p, state: state)
            state.modal = .provider(p)
            return effects
        case .pageDown where !p.models.isEmpty, .pageUp where !p.models.isEmpty:
            // Put the next (or previous) listed model into the field; the field stays editable.
            let current = p.models.firstIndex(of: p.model.text.trimmingCharacters(in: .whitespaces))
            let step = key == .pageDown ? 1 : -1
            let next = current.map { ($0 + step + p.models.count) % p.models.count } ?? (step > 0 ? 0 : p.models.count - 1)
            p.model = LineEditor(text: p.models[next])
            p.field = .model
        case .enter:
            let config = p.config(from: state.session.settings.provider)
            if p.kind == .openai, config.baseURL == nil {
                p.error = "an HTTP provider needs a base URL, e.g. http://127.0.0.1:11434/v1 or \(p.api.defaultBaseURL)"
                state.modal = .provider(p)
                return []
            }
            let model = p.model.text.trimmingCharacters(in: .whitespaces)
            p.error = nil
            state.modal = .provider(p)
            // The Responses rows are hidden on other wires; what they hold there is not applied.
            let responses = p.api == .responses
            return [.switchProvider(config, model: model.isEmpty ? state.session.settings.model : model,
                                    store: responses ? p.store : state.session.settings.store,
                                    history: responses ? p.history : state.session.settings.responsesHistory)]
        default:
            switch p.field {
            case .kind, .api, .compat, .store, .history: break
            case .model: editLine(&p.model, key)
            case .baseURL: editLine(&p.baseURL, key)
            }
        }
        state.modal = .provider(p)
        return []
    }

    /// Asks the dialog's HTTP server for its models (nothing for the scripted and replay
    /// models, or without a base URL); the answer arrives as `.modelsListed` / `.modelsFailed`.
    static func listModels(_ p: inout ProviderDialogState, state: AppState) -> [Effect] {
        let config = p.config(from: state.session.settings.provider)
        guard p.kind == .openai, let url = config.baseURL else {
            p.models = []
            p.modelsBaseURL = nil
            p.modelsNote = nil
            return []
        }
        p.modelsBaseURL = url
        p.modelsNote = "asking \(TextSanitizer.singleLine(url)) for its models…"
        return [.listModels(config)]
    }

    /// Shell-style editing shared by every one-line field.
    static func editLine(_ line: inout LineEditor, _ key: Key) {
        switch key {
        case .left: line.moveLeft()
        case .right: line.moveRight()
        case .home, .ctrl("a"): line.moveHome()
        case .end, .ctrl("e"): line.moveEnd()
        case .ctrlLeft: line.moveWordLeft()
        case .ctrlRight: line.moveWordRight()
        case .ctrl("u"): line.killToStart()
        case .ctrl("w"): line.killWordBackward()
        case .ctrl("k"): line.killToEnd()
        case .backspace: line.deleteBackward()
        case .delete: line.deleteForward()
        case .up: line.historyPrevious()
        case .down: line.historyNext()
        case .char(let c): line.insert(String(c))
        default: break
        }
    }

    /// Multi-line editing shared by the try and edit-arguments dialogs.
    static func editBuffer(_ b: inout TextBuffer, _ key: Key, clipboard: inout String) {
        if BufferKeys.applyCommon(key, to: &b, clipboard: &clipboard) { return }
        switch key {
        case .ctrl("z"): _ = b.undo()
        case .ctrl("y"): _ = b.redo()
        case .ctrl("v"): b.insert(clipboard)
        case .tab: b.insert("  ")
        default: break
        }
    }
}
