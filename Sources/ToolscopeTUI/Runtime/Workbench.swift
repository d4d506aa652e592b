import Glibc
import Dispatch
import Foundation
import ToolscopeDemo
import ToolscopeEngine
import ToolscopeEval

/// The runtime: owns the terminal, the state and the mailbox; waits for keys, mailbox messages
/// and signals; feeds each as an action to `Reducer.reduce`; hands the effects it returns to
/// the effect handlers (`Workbench+Effects`), whose result actions are reduced in the same
/// batch; draws once per batch.
///
/// The state changes only in `reduce`. Handlers report through actions: at once (returned) or
/// later from their own threads (posted to the mailbox). Everything here runs on the main thread.
public final class Workbench {
    let options: WorkbenchOptions
    let mailbox = Mailbox<Action>()
    let files: SessionFiles
    let engine: LoopHost
    let imports: ToolImports
    lazy var experimentHost: ExperimentHost = {
        let box = mailbox
        let options = self.options
        let factory: WorkbenchOptions.ExperimentProviderFactory = options.makeExperimentProvider ?? { settings in
            let provider = try options.makeProvider(Session(title: "experiment", settings: settings), nil)
            return (provider, provider.displayName)
        }
        return ExperimentHost(makeProvider: factory, external: options.externalTools, post: { box.post($0) })
    }()
    let clipboard: Clipboard
    var terminal: CursesTerminal
    private(set) var state: AppState
    private var canvas: Canvas
    /// Caches for drawing (wrapped message rows), lent to the reducer for scrolling.
    private let renderContext = RenderContext()
    var running = true
    private var signalSources: [any DispatchSourceSignal] = []
    /// Set by the SIGWINCH handler; the main loop applies the new size.
    private let resizePending = Locked(false)
    /// What start-up has to say (a file that did not load, a theme problem), as the first action.
    private var startupNotice: Notice?
    /// Where the session went on exit, to tell the user after the screen is restored.
    private var exitMessage: String?
    /// Set when stdin hung up: the session is still saved, and the exit status says so (129).
    private var terminalGone = false

    public init(options: WorkbenchOptions) {
        self.options = options
        let locations = SessionLocations(environment: options.environment)
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
        let replay = options.replay && loadedFromFile
        // A session file is trusted by --trust or a remembered decision; a new session holds
        // only what the user adds in this run, so its code-running tools need no question.
        let trusted = options.trusted || !loadedFromFile
        let box = mailbox
        files = SessionFiles(locations: locations, externals: options.externals)
        imports = ToolImports(externals: options.externals, post: { box.post($0) })
        engine = LoopHost(session: session, path: path, trusted: trusted, options: options, post: { box.post($0) })
        let provider = engine.useProvider(for: session, path: path)
        if let problem = provider.problem {
            notices.append(problem)
            session.settings.provider.kind = .scripted
        }

        // The first state, built here once; from now on only `reduce` changes it.
        state = AppState(session: session, sessionPath: replay ? nil : path, providerName: provider.name, width: 80, height: 24,
                         themeName: themeResult.theme.name)
        if replay { Reducer.loadSession(&state, session, path: path, replay: true) }
        if let protected { state.protect(protected) }
        state.trusted = trusted
        state.measure = CursesTerminal.measure
        let keys = KeymapFile.load(environment: options.environment)
        state.keymap = keys.keymap
        notices += keys.problems
        if let split = locations.rememberedSplit() {
            state.splitPercent = split.conversation
            state.traceSplitPercent = split.trace
        }
        if let suite = options.suitePath {
            state.experimentDefaults = ExperimentDefaults(suitePath: suite)
        } else if let remembered = locations.rememberedExperiment() {
            state.experimentDefaults = remembered
        } else if FileManager.default.fileExists(atPath: "suites/demo.json") {
            state.experimentDefaults = ExperimentDefaults(suitePath: "suites/demo.json")
        }
        if let suite = options.suitePath { state.experiments = ExperimentsState(suitePath: suite) }
        canvas = Canvas(width: 0, height: 0, measure: CursesTerminal.measure)
        if !notices.isEmpty {
            startupNotice = Notice(notices.joined(separator: " · "), kind: .error)
        } else if loadedFromFile, let p = options.sessionPath {
            startupNotice = Reducer.conversionNotice(session, name: p.lastComponent)
        }
        if let path, loadedFromFile, !replay { locations.remember(path) }
    }

    /// Runs until the user quits. Returns the process exit status.
    public func run() -> Int32 {
        setenv("SWIFT_BACKTRACE", "interactive=no", 1)
        terminal.start(mouse: options.mouse)
        defer { terminal.stop() }
        installSignalHandlers()
        let size = terminal.size
        var first: [Action] = [.resize(width: size.width, height: size.height), .tick(now: MonotonicClock.now(), date: Date())]
        if let notice = startupNotice { first.append(.notice(notice)) }
        first.append(.started)
        process(first)
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
            actions.append(.tick(now: MonotonicClock.now(), date: Date()))
            process(actions)
            if running { draw() }
        }
        finish()
        terminal.stop()
        if let exitMessage { try? FileHandle.standardError.write(contentsOf: Data((exitMessage + "\n").utf8)) }
        return terminalGone ? 128 + SIGHUP : 0
    }

    private var needsTicks: Bool { state.runState.isBusy || state.trace.hasRunningCalls }

    /// Reduces the actions in order; the actions an effect handler returns at once are reduced
    /// right after the action that caused them, before the next one. Never re-entrant.
    func process(_ actions: [Action]) {
        var pending = actions[...]
        while running, let action = pending.popFirst() {
            var results: [Action] = []
            for effect in Reducer.reduce(&state, action, context: renderContext) { results += perform(effect) }
            if !results.isEmpty { pending = results[...] + pending }
        }
    }

    private func draw() {
        if canvas.width != state.width || canvas.height != state.height { canvas.resize(width: state.width, height: state.height) }
        Renderer.render(state, context: renderContext, into: &canvas)
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

    /// Nothing is lost on exit: a named session is saved in place; an unnamed one with messages
    /// goes to the autosave directory, and the path is printed after the screen is restored.
    private func finish() {
        experimentHost.cancel()
        engine.cancel()
        exitMessage = files.keep(keepRequest(whenEmpty: true)).map { "toolscope: " + $0 }
    }
}
