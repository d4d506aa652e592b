import Foundation
import ToolscopeEngine
import ToolscopeEval

/// The Experiments screen's side of the runtime: builds an `Experiment` from a request (the
/// suite, its sidecar variants, the workbench's edited tools), runs it on its own thread and
/// posts every finished run as an action; reads a run back from the database; gives a case's
/// inputs under a variant. Owned and called by `Workbench` on the main thread; only the
/// experiment's thread and its workers post to the mailbox.
final class ExperimentHost {
    private let makeProvider: WorkbenchOptions.ExperimentProviderFactory
    private let external: (any ExternalToolFactory)?
    private let post: @Sendable (Action) -> Void
    /// The experiment shown in the matrix: its plan opens cases, its store opens runs.
    private var current: Experiment?
    private var token = CancellationToken()

    init(makeProvider: @escaping WorkbenchOptions.ExperimentProviderFactory, external: (any ExternalToolFactory)?,
         post: @escaping @Sendable (Action) -> Void) {
        self.makeProvider = makeProvider
        self.external = external
        self.post = post
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Loads, plans and begins the experiment here; its runs go on another thread.
    func start(_ request: ExperimentRequest) {
        let experiment: Experiment
        do {
            experiment = try prepare(request)
        } catch {
            post(.experiment(.failed(String(describing: error))))
            return
        }
        current = experiment
        token = CancellationToken()
        let plan = experiment.plan
        var toolsJSON: [String: String] = [:]
        for v in plan.variants { toolsJSON[v.name] = JSONValue.array((v.tools ?? plan.suite.tools).map(\.raw)).pretty }
        let caseIDs = request.caseIDs
        let only = caseIDs.map(Set.init)
        post(.experiment(.started(id: experiment.id, model: experiment.modelLabel, database: experiment.store.path,
                                  cases: plan.suite.cases.map(\.id), variants: plan.variants.map(\.name), toolsJSON: toolsJSON,
                                  repeats: plan.repeats, total: experiment.runs(only: only).count, caseIDs: caseIDs)))
        let token = self.token
        let post = self.post
        let fresh = request.fresh
        let thread = Thread {
            do {
                let counts = try experiment.run(only: only, fresh: fresh, cancellation: token) { stored, progress in
                    post(.experiment(.runFinished(caseID: stored.caseID, variant: stored.variant,
                                                  ExperimentHost.result(stored, scoring: experiment.scoring), progress)))
                }
                post(.experiment(.finished(counts, cancelled: token.isCancelled)))
            } catch {
                post(.experiment(.failed("the results database: \(error)")))
            }
        }
        thread.name = "toolscope.experiment"
        thread.start()
    }

    func cancel() { token.cancel() }

    private func prepare(_ request: ExperimentRequest) throws -> Experiment {
        let suite: Suite
        var variants: [Variant]
        do {
            suite = try SuiteLoader.load(path: request.suitePath)
            variants = try Experiment.variants(forSuite: request.suitePath)
        } catch { throw Failure(description: error.description) }
        if let edited = request.edited {
            variants.append(Self.editedVariant(edited, avoiding: Set(variants.map(\.name))))
        }
        let code = Set(variants.flatMap { $0.bindings.filter { $0.value.executesUserCode }.map(\.key) })
        if !code.isEmpty && !request.trusted {
            throw Failure(description: "the edited tools run code on this machine (\(code.sorted().joined(separator: ", "))) and the session is not trusted; nothing was run")
        }
        let store: ExperimentStore
        do { store = try ExperimentStore(path: Experiment.defaultDatabase(forSuite: request.suitePath)) } catch {
            throw Failure(description: error.description)
        }
        let plan = ExperimentPlan(suite: suite, variants: variants, repeats: request.repeats, baseSettings: request.settings)
        let factory = makeProvider
        return try Experiment(suitePath: request.suitePath, plan: plan, store: store, concurrency: request.concurrency,
                              makeProvider: { settings, _ in try factory(settings) }, external: external, trusted: request.trusted)
    }

    /// The workbench's enabled tools as a variant (bindings kept, except manual ones, which the plan binds).
    static func editedVariant(_ tools: [SessionTool], avoiding names: Set<String>) -> Variant {
        var name = ExperimentsState.editedVariant
        var n = 2
        while names.contains(name) { name = "\(ExperimentsState.editedVariant)-\(n)"; n += 1 }
        let enabled = tools.filter(\.enabled)
        var bindings: [String: ToolBindingSpec] = [:]
        for tool in enabled where tool.binding != .manual { bindings[tool.name] = tool.binding }
        return Variant(name: name, tools: enabled.map(\.definition), bindings: bindings,
                       spec: ["name": .string(name), "tools": .array(enabled.map(\.json))])
    }

    /// A stored run as a matrix cell's run: scored again from its transcript, as `eval` reports do.
    static func result(_ stored: StoredRun, scoring: ExperimentScoring) -> ExperimentMatrix.RunResult {
        let record = try? scoring.record(stored)
        let explanation: String
        if stored.status == .errored {
            explanation = "the run errored: " + (stored.error ?? "the provider failed")
        } else {
            explanation = record.map { explain($0.verdict) } ?? ""
        }
        return ExperimentMatrix.RunResult(runID: stored.id, repeatIndex: stored.repeatIndex, status: stored.status, record: record,
                                          explanation: explanation)
    }

    /// The scorer's explanation: every failure (with each argument's path, expected and actual
    /// value), then how expected calls were paired with the calls made.
    static func explain(_ verdict: Verdict) -> String {
        var lines = verdict.passed ? ["passed"] : verdict.explanation.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if !verdict.pairings.isEmpty {
            lines.append("")
            lines.append("pairing of expected and actual calls:")
            lines += verdict.pairings.map { "  " + $0.summary }
        }
        lines += verdict.notes.map { "note: " + $0 }
        return lines.joined(separator: "\n")
    }

    /// A run of the current experiment as a session, with its explanation.
    func openRun(id: Int64) throws -> (session: Session, explanation: [String]) {
        guard let experiment = current else { throw Failure(description: "no experiment is open") }
        let stored: StoredRun
        do {
            guard let found = try experiment.store.run(id) else { throw Failure(description: "run \(id) is not in \(experiment.store.path)") }
            stored = found
        } catch let failure as Failure { throw failure } catch { throw Failure(description: String(describing: error)) }
        let session: Session
        do { session = try SessionFile.decode(stored.transcript, path: "run \(id)") } catch { throw Failure(description: String(describing: error)) }
        let explanation = Self.result(stored, scoring: experiment.scoring).explanation
        return (session, explanation.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    /// Case `caseID` under `variant` as the plan would run it: history, prompt, tools and settings.
    func inputs(caseID: String, variant: String) -> RunInputs? {
        guard let plan = current?.plan, let c = plan.suite.case(id: caseID), let v = plan.variants.first(where: { $0.name == variant }) else { return nil }
        return plan.inputs(for: c, variant: v, repeatIndex: 0)
    }
}
