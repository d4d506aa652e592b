import Foundation

/// Where the workbench keeps files of its own: the autosave directory for unnamed sessions and
/// the list of recently used session files (under $XDG_STATE_HOME/toolscope, or ~/.local/state).
struct SessionLocations {
    var environment: [String: String]

    var stateDirectory: String {
        if let xdg = environment["XDG_STATE_HOME"], !xdg.isEmpty { return xdg + "/toolscope" }
        return (environment["HOME"] ?? NSTemporaryDirectory()) + "/.local/state/toolscope"
    }

    var autosaveDirectory: String { stateDirectory + "/autosave" }
    var recentFile: String { stateDirectory + "/recent.json" }
    var layoutFile: String { stateDirectory + "/layout.json" }

    /// The pane splits the user last set (F9/F10, Shift-F9/F10), or nil when none were kept or
    /// the file cannot be read (then the defaults are used and the next change rewrites it).
    func rememberedSplit() -> (conversation: Int, trace: Int)? {
        guard let data = FileManager.default.contents(atPath: layoutFile),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let conversation = object["split_percent"] as? Int, let trace = object["trace_split_percent"] as? Int,
              (20...80).contains(conversation), (15...85).contains(trace) else { return nil }
        return (conversation, trace)
    }

    func rememberSplit(conversation: Int, trace: Int) {
        try? FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        let object: [String: Int] = ["split_percent": conversation, "trace_split_percent": trace]
        if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
            _ = FileManager.default.createFile(atPath: layoutFile, contents: data)
        }
    }

    var experimentsFile: String { stateDirectory + "/experiments.json" }

    /// The suite the Experiments screen last ran, with its repeats and concurrency, or nil when
    /// none was kept, the file cannot be read or the suite is gone. The suite is written as the
    /// user would type it: relative to the working directory when it lies under it.
    func rememberedExperiment(workingDirectory: String = FileManager.default.currentDirectoryPath) -> ExperimentDefaults? {
        guard let data = FileManager.default.contents(atPath: experimentsFile),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let suite = object["suite"] as? String, suite.hasPrefix("/"), FileManager.default.fileExists(atPath: suite),
              let repeats = object["repeats"] as? Int, (1...1000).contains(repeats),
              let concurrency = object["concurrency"] as? Int, (1...64).contains(concurrency) else { return nil }
        let prefix = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
        let shown = suite.hasPrefix(prefix) ? String(suite.dropFirst(prefix.count)) : suite
        return ExperimentDefaults(suitePath: shown, repeats: repeats, concurrency: concurrency)
    }

    /// Keeps what the Experiments screen ran, for the next start (the suite as an absolute path).
    func rememberExperiment(suite: String, repeats: Int, concurrency: Int,
                            workingDirectory: String = FileManager.default.currentDirectoryPath) {
        let absolute = suite.hasPrefix("/") ? suite : (workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/") + suite
        try? FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        let object: [String: Any] = ["suite": absolute, "repeats": repeats, "concurrency": concurrency]
        if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
            _ = FileManager.default.createFile(atPath: experimentsFile, contents: data)
        }
    }

    func recent() -> [String] {
        guard let data = FileManager.default.contents(atPath: recentFile),
              let list = try? JSONSerialization.jsonObject(with: data) as? [String] else { return [] }
        return list
    }

    func remember(_ path: String) {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var list = recent().filter { $0 != absolute }
        list.insert(absolute, at: 0)
        try? FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        if let data = try? JSONSerialization.data(withJSONObject: Array(list.prefix(10))) {
            _ = FileManager.default.createFile(atPath: recentFile, contents: data)
        }
    }

    /// sessions/*.json in the current directory, then recent files that still exist.
    func listSessions() -> [SessionListEntry] {
        var out: [SessionListEntry] = []
        let dir = FileManager.default.currentDirectoryPath + "/sessions"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        for f in files { out.append(SessionListEntry(path: "sessions/" + f, label: f, isRecent: false)) }
        let local = Set(files.map { dir + "/" + $0 })
        for path in recent() where !local.contains(path) && FileManager.default.fileExists(atPath: path) {
            out.append(SessionListEntry(path: path, label: path.lastComponent, isRecent: true))
        }
        return out
    }

    func autosavePath(date: Date = Date()) -> String {
        autosaveDirectory + "/" + SessionNaming.timestamp(date) + ".json"
    }
}
