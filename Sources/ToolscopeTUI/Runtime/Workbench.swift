import Glibc
import Dispatch
import Foundation
import ToolscopeEngine
import ToolscopeEval

/// The running program: owns the terminal, the loop and the mailbox, feeds keys and engine
/// events to `Reducer.reduce`, carries out the effects it returns, and draws after each batch.
///
/// Everything here runs on the main thread. Engine callbacks only post to the mailbox.
public final class Workbench {
    private let options: WorkbenchOptions
    private let mailbox = Mailbox<Action>()
    private lazy var bridge = HumanBridge(mailbox: mailbox)
    private lazy var experimentHost: ExperimentHost = {
        let box = mailbox
        let options = self.options
        let factory: WorkbenchOptions.ExperimentProviderFactory = options.makeExperimentProvider ?? { settings in
            let provider = try options.makeProvider(Session(title: "experiment", settings: settings), nil)
            return (provider, provider.displayName)
        }
        return ExperimentHost(makeProvider: factory, external: options.externalTools, post: { box.post($0) })
    }()
    private let locations: SessionLocations
    private let clipboard: Clipboard
    private var terminal: CursesTerminal
    private var state: AppState
    private var loop: ToolLoop
    private var canvas: Canvas
    private var running = true
    private var signalSources: [any DispatchSourceSignal] = []
    /// Set by the SIGWINCH handler; the main loop applies the new size.
    private let resizePending = Locked(false)
    private var tryToken = CancellationToken()
    private var startupNotice: Notice?
    /// Where the session went on exit, to tell the user after the screen is restored.
    private var exitMessage: String?
    /// Set when stdin hung up: the session is still saved, and the exit status says so (129).
    private var terminalGone = false

    public init(options: WorkbenchOptions) {
        self.options = options
        locations = SessionLocations(environment: options.environment)
        var notices: [String] = []
        let clipboardMode = ClipboardMode.resolve(environment: options.environment)
        clipboard = Clipboard(mode: clipboardMode.mode, why: clipboardMode.why, directory: locations.stateDirectory)
        if let problem = clipboardMode.problem { notices.append(problem) }
        var session: Session
        var path = options.sessionPath
        var protected: String?
        /// Whether `path` holds what was loaded (false: a new session, or one saving to a recovery path).
        var loadedFromFile = false
        if let p = options.sessionPath {
            do {
                session = try SessionFile.load(path: p)
                loadedFromFile = true
            } catch {
                // Never written over: this run's session goes beside it, and the notice says where.
                let recovered = SessionNaming.recoveredPath(for: p)
                notices.append("\(error.description) · \(p) is left as it is; this session saves to \(recovered)")
                session = Session.embeddedDefault()
                protected = p
                path = recovered
            }
        } else {
            session = Session.embeddedDefault()
        }
        options.adjustSettings(&session.settings)
        let themeResult = ThemeLoader.load(name: options.themeName, environment: options.environment, executablePath: options.executablePath)
        if let problem = themeResult.problem { notices.append(problem) }
        terminal = CursesTerminal(theme: themeResult.theme)
        let provider: any ChatProvider
        do {
            provider = try options.makeProvider(session, path)
        } catch {
            notices.append("provider: \(error); using the scripted demo model")
            session.settings.provider.kind = .scripted
            provider = ScriptProvider.demo()
        }
        let replay = options.replay && loadedFromFile
        loop = ToolLoop(session: session, provider: provider, dispatcher: Dispatcher(registry: ToolRegistry(tools: [], context: SessionContext(baseDirectory: "."), external: nil, trusted: false, manual: nil)),
                        approvalGate: nil, autosavePath: replay ? nil : path)
        state = AppState(session: session, sessionPath: replay ? nil : path, providerName: provider.displayName, width: 80, height: 24,
                         themeName: themeResult.theme.name)
        if replay { Reducer.loadSession(&state, session, path: path, replay: true) }
        if let protected { state.protect(protected) }
        // A session file is trusted by --trust or a remembered decision; a new session holds
        // only what the user adds in this run, so its code-running tools need no question.
        state.trusted = options.trusted || !loadedFromFile
        state.measure = CursesTerminal.measure
        let keys = KeymapFile.load(environment: options.environment)
        state.keymap = keys.keymap
        notices += keys.problems
        if let split = locations.rememberedSplit() {
            state.splitPercent = split.conversation
            state.traceSplitPercent = split.trace
        }
        canvas = Canvas(width: 0, height: 0, measure: CursesTerminal.measure)
        if !notices.isEmpty {
            startupNotice = Notice(notices.joined(separator: " · "), kind: .error)
        } else if loadedFromFile, let p = options.sessionPath {
            startupNotice = Reducer.conversionNotice(session, name: p.lastComponent)
        }
        if let path, loadedFromFile, !replay { locations.remember(path) }
        state.defaultSuitePath = options.suitePath ?? (FileManager.default.fileExists(atPath: "suites/demo.json") ? "suites/demo.json" : nil)
        if let suite = options.suitePath { state.experiments = ExperimentsState(suitePath: suite) }
        loop.setDispatcher(makeDispatcher(for: session, path: path))
    }

    /// Runs until the user quits. Returns the process exit status.
    public func run() -> Int32 {
        setenv("SWIFT_BACKTRACE", "interactive=no", 1)
        terminal.start(mouse: options.mouse)
        defer { terminal.stop() }
        installSignalHandlers()
        let size = terminal.size
        state.width = size.width
        state.height = size.height
        state.now = MonotonicClock.now()
        if let notice = startupNotice { state.notice = notice }
        canvas.resize(width: size.width, height: size.height)
        if state.modal == nil, state.sessionPath != nil || state.replay != nil {
            ToolBindingReducer.askToTrust(&state, remember: true)
        }
        draw()
        reportFirstFrame()
        while running {
            guard waitForInput(timeoutMilliseconds: needsTicks ? 100 : 1000) else {
                // The terminal hung up (its window or tmux session was closed): there is no one
                // to draw for, and poll would return at once forever. Save and leave.
                terminalGone = true
                break
            }
            var actions: [Action] = []
            while let read = terminal.readKey() {
                switch read {
                case .key(let key): actions.append(.key(key))
                case .mouse(let event): actions.append(.mouse(event))
                case .ignored: break
                case .resize:
                    let s = terminal.size
                    actions.append(.resize(width: s.width, height: s.height))
                }
            }
            actions += mailbox.drain()
            if resizePending.withLock({ pending in defer { pending = false }; return pending }) {
                terminal.refreshSize()
                let s = terminal.size
                actions.append(.resize(width: s.width, height: s.height))
            }
            actions.append(.tick(now: MonotonicClock.now()))
            for action in actions where running { dispatch(action) }
            if running { draw() }
        }
        finish()
        terminal.stop()
        if let exitMessage { try? FileHandle.standardError.write(contentsOf: Data((exitMessage + "\n").utf8)) }
        return terminalGone ? 128 + SIGHUP : 0
    }

    private var needsTicks: Bool { state.runState.isBusy || state.trace.hasRunningCalls }

    private func dispatch(_ action: Action) {
        let effects = Reducer.reduce(&state, action)
        for effect in effects { perform(effect) }
    }

    private func draw() {
        if canvas.width != state.width || canvas.height != state.height { canvas.resize(width: state.width, height: state.height) }
        Renderer.render(state, into: &canvas)
        terminal.draw(canvas)
    }

    /// Sleeps until a key, a mailbox message or the timeout. False when the terminal is gone.
    private func waitForInput(timeoutMilliseconds: Int32) -> Bool {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: mailbox.fileDescriptor, events: Int16(POLLIN), revents: 0)]
        _ = poll(&fds, 2, timeoutMilliseconds)
        return fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) == 0
    }

    private func installSignalHandlers() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            let box = mailbox
            source.setEventHandler(handler: { @Sendable in box.post(.quit) })
            source.resume()
            signalSources.append(source)
        }
        // The window size is handled here rather than by curses' own SIGWINCH handler, which
        // does not reliably reach the main thread while it sleeps in poll().
        signal(SIGWINCH, SIG_IGN)
        let winch = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .global())
        let pending = resizePending
        let box = mailbox
        winch.setEventHandler(handler: { @Sendable in
            pending.withLock { $0 = true }
            box.post(.tick(now: MonotonicClock.now()))
        })
        winch.resume()
        signalSources.append(winch)
    }

    /// For the benchmark: write the wall-clock time of the first frame and optionally exit.
    private func reportFirstFrame() {
        guard let file = options.environment["TOOLSCOPE_FIRST_FRAME_FILE"] else { return }
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let text = String(format: "%ld.%09ld\n", ts.tv_sec, ts.tv_nsec)
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        if options.environment["TOOLSCOPE_EXIT_AFTER_FIRST_FRAME"] != nil { running = false }
    }

    // MARK: - Effects

    private func startTurn(_ text: String, check: PreSendCheck.Policy) {
        let box = mailbox
        loop.setMasker(currentMasker)
        loop.send(text, check: check, onEvent: { box.post(.trace($0)) }, completion: { box.post(.turnFinished($0)) })
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .send(let text):
            startTurn(text, check: .stopOnErrors)
        case .sendAnyway(let text):
            startTurn(text, check: .sendAnyway)
        case .cancelTurn:
            loop.cancel()
            tryToken.cancel()
        case .configure(let tools, let settings):
            // MCP servers come along: an import can add one that the new tools are bound to.
            let servers = state.session.mcpServers
            loop.updateSession { $0.tools = tools; $0.settings = settings; $0.mcpServers = servers }
            loop.setDispatcher(makeDispatcher(for: loop.session, path: state.sessionPath))
        case .setStepMode(let on):
            loop.setApprovalGate(on ? bridge : nil)
        case .save(let path):
            save(to: path)
        case .open(let path, let replay):
            open(path, replay: replay)
        case .listModels(let config):
            let url = config.baseURL ?? ""
            guard let listModels = options.listModels else {
                dispatch(.modelsFailed(baseURL: url, message: "this build cannot list a server's models"))
                return
            }
            let box = mailbox
            // Off the main thread: the answer comes back through the mailbox like engine events.
            Task.detached {
                do {
                    let names = try await listModels(config)
                    box.post(.modelsListed(baseURL: url, names: names))
                } catch {
                    box.post(.modelsFailed(baseURL: url, message: "\(error)"))
                }
            }
        case .listSessions:
            dispatch(.sessionList(locations.listSessions()))
        case .newSession:
            var session = Session(title: "Untitled", settings: state.session.settings, tools: state.session.tools)
            session.mcpServers = state.session.mcpServers
            replaceLoop(with: session, path: nil)
            dispatch(.sessionLoaded(session, path: nil, replay: false))
        case .replaceSession(let session, let path):
            replaceLoop(with: session, path: path)
        case .fork(let session, let recordingPath):
            let path = SessionNaming.forkPath(for: recordingPath, title: session.title)
            replaceLoop(with: session, path: nil)
            save(to: path)
        case .tryTool(let call):
            tryToken = CancellationToken()
            let box = mailbox
            let masker = currentMasker
            loop.dispatcher.dispatch([call], timeout: state.session.settings.toolTimeout, cancellation: tryToken,
                                     onEvent: { box.post(.trace(TraceEvent(round: 0, kind: masker.event($0)))) },
                                     completion: { outcomes in
                                         box.post(.tryFinished(callID: call.id, outcome: masker.outcome(outcomes.first ?? .error("no result"))))
                                     })
        case .approve(let id, let decisions):
            bridge.approve(id: id, decisions: decisions)
        case .manualResult(let id, let outcome):
            bridge.answer(id: id, outcome: outcome)
        case .switchProvider(let config, let model, let store, let history):
            var session = loop.session
            session.settings = state.session.settings
            session.settings.provider = config
            session.settings.model = model
            session.settings.store = store
            session.settings.responsesHistory = history
            do {
                let provider = try options.makeProvider(session, state.sessionPath)
                loop.setProvider(provider)
                let settings = session.settings
                loop.updateSession { $0.settings = settings }
                dispatch(.providerChanged(name: provider.displayName, settings: settings))
            } catch {
                dispatch(.providerFailed("\(error)"))
            }
        case .reexecute(let step, let calls, let recorded):
            reexecute(step: step, calls: calls, recorded: recorded)
        case .loadTheme(let name):
            let result = ThemeLoader.load(name: name, environment: options.environment, executablePath: options.executablePath)
            terminal.setTheme(result.theme)
            dispatch(.themeChanged(name: result.theme.name, problem: result.problem))
        case .importPython(let file, let function, let interpreter):
            // A path is typed relative to where the workbench runs; a dotted module name is not a path.
            let isPath = file.hasSuffix(".py") || file.contains("/")
            let resolved = isPath && !file.hasPrefix("/") ? FileManager.default.currentDirectoryPath + "/" + file : file
            let context = sessionContext
            let api = state.session.settings.provider.api
            runImport(source: file, mcpServers: [:]) { externals in
                try externals.importPython(file: resolved, function: function, interpreter: interpreter, context: context, api: api)
            }
        case .importMCP(let server, let config):
            var withServer = sessionContext
            var added: JSONObject = [:]
            if let config { added[server] = config; withServer.mcpServers[server] = config }
            let context = withServer
            let api = state.session.settings.provider.api
            runImport(source: "MCP server \(server)", mcpServers: added) { externals in
                try externals.importMCP(server: server, context: context, api: api)
            }
        case .trust(let remember):
            if remember, let path = state.sessionPath ?? state.replay?.recordingPath, let externals = options.externals {
                do { try externals.rememberTrust(path: path) } catch {
                    dispatch(.notice(Notice("trusted for this run; could not remember it: \(error)", kind: .warning)))
                }
            }
            loop.setDispatcher(makeDispatcher(for: loop.session, path: state.sessionPath))
        case .rememberSplit(let conversation, let trace):
            locations.rememberSplit(conversation: conversation, trace: trace)
        case .copy(let format, let target, let what):
            copy(format, target: target, what: what)
        case .runExperiment(let request):
            experimentHost.start(request)
        case .cancelExperiment:
            experimentHost.cancel()
        case .openExperimentRun(let id, let caseID, let variant, let repeatIndex):
            do {
                let opened = try experimentHost.openRun(id: id)
                let kept = keepSession(whenEmpty: false)
                replaceLoop(with: opened.session, path: nil)
                dispatch(.experiment(.runOpened(opened.session, title: "\(caseID) · \(variant) · #\(repeatIndex + 1)", explanation: opened.explanation)))
                if let kept { dispatch(.notice(Notice("the previous session: \(kept)", kind: .info))) }
            } catch {
                dispatch(.notice(Notice("cannot open run \(id): \(error)", kind: .error)))
            }
        case .openExperimentCase(let caseID, let variant):
            guard let inputs = experimentHost.inputs(caseID: caseID, variant: variant) else {
                dispatch(.notice(Notice("\(caseID) · \(variant) is not in the current experiment; run it first", kind: .warning)))
                return
            }
            let session = Session(title: "\(caseID) · \(variant)", settings: inputs.settings, tools: inputs.tools, messages: inputs.history)
            let kept = keepSession(whenEmpty: false)
            replaceLoop(with: session, path: nil)
            dispatch(.sessionLoaded(session, path: nil, replay: false))
            dispatch(.experiment(.caseOpened(ExperimentMatrix.Key(caseID: caseID, variant: variant), prompt: inputs.prompt)))
            if let kept { dispatch(.notice(Notice("the previous session: \(kept)", kind: .info))) }
        case .appendCase(let path):
            var session = loop.session
            session.tools = state.session.tools
            do {
                let added = try SessionCase.append(try SessionCase.make(from: session), toSuite: path)
                dispatch(.notice(Notice("added case \(added.id) to \(path) (\(added.count) case\(added.count == 1 ? "" : "s"))", kind: .success)))
            } catch {
                dispatch(.notice(Notice("no case added: \(error)", kind: .error)))
            }
        case .quit:
            running = false
        }
    }

    /// Exports from the session the screen shows (the menu's message and round numbers are its
    /// own) and hands the text to the clipboard; the notice says where it went.
    private func copy(_ format: ExportFormat, target: ExportTarget, what: String) {
        let text: String
        do {
            text = try SessionExport.text(state.session, as: format, target: target, environment: options.environment)
        } catch {
            dispatch(.notice(Notice("cannot copy \(what): \(error.description)", kind: .error)))
            return
        }
        let terminal = self.terminal
        let notice = clipboard.copy(text, what: what, fileExtension: format.fileExtension) { terminal.writeControl($0) }
        dispatch(.notice(notice))
    }

    /// The secrets of the session as it runs now: its key, headers and secret binding variables.
    private var currentMasker: SecretMasker {
        SecretMasker.forSession(loop.session, environment: options.environment)
    }

    private func makeDispatcher(for session: Session, path: String?) -> Dispatcher {
        var context = Self.context(path: path, mcpServers: session.mcpServers)
        context.processLimits = ToolProcessLimits(settings: session.settings)
        return Dispatcher(registry: ToolRegistry(tools: session.tools, context: context,
                                                 external: options.externalTools, trusted: state.trusted, manual: bridge))
    }

    /// What relative paths in bindings resolve against: the session file's directory, else cwd.
    private static func context(path: String?, mcpServers: JSONObject) -> SessionContext {
        let base = path.map { ($0 as NSString).deletingLastPathComponent } ?? FileManager.default.currentDirectoryPath
        return SessionContext(baseDirectory: base.isEmpty ? "." : base, mcpServers: mcpServers)
    }

    /// The context imports run in: the current session's file and MCP servers.
    private var sessionContext: SessionContext {
        Self.context(path: state.sessionPath ?? state.replay?.recordingPath, mcpServers: state.session.mcpServers)
    }

    /// Runs an importer on its own thread (it may start an interpreter or a server and wait for
    /// it) and posts the outcome; the screen stays live meanwhile.
    private func runImport(source: String, mcpServers: JSONObject,
                           _ work: @escaping @Sendable (any WorkbenchExternals) throws -> ImportedTools) {
        guard let externals = options.externals else {
            dispatch(.importFailed("importing tools is not available in this build"))
            return
        }
        let box = mailbox
        let thread = Thread {
            do {
                box.post(.toolsImported(try work(externals), source: source, mcpServers: mcpServers))
            } catch {
                box.post(.importFailed("\(source): \(error)"))
            }
        }
        thread.name = "toolscope.import"
        thread.start()
    }

    private func replaceLoop(with session: Session, path: String?) {
        loop.cancel()
        let provider: any ChatProvider
        do {
            provider = try options.makeProvider(session, path)
        } catch {
            provider = ScriptProvider.demo()
            dispatch(.notice(Notice("provider: \(error); using the scripted demo model", kind: .error)))
        }
        loop = ToolLoop(session: session, provider: provider, dispatcher: makeDispatcher(for: session, path: path),
                        approvalGate: state.stepMode ? bridge : nil, autosavePath: path)
        state.providerName = provider.displayName
    }

    private func open(_ typed: String, replay: Bool) {
        // A path typed in the picker may start with ~ as in a shell.
        let path = typed.hasPrefix("~") ? (typed as NSString).expandingTildeInPath : typed
        do {
            let session = try SessionFile.load(path: path)
            // Trust belongs to a file: opening another one must not inherit this one's.
            state.trusted = options.externals?.isTrusted(path: path) ?? false
            replaceLoop(with: session, path: replay ? nil : path)
            locations.remember(path)
            dispatch(.sessionLoaded(session, path: path, replay: replay))
            if state.modal == nil { ToolBindingReducer.askToTrust(&state, remember: true) }
        } catch {
            dispatch(.sessionLoadFailed(path: path, message: error.description))
        }
    }

    private func sessionToSave() -> Session {
        var session = state.replay?.recording ?? loop.session
        session.tools = state.session.tools
        session.settings = state.session.settings
        session.mcpServers = state.session.mcpServers
        session.updatedAt = Date()
        return session
    }

    private func save(to path: String) {
        guard !state.isProtected(path) else {
            dispatch(.saveFailed("\(path) failed to load; it is not overwritten. Save under another name."))
            return
        }
        // A file other than this session's own is replaced only when this version reads it
        // fully: a newer toolscope's session, or anything that is not a session, stays.
        if let existing = state.sessionPath, SessionNaming.canonical(existing) == SessionNaming.canonical(path) {
            // Saving in place: the file is the one this session came from or was saved to.
        } else if FileManager.default.fileExists(atPath: path) {
            do { _ = try SessionFile.load(path: path) } catch {
                dispatch(.saveRefused(path: path, message: error.description))
                return
            }
        }
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        do {
            let session = sessionToSave()
            try SessionFile.save(session, to: path)
            if state.replay == nil { loop.setAutosavePath(path) }
            locations.remember(path)
            // What the user trusted and saved is what they will open next time: no question then.
            if state.trusted, !ExecutionListing(tools: session.tools, mcpServers: session.mcpServers).runsNothing {
                try? options.externals?.rememberTrust(path: path)
            }
            dispatch(.saved(path: path))
        } catch {
            dispatch(.saveFailed(error.description))
        }
    }

    private func reexecute(step: Int, calls: [ToolCall], recorded: [String: String]) {
        guard let recording = state.replay?.recording else { return }
        let dispatcher = makeDispatcher(for: recording, path: state.replay?.recordingPath)
        let box = mailbox
        let masker = SecretMasker.forSession(recording, environment: options.environment)
        dispatcher.dispatch(calls, timeout: recording.settings.toolTimeout, cancellation: CancellationToken(), onEvent: { _ in }) { outcomes in
            var result: [String: ReexecutionComparison] = [:]
            for (call, unmasked) in zip(calls, outcomes) {
                let outcome = masker.outcome(unmasked)
                guard let old = recorded[call.id] else { continue }
                let same: Bool
                if let a = try? JSONParser.parse(old), let b = try? JSONParser.parse(outcome.content) { same = a.jsonEquals(b) } else { same = old == outcome.content }
                result[call.id] = ReexecutionComparison(recorded: old, actual: outcome.content, matches: same)
            }
            box.post(.replayCompared(step: step, differences: result))
        }
    }

    /// Nothing is lost on exit: a named session is saved in place; an unnamed one with messages
    /// goes to the autosave directory, and the path is printed after the screen is restored.
    private func finish() {
        experimentHost.cancel()
        loop.cancel()
        tryToken.cancel()
        exitMessage = keepSession(whenEmpty: true).map { "toolscope: " + $0 }
    }

    /// Saves the live session before something replaces it (quitting, opening an experiment's
    /// run or case): in place when it has a file, else to the autosave directory. Returns what
    /// happened, or nil when there was nothing to keep. `whenEmpty` keeps a session without a
    /// user message too (on quit, as before); an experiment's open skips those.
    private func keepSession(whenEmpty: Bool) -> String? {
        guard state.replay == nil else { return nil }
        let session = sessionToSave()
        if let path = state.sessionPath, !state.isProtected(path) {
            guard state.unsaved else { return nil }
            do { try SessionFile.save(session, to: path); return "saved \(path)" } catch { return error.description }
        }
        let worthKeeping = whenEmpty ? !session.messages.isEmpty : session.messages.contains { $0.role == .user }
        guard worthKeeping || state.unsaved else { return nil }
        let path = locations.autosavePath()
        try? FileManager.default.createDirectory(atPath: locations.autosaveDirectory, withIntermediateDirectories: true)
        do {
            try SessionFile.save(session, to: path)
            return "session autosaved to \(path)"
        } catch {
            return "autosave failed: \(error.description)"
        }
    }
}
