import Dispatch
import ToolscopeEngine

/// Writes an experiment's finished runs to the store in small batches, off the workers' threads.
///
/// A transaction per run was the runner's largest cost after the HTTP exchange itself (measured:
/// about a tenth of its CPU went to GRDB's transaction, the commit and its write-ahead-log frames
/// for every run). Runs that end within `window` of the first one waiting now share one commit.
/// So a run is in the database at most `window` after it ends; `flush()`, which the runner calls
/// when the plan is done or cancelled, writes whatever is still waiting. A cancelled experiment
/// keeps every run that finished; only a killed process can lose the last moment's runs, which
/// resuming makes again.
final class RunRecorder: Sendable {
    /// How long the first waiting run waits for others to share its commit.
    static let window = 0.1

    private struct State {
        var pending: [StoredRun] = []
        var scheduled = false
        var failure: StoreError?
    }

    private let store: ExperimentStore
    private let window: Double
    private let queue = DispatchQueue(label: "toolscope.eval.recorder")
    private let state = Locked(State())
    /// Called once per run after its commit (with its id), in the order the runs were added.
    private let recorded: @Sendable (StoredRun) -> Void
    /// Called once, with the first failed write; runs added after it are not written.
    private let failed: @Sendable (StoreError) -> Void

    init(store: ExperimentStore, window: Double = RunRecorder.window, recorded: @escaping @Sendable (StoredRun) -> Void,
         failed: @escaping @Sendable (StoreError) -> Void) {
        self.store = store
        self.window = window
        self.recorded = recorded
        self.failed = failed
    }

    /// Queues a finished run; it is written within `window`.
    func add(_ run: StoredRun) {
        let startsBatch = state.withLock { s -> Bool in
            guard s.failure == nil else { return false }
            s.pending.append(run)
            defer { s.scheduled = true }
            return !s.scheduled
        }
        if startsBatch { queue.asyncAfter(deadline: .now() + window) { self.commit() } }
    }

    /// Writes every run added so far and waits for it; the first failure, if any write failed.
    func flush() -> StoreError? {
        queue.sync { commit() }
        return state.current.failure
    }

    /// On `queue`: one transaction for everything waiting.
    private func commit() {
        let batch = state.withLock { s -> [StoredRun] in
            defer {
                s.pending.removeAll()
                s.scheduled = false
            }
            return s.failure == nil ? s.pending : []
        }
        guard !batch.isEmpty else { return }
        do {
            let ids = try store.record(batch)
            for (run, id) in zip(batch, ids) {
                var written = run
                written.id = id
                recorded(written)
            }
        } catch {
            state.withLock { $0.failure = $0.failure ?? error }
            failed(error)
        }
    }
}
