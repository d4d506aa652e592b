import Foundation

/// Drives the real `toolscope` binary inside a detached tmux session, as a person would:
/// `send-keys` in, `capture-pane` out, polling with a deadline instead of fixed sleeps.
/// HOME and the XDG directories point into a private temporary directory. All sessions of
/// one test process share a private tmux server (`-L`, no user config), which exits by
/// itself when its last session is killed; every tmux command has a deadline.
public final class WorkbenchTmux {
    public let name: String
    public let home: URL

    public enum Failure: Error, CustomStringConvertible {
        case binaryMissing(String)
        case timeout(String, screen: String)
        public var description: String {
            switch self {
            case .binaryMissing(let path): return "toolscope binary not found at \(path); build with `swift build --build-tests` or set TOOLSCOPE_BIN"
            case .timeout(let what, let screen): return "timed out waiting for \(what); screen was:\n\(screen)"
            }
        }
    }

    /// The built binary: $TOOLSCOPE_BIN, else .build/debug/toolscope beside Package.swift.
    public static func binary() throws -> String {
        if let env = ProcessInfo.processInfo.environment["TOOLSCOPE_BIN"], !env.isEmpty { return env }
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/", !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        let path = url.appendingPathComponent(".build/debug/toolscope").path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw Failure.binaryMissing(path) }
        return path
    }

    public static var repoRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/", !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url.path
    }

    public init(arguments: [String] = [], width: Int = 120, height: Int = 40, home: URL? = nil, extraEnvironment: [String: String] = [:]) throws {
        let binary = try Self.binary()
        name = "tsw-\(getpid())-\(UUID().uuidString.prefix(8))"
        self.home = home ?? FileManager.default.temporaryDirectory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: self.home, withIntermediateDirectories: true)
        var env = ["HOME": self.home.path, "XDG_STATE_HOME": self.home.path + "/state", "XDG_CONFIG_HOME": self.home.path + "/config",
                   "TERM": "xterm-256color", "SWIFT_BACKTRACE": "interactive=no", "OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""]
        for (k, v) in extraEnvironment { env[k] = v }
        let exports = env.keys.sorted().map { "\($0)=\(Self.quote(env[$0]!))" }.joined(separator: " ")
        let command = "cd \(Self.quote(Self.repoRoot)) && env \(exports) \(Self.quote(binary)) \(arguments.map(Self.quote).joined(separator: " ")); echo TOOLSCOPE-EXITED-$?; sleep 30"
        try Self.tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", command])
    }

    deinit {
        _ = try? Self.tmux(["kill-session", "-t", name])
    }

    public func send(_ keys: String...) throws {
        try Self.tmux(["send-keys", "-t", name] + keys)
    }

    /// Types text literally (no key-name interpretation).
    public func type(_ text: String) throws {
        try Self.tmux(["send-keys", "-t", name, "-l", text])
    }

    /// Waits for the first screen, then moves the focus to the tools list (conversation → trace → tools).
    public func focusToolsList() throws {
        try waitFor(text: "▶ Conversation")
        try send("Tab")
        try send("Tab")
        try waitFor(text: "▶ Tools")
    }

    /// Waits for the first screen, asks the scripted demo about two cities and waits until its
    /// two rounds are done (the loop idle again).
    public func askTheDemo() throws {
        try waitFor(text: "▶ Conversation")
        try type("Compare the weather in Tokyo and London")
        try send("Enter")
        try waitFor("the demo's answer") { $0.contains("│ idle") && $0.contains("round 2") }
    }

    /// Presses `key`, waits for the one-line prompt titled `title`, replaces its text, presses Enter.
    public func answerPrompt(key: String, title: String, with text: String) throws {
        try send(key)
        try waitFor(text: title)
        try send("C-u")
        try type(text)
        try send("Enter")
    }

    /// The sessions the workbench autosaved under this HOME.
    public var autosavedFiles: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: home.appendingPathComponent("state/toolscope/autosave").path)) ?? []
    }

    public func screen() -> String {
        (try? Self.tmux(["capture-pane", "-p", "-t", name])) ?? ""
    }

    public func resize(width: Int, height: Int) throws {
        try Self.tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Waits until `predicate` holds for the screen; returns that screen.
    @discardableResult
    public func waitFor(_ what: String, timeout: Double = 20, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen()
            if predicate(last) { return last }
            usleep(50_000)
        }
        throw Failure.timeout(what, screen: last)
    }

    @discardableResult
    public func waitFor(text: String, timeout: Double = 20) throws -> String {
        try waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// The private tmux server of this test process: never the user's own.
    public static let socketName = "toolscope-e2e-\(getpid())"

    @discardableResult
    public static func tmux(_ args: [String]) throws -> String {
        let result = try SpawnedProcess.run("tmux", ["-L", socketName, "-f", "/dev/null"] + args, timeout: 15)
        if result.timedOut { throw SpawnedProcess.Failure("tmux \(args.first ?? "") did not answer in 15 s") }
        return result.stdout
    }

    public static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
