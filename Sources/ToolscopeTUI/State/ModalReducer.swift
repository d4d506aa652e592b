import Foundation
import ToolscopeEngine

/// Keys while a dialog is open. Each dialog is a component with its own update function that
/// reads its keys from its scope of the keymap (and the shared `lineField`, `textArea` and
/// `scrolling` scopes). Every dialog closes with Esc (Esc on an approval cancels the turn).
enum ModalReducer {
    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let modal = state.modal else { return [] }
        // Quit's unconditional keys (Ctrl-Q, Ctrl-C) work in every dialog; q only outside text.
        if state.keymap.command(for: key, in: .global) == .quit { state.modal = nil; return Reducer.quit(&state) }
        switch modal {
        case .help(let h): return helpKey(&state, h, key)
        case .detail(var d): return detailKey(&state, &d, key)
        case .approval(let a): return approvalKey(&state, a, key)
        case .copyMenu(let menu): return CopyMenu.handleKey(&state, menu, key)
        case .manualResult(var m): return manualResultKey(&state, &m, key)
        case .provider(var p): return providerKey(&state, &p, key)
        case .picker(var p) where p.path != nil: return pickerPathKey(&state, &p, key)
        case .picker(var p): return pickerKey(&state, &p, key)
        case .tryTool(var t): return tryKey(&state, &t, key)
        case .prompt(var p):
            if p.purpose == .searchConversation { return FindBar.key(&state, &p, key, .conversation) }
            if p.purpose == .searchEditor { return FindBar.key(&state, &p, key, .editor) }
            return promptKey(&state, &p, key)
        case .toolCheck(var t): return toolCheckKey(&state, &t, key)
        case .convertTools(var c): return convertKey(&state, &c, key)
        case .confirm(var c): return confirmKey(&state, &c, key)
        case .sessionSearch(var s): return SessionSearchReducer.key(&state, &s, key)
        }
    }

    /// Rows a scrolling command moves `scroll` to (clamped by the caller); nil when it is not one.
    static func scrolled(_ scroll: Int, _ command: Command?, page: Int, end: Int) -> Int? {
        switch command {
        case .moveDown?: return scroll + 1
        case .moveUp?: return scroll - 1
        case .pageDown?: return scroll + page
        case .pageUp?: return scroll - page
        case .first?: return 0
        case .last?: return end
        default: return nil
        }
    }

    static func helpKey(_ state: inout AppState, _ scroll: HelpState, _ key: Key) -> [Effect] {
        var h = scroll
        if var input = h.searchInput {
            // Typing a query: Enter finds it, Esc gives up; no other key of the help acts.
            switch LineField.update(&input, key, keymap: state.keymap) {
            case .cancel: h.searchInput = nil
            case .submit:
                h.searchInput = nil
                let query = input.text
                if query.isEmpty { h.search = nil } else {
                    h.search = TextSearch(query: query, in: helpRows(state).map(\.text), from: h.scroll)
                    showMatch(&state, &h)
                }
            case .edited, .ignored:
                h.searchInput = input
            }
            state.modal = .help(h)
            return []
        }
        if let command = state.command(for: key, in: .help, .scrolling) { helpCommand(&state, &h, command) }
        return []
    }

    /// The help's rows as the dialog draws them on this screen (see `DialogView.draw`).
    static func helpRows(_ state: AppState) -> [StyledLine] {
        let inner = DialogChrome.of(.help(HelpState()), keys: state.keymap, width: state.width, height: state.height, measure: state.measure).inner
        return KeyHelp.lines(width: inner.width, keymap: state.keymap, measure: state.measure)
    }

    /// Scrolls the help so its current match sits a third of the way down, and says "k of n".
    static func showMatch(_ state: inout AppState, _ h: inout HelpState) {
        guard let search = h.search else { return }
        if let row = search.currentRow { h.scroll = max(0, row - DialogView.fullScreenRows(height: state.height) / 3) }
        state.notice = Notice(search.status, kind: search.rows.isEmpty ? .warning : .info)
    }

    static func helpCommand(_ state: inout AppState, _ h: inout HelpState, _ command: Command) {
        let page = max(1, state.height - 8)
        switch command {
        case .close: state.modal = nil; return
        case .search: h.searchInput = LineEditor(text: h.search?.query ?? "")
        case .nextMatch, .previousMatch:
            let from = h.search?.currentRow ?? 0
            h.search?.find(in: helpRows(state).map(\.text), from: from)
            h.search?.advance(forward: command == .nextMatch)
            showMatch(&state, &h)
        case .clearSearch: h.search = nil
        default:
            // End stays put: the help's length is known only when it is drawn at a width.
            if command != .last, let next = scrolled(h.scroll, command, page: page, end: 0) { h.scroll = max(0, next) }
        }
        state.modal = .help(h)
    }

    static func detailKey(_ state: inout AppState, _ d: inout DetailState, _ key: Key) -> [Effect] {
        d.fit(screenWidth: state.width, measure: state.measure)
        let rows = DialogView.fullScreenRows(height: state.height)
        if var input = d.searchInput {
            // Typing a query: Enter finds it, Esc gives up; no other key of the view acts.
            switch LineField.update(&input, key, keymap: state.keymap) {
            case .cancel: d.searchInput = nil
            case .submit:
                d.searchInput = nil
                let query = input.text
                if query.isEmpty { d.search = nil } else {
                    d.search = TextSearch(query: query, in: d.lines.map(\.text), from: d.scroll)
                    if let row = d.search?.currentRow { d.scroll = max(0, row - rows / 3) }
                }
            case .edited, .ignored:
                d.searchInput = input
            }
            d.scroll = min(max(0, d.scroll), max(0, d.lines.count - rows))
            state.modal = .detail(d)
            return []
        }
        if let command = state.command(for: key, in: .detail, .scrolling) {
            detailCommand(&state, &d, command)
        } else {
            state.modal = .detail(d)
        }
        return []
    }

    static func detailCommand(_ state: inout AppState, _ d: inout DetailState, _ command: Command) {
        d.fit(screenWidth: state.width, measure: state.measure)
        let rows = DialogView.fullScreenRows(height: state.height)
        let page = max(1, state.height - 8)
        switch command {
        case .search:
            d.searchInput = LineEditor(text: d.search?.query ?? "")
        case .nextMatch, .previousMatch:
            d.search?.advance(forward: command == .nextMatch)
            if let row = d.search?.currentRow { d.scroll = max(0, row - rows / 3) }
        case .clearSearch: d.search = nil
        case .close: state.modal = d.then.map { .confirm($0) }; return
        default:
            if let next = scrolled(d.scroll, command, page: page, end: d.lines.count) { d.scroll = next }
        }
        d.scroll = min(max(0, d.scroll), max(0, d.lines.count - rows))
        state.modal = .detail(d)
    }

    static func manualResultKey(_ state: inout AppState, _ m: inout ManualResultState, _ key: Key) -> [Effect] {
        switch LineField.update(&m.input, key, keymap: state.keymap) {
        case .cancel:
            state.modal = nil
            state.runState = .runningTools(max(1, state.runningCalls.count))
            return [.manualResult(id: m.id, outcome: .error("the person at the keyboard declined to answer this call"))]
        case .submit:
            state.modal = nil
            state.runState = .runningTools(max(1, state.runningCalls.count))
            return [.manualResult(id: m.id, outcome: ToolOutcome(content: m.input.submit()))]
        case .edited, .ignored:
            state.modal = .manualResult(m)
            return []
        }
    }

    static func pickerKey(_ state: inout AppState, _ p: inout PickerState, _ key: Key) -> [Effect] {
        switch state.command(for: key, in: .picker) {
        case .typePath?:
            // Typing a path: Tab opens the field empty, the first character of a path starts it.
            var field = LineEditor()
            if case .char(let c) = key { field.insert(String(c)) }
            p.path = field
            p.error = nil
            findEntries(&p, field.text)
            state.modal = .picker(p)
        case .close?: state.modal = nil
        case .moveUp?: p.selected = max(0, p.selected - 1); state.modal = .picker(p)
        case .moveDown?: p.selected = min(max(0, p.entries.count - 1), p.selected + 1); state.modal = .picker(p)
        case .openSession?, .openReplay?:
            guard p.selected < p.entries.count else { return [] }
            if state.runState.isBusy { state.notice = state.turnRunningNotice; return [] }
            state.modal = nil
            return [.open(path: p.entries[p.selected].path, replay: state.command(for: key, in: .picker) == .openReplay)]
        case .newSession?:
            state.modal = nil
            return [.newSession]
        default: break
        }
        return []
    }

    static func tryKey(_ state: inout AppState, _ t: inout TryToolState, _ key: Key) -> [Effect] {
        switch state.command(for: key, in: .argumentsEditor) {
        case .cancel?: state.modal = nil; return []
        case .runArguments?:
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
            editBuffer(&t.buffer, key, state: &state)
            if t.buffer.text != before { validateTry(&t) }
            state.modal = .tryTool(t)
            return []
        }
    }

    static func promptKey(_ state: inout AppState, _ p: inout PromptState, _ key: Key) -> [Effect] {
        switch LineField.update(&p.input, key, keymap: state.keymap) {
        case .cancel: state.modal = nil; return []
        case .edited, .ignored: state.modal = .prompt(p); return []
        case .submit: break
        }
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
        case .searchConversation, .searchEditor:
            return []
        case .searchSession:
            return SessionSearchReducer.open(&state, query: text, prompt: p)
        }
    }

    static func toolCheckKey(_ state: inout AppState, _ t: inout ToolCheckState, _ key: Key) -> [Effect] {
        let page = max(1, state.height - 8)
        let command = state.command(for: key, in: .toolCheck, .scrolling)
        switch command {
        case .close?:
            state.modal = nil
            state.notice = Notice("not sent: fix the tools (\(state.keymap.keyName(.focusNext, in: .global, usual: .tab)) to the tools list), or press "
                                  + "\(state.keymap.keyName(.submit, in: .lineField, usual: .enter)) again and \(state.keymap.keyName(.sendAnyway, in: .toolCheck, usual: .char("S"))) to send anyway", kind: .warning)
            return []
        case .sendAnyway?:
            state.modal = nil
            if state.runState.isBusy { state.notice = Notice("a turn is running; wait for it or press \(state.cancelTurnKey) to cancel", kind: .warning); return [] }
            return ConversationReducer.send(&state, t.text, anyway: true)
        default:
            let end = t.check.findings.count * 2
            guard let next = scrolled(t.scroll, command, page: page, end: end) else { return [] }
            t.scroll = min(max(0, next), end)
            state.modal = .toolCheck(t)
            return []
        }
    }

    static func convertKey(_ state: inout AppState, _ c: inout ConvertToolsState, _ key: Key) -> [Effect] {
        let page = max(1, state.height - 8)
        let command = state.command(for: key, in: .convertTools, .scrolling)
        switch command {
        case .yes?:
            state.modal = nil
            return EditorReducer.applyConversion(&state, c)
        case .no?:
            state.modal = nil
            state.notice = Notice("not converted: the text is left as it is", kind: .warning)
            return []
        default:
            let end = c.diff.count + c.conversion.notes.count
            guard let next = scrolled(c.scroll, command, page: page, end: end) else { return [] }
            c.scroll = min(max(0, next), end)
            state.modal = .convertTools(c)
            return []
        }
    }

    static func confirmKey(_ state: inout AppState, _ c: inout ConfirmState, _ key: Key) -> [Effect] {
        switch state.command(for: key, in: .confirm, .scrolling) {
        case .yes?:
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
        case .no?:
            state.modal = nil
            if case .trust(let remember) = c.purpose { return ToolBindingReducer.answerTrust(&state, yes: false, remember: remember) }
        case let command:
            scrollConfirm(&state, &c, command)
        }
        return []
    }

    /// The picker's path field: Enter opens the typed path (the picker stays until it loads, so
    /// a missing or broken file is explained in it), Tab goes back to the list.
    static func pickerPathKey(_ state: inout AppState, _ p: inout PickerState, _ key: Key) -> [Effect] {
        switch state.command(for: key, in: .pickerPath) {
        case .backToList?:
            p.path = nil
            state.modal = .picker(p)
            return []
        case .nextMatch?, .previousMatch?:
            // The typed text stays the query; the field takes the matching session's path.
            p.search?.advance(forward: state.command(for: key, in: .pickerPath) == .nextMatch)
            if let row = p.search?.currentRow {
                p.selected = row
                p.path = LineEditor(text: p.entries[row].path)
            }
            if let search = p.search { state.notice = Notice(search.status, kind: search.rows.isEmpty ? .warning : .info) }
            state.modal = .picker(p)
            return []
        default: break
        }
        var field = p.path ?? LineEditor()
        switch LineField.update(&field, key, keymap: state.keymap) {
        case .cancel:
            state.modal = nil
            return []
        case .submit:
            let path = field.text.trimmingCharacters(in: .whitespaces)
            guard !path.isEmpty else { p.error = "type the path of a session file, e.g. sessions/parallel-weather.json"; break }
            if state.runState.isBusy { state.notice = state.turnRunningNotice; return [] }
            p.opening = path
            p.error = nil
            state.modal = .picker(p)
            return [.open(path: path, replay: false)]
        case .edited, .ignored:
            if field.text != p.path?.text { findEntries(&p, field.text) }
            p.path = field
        }
        state.modal = .picker(p)
        return []
    }

    /// The picker's search as the path is typed: the entries holding the text are marked and
    /// the first is selected (↓ / ↑ walk them); an empty field has no search.
    static func findEntries(_ p: inout PickerState, _ text: String) {
        guard !text.isEmpty else { p.search = nil; return }
        p.search = TextSearch(query: text, in: p.searchRows, from: 0)
        if let row = p.search?.currentRow { p.selected = row }
    }

    /// Scrolls a question's details by row, page, or to either end; the layout clamps it, so
    /// `End` shows the last row on the dialog's last line.
    static func scrollConfirm(_ state: inout AppState, _ c: inout ConfirmState, _ command: Command?) {
        let layout = ConfirmLayout(c, width: state.width, height: state.height, measure: state.measure)
        let page = max(1, layout.visibleRows - 1)
        // A scroll made at another terminal size first comes back inside this one's list.
        c.scroll = layout.clamped(c.scroll)
        guard let next = scrolled(c.scroll, command, page: page, end: layout.maxScroll) else { return }
        c.scroll = layout.clamped(next)
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
            switch state.command(for: key, in: .argumentsEditor) {
            case .cancel?: a.editing = nil
            case .runArguments?:
                guard (try? JSONParser.parse(buffer.text)) != nil else {
                    state.notice = Notice("edited arguments are not valid JSON", kind: .error)
                    return []
                }
                a.editing = nil
                a.decisions.append(.run(arguments: buffer.text))
            default:
                editBuffer(&buffer, key, state: &state)
                a.editing = buffer
            }
            return finishApproval(&state, a)
        }
        if var line = a.answering {
            switch LineField.update(&line, key, keymap: state.keymap) {
            case .cancel: a.answering = nil
            case .submit:
                a.answering = nil
                a.decisions.append(.answer(content: line.submit()))
            case .edited, .ignored:
                a.answering = line
            }
            return finishApproval(&state, a)
        }
        switch state.command(for: key, in: .approval, .scrolling) {
        case .approveCall?: a.decisions.append(.run(arguments: call.arguments))
        case .editArguments?:
            let pretty = (try? JSONParser.parse(call.arguments))?.pretty ?? call.arguments
            a.editing = TextBuffer(text: pretty)
        case .answerByHand?: a.answering = LineEditor()
        case .skipCall?: a.decisions.append(.skip)
        case .approveAll?:
            for c in a.calls[a.decisions.count...] { a.decisions.append(.run(arguments: c.arguments)) }
        case .cancelTurn?:
            state.modal = nil
            return [.cancelTurn]
        case .moveDown?: a.scroll += 1
        case .moveUp?: a.scroll = max(0, a.scroll - 1)
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
        let fields = p.fields
        let at = fields.firstIndex(of: p.field) ?? 0
        let command = state.command(for: key, in: .provider)
        switch command {
        case .close?: state.modal = nil; return []
        case .nextField?: p.field = fields[(at + 1) % fields.count]
        case .previousField?: p.field = fields[(at + fields.count - 1) % fields.count]
        case .previousChoice?: moveChoice(&p, by: -1)
        case .nextChoice?: moveChoice(&p, by: 1)
        case .refreshModels?:
            let effects = listModels(&p, state: state)
            state.modal = .provider(p)
            return effects
        case .nextModel?, .previousModel?:
            // Put the next (or previous) listed model into the field; the field stays editable.
            let current = p.models.firstIndex(of: p.model.text.trimmingCharacters(in: .whitespaces))
            let offset = command == .nextModel ? 1 : -1
            let next = current.map { ($0 + offset + p.models.count) % p.models.count } ?? (offset > 0 ? 0 : p.models.count - 1)
            p.model = LineEditor(text: p.models[next])
            p.field = .model
        case .accept?:
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
            // Enter and Esc are the dialog's own (above), so the fields only edit.
            switch p.field {
            case .kind, .api, .compat, .store, .history: break
            case .model: _ = LineField.update(&p.model, key, keymap: state.keymap)
            case .baseURL: _ = LineField.update(&p.baseURL, key, keymap: state.keymap)
            }
        }
        state.modal = .provider(p)
        return []
    }

    /// ←/→ (and Space forward) on a choice row: the provider kinds, wires and `store` walk
    /// both ways; compat toggles and history has two values, so both keys flip them.
    static func moveChoice(_ p: inout ProviderDialogState, by offset: Int) {
        func next<T: Equatable>(_ all: [T], _ current: T) -> T {
            all[((all.firstIndex(of: current) ?? 0) + offset + all.count) % all.count]
        }
        switch p.field {
        case .kind: p.kind = next(ProviderConfig.Kind.allCases, p.kind)
        case .api: p.api = next(WireAPI.allCases, p.api)
        case .compat: p.compat.emptyContentWithToolCalls.toggle()
        case .store: p.store = next(ProviderDialogState.storeChoices, p.store)
        case .history:
            let histories = ResponsesHistory.allCases
            p.history = histories[(histories.firstIndex(of: p.history)! + 1) % histories.count]
        case .model, .baseURL: break
        }
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

    /// Multi-line editing shared by the try and edit-arguments dialogs (the `textArea` scope).
    static func editBuffer(_ b: inout TextBuffer, _ key: Key, state: inout AppState) {
        guard let command = state.command(for: key, in: .argumentsEditor, .textArea) else {
            _ = BufferKeys.type(key, into: &b)
            return
        }
        if command == .insertIndent { b.insert("  "); return }
        _ = BufferKeys.apply(command, to: &b, clipboard: &state.clipboard)
    }
}
