import Foundation
import Subprocess
import SystemPackage
import ToolscopeEngine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a process could not be started, as a sentence for the user.
struct SpawnError: Error, Sendable, CustomStringConvertible {
    let description: String
}

/// How a child process ended.
enum ExitStatus: Sendable, Hashable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    init(_ status: TerminationStatus) {
        switch status {
        case .exited(let code): self = .exited(code)
        case .signaled(let signal): self = .signaled(signal)
        }
    }

    var isSuccess: Bool { self == .exited(0) }

    var description: String {
        switch self {
        case .exited(let code): return "exit status \(code)"
        case .signaled(let signal): return "killed by signal \(signal)"
        }
    }
}

/// A process started for a tool (a command, a Python worker, an MCP server) through
/// swift-subprocess, never through a shell. The parent holds the other ends of its three pipes.
///
/// What swift-subprocess guarantees here (read in its 1.0.2 source): `processGroupID = 0` puts
/// the child in a process group of its own (`POSIX_SPAWN_SETPGROUP`), so a timeout can kill
/// everything it started; the child gets only descriptors 0, 1 and 2 (a `closefrom(3)` file
/// action after the `dup2`s); its signal mask is empty and every disposition is the default.
///
/// Its API is async and scoped: `run` returns only once the process has ended. The callers are
/// Dispatch threads that block in `poll`/`read` on the pipes, so each process gets a task on
/// `SubprocessLane` (a thread of its own, never the cooperative pool, so a caller blocked on a
/// cooperative thread cannot starve it) whose body hands the started process out and returns;
/// the task then waits for the exit without holding any thread and records the status.
final class ToolProcess: @unchecked Sendable {
    let pid: pid_t
    let stdinFD: Int32
    let stdoutFD: Int32
    let stderrFD: Int32
    private let state = Locked<(status: ExitStatus?, reapedAt: Double?, stdinOpen: Bool)>((nil, nil, true))
    /// Left once, when swift-subprocess has reaped the process.
    private let exited = DispatchGroup()

    /// How long after the reaping `killGroup` still signals the group: long enough for the sweep
    /// that follows an exit, short enough that the group id (pid_max is 32768 here) cannot have
    /// been reused by another process group meanwhile.
    static let groupSweepWindow = 2.0

    private init(pid: pid_t, stdinFD: Int32, stdoutFD: Int32, stderrFD: Int32) {
        self.pid = pid
        self.stdinFD = stdinFD
        self.stdoutFD = stdoutFD
        self.stderrFD = stderrFD
        exited.enter()
    }

    /// Writing to a child that already exited must fail with EPIPE, not kill toolscope with
    /// SIGPIPE (the default). Set once, before the first child; children get the default back.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Starts `executable` (an absolute path) with `arguments` (argv[1...]) and exactly
    /// `environment`, in `directory`. Blocks the calling thread only until the spawn is done.
    static func spawn(executable: String, arguments: [String], environment: [String: String],
                      directory: String?) throws(SpawnError) -> ToolProcess {
        ToolProcess.ignoreBrokenPipes
        let input = try makePipe(executable)
        let output: (read: Int32, write: Int32), errors: (read: Int32, write: Int32)
        do { output = try makePipe(executable) } catch { closeAll(input); throw error }
        do { errors = try makePipe(executable) } catch { closeAll(input); closeAll(output); throw error }

        var options = PlatformOptions()
        options.processGroupID = 0
        var variables: [Environment.Key: String] = [:]
        for (key, value) in environment { variables[Environment.Key(stringLiteral: key)] = value }
        let where_ = directory.map { " in \($0)" } ?? ""

        let outcome = Locked<Result<ToolProcess, SpawnError>?>(nil)
        let started = DispatchSemaphore(value: 0)
        Task(executorPreference: subprocessLane) {
            let spawned = Locked<ToolProcess?>(nil)
            do {
                let result = try await Subprocess.run(
                    .path(FilePath(executable)), arguments: Arguments(arguments), environment: .custom(variables),
                    workingDirectory: directory.map { FilePath($0) }, platformOptions: options,
                    // The child's ends: swift-subprocess dup2s them to 0, 1, 2 and closes them here after the spawn.
                    input: .fileDescriptor(FileDescriptor(rawValue: input.read), closeAfterSpawningProcess: true),
                    output: .fileDescriptor(FileDescriptor(rawValue: output.write), closeAfterSpawningProcess: true),
                    error: .fileDescriptor(FileDescriptor(rawValue: errors.write), closeAfterSpawningProcess: true)
                ) { execution in
                    let process = ToolProcess(pid: execution.processIdentifier.value, stdinFD: input.write,
                                              stdoutFD: output.read, stderrFD: errors.read)
                    spawned.withLock { $0 = process }
                    outcome.withLock { $0 = .success(process) }
                    started.signal()
                }
                spawned.current?.finish(ExitStatus(result.terminationStatus))
            } catch {
                if let process = spawned.current {
                    // Started, but watching it failed: report an unknown status rather than wait forever.
                    process.finish(.exited(-1))
                } else {
                    for fd in [input.write, output.read, errors.read] { close(fd) }
                    let reason = (error as? SubprocessError)?.underlyingError.map { "\($0)" } ?? "\(error)"
                    outcome.withLock { $0 = .failure(SpawnError(description: "cannot start \(executable)\(where_): \(reason)")) }
                    started.signal()
                }
            }
        }
        started.wait()
        return try outcome.current!.get()
    }

    private func finish(_ status: ExitStatus) {
        state.withLock { s in
            s.status = status
            s.reapedAt = MonotonicClock.now()
        }
        exited.leave()
    }

    /// Sends `signal` to the whole process group. Once the process was reaped, only within
    /// `groupSweepWindow` (whatever it left running is killed right after it exits; later its
    /// group id may belong to someone else).
    func killGroup(_ signal: Int32 = SIGKILL) {
        state.withLock { s in
            if let reapedAt = s.reapedAt, MonotonicClock.now() - reapedAt > Self.groupSweepWindow { return }
            _ = kill(-pid, signal)
        }
    }

    /// Closes the child's stdin (it sees end of input); safe to call more than once.
    func closeStdin() {
        let wasOpen = state.withLock { s in defer { s.stdinOpen = false }; return s.stdinOpen }
        if wasOpen { close(stdinFD) }
    }

    /// Blocks until the process has ended and was reaped; later calls return the same status.
    @discardableResult
    func waitForExit() -> ExitStatus {
        exited.wait()
        return state.withLock { $0.status! }
    }

    /// Waits until the process has exited or `deadline` (a `MonotonicClock` time) passes; true
    /// when it exited.
    func waitUntilExited(deadline: Double) -> Bool {
        let remaining = max(0, deadline - MonotonicClock.now())
        return exited.wait(timeout: .now() + remaining) == .success
    }

    /// Closes the parent's pipe ends; call once, after the streams are no longer read.
    func closePipes() {
        closeStdin()
        close(stdoutFD)
        close(stderrFD)
    }

    /// A pipe whose both ends close on exec. Every spawn in toolscope goes through
    /// swift-subprocess, which closes all descriptors from 3 up in the child, so the short
    /// window between `pipe` and `fcntl` cannot leak an end into one of our children.
    private static func makePipe(_ executable: String) throws(SpawnError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            throw SpawnError(description: "cannot create pipes for \(executable): \(String(cString: strerror(errno)))")
        }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    private static func closeAll(_ pipe: (read: Int32, write: Int32)) {
        close(pipe.read)
        close(pipe.write)
    }
}

/// The thread the tasks driving swift-subprocess run on (see `ThreadExecutor`): their work is short
/// and never blocks, and no blocked pool thread can starve it.
let subprocessLane = ThreadExecutor(name: "toolscope-subprocess")
