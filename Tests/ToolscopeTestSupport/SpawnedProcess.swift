import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process for tests, started with `posix_spawn` and waited for with `waitpid`.
///
/// Why not Foundation's `Process`: on Linux it learns that a child ended when a socket it
/// hands to the child reaches end of file, so a grandchild that inherits that socket and
/// outlives the child (a tmux server started by the first `tmux new-session`, a daemon) makes
/// `waitUntilExit` block forever. That hung a clean CI run for 85 minutes. Here:
/// - the child gets only stdin, stdout and stderr: every other descriptor is closed in it;
/// - stdout and stderr go to temporary files, so nothing depends on a pipe reaching EOF;
/// - every wait has a deadline, after which the child's process group is killed;
/// - the child starts with an empty signal mask and default dispositions (the test runner's
///   blocked SIGCHLD must not leak into tmux or toolscope).
public final class SpawnedProcess: @unchecked Sendable {
    public struct Result: Sendable {
        /// The exit code, or 128 + the signal number when a signal ended the process.
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var timedOut: Bool
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    public let pid: pid_t
    private let commandLine: String
    private let stdoutPath: String
    private let stderrPath: String
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// Starts `executable` (a path, or a name looked up in PATH) with `arguments`.
    /// `environment` nil means the test runner's own; `stdin` nil means /dev/null.
    /// `terminal`, when given, is a descriptor (a pseudo-terminal's slave side) used as stdin,
    /// stdout and stderr instead; the output files then stay empty.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                directory: String? = nil, stdin: String? = nil, terminal: Int32? = nil) throws {
        commandLine = ([executable] + arguments).joined(separator: " ")
        let base = NSTemporaryDirectory() + "toolscope-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        stdoutPath = base + ".out"
        stderrPath = base + ".err"
        let stdinPath = base + ".in"
        _ = FileManager.default.createFile(atPath: stdinPath, contents: Data((stdin ?? "").utf8))
        defer { unlink(stdinPath) }

        let inFD = open(stdinPath, O_RDONLY | O_CLOEXEC)
        let outFD = open(stdoutPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let errFD = open(stderrPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer { for fd in [inFD, outFD, errFD] where fd >= 0 { close(fd) } }
        guard inFD >= 0, outFD >= 0, errFD >= 0 else { throw Failure("cannot create files for \(commandLine): \(String(cString: strerror(errno)))") }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, terminal ?? inFD, 0)
        posix_spawn_file_actions_adddup2(&actions, terminal ?? outFD, 1)
        posix_spawn_file_actions_adddup2(&actions, terminal ?? errFD, 2)
        guard let closeFrom = SpawnExtensions.closeFrom else { throw Failure("this C library lacks posix_spawn_file_actions_addclosefrom_np") }
        _ = closeFrom(&actions, 3)
        if let directory {
            guard let chdir = SpawnExtensions.addChdir else { throw Failure("this C library lacks posix_spawn_file_actions_addchdir_np") }
            _ = chdir(&actions, directory)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let env = environment ?? ProcessInfo.processInfo.environment
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var child: pid_t = 0
        let rc = executable.contains("/")
            ? posix_spawn(&child, executable, &actions, &attributes, argv, envp)
            : posix_spawnp(&child, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw Failure("cannot start \(commandLine): \(String(cString: strerror(rc)))") }
        pid = child
    }

    deinit {
        if lock.withLock({ exitStatus == nil }) {
            _ = kill(-pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
        }
        unlink(stdoutPath)
        unlink(stderrPath)
    }

    /// Runs to completion: starts, waits at most `timeout` seconds, kills the group on overrun.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           directory: String? = nil, stdin: String? = nil, timeout: Double) throws -> Result {
        try SpawnedProcess(executable, arguments, environment: environment, directory: directory, stdin: stdin).wait(timeout: timeout)
    }

    /// What the child has written to stdout so far.
    public func stdoutSoFar() -> String { Self.read(stdoutPath) }

    /// Whether the child is still running (not yet reaped).
    public var isRunning: Bool { reap(blocking: false) == nil }

    /// Sends `signal` to the child alone, unless it was already reaped (its PID may be reused).
    public func signal(_ signal: Int32) {
        lock.withLock { if exitStatus == nil { _ = kill(pid, signal) } }
    }

    /// Waits for the child to end; at the deadline kills its process group and reports `timedOut`.
    public func wait(timeout: Double) -> Result {
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while reap(blocking: false) == nil {
            if Date() >= deadline {
                timedOut = true
                _ = kill(-pid, SIGKILL)
                _ = reap(blocking: true)
                break
            }
            usleep(5_000)
        }
        return Result(status: lock.withLock { exitStatus ?? -1 }, stdout: Self.read(stdoutPath), stderr: Self.read(stderrPath), timedOut: timedOut)
    }

    /// Like `wait`, but an overrun is an error naming the command.
    public func waitOrThrow(timeout: Double) throws -> Result {
        let result = wait(timeout: timeout)
        if result.timedOut { throw Failure("\(commandLine) did not finish in \(timeout) s\nstdout: \(result.stdout)\nstderr: \(result.stderr)") }
        return result
    }

    private func reap(blocking: Bool) -> Int32? {
        lock.withLock {
            if let exitStatus { return exitStatus }
            var status: Int32 = 0
            var rc: pid_t
            repeat { rc = waitpid(pid, &status, blocking ? 0 : WNOHANG) } while rc == -1 && errno == EINTR
            guard rc == pid else { return nil }
            let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            exitStatus = code
            return code
        }
    }

    private static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}

/// GNU spawn extensions the Swift Glibc module does not import, looked up at run time.
enum SpawnExtensions {
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    static let closeFrom: CloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map { unsafeBitCast($0, to: CloseFrom.self) }
    static let addChdir: AddChdir? = dlsym(nil, "posix_spawn_file_actions_addchdir_np").map { unsafeBitCast($0, to: AddChdir.self) }
}
