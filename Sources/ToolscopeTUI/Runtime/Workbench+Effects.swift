import Foundation
import ToolscopeEngine

/// Where each effect goes: the runtime reads what a handler needs from the state (never
/// writing it) and returns the actions the handler reports at once. Handlers that finish
/// later (a turn, an import, a model list, an experiment) post to the mailbox instead.
extension Workbench {
    func perform(_ effect: Effect) -> [Action] {
        switch effect {
        // The engine
        case .send(let text):
            engine.send(text, session: state.session, check: .stopOnErrors)
        case .sendAnyway(let text):
            engine.send(text, session: state.session, check: .sendAnyway)
        case .cancelTurn:
            engine.cancel()
        case .configure:
            engine.configure(toolSetup)
        case .trust(let remember):
            engine.configure(toolSetup)
            if remember, let path = state.sessionPath ?? state.replay?.recordingPath { return imports.rememberTrust(path: path) }
        case .setApprovalMode(let on):
            engine.setApprovalMode(on)
        case .approve(let id, let decisions):
            engine.approve(id: id, decisions: decisions)
        case .manualResult(let id, let outcome):
            engine.answer(id: id, outcome: outcome)
        case .tryTool(let call):
            engine.tryTool(call)
        case .switchProvider(let config, let model, let store, let history):
            var session = state.session
            session.settings.provider = config
            session.settings.model = model
            session.settings.store = store
            session.settings.responsesHistory = history
            return [engine.switchProvider(session, path: state.sessionPath)]
        case .listModels(let config):
            return engine.listModels(config)
        case .reexecute(let step, let calls, let recorded):
            guard let replay = state.replay else { return [] }
            engine.reexecute(step: step, calls: calls, recorded: recorded, recording: replay.recording, path: replay.recordingPath)

        // Session files
        case .save(let path):
            return [files.save(saveRequest(path))]
        case .autosave(let path):
            return [files.autosave(sessionToSave, to: path)]
        case .open(let path, let replay):
            let (action, loaded) = files.open(path, replay: replay)
            guard let session = loaded, case .sessionLoaded(_, _, _, let trusted) = action else { return [action] }
            return [action] + engine.use(session, path: replay ? nil : path, trusted: trusted ?? false)
        case .listSessions:
            return [files.list()]
        case .newSession:
            let session = files.newSession(like: state.session)
            return [.sessionLoaded(session, path: nil, replay: false)] + engine.use(session, path: nil, trusted: state.trusted)
        case .fork(let session, let recordingPath):
            // Continuing a replay live: the cut recording becomes this session, saved beside it.
            let path = files.forkPath(for: recordingPath, title: session.title)
            let switched = engine.use(session, path: nil, trusted: state.trusted)
            var request = saveRequest(path)
            request.session = session
            request.session.updatedAt = Date()
            request.currentPath = nil
            return switched + [files.save(request)]
        case .appendCase(let path):
            return [files.appendCase(from: state.session, toSuite: path)]
        case .rememberSplit(let conversation, let trace):
            files.rememberSplit(conversation: conversation, trace: trace)

        // Imports
        case .importPython(let file, let function, let interpreter):
            return imports.importPython(file: file, function: function, interpreter: interpreter, in: importContext)
        case .importMCP(let server, let config):
            return imports.importMCP(server: server, config: config, in: importContext)

        // The terminal
        case .loadTheme(let name):
            let result = ThemeLoader.load(name: name, environment: options.environment, executablePath: options.executablePath)
            terminal.setTheme(result.theme)
            return [.themeChanged(name: result.theme.name, problem: result.problem)]
        case .copy(let format, let target, let what):
            return [copy(format, target: target, what: what)]
        case .quit:
            running = false

        // The Experiments screen
        case .runExperiment(let request):
            files.rememberExperiment(request)
            experimentHost.start(request)
        case .cancelExperiment:
            experimentHost.cancel()
        case .openExperimentRun(let id, let caseID, let variant, let repeatIndex):
            do {
                let opened = try experimentHost.openRun(id: id)
                let kept = files.keep(keepRequest(whenEmpty: false))
                var actions = engine.use(opened.session, path: nil, trusted: state.trusted)
                actions.append(.experiment(.runOpened(opened.session, title: "\(caseID) · \(variant) · #\(repeatIndex + 1)", explanation: opened.explanation)))
                if let kept { actions.append(.notice(Notice("the previous session: \(kept)", kind: .info))) }
                return actions
            } catch {
                return [.notice(Notice("cannot open run \(id): \(error)", kind: .error))]
            }
        case .openExperimentCase(let caseID, let variant):
            guard let inputs = experimentHost.inputs(caseID: caseID, variant: variant) else {
                return [.notice(Notice("\(caseID) · \(variant) is not in the current experiment; run it first", kind: .warning))]
            }
            let session = Session(title: "\(caseID) · \(variant)", settings: inputs.settings, tools: inputs.tools, messages: inputs.history)
            let kept = files.keep(keepRequest(whenEmpty: false))
            var actions = engine.use(session, path: nil, trusted: state.trusted)
            actions.append(.sessionLoaded(session, path: nil, replay: false))
            actions.append(.experiment(.caseOpened(ExperimentMatrix.Key(caseID: caseID, variant: variant), prompt: inputs.prompt)))
            if let kept { actions.append(.notice(Notice("the previous session: \(kept)", kind: .info))) }
            return actions
        }
        return []
    }

    // MARK: What the handlers need from the state

    /// The session as its file should hold it: the state's, the only copy (in a replay it is
    /// the recording, with the tools and settings as they are now), stamped with the time.
    var sessionToSave: Session {
        var session = state.session
        session.updatedAt = Date()
        return session
    }

    var toolSetup: LoopHost.ToolSetup {
        LoopHost.ToolSetup(tools: state.session.tools, mcpServers: state.session.mcpServers, settings: state.session.settings,
                           sessionPath: state.sessionPath, trusted: state.trusted)
    }

    var importContext: ToolImports.Context {
        ToolImports.Context(sessionPath: state.sessionPath ?? state.replay?.recordingPath, mcpServers: state.session.mcpServers,
                            api: state.session.settings.provider.api)
    }

    func saveRequest(_ path: String) -> SessionFiles.SaveRequest {
        SessionFiles.SaveRequest(session: sessionToSave, path: path, currentPath: state.sessionPath,
                                 protectedPaths: state.protectedPaths, trusted: state.trusted)
    }

    func keepRequest(whenEmpty: Bool) -> SessionFiles.KeepRequest {
        SessionFiles.KeepRequest(session: sessionToSave, path: state.sessionPath, protectedPaths: state.protectedPaths,
                                 unsaved: state.unsaved, replaying: state.replay != nil, whenEmpty: whenEmpty)
    }

    /// Exports from the session the screen shows (the menu's message and round numbers are its
    /// own) and hands the text to the clipboard; the notice says where it went.
    private func copy(_ format: ExportFormat, target: ExportTarget, what: String) -> Action {
        let text: String
        do {
            text = try SessionExport.text(state.session, as: format, target: target, environment: options.environment)
        } catch {
            return .notice(Notice("cannot copy \(what): \(error.description)", kind: .error))
        }
        let terminal = self.terminal
        return .notice(clipboard.copy(text, what: what, fileExtension: format.fileExtension) { terminal.writeControl($0) })
    }
}
