import Foundation
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

    var isSuccess: Bool { self == .exited(0) }

    var description: String {
        switch self {
        case .exited(let code): return "exit status \(code)"
        case .signaled(let signal): return "killed by signal \(signal)"
        }
    }
}

/// A process started with `posix_spawn`, never through a shell, in a process group of its own
/// so a timeout can kill everything it started. The parent holds the other ends of its three pipes.
///
/// Foundation's `Process` cannot put the child in a new process group on Linux, which is why
/// this type exists.
final class ChildProcess: @unchecked Sendable {
    let pid: pid_t
    let stdinFD: Int32
    let stdoutFD: Int32
    let stderrFD: Int32
    private let state = Locked<(reaped: Bool, status: ExitStatus?, stdinOpen: Bool)>((false, nil, true))

    private init(pid: pid_t, stdinFD: Int32, stdoutFD: Int32, stderrFD: Int32) {
        self.pid = pid
        self.stdinFD = stdinFD
        self.stdoutFD = stdoutFD
        self.stderrFD = stderrFD
    }

    /// Writing to a child that already exited must fail with EPIPE, not kill toolscope with
    /// SIGPIPE (the default). Set once, before the first child; children get the default back.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Starts `executable` (an absolute path) with `arguments` (argv[1...]) and exactly `environment`.
    static func spawn(executable: String, arguments: [String], environment: [String: String],
                      directory: String?) throws(SpawnError) -> ChildProcess {
        ChildProcess.ignoreBrokenPipes
        var input: [Int32] = [-1, -1], output: [Int32] = [-1, -1], errors: [Int32] = [-1, -1]
        guard GlibcExtras.closeOnExecPipe(&input), GlibcExtras.closeOnExecPipe(&output), GlibcExtras.closeOnExecPipe(&errors) else {
            let reason = String(cString: strerror(errno))
            for fd in input + output + errors where fd >= 0 { close(fd) }
            throw SpawnError(description: "cannot create pipes for \(executable): \(reason)")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        GlibcExtras.addCloseFrom(&actions, 3)
        if let directory {
            guard GlibcExtras.addChdir(&actions, directory) else {
                for fd in input + output + errors { close(fd) }
                throw SpawnError(description: "cannot run \(executable) in \(directory): this C library cannot set a child's directory")
            }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }

        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(input[0]); close(output[1]); close(errors[1])
        guard rc == 0 else {
            close(input[1]); close(output[0]); close(errors[0])
            let where_ = directory.map { " in \($0)" } ?? ""
            throw SpawnError(description: "cannot start \(executable)\(where_): \(String(cString: strerror(rc)))")
        }
        return ChildProcess(pid: pid, stdinFD: input[1], stdoutFD: output[0], stderrFD: errors[0])
    }

    /// Sends `signal` to the whole process group, unless the process was already reaped
    /// (its group id may then belong to someone else).
    func killGroup(_ signal: Int32 = SIGKILL) {
        state.withLock { s in
            guard !s.reaped else { return }
            _ = kill(-pid, signal)
        }
    }

    /// Closes the child's stdin (it sees end of input); safe to call more than once.
    func closeStdin() {
        let wasOpen = state.withLock { s in defer { s.stdinOpen = false }; return s.stdinOpen }
        if wasOpen { close(stdinFD) }
    }

    /// Blocks until the process ends and reaps it; later calls return the same status.
    @discardableResult
    func waitForExit() -> ExitStatus {
        if let known = state.withLock({ $0.status }) { return known }
        var raw: Int32 = 0
        var rc: pid_t
        repeat { rc = waitpid(pid, &raw, 0) } while rc == -1 && errno == EINTR
        let status: ExitStatus = (raw & 0x7f) == 0 ? .exited((raw >> 8) & 0xff) : .signaled(raw & 0x7f)
        return state.withLock { s in
            if let known = s.status { return known }
            s.reaped = true
            s.status = rc == pid ? status : .exited(-1)
            return s.status!
        }
    }

    /// Waits, without reaping, until the process has exited or `deadline` passes; true when it
    /// exited. Not reaping keeps its process group id reserved, so `killGroup` can still reach
    /// whatever it left running.
    func waitUntilExited(deadline: Double) -> Bool {
        var pause: UInt32 = 50
        while true {
            if state.withLock({ $0.reaped }) { return true }
            var info = siginfo_t()
            let rc = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
            if rc == 0 && info._sifields._sigchld.si_pid == pid { return true }
            if rc == -1 && errno != EINTR { return true }
            if MonotonicClock.now() >= deadline { return false }
            usleep(pause)
            pause = min(pause * 2, 5_000)
        }
    }

    /// Closes the parent's pipe ends; call once, after the streams are no longer read.
    func closePipes() {
        closeStdin()
        close(stdoutFD)
        close(stderrFD)
    }
}
