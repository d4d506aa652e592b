import Foundation

/// The workbench's half of issue 10: a file that was not fully understood is never written
/// over — not by Ctrl-S, not by "save as", not by the autosave after a round, not on exit.
/// The session is saved somewhere else instead, and the status line says where.
extension AppState {
    /// True when `path` names (in any spelling: relative, `./`, `..`, a symlink) a protected file.
    /// The spelling is compared without the file system (`.`, `..`, relative to the working
    /// directory); the save itself also compares symlink-resolved paths (`SessionFiles`).
    public func isProtected(_ path: String) -> Bool {
        !protectedPaths.isEmpty && protectedPaths.contains(SessionNaming.lexical(path, in: workingDirectory))
    }

    public mutating func protect(_ path: String) {
        protectedPaths.insert(SessionNaming.lexical(path, in: workingDirectory))
    }
}

extension SessionNaming {
    /// Where the session goes instead of `path`, a file that failed to load: beside it,
    /// `NAME.recovered-N.json` with the first N not taken, so the user finds it next to the
    /// file they meant to open.
    public static func recoveredPath(for path: String, exists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let prefix = (dir.isEmpty ? "" : dir + "/") + stem + ".recovered-"
        var n = 1
        while exists(prefix + "\(n).json") { n += 1 }
        return prefix + "\(n).json"
    }

    /// An absolute path with `.`/`..` resolved, by text alone: `path` relative to `directory`.
    public static func lexical(_ path: String, in directory: String) -> String {
        let absolute = path.hasPrefix("/") ? path : directory + "/" + path
        return URL(fileURLWithPath: absolute).standardizedFileURL.path
    }

    /// An absolute path with `.`/`..` and symlinks resolved, for comparing two spellings.
    /// Reads the file system: for the runtime's handlers, never the reducer.
    static func canonical(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: absolute).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
