import Foundation
import GRDB
import ToolscopeEngine

/// Where experiment results live: one SQLite file (by default beside the suite), so history is
/// queryable with any SQLite client as well as with `toolscope eval --list`. Every run is
/// written within moments of finishing (`RunRecorder` batches them), so a cancelled experiment
/// keeps what it finished and the next one can resume from it.
///
/// Thread-safe: GRDB's `DatabaseQueue` serialises every access (the runner's recorder writes
/// while the workbench reads).
public final class ExperimentStore: Sendable {
    public let path: String
    private let database: DatabaseQueue

    /// Opens (or creates) the database at `path` and brings its schema up to date.
    public init(path: String) throws(StoreError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(5)
            // Every run is one commit: with the default rollback journal each commit waits for
            // two fsyncs, which was the runner's largest single cost. A write-ahead log with
            // synchronous=NORMAL keeps the database consistent on a crash and may lose only the
            // last runs on power loss, which resuming simply makes again.
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            database = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrator.migrate(database)
        } catch {
            throw StoreError("\(path): cannot open the results database (\(Self.describe(error)))")
        }
    }

    /// A private database in memory (tests).
    public init(inMemory: Void = ()) throws(StoreError) {
        path = ":memory:"
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            database = try DatabaseQueue(configuration: configuration)
            try Self.migrator.migrate(database)
        } catch {
            throw StoreError("cannot create an in-memory database (\(Self.describe(error)))")
        }
    }

    /// The schema, one migration per version: a database written by an older toolscope is
    /// upgraded in place and never rebuilt, so its history survives.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: experiments, variants, runs, baselines") { db in
            try db.create(table: "experiment") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("suite", .text).notNull()
                t.column("started_at", .double).notNull()
                t.column("finished_at", .double)
                t.column("state", .text).notNull()
                t.column("repeats", .integer).notNull()
                t.column("model", .text).notNull()
            }
            try db.create(table: "variant") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("experiment_id", .integer).notNull().indexed().references("experiment", onDelete: .cascade)
                t.column("name", .text).notNull()
                t.column("spec", .text).notNull()
                t.uniqueKey(["experiment_id", "name"])
            }
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("experiment_id", .integer).notNull().indexed().references("experiment", onDelete: .cascade)
                t.column("case_id", .text).notNull()
                t.column("variant", .text).notNull()
                t.column("repeat", .integer).notNull()
                t.column("inputs_hash", .text).notNull().indexed()
                t.column("status", .text).notNull()
                t.column("verdict", .text).notNull()
                t.column("tokens_in", .integer).notNull()
                t.column("tokens_out", .integer).notNull()
                t.column("latency", .double).notNull()
                t.column("rounds", .integer).notNull()
                t.column("transcript", .text).notNull()
                t.column("error", .text)
                t.column("reused_from", .integer)
                t.column("finished_at", .double).notNull()
            }
            try db.create(table: "baseline") { t in
                t.primaryKey("name", .text)
                t.column("experiment_id", .integer).notNull().references("experiment", onDelete: .cascade)
                t.column("saved_at", .double).notNull()
            }
        }
        return migrator
    }

    /// Names of the migrations applied to this database, oldest first.
    public func appliedMigrations() throws(StoreError) -> [String] {
        try read { db in try Self.migrator.appliedMigrations(db) }
    }

    // MARK: - Experiments

    /// Starts an experiment; its runs are recorded one by one as they finish.
    public func beginExperiment(suite: String, repeats: Int, model: String, variants: [(name: String, spec: JSONValue)],
                                at date: Date = Date()) throws(StoreError) -> Int64 {
        try write { db in
            try db.execute(sql: "INSERT INTO experiment (suite, started_at, state, repeats, model) VALUES (?, ?, 'running', ?, ?)",
                           arguments: [suite, date.timeIntervalSince1970, repeats, model])
            let id = db.lastInsertedRowID
            for variant in variants {
                try db.execute(sql: "INSERT INTO variant (experiment_id, name, spec) VALUES (?, ?, ?)",
                               arguments: [id, variant.name, variant.spec.compact])
            }
            return id
        }
    }

    public func finishExperiment(_ id: Int64, state: ExperimentInfo.State, at date: Date = Date()) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE experiment SET state = ?, finished_at = ? WHERE id = ?",
                           arguments: [state.rawValue, date.timeIntervalSince1970, id])
        }
    }

    /// Experiments newest first, optionally only those of one suite.
    public func experiments(suite: String? = nil, limit: Int = 50) throws(StoreError) -> [ExperimentInfo] {
        try read { db in
            let rows: [Row]
            if let suite {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM experiment WHERE suite = ? ORDER BY id DESC LIMIT ?", arguments: [suite, limit])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM experiment ORDER BY id DESC LIMIT ?", arguments: [limit])
            }
            return try rows.map { try Self.info(from: $0, db) }
        }
    }

    public func experiment(_ id: Int64) throws(StoreError) -> ExperimentInfo? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM experiment WHERE id = ?", arguments: [id]).map { try Self.info(from: $0, db) }
        }
    }

    /// The newest experiment of `suite` before `id` that ran to its end: what "compare with the last run" means.
    public func previousFinishedExperiment(suite: String, before id: Int64) throws(StoreError) -> Int64? {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM experiment WHERE suite = ? AND id < ? AND state = 'finished' ORDER BY id DESC LIMIT 1",
                               arguments: [suite, id])
        }
    }

    /// The variant specifications of an experiment, by name, in the order they were given.
    public func variants(of experimentID: Int64) throws(StoreError) -> [(name: String, spec: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT name, spec FROM variant WHERE experiment_id = ? ORDER BY id", arguments: [experimentID])
                .map { (name: $0["name"], spec: $0["spec"]) }
        }
    }

    // MARK: - Runs

    /// Records a finished run; returns its id.
    @discardableResult
    public func record(_ run: StoredRun) throws(StoreError) -> Int64 {
        try record([run])[0]
    }

    /// Records finished runs in one transaction (all or none); returns their ids, in order.
    @discardableResult
    public func record(_ runs: [StoredRun]) throws(StoreError) -> [Int64] {
        guard !runs.isEmpty else { return [] }
        return try write { db in
            // Compiled once per connection, not once per run.
            let insert = try db.cachedStatement(sql: """
                INSERT INTO run (experiment_id, case_id, variant, repeat, inputs_hash, status, verdict, tokens_in, tokens_out,
                                 latency, rounds, transcript, error, reused_from, finished_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var ids: [Int64] = []
            ids.reserveCapacity(runs.count)
            for run in runs {
                try insert.execute(arguments: [run.experimentID, run.caseID, run.variant, run.repeatIndex, run.inputsHash,
                                               run.status.rawValue, run.verdict, run.tokensIn, run.tokensOut, run.latency, run.rounds,
                                               run.transcript, run.error, run.reusedFrom, run.finishedAt.timeIntervalSince1970])
                ids.append(db.lastInsertedRowID)
            }
            return ids
        }
    }

    /// Every run of an experiment, in the order they were recorded.
    public func runs(of experimentID: Int64) throws(StoreError) -> [StoredRun] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run WHERE experiment_id = ? ORDER BY id", arguments: [experimentID]).map(Self.run(from:))
        }
    }

    public func run(_ id: Int64) throws(StoreError) -> StoredRun? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id]).map(Self.run(from:)) }
    }

    /// For resume: the newest run with each of these inputs hashes that finished with a verdict
    /// (passed or failed). Errored runs are not returned, so they are tried again.
    public func finishedRuns(withHashes hashes: Set<String>) throws(StoreError) -> [String: StoredRun] {
        guard !hashes.isEmpty else { return [:] }
        return try write { db in
            var found: [String: StoredRun] = [:]
            // The hashes go through a temporary table rather than thousands of bound parameters.
            try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS wanted_hash (hash TEXT PRIMARY KEY)")
            try db.execute(sql: "DELETE FROM wanted_hash")
            let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO wanted_hash (hash) VALUES (?)")
            for hash in hashes { try insert.execute(arguments: [hash]) }
            let rows = try Row.fetchAll(db, sql: """
                SELECT run.* FROM run JOIN wanted_hash ON wanted_hash.hash = run.inputs_hash
                WHERE run.status IN ('passed', 'failed') ORDER BY run.id
                """)
            for row in rows {
                let run = try Self.run(from: row)
                found[run.inputsHash] = run
            }
            try db.execute(sql: "DELETE FROM wanted_hash")
            return found
        }
    }

    /// Rewrites a run's verdict (re-scoring against edited expectations; no model call).
    public func updateVerdict(runID: Int64, status: RunStatus, verdict: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE run SET status = ?, verdict = ? WHERE id = ?", arguments: [status.rawValue, verdict, runID])
        }
    }

    // MARK: - Baselines

    /// Names `experimentID` as baseline `name`, replacing an older experiment of that name.
    public func saveBaseline(_ name: String, experimentID: Int64, at date: Date = Date()) throws(StoreError) {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO baseline (name, experiment_id, saved_at) VALUES (?, ?, ?)",
                           arguments: [name, experimentID, date.timeIntervalSince1970])
        }
    }

    public func baseline(named name: String) throws(StoreError) -> Int64? {
        try read { db in try Int64.fetchOne(db, sql: "SELECT experiment_id FROM baseline WHERE name = ?", arguments: [name]) }
    }

    public func baselineNames() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT name FROM baseline ORDER BY name") }
    }

    // MARK: - Rows

    private static func info(from row: Row, _ db: Database) throws -> ExperimentInfo {
        let id: Int64 = row["id"]
        let variants = try String.fetchAll(db, sql: "SELECT name FROM variant WHERE experiment_id = ? ORDER BY id", arguments: [id])
        var counts: [RunStatus: Int] = [:]
        for count in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM run WHERE experiment_id = ? GROUP BY status", arguments: [id]) {
            if let status = RunStatus(rawValue: count["status"]) { counts[status] = count["n"] }
        }
        let baselines = try String.fetchAll(db, sql: "SELECT name FROM baseline WHERE experiment_id = ? ORDER BY name", arguments: [id])
        let finished: Double? = row["finished_at"]
        return ExperimentInfo(id: id, suite: row["suite"], startedAt: Date(timeIntervalSince1970: row["started_at"]),
                              finishedAt: finished.map(Date.init(timeIntervalSince1970:)),
                              state: ExperimentInfo.State(rawValue: row["state"]) ?? .running, repeats: row["repeats"],
                              model: row["model"], variants: variants, counts: counts, baselines: baselines)
    }

    private static func run(from row: Row) throws -> StoredRun {
        let statusText: String = row["status"]
        guard let status = RunStatus(rawValue: statusText) else {
            throw StoreError("run \(row["id"] as Int64) has an unknown status \"\(statusText)\"")
        }
        return StoredRun(id: row["id"], experimentID: row["experiment_id"], caseID: row["case_id"], variant: row["variant"],
                         repeatIndex: row["repeat"], inputsHash: row["inputs_hash"], status: status, verdict: row["verdict"],
                         tokensIn: row["tokens_in"], tokensOut: row["tokens_out"], latency: row["latency"], rounds: row["rounds"],
                         transcript: row["transcript"], error: row["error"], reusedFrom: row["reused_from"],
                         finishedAt: Date(timeIntervalSince1970: row["finished_at"]))
    }

    // MARK: - Access

    private func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try database.read(body) } catch let error as StoreError { throw error } catch {
            throw StoreError("\(path): \(Self.describe(error))")
        }
    }

    private func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try database.write(body) } catch let error as StoreError { throw error } catch {
            throw StoreError("\(path): \(Self.describe(error))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        return String(describing: error)
    }
}

/// A database problem, as one sentence naming the file.
public struct StoreError: Error, CustomStringConvertible, Sendable, Hashable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
