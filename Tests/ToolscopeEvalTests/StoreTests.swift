import Foundation
import Testing
import ToolscopeEngine
@testable import ToolscopeEval

@Suite("Experiment store")
struct StoreTests {
    @Test func migrationsApplyOnceAndSurviveReopening() throws {
        let path = NSTemporaryDirectory() + "store-\(UUID().uuidString).sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try ExperimentStore(path: path)
        #expect(try first.appliedMigrations() == ["v1: experiments, variants, runs, baselines"])
        let id = try first.beginExperiment(suite: "s.json", repeats: 1, model: "m", variants: [("a", ["tools": "a.json"])])
        // Reopening migrates nothing again and keeps the history.
        let second = try ExperimentStore(path: path)
        #expect(try second.appliedMigrations().count == 1)
        #expect(try second.experiments().map(\.id) == [id])
    }

    @Test func runsRoundTripWithEveryField() throws {
        let store = try ExperimentStore()
        let id = try store.beginExperiment(suite: "suite.json", repeats: 2, model: "scripted (demo)",
                                           variants: [("vague", ["tools": "v.json"]), ("precise", ["tools": "p.json"])])
        let run = StoredRun(experimentID: id, caseID: "c1", variant: "precise", repeatIndex: 1, inputsHash: "abc",
                            status: .failed, verdict: #"{"passed":false}"#, tokensIn: 120, tokensOut: 30, latency: 0.25, rounds: 2,
                            transcript: "{}", error: nil, finishedAt: Date(timeIntervalSince1970: 1_700_000_000))
        let runID = try store.record(run)
        var expected = run
        expected.id = runID
        #expect(try store.runs(of: id) == [expected])
        #expect(try store.run(runID) == expected)
        try store.finishExperiment(id, state: .finished)
        let info = try #require(try store.experiment(id))
        #expect(info.variants == ["vague", "precise"])
        #expect(info.counts == [.failed: 1])
        #expect(info.state == .finished)
        #expect(info.model == "scripted (demo)")
        #expect(try store.variants(of: id).map(\.name) == ["vague", "precise"])
    }

    @Test func resumeFindsOnlyRunsWithAVerdict() throws {
        let store = try ExperimentStore()
        let id = try store.beginExperiment(suite: "s", repeats: 1, model: "m", variants: [])
        func run(_ hash: String, _ status: RunStatus) -> StoredRun {
            StoredRun(experimentID: id, caseID: "c", variant: "v", repeatIndex: 0, inputsHash: hash, status: status,
                      verdict: "{}", tokensIn: 0, tokensOut: 0, latency: 0, rounds: 1, transcript: "{}")
        }
        try store.record(run("h-passed", .passed))
        try store.record(run("h-failed", .failed))
        try store.record(run("h-errored", .errored))
        let found = try store.finishedRuns(withHashes: ["h-passed", "h-failed", "h-errored", "h-missing"])
        #expect(Set(found.keys) == ["h-passed", "h-failed"])
    }

    @Test func baselinesNameAnExperimentAndCanMove() throws {
        let store = try ExperimentStore()
        let a = try store.beginExperiment(suite: "s", repeats: 1, model: "m", variants: [])
        let b = try store.beginExperiment(suite: "s", repeats: 1, model: "m", variants: [])
        try store.finishExperiment(a, state: .finished)
        try store.finishExperiment(b, state: .cancelled)
        try store.saveBaseline("main", experimentID: a)
        #expect(try store.baseline(named: "main") == a)
        #expect(try store.baseline(named: "other") == nil)
        try store.saveBaseline("main", experimentID: b)
        #expect(try store.baseline(named: "main") == b)
        // "The last run" skips a cancelled experiment.
        let c = try store.beginExperiment(suite: "s", repeats: 1, model: "m", variants: [])
        #expect(try store.previousFinishedExperiment(suite: "s", before: c) == a)
    }

    static func run(_ experimentID: Int64, _ caseID: String) -> StoredRun {
        StoredRun(experimentID: experimentID, caseID: caseID, variant: "v", repeatIndex: 0, inputsHash: "h-" + caseID, status: .passed,
                  verdict: "{}", tokensIn: 0, tokensOut: 0, latency: 0, rounds: 1, transcript: "{}")
    }

    @Test func aBatchOfRunsIsWrittenWhole_orNotAtAll() throws {
        let store = try ExperimentStore()
        let id = try store.beginExperiment(suite: "s", repeats: 1, model: "m", variants: [])
        let ids = try store.record([Self.run(id, "a"), Self.run(id, "b"), Self.run(id, "c")])
        #expect(ids.count == 3 && ids == ids.sorted() && Set(ids).count == 3)
        #expect(try store.runs(of: id).map(\.caseID) == ["a", "b", "c"])
        #expect(try store.record([]) == [])
        // A run of an experiment that does not exist breaks the foreign key: none of its batch is kept.
        #expect(throws: StoreError.self) { try store.record([Self.run(id, "d"), Self.run(id + 99, "e")]) }
        #expect(try store.runs(of: id).map(\.caseID) == ["a", "b", "c"])
    }

    @Test func theRecorderWritesRunsInBatchesWithinItsWindow_andFlushWritesTheRest() throws {
        let store = try ExperimentStore()
        let id = try store.beginExperiment(suite: "s", repeats: 1, model: "m", variants: [])
        let recorded = Locked<[StoredRun]>([])
        let failures = Locked<[StoreError]>([])
        let recorder = RunRecorder(store: store, window: 0.05, recorded: { run in recorded.withLock { $0.append(run) } },
                                   failed: { error in failures.withLock { $0.append(error) } })
        // Within the window: written without a flush, in the order added, each with its id.
        for name in ["a", "b", "c"] { recorder.add(Self.run(id, name)) }
        let deadline = MonotonicClock.now() + 10
        while recorded.current.count < 3, MonotonicClock.now() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(recorded.current.map(\.caseID) == ["a", "b", "c"])
        #expect(recorded.current.allSatisfy { $0.id != nil })
        #expect(try store.runs(of: id).map(\.caseID) == ["a", "b", "c"])
        // A flush writes what waits at once, and waits for it.
        let slow = RunRecorder(store: store, window: 60, recorded: { run in recorded.withLock { $0.append(run) } }, failed: { _ in })
        slow.add(Self.run(id, "d"))
        #expect(slow.flush() == nil)
        #expect(try store.runs(of: id).map(\.caseID) == ["a", "b", "c", "d"])
        #expect(failures.current.isEmpty)
    }

    @Test func aFailedWriteIsReportedOnce_andNothingAfterItIsWritten() throws {
        let store = try ExperimentStore()
        let id = try store.beginExperiment(suite: "s", repeats: 1, model: "m", variants: [])
        let failures = Locked<[StoreError]>([])
        let recorder = RunRecorder(store: store, window: 60, recorded: { _ in }, failed: { error in failures.withLock { $0.append(error) } })
        recorder.add(Self.run(id + 99, "orphan"))
        let error = recorder.flush()
        #expect(error != nil)
        recorder.add(Self.run(id, "later"))
        #expect(recorder.flush() == error)
        #expect(failures.current.count == 1)
        #expect(try store.runs(of: id).isEmpty)
    }

    @Test func anUnreadableDatabaseIsAClearError() throws {
        let path = NSTemporaryDirectory() + "not-a-db-\(UUID().uuidString).sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("this is not SQLite, just text long enough to look like a header........".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try ExperimentStore(path: path)
        } throws: { error in
            "\(error)".contains(path) && "\(error)".contains("cannot open the results database")
        }
    }
}
