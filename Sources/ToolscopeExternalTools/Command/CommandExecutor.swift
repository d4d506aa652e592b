import Foundation
import ToolscopeEngine

/// Runs calls bound to a program: one process per call, arguments as JSON on stdin, the
/// result from stdout (JSON when it parses, text otherwise); a non-zero exit is an error
/// carrying the end of stderr.
struct CommandExecutor: ToolExecutor {
    let binding: CommandBinding
    let limiter: ProcessLimiter
    let limits: ToolProcessLimits

    func execute(_ invocation: ToolInvocation, cancellation: CancellationToken,
                 completion: @escaping @Sendable (ToolOutcome) -> Void) {
        completion(run(invocation, cancellation: cancellation))
    }

    func run(_ invocation: ToolInvocation, cancellation: CancellationToken) -> ToolOutcome {
        if cancellation.isCancelled { return .error("cancelled before the command started", status: .cancelled) }
        guard let slot = limiter.acquire(for: invocation, limits: limits, cancellation: cancellation) else {
            return .error("cancelled while waiting for a free process slot", status: .cancelled)
        }
        defer { slot.release() }
        let process: ToolProcess
        do {
            process = try ToolProcess.spawn(executable: binding.executable, arguments: Array(binding.argv.dropFirst()),
                                             environment: binding.environment, directory: binding.directory)
        } catch {
            return .error(error.description)
        }
        // The model's own text, not a re-print of the parsed value: 1.0 stays 1.0, -0.0 stays -0.0.
        let run = CommandRun.run(process, input: Array(invocation.argumentsText.utf8),
                                 deadline: MonotonicClock.now() + invocation.timeout,
                                 maxOutput: binding.maxOutputBytes, cancellation: cancellation)
        return CommandExecutor.outcome(run, program: binding.argv[0], timeout: invocation.timeout)
    }

    static func outcome(_ run: CommandRunResult, program: String, timeout: Double) -> ToolOutcome {
        var logs: [String] = []
        if !run.stderrTail.isEmpty { logs.append("stderr: \(run.stderrTail)") }
        var details: JSONObject = ["status": .string(run.status.description), "stdout_bytes": .number(Double(run.stdoutTotal))]
        if run.cancelled { return .error("cancelled; \(program) was killed", status: .cancelled, logs: logs, details: .object(details)) }
        if run.timedOut {
            var outcome = Dispatcher.timedOut(program, after: timeout, "its process group was killed")
            outcome.logs = logs
            outcome.details = .object(details)
            return outcome
        }
        guard run.status.isSuccess else {
            let tail = run.stderrTail.split(separator: "\n").suffix(10).joined(separator: "\n")
            return .error("\(program) failed (\(run.status))" + (tail.isEmpty ? " and wrote nothing to stderr" : ": \(tail)"),
                          extra: ["status": .string(run.status.description)], logs: logs, details: .object(details))
        }
        var text = String(decoding: run.stdout, as: UTF8.self)
        if run.truncated {
            details["truncated"] = true
            logs.append("output cut at \(run.stdout.count) of \(run.stdoutTotal) bytes (max_output_bytes)")
            text += "\n[output truncated: \(run.stdout.count) of \(run.stdoutTotal) bytes shown]"
            var outcome = ToolOutcome(content: text, logs: logs)
            outcome.details = .object(details)
            return outcome
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var outcome: ToolOutcome
        if !trimmed.isEmpty, let json = try? JSONValue(parsing: trimmed) {
            outcome = .success(json, logs: logs)
        } else {
            outcome = ToolOutcome(content: text.hasSuffix("\n") ? String(text.dropLast()) : text, logs: logs)
        }
        outcome.details = .object(details)
        return outcome
    }
}
