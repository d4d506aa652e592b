import Foundation
import ToolscopeDemo
import ToolscopeEngine
import ToolscopeEval

/// The effect handler for session files and the state directory: save (and the quiet save
/// after a round), open, the picker's list, keeping the session before something replaces it,
/// regression cases appended to a suite, and the remembered pane splits. Every call returns
/// the actions that report what happened; none touches the screen, so each is tested with a
/// temporary directory and no terminal.
struct SessionFiles {
    let locations: SessionLocations
    /// Trust records (nil: nothing is remembered and every file is untrusted).
    let externals: (any WorkbenchExternals)?

    /// What a save needs from the screen's state.
    struct SaveRequest {
        /// The session as the file should hold it (see `AppState.sessionToSave`).
        var session: Session
        var path: String
        /// The file this session came from or was saved to, if any: saving there is in place.
        var currentPath: String?
        /// Files that failed to load: never written (compared after resolving symlinks too).
        var protectedPaths: Set<String>
        /// The user trusted this session's code tools: a save makes that the file's decision.
        var trusted: Bool
    }

    func save(_ request: SaveRequest) -> Action {
        let path = request.path
        let resolved = SessionNaming.canonical(path)
        guard !Self.isProtected(resolved: resolved, by: request.protectedPaths) else {
            return .saveFailed("\(path) failed to load; it is not overwritten. Save under another name.")
        }
        // A file other than this session's own is replaced only when this version reads it
        // fully: a newer toolscope's session, or anything that is not a session, stays.
        let inPlace = request.currentPath.map { SessionNaming.canonical($0) == resolved } ?? false
        if !inPlace, FileManager.default.fileExists(atPath: path) {
            do { _ = try SessionFile.load(path: path) } catch {
                return .saveRefused(path: path, message: error.description)
            }
        }
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        do {
            try SessionFile.save(request.session, to: path)
        } catch {
            return .saveFailed(error.description)
        }
        locations.remember(path)
        // What the user trusted and saved is what they will open next time: no question then.
        if request.trusted, !ExecutionListing(tools: request.session.tools, mcpServers: request.session.mcpServers).runsNothing {
            try? externals?.rememberTrust(path: path)
        }
        return .saved(path: path)
    }

    /// The save after a round: the session's own file, no checks beyond the reducer's, no notice.
    func autosave(_ session: Session, to path: String) -> Action {
        do {
            try SessionFile.save(session, to: path)
            return .saved(path: path, quietly: true)
        } catch {
            return .saveFailed("autosave failed: \(error.description)")
        }
    }

    /// Opens a session file (a typed path may start with ~, as in a shell). `loaded` is the
    /// session when it opened, for the loop to use.
    func open(_ typed: String, replay: Bool) -> (action: Action, loaded: Session?) {
        let path = typed.hasPrefix("~") ? (typed as NSString).expandingTildeInPath : typed
        do {
            let session = try SessionFile.load(path: path)
            locations.remember(path)
            return (.sessionLoaded(session, path: path, replay: replay, trusted: externals?.isTrusted(path: path) ?? false), session)
        } catch {
            return (.sessionLoadFailed(path: path, message: error.description), nil)
        }
    }

    /// True when `resolved` (a `SessionNaming.canonical` path) is one of `protectedPaths` after resolving theirs (the
    /// reducer compares spellings only; this catches a link to a protected file too).
    static func isProtected(resolved: String, by protectedPaths: Set<String>) -> Bool {
        guard !protectedPaths.isEmpty else { return false }
        return protectedPaths.contains { SessionNaming.canonical($0) == resolved }
    }

    func list() -> Action { .sessionList(locations.listSessions()) }

    /// A new session with the tools and settings of the current one (`Session` stamps its dates).
    func newSession(like current: Session) -> Session {
        var session = Session(title: "Untitled", settings: current.settings, tools: current.tools)
        session.mcpServers = current.mcpServers
        return session
    }

    /// Where a continued replay is saved: beside the recording, named by the time now.
    func forkPath(for recordingPath: String?, title: String) -> String {
        SessionNaming.forkPath(for: recordingPath, title: title, date: Date())
    }

    /// What keeping a session before it is replaced needs to know.
    struct KeepRequest {
        var session: Session
        var path: String?
        var protectedPaths: Set<String>
        var unsaved: Bool
        var replaying: Bool
        /// Keep a session without a user message too (on quit, as always); an experiment's open skips those.
        var whenEmpty: Bool
    }

    /// Saves the live session before something replaces it (quitting, opening an experiment's run
    /// or case): in place when it has a file, else to the autosave directory. Returns what
    /// happened, or nil when there was nothing to keep.
    func keep(_ request: KeepRequest) -> String? {
        guard !request.replaying else { return nil }
        let session = request.session
        if let path = request.path, !Self.isProtected(resolved: SessionNaming.canonical(path), by: request.protectedPaths) {
            guard request.unsaved else { return nil }
            do { try SessionFile.save(session, to: path); return "saved \(path)" } catch { return error.description }
        }
        let worthKeeping = request.whenEmpty ? !session.messages.isEmpty : session.messages.contains { $0.role == .user }
        guard worthKeeping || request.unsaved else { return nil }
        let path = locations.autosavePath()
        try? FileManager.default.createDirectory(atPath: locations.autosaveDirectory, withIntermediateDirectories: true)
        do {
            try SessionFile.save(session, to: path)
            return "session autosaved to \(path)"
        } catch {
            return "autosave failed: \(error.description)"
        }
    }

    /// Appends a regression case made from the session's last turn to the suite at `path`.
    func appendCase(from session: Session, toSuite path: String) -> Action {
        do {
            let added = try SessionCase.append(try SessionCase.make(from: session), toSuite: path)
            return .notice(Notice("added case \(added.id) to \(path) (\(added.count) case\(added.count == 1 ? "" : "s"))", kind: .success))
        } catch {
            return .notice(Notice("no case added: \(error)", kind: .error))
        }
    }

    func rememberSplit(conversation: Int, trace: Int) {
        locations.rememberSplit(conversation: conversation, trace: trace)
    }

    /// The Experiments screen's suite, repeats and concurrency, for the next start.
    func rememberExperiment(_ request: ExperimentRequest) {
        locations.rememberExperiment(suite: request.suitePath, repeats: request.repeats, concurrency: request.concurrency)
    }
}
