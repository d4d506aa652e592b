import Foundation
import ToolscopeDemo
import ToolscopeEngine

/// The effect handler for the engine: the `ToolLoop`, its provider and dispatcher, approval-mode
/// approvals and manual results (`DialogAnswers`), "Try a tool", replay re-execution and the F2
/// dialog's model list. It keeps no session: every turn gets a snapshot of the screen's
/// session, and everything comes back through `post` as actions (engine events, results).
final class LoopHost {
    /// What the dispatcher is built from: the session's tools and MCP servers, its process
    /// limits, where relative binding paths start, and whether code-running tools may run.
    struct ToolSetup: Sendable {
        var tools: [SessionTool]
        var mcpServers: JSONObject
        var settings: SessionSettings
        var sessionPath: String?
        var trusted: Bool
    }

    private let makeProvider: @Sendable (Session, String?) throws -> any ChatProvider
    private let listModels: (@Sendable (ProviderConfig) async throws -> [String])?
    private let external: (any ExternalToolFactory)?
    private let environment: [String: String]
    private let post: @Sendable (Action) -> Void
    private let answers: DialogAnswers
    private let loop: ToolLoop
    private var setup: ToolSetup
    private var tryToken = CancellationToken()
    /// Bumped whenever the session is replaced: a turn of the old one that is still winding
    /// down after its cancel must not report into the new one.
    private let generation = Locked(0)

    init(session: Session, path: String?, trusted: Bool, options: WorkbenchOptions, post: @escaping @Sendable (Action) -> Void) {
        makeProvider = options.makeProvider
        listModels = options.listModels
        external = options.externalTools
        environment = options.environment
        self.post = post
        answers = DialogAnswers(post: post)
        setup = ToolSetup(tools: session.tools, mcpServers: session.mcpServers, settings: session.settings, sessionPath: path, trusted: trusted)
        // The provider is chosen right after (`useProvider`); the demo model stands in until then.
        loop = ToolLoop(provider: ScriptProvider.demo(), dispatcher: Self.makeDispatcher(setup, external: external, answers: answers))
    }

    /// Builds the provider for `session` (its settings say which). A provider that cannot be
    /// built leaves the scripted demo model in place, and the returned note says why.
    func useProvider(for session: Session, path: String?) -> (name: String, problem: String?) {
        do {
            let provider = try makeProvider(session, path)
            loop.setProvider(provider)
            return (provider.displayName, nil)
        } catch {
            let demo = ScriptProvider.demo()
            loop.setProvider(demo)
            return (demo.displayName, "provider: \(error); using the scripted demo model")
        }
    }

    /// From now on the loop works for `session` (opened, new, an experiment's run): the running
    /// turn is cancelled and its late events dropped; provider and tools follow the session.
    func use(_ session: Session, path: String?, trusted: Bool) -> [Action] {
        cancel()
        generation.withLock { $0 += 1 }
        setup = ToolSetup(tools: session.tools, mcpServers: session.mcpServers, settings: session.settings, sessionPath: path, trusted: trusted)
        loop.setDispatcher(makeDispatcher(setup))
        let (name, problem) = useProvider(for: session, path: path)
        var actions: [Action] = [.providerReady(name: name)]
        if let problem { actions.append(.notice(Notice(problem, kind: .error))) }
        return actions
    }

    /// Tools, MCP servers, settings or trust changed: the next calls use a new dispatcher.
    func configure(_ newSetup: ToolSetup) {
        setup = newSetup
        loop.setDispatcher(makeDispatcher(newSetup))
    }

    func setApprovalMode(_ on: Bool) { loop.setApprovalGate(on ? answers : nil) }

    /// Starts a turn on a snapshot of the screen's session; its events come back as `.trace`.
    func send(_ text: String, session: Session, check: PreSendCheck.Policy) {
        let post = self.post
        let generation = self.generation
        let mine = generation.current
        loop.setMasker(SecretMasker.forSession(session, environment: environment))
        loop.send(text, on: session, check: check, onEvent: { event in
            if generation.current == mine { post(.trace(event)) }
        }, completion: { result in
            if generation.current == mine { post(.turnFinished(result)) }
        })
    }

    /// Cancels the running turn and a running try at once.
    func cancel() {
        loop.cancel()
        tryToken.cancel()
    }

    func approve(id: Int, decisions: [CallDecision]) { answers.approve(id: id, decisions: decisions) }
    func answer(id: Int, outcome: ToolOutcome) { answers.answer(id: id, outcome: outcome) }

    /// The F2 dialog applied: a provider for `session` (which holds the new settings).
    func switchProvider(_ session: Session, path: String?) -> Action {
        do {
            let provider = try makeProvider(session, path)
            loop.setProvider(provider)
            return .providerChanged(name: provider.displayName, settings: session.settings)
        } catch {
            return .providerFailed("\(error)")
        }
    }

    /// Runs one call without a model ("Try a tool"); its events are round 0 of the trace.
    func tryTool(_ call: ToolCall) {
        tryToken = CancellationToken()
        let post = self.post
        var current = Session(title: "", settings: setup.settings, tools: setup.tools)
        current.mcpServers = setup.mcpServers
        let masker = SecretMasker.forSession(current, environment: environment)
        loop.dispatcher.dispatch([call], timeout: setup.settings.toolTimeout, cancellation: tryToken,
                                 onEvent: { post(.trace(TraceEvent(round: 0, kind: masker.event($0)))) },
                                 completion: { outcomes in
                                     post(.tryFinished(callID: call.id, outcome: masker.outcome(outcomes.first ?? .error("no result"))))
                                 })
    }

    /// Replay: runs a recorded round's calls again with the recording's bindings and compares.
    func reexecute(step: Int, calls: [ToolCall], recorded: [String: String], recording: Session, path: String?) {
        let dispatcher = makeDispatcher(ToolSetup(tools: recording.tools, mcpServers: recording.mcpServers, settings: recording.settings,
                                                  sessionPath: path, trusted: setup.trusted))
        let post = self.post
        let masker = SecretMasker.forSession(recording, environment: environment)
        dispatcher.dispatch(calls, timeout: recording.settings.toolTimeout, cancellation: CancellationToken(), onEvent: { _ in }) { outcomes in
            var result: [String: ReexecutionComparison] = [:]
            for (call, unmasked) in zip(calls, outcomes) {
                let outcome = masker.outcome(unmasked)
                guard let old = recorded[call.id] else { continue }
                let same: Bool
                if let a = try? JSONParser.parse(old), let b = try? JSONParser.parse(outcome.content) { same = a.jsonEquals(b) } else { same = old == outcome.content }
                result[call.id] = ReexecutionComparison(recorded: old, actual: outcome.content, matches: same)
            }
            post(.replayCompared(step: step, differences: result))
        }
    }

    /// Asks the server of `config` for its models, off the main thread.
    func listModels(_ config: ProviderConfig) -> [Action] {
        let url = config.baseURL ?? ""
        guard let listModels else { return [.modelsFailed(baseURL: url, message: "this build cannot list a server's models")] }
        let post = self.post
        Task.detached {
            do {
                post(.modelsListed(baseURL: url, names: try await listModels(config)))
            } catch {
                post(.modelsFailed(baseURL: url, message: "\(error)"))
            }
        }
        return []
    }

    private func makeDispatcher(_ setup: ToolSetup) -> Dispatcher {
        Self.makeDispatcher(setup, external: external, answers: answers)
    }

    private static func makeDispatcher(_ setup: ToolSetup, external: (any ExternalToolFactory)?, answers: DialogAnswers) -> Dispatcher {
        var context = Self.context(path: setup.sessionPath, mcpServers: setup.mcpServers)
        context.processLimits = ToolProcessLimits(settings: setup.settings)
        return Dispatcher(registry: ToolRegistry(tools: setup.tools, context: context, builtins: BuiltinTools.toolSet, external: external, trusted: setup.trusted, manual: answers))
    }

    /// What relative paths in bindings resolve against: the session file's directory, else cwd.
    static func context(path: String?, mcpServers: JSONObject) -> SessionContext {
        let base = path.map { ($0 as NSString).deletingLastPathComponent } ?? FileManager.default.currentDirectoryPath
        return SessionContext(baseDirectory: base.isEmpty ? "." : base, mcpServers: mcpServers)
    }
}
