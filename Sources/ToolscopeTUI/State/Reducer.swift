import ToolscopeEngine

/// All behaviour of the workbench: `reduce(&state, action)` changes the state and returns the
/// effects the runtime must carry out. It never touches the terminal, files or threads, which is
/// why almost every test drives the program through it.
public enum Reducer {
    /// `reduce(&state, action)` measuring wrapped conversation rows with `context`'s cache, the
    /// one the renderer fills (scrolling needs heights). The result is the same without it.
    public static func reduce(_ state: inout AppState, _ action: Action, context: RenderContext) -> [Effect] {
        RenderContext.$current.withValue(context) { reduce(&state, action) }
    }

    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .key(let key):
            return handleKey(&state, key)
        case .mouse(let event):
            return MouseReducer.handle(&state, event)
        case .resize(let w, let h):
            state.width = max(0, w)
            state.height = max(0, h)
            if case .detail(var d)? = state.modal {
                d.fit(screenWidth: state.width, measure: state.measure)
                state.modal = .detail(d)
            }
            return []
        case .started:
            // A session opened from a file (or a recording) may bind code nobody trusted yet.
            if state.modal == nil, state.sessionPath != nil || state.replay != nil {
                ToolBindingReducer.askToTrust(&state, remember: true)
            }
            return []
        case .tick(let now, let date):
            state.now = now
            if let date { state.date = date }
            return []
        case .trace(let event):
            return applyTrace(&state, event)
        case .turnFinished(let result):
            return finishTurn(&state, result)
        case .tryFinished(let id, let outcome):
            state.trace.finishTry(callID: id, outcome: outcome, at: state.now)
            state.notice = Notice("tried \(state.trace.call(id: id)?.name ?? "tool"): \(outcome.isError ? "error" : "ok")",
                                  kind: outcome.isError ? .warning : .success)
            return []
        case .approvalRequested(let id, let calls):
            state.runState = .awaitingApproval
            state.modal = .approval(ApprovalState(id: id, calls: calls))
            return []
        case .manualResultRequested(let id, let call, let arguments):
            state.runState = .awaitingManualResult
            state.modal = .manualResult(ManualResultState(id: id, call: call, arguments: arguments, input: LineEditor()))
            return []
        case .sessionLoaded(let session, let path, let replay, let trusted):
            // Trust belongs to a file: opening another one must not inherit this one's.
            if let trusted { state.trusted = trusted }
            loadSession(&state, session, path: path, replay: replay)
            if path != nil, state.modal == nil { ToolBindingReducer.askToTrust(&state, remember: true) }
            return []
        case .sessionLoadFailed(let path, let message):
            if case .picker(var picker)? = state.modal, picker.opening != nil {
                // A typed path that did not open: say why in the picker, with the path still there to fix.
                picker.opening = nil
                picker.error = message
                state.modal = .picker(picker)
            }
            state.protect(path)
            state.notice = Notice(message + " · the file is left as it is and will not be saved over", kind: .error)
            return []
        case .saved(let path, let quietly):
            state.sessionPath = path
            state.unsaved = false
            if !quietly { state.notice = Notice("saved \(path)", kind: .success) }
            return []
        case .saveFailed(let message):
            state.notice = Notice(message, kind: .error)
            return []
        case .saveRefused(let path, let message):
            state.protect(path)
            state.unsaved = true
            state.notice = Notice("not saved: \(path) is not overwritten; save under another name · \(message)", kind: .error)
            return []
        case .sessionList(let entries):
            state.modal = .picker(PickerState(entries: entries))
            return []
        case .providerReady(let name):
            state.providerName = name
            return []
        case .providerChanged(let name, let settings):
            let previousWire = state.session.settings.provider.api
            state.providerName = name
            state.session.settings = settings
            state.unsaved = true
            if case .provider = state.modal { state.modal = nil }
            // The editor's lint follows the wire (Responses adds responses-strict); the draft stays.
            if settings.provider.api != previousWire {
                state.editor.analysis = EditorState.analyse(state.editor.buffer.text, api: settings.provider.api)
            }
            let losses = settings.provider.kind == .openai && settings.provider.api != previousWire
                ? WireMove.losses(state.session.messages, to: settings.provider.api) : []
            if losses.isEmpty {
                state.notice = Notice("provider: \(name) · model \(settings.model)", kind: .success)
            } else {
                // Said before the next send, which is where the other wire's items would be dropped.
                let first = losses.prefix(2).map(\.description).joined(separator: "; ")
                let more = losses.count > 2 ? " and \(losses.count - 2) more" : ""
                state.notice = Notice("provider: \(name) · on \(settings.provider.api.label) this conversation loses \(first)\(more)", kind: .warning)
            }
            return []
        case .modelsListed(let baseURL, let names):
            guard case .provider(var dialog)? = state.modal, dialog.modelsBaseURL == baseURL else { return [] }
            dialog.models = names
            dialog.modelsNote = names.isEmpty ? "the server lists no models" : "\(names.count) model\(names.count == 1 ? "" : "s") on the server: PgUp/PgDn choose"
            state.modal = .provider(dialog)
            return []
        case .modelsFailed(let baseURL, let message):
            guard case .provider(var dialog)? = state.modal, dialog.modelsBaseURL == baseURL else { return [] }
            dialog.models = []
            dialog.modelsNote = "no model list: " + TextSanitizer.singleLine(message) + " (type the name; \(state.keymap.keyName(.refreshModels, in: .provider, usual: .ctrl("l"))) asks again)"
            state.modal = .provider(dialog)
            return []
        case .providerFailed(let message):
            if case .provider(var dialog) = state.modal {
                dialog.error = message
                state.modal = .provider(dialog)
            } else {
                state.notice = Notice(message, kind: .error)
            }
            return []
        case .replayCompared(let step, let differences):
            guard state.replay != nil else { return [] }
            state.replay!.compared.insert(step)
            for (k, v) in differences { state.replay!.differences[k] = v }
            let differing = differences.values.filter { !$0.matches }.count
            state.notice = differing == 0
                ? Notice("step \(step): \(differences.count) re-executed result(s) match the recording", kind: .success)
                : Notice("step \(step): \(differing) re-executed result(s) differ from the recording", kind: .warning)
            return []
        case .themeChanged(let name, let problem):
            state.themeName = name
            state.notice = problem.map { Notice($0, kind: .error) } ?? Notice("theme: \(name)")
            return []
        case .notice(let notice):
            state.notice = notice
            return []
        case .experiment(let event):
            return ExperimentsReducer.apply(&state, event)
        case .toolsImported(let imported, let source, let servers):
            return ToolBindingReducer.toolsImported(&state, imported, source: source, mcpServers: servers)
        case .importFailed(let message):
            state.notice = Notice(message, kind: .error)
            return []
        case .quit:
            return quit(&state)
        }
    }

    // MARK: - Keys

    /// A key press: a dialog takes every key; otherwise the `global` scope, then the focused
    /// pane's (the Experiments screen, when shown, takes all but quit, help and F12).
    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        state.notice = nil
        if state.modal != nil { return ModalReducer.handleKey(&state, key) }
        let global = state.command(for: key, in: .global)
        if state.experiments?.visible == true, !state.layout.tooSmall {
            if let global, [.quit, .help, .experiments].contains(global) { return run(&state, global) }
            return ExperimentsReducer.handleKey(&state, key)
        }
        if let global { return run(&state, global) }
        if state.layout.tooSmall { return [] }
        switch state.focus {
        case .conversation: return ConversationReducer.handleKey(&state, key)
        case .trace: return TraceReducer.handleKey(&state, key)
        case .editor: return EditorReducer.handleKey(&state, key)
        }
    }

    /// True when printable keys go into text (the input line or the JSON editor).
    static func isTyping(_ state: AppState) -> Bool {
        state.focus == .conversation || (state.focus == .editor && !state.editor.listFocused)
    }

    /// Runs a command of the `global` scope.
    static func run(_ state: inout AppState, _ command: Command) -> [Effect] {
        switch command {
        case .quit:
            return quit(&state)
        case .help:
            state.modal = .help(HelpState())
            return []
        case .copyAs:
            state.modal = .copyMenu(CopyMenu.make(state))
            return []
        case .focusNext:
            state.focus = state.focus.next
            return []
        case .focusPrevious:
            state.focus = state.focus.previous
            return []
        case .save:
            return save(&state)
        case .open:
            return [.listSessions]
        case .newSession:
            guard !state.runState.isBusy else { state.notice = state.turnRunningNotice; return [] }
            return [.newSession]
        case .caseFromTurn:
            return caseFromTurn(&state)
        case .experiments:
            return ExperimentsReducer.toggle(&state)
        case .provider:
            var dialog = ProviderDialogState(kind: state.session.settings.provider.kind,
                                             api: state.session.settings.provider.api,
                                             model: LineEditor(text: state.session.settings.model),
                                             baseURL: LineEditor(text: state.session.settings.provider.baseURL ?? ""),
                                             compat: state.session.settings.provider.compat,
                                             store: state.session.settings.store,
                                             history: state.session.settings.responsesHistory)
            // An HTTP server is asked for its models at once, so the model field can offer them.
            let effects = ModalReducer.listModels(&dialog, state: state)
            state.modal = .provider(dialog)
            return effects
        case .toolChoice:
            cycleToolChoice(&state)
            return [.configure(tools: state.session.tools, settings: state.session.settings)]
        case .parallelCalls:
            let on = state.session.settings.parallelToolCalls ?? true
            state.session.settings.parallelToolCalls = !on
            state.unsaved = true
            state.notice = Notice("parallel_tool_calls: \(on ? "false" : "true")")
            return [.configure(tools: state.session.tools, settings: state.session.settings)]
        case .approvalMode:
            state.approvalMode.toggle()
            state.notice = Notice(state.approvalMode ? "approval mode on: each tool call waits for approval" : "approval mode off")
            return [.setApprovalMode(state.approvalMode)]
        case .zoom:
            state.zoomed.toggle()
            return []
        case .nextTheme:
            let names = ThemeLoader.availableNames
            let next = names[((names.firstIndex(of: state.themeName) ?? -1) + 1) % names.count]
            return [.loadTheme(next)]
        case .splitLeft:
            state.splitPercent = max(Layout.splitRange.lowerBound, state.splitPercent - 5)
            return [.rememberSplit(conversation: state.splitPercent, trace: state.traceSplitPercent)]
        case .splitRight:
            state.splitPercent = min(Layout.splitRange.upperBound, state.splitPercent + 5)
            return [.rememberSplit(conversation: state.splitPercent, trace: state.traceSplitPercent)]
        case .splitUp:
            state.traceSplitPercent = max(Layout.traceSplitRange.lowerBound, state.traceSplitPercent - 5)
            return [.rememberSplit(conversation: state.splitPercent, trace: state.traceSplitPercent)]
        case .splitDown:
            state.traceSplitPercent = min(Layout.traceSplitRange.upperBound, state.traceSplitPercent + 5)
            return [.rememberSplit(conversation: state.splitPercent, trace: state.traceSplitPercent)]
        case .replayForward:
            return ReplayReducer.step(&state, by: 1)
        case .replayBack:
            return ReplayReducer.step(&state, by: -1)
        case .searchSession:
            state.modal = .prompt(PromptState(purpose: .searchSession, title: "Search the whole session", input: LineEditor(),
                                              hint: "every message and tool call (arguments, results), case ignored · \(state.keymap.keyName(.submit, in: .lineField, usual: .enter)) lists the hits"))
            return []
        case .cancelTurn:
            state.notice = Notice("cancelling…", kind: .warning)
            return [.cancelTurn]
        default:
            return []
        }
    }

    /// F11: asks which suite file gets a regression case made from the last turn.
    static func caseFromTurn(_ state: inout AppState) -> [Effect] {
        guard state.session.messages.contains(where: { $0.role == .user }) else {
            state.notice = Notice("no turn yet: send a message first, then \(state.keymap.keyName(.caseFromTurn, in: .global, usual: .function(11))) makes a case of its calls", kind: .warning)
            return []
        }
        let suggestion = state.experiments.map(\.suitePath.text).flatMap { $0.isEmpty ? nil : $0 } ?? "suites/regressions.json"
        state.modal = .prompt(PromptState(purpose: .caseFromTurn, title: "Add a case from the last turn to suite", input: LineEditor(text: suggestion),
                                          hint: "expects the calls of the last turn; appended to the suite's cases (a new file is made a suite)"))
        return []
    }

    static func cycleToolChoice(_ state: inout AppState) {
        let names = state.session.tools.filter(\.enabled).map(\.name)
        let choices: [ToolChoice] = [.auto, .none, .required] + names.map { ToolChoice.function($0) }
        let current = choices.firstIndex(of: state.session.settings.toolChoice) ?? -1
        state.session.settings.toolChoice = choices[(current + 1) % choices.count]
        state.unsaved = true
        state.notice = Notice("tool_choice: \(state.session.settings.toolChoice.label)")
    }

    static func save(_ state: inout AppState) -> [Effect] {
        if let path = state.sessionPath, !state.isProtected(path), state.replay == nil {
            return [.save(path: path)]
        }
        let suggestion = state.replay != nil ? SessionNaming.forkPath(for: state.replay?.recordingPath, title: state.session.title, date: state.date)
                                             : SessionNaming.defaultPath(title: state.session.title)
        state.modal = .prompt(PromptState(purpose: .saveAs, title: "Save session as", input: LineEditor(text: suggestion)))
        return []
    }

    static func quit(_ state: inout AppState) -> [Effect] {
        state.quitting = true
        var effects: [Effect] = []
        if state.runState.isBusy { effects.append(.cancelTurn) }
        effects.append(.quit)
        return effects
    }

    static func loadSession(_ state: inout AppState, _ session: Session, path: String?, replay: Bool) {
        if case .picker? = state.modal { state.modal = nil }
        state.session = session
        state.sessionPath = replay ? nil : path
        state.replay = replay ? ReplayState(recording: session, path: path) : nil
        state.unsaved = false
        state.trace = TraceModel(events: replay ? [] : session.trace)
        state.traceSelection = 0
        state.traceScroll = 0
        state.traceFolded = []
        state.totals = session.trace.reduce(Usage(promptTokens: 0, completionTokens: 0)) { sum, e in
            if case .usage(let u) = e.kind { return sum + u }
            return sum
        }
        state.conversation = ConversationScroll()
        state.resultFolds = [:]
        state.selectedMessage = nil
        state.conversationSearch = nil
        state.live = nil
        state.runState = .idle
        state.runningCalls = []
        state.editor = EditorState()
        state.rebuildCallNames()
        state.loadEditorBuffer()
        let name = path?.lastComponent ?? "new session"
        let forward = state.keymap.keyName(.replayForward, in: .global, usual: .ctrl("f")), back = state.keymap.keyName(.replayBack, in: .global, usual: .ctrl("b"))
        state.notice = Notice(replay ? "replaying \(name): \(forward) steps forward, \(back) back, type to continue live"
                                     : "opened \(name)", kind: .success)
        if let converted = conversionNotice(session, name: name) { state.notice = converted }
    }

    /// Says what loading changed when the file's tools were written in another dialect, or nil.
    static func conversionNotice(_ session: Session, name: String) -> Notice? {
        guard let first = session.loadNotes.first else { return nil }
        let more = session.loadNotes.count > 1 ? " (and \(session.loadNotes.count - 1) more change\(session.loadNotes.count == 2 ? "" : "s"))" : ""
        return Notice("\(name): tools converted to OpenAI form: \(TextSanitizer.singleLine(first))\(more) · a save writes them so", kind: .warning)
    }
}

/// The file name of a path, without Foundation.
extension String {
    var lastComponent: String { split(separator: "/").last.map(String.init) ?? self }
}
