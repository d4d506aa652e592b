import Foundation
import ToolscopeEngine
#if canImport(Glibc)
import Glibc
#endif

/// What one run of a command produced.
struct CommandRunResult: Sendable {
    var stdout: [UInt8] = []
    /// Bytes the command wrote to stdout in all, including any beyond the cap.
    var stdoutTotal = 0
    var stderrTail = ""
    var status: ExitStatus = .exited(-1)
    var timedOut = false
    var cancelled = false

    var truncated: Bool { stdoutTotal > stdout.count }
}

/// Runs a spawned process to its end in one thread with `poll`: feeds stdin, drains stdout and
/// stderr together (so neither pipe fills and deadlocks the child), keeps at most `maxOutput`
/// bytes of stdout and the tail of stderr, and kills the process group at the deadline.
enum CommandRun {
    static func run(_ process: ToolProcess, input: [UInt8], deadline: Double, maxOutput: Int,
                    cancellation: CancellationToken? = nil) -> CommandRunResult {
        var result = CommandRunResult()
        let stderrTail = TailBuffer(capacity: 4096)
        let cancelled = Locked(false)
        let finished = Locked(false)
        cancellation?.onCancel {
            finished.withLock { done in
                guard !done else { return }
                cancelled.withLock { $0 = true }
                process.killGroup(SIGKILL)
            }
        }
        _ = fcntl(process.stdinFD, F_SETFL, fcntl(process.stdinFD, F_GETFL) | O_NONBLOCK)
        var inputOffset = 0
        var stdinOpen = true
        if input.isEmpty { process.closeStdin(); stdinOpen = false }
        var outOpen = true, errOpen = true
        var killedAt: Double?

        while outOpen || errOpen {
            let now = MonotonicClock.now()
            if killedAt == nil && (now >= deadline || cancelled.current) {
                result.timedOut = !cancelled.current
                process.killGroup(SIGKILL)
                killedAt = now
            }
            if let killedAt, now - killedAt > 2 { break }  // something outside the group holds the pipes
            var fds: [pollfd] = []
            if outOpen { fds.append(pollfd(fd: process.stdoutFD, events: Int16(POLLIN), revents: 0)) }
            if errOpen { fds.append(pollfd(fd: process.stderrFD, events: Int16(POLLIN), revents: 0)) }
            if stdinOpen { fds.append(pollfd(fd: process.stdinFD, events: Int16(POLLOUT), revents: 0)) }
            let wait = killedAt == nil ? max(0, min(deadline - now, 0.1)) : 0.1
            let rc = poll(&fds, nfds_t(fds.count), Int32(wait * 1000) + 1)
            if rc < 0 && errno != EINTR { break }
            if rc <= 0 { continue }
            for p in fds where p.revents != 0 {
                if p.fd == process.stdinFD {
                    let n = input.withUnsafeBytes { write(process.stdinFD, $0.baseAddress! + inputOffset, input.count - inputOffset) }
                    if n > 0 { inputOffset += n }
                    if (n < 0 && errno != EAGAIN && errno != EINTR) || inputOffset == input.count {
                        process.closeStdin()
                        stdinOpen = false
                    }
                } else {
                    let chunk = FileDescriptorIO.readChunk(p.fd)
                    if p.fd == process.stdoutFD {
                        if chunk.isEmpty { outOpen = false; continue }
                        result.stdoutTotal += chunk.count
                        let room = maxOutput - result.stdout.count
                        if room > 0 { result.stdout += chunk.prefix(room) }
                    } else {
                        if chunk.isEmpty { errOpen = false; continue }
                        stderrTail.append(chunk)
                    }
                }
            }
        }
        process.closeStdin()
        if !process.waitUntilExited(deadline: killedAt == nil ? deadline : MonotonicClock.now() + 1) {
            if killedAt == nil { result.timedOut = !cancelled.current }
        }
        finished.withLock { $0 = true }
        process.killGroup(SIGKILL)  // whatever it left running in its group goes with it
        result.status = process.waitForExit()
        process.closePipes()
        result.cancelled = cancelled.current
        result.stderrTail = stderrTail.text
        return result
    }
}
