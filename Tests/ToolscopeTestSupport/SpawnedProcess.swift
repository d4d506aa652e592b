import Foundation
import Subprocess
import SystemPackage
import ToolscopeEngine
#if canImport(Glibc)
import Glibc
#endif

/// A child process for tests, started through swift-subprocess and waited for with deadlines.
///
/// Why not Foundation's `Process`: on Linux it learns that a child ended when a socket it
/// hands to the child reaches end of file, so a grandchild that inherits that socket and
/// outlives the child (a tmux server started by the first `tmux new-session`, a daemon) makes
/// `waitUntilExit` block forever. That hung a clean CI run for 85 minutes. Here:
/// - the child gets only stdin, stdout and stderr: swift-subprocess closes every other
///   descriptor in it;
/// - stdout and stderr go to temporary files, so nothing depends on a pipe reaching EOF;
/// - every wait has a deadline, after which the child's process group (its own) is killed;
/// - the child starts with an empty signal mask and default dispositions (the test runner's
///   blocked SIGCHLD must not leak into tmux or toolscope).
/// swift-subprocess learns of the exit from a pidfd, not from a descriptor the child holds.
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
    /// Left once, when swift-subprocess has reaped the child.
    private let exited = DispatchGroup()

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

        var options = PlatformOptions()
        options.processGroupID = 0
        let program: Executable = executable.contains("/") ? .path(FilePath(executable)) : .name(executable)
        var variables: [Environment.Key: String] = [:]
        for (key, value) in environment ?? ProcessInfo.processInfo.environment { variables[Environment.Key(stringLiteral: key)] = value }
        let (stdinFD, stdoutFD, stderrFD) = (terminal ?? inFD, terminal ?? outFD, terminal ?? errFD)
        let commandLine = self.commandLine

        // The spawn is reported through `started`; the task then waits for the exit, holding no thread.
        let started = DispatchSemaphore(value: 0)
        let spawned = SpawnOutcome()
        let exited = self.exited
        exited.enter()
        Task(executorPreference: testSubprocessLane) {
            do {
                let result = try await Subprocess.run(
                    program, arguments: Arguments(arguments), environment: .custom(variables),
                    workingDirectory: directory.map { FilePath($0) }, platformOptions: options,
                    input: .fileDescriptor(FileDescriptor(rawValue: stdinFD), closeAfterSpawningProcess: false),
                    output: .fileDescriptor(FileDescriptor(rawValue: stdoutFD), closeAfterSpawningProcess: false),
                    error: .fileDescriptor(FileDescriptor(rawValue: stderrFD), closeAfterSpawningProcess: false)
                ) { execution in
                    spawned.set(pid: execution.processIdentifier.value)
                    started.signal()
                }
                switch result.terminationStatus {
                case .exited(let code): spawned.set(status: code)
                case .signaled(let signal): spawned.set(status: 128 + signal)
                }
            } catch {
                if spawned.pid == nil {
                    spawned.set(error: "cannot start \(commandLine): \(error)")
                    started.signal()
                } else {
                    spawned.set(status: -1)
                }
            }
            exited.leave()
        }
        started.wait()
        guard let child = spawned.pid else { throw Failure(spawned.error ?? "cannot start \(commandLine)") }
        pid = child
        outcome = spawned
    }

    private let outcome: SpawnOutcome

    deinit {
        if outcome.status == nil {
            _ = kill(-pid, SIGKILL)
            _ = exited.wait(timeout: .now() + 10)
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
    public var isRunning: Bool { outcome.status == nil }

    /// Sends `signal` to the child alone, unless it was already reaped (its PID may be reused).
    public func signal(_ signal: Int32) {
        outcome.whileRunning { _ = kill(pid, signal) }
    }

    /// Waits for the child to end; at the deadline kills its process group and reports `timedOut`.
    public func wait(timeout: Double) -> Result {
        var timedOut = false
        if exited.wait(timeout: .now() + max(0, timeout)) == .timedOut {
            timedOut = true
            outcome.whileRunning { _ = kill(-pid, SIGKILL) }
            _ = exited.wait(timeout: .now() + 10)
        }
        return Result(status: outcome.status ?? -1, stdout: Self.read(stdoutPath), stderr: Self.read(stderrPath), timedOut: timedOut)
    }

    /// Like `wait`, but an overrun is an error naming the command.
    public func waitOrThrow(timeout: Double) throws -> Result {
        let result = wait(timeout: timeout)
        if result.timedOut { throw Failure("\(commandLine) did not finish in \(timeout) s\nstdout: \(result.stdout)\nstderr: \(result.stderr)") }
        return result
    }

    private static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}

/// What the spawning task learned: the PID, then the exit status (or why it could not start).
private final class SpawnOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var _pid: pid_t?
    private var _status: Int32?
    private var _error: String?

    var pid: pid_t? { lock.withLock { _pid } }
    var status: Int32? { lock.withLock { _status } }
    var error: String? { lock.withLock { _error } }
    func set(pid: pid_t) { lock.withLock { _pid = pid } }
    func set(status: Int32) { lock.withLock { _status = status } }
    func set(error: String) { lock.withLock { _error = error } }

    /// Runs `body` only while the child is not reaped, so a signal never reaches a reused PID.
    func whileRunning(_ body: () -> Void) { lock.withLock { if _status == nil { body() } } }
}

/// The thread the tasks driving swift-subprocess run on (see `ThreadExecutor`): their work is short
/// and never blocks, and no blocked pool thread can starve it.
private let testSubprocessLane = ThreadExecutor(name: "test-subprocess")
