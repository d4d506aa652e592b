import Foundation
import ToolscopeEngine

/// Runs calls bound to one Python function in a pooled worker.
///
/// A call that passes its timeout (or is cancelled) kills its worker, since the only way to
/// stop arbitrary Python code is to end the process; the pool starts a fresh one next time.
struct PythonExecutor: ToolExecutor {
    let binding: PythonBinding
    let pool: PythonWorkerPool
    let limiter: ProcessLimiter
    let limits: ToolProcessLimits

    func execute(_ invocation: ToolInvocation, cancellation: CancellationToken,
                 completion: @escaping @Sendable (ToolOutcome) -> Void) {
        completion(run(invocation, cancellation: cancellation))
    }

    func run(_ invocation: ToolInvocation, cancellation: CancellationToken) -> ToolOutcome {
        if cancellation.isCancelled { return .error("cancelled before the Python function started", status: .cancelled) }
        guard let slot = limiter.acquire(for: invocation, limits: limits, cancellation: cancellation) else {
            return .error("cancelled while waiting for a free process slot", status: .cancelled)
        }
        defer { slot.release() }
        let worker: PythonWorker
        do { worker = try pool.checkout(binding.key, maxAlive: limits.overall) } catch { return .error(error.message) }
        let finished = Locked(false)
        cancellation.onCancel { finished.withLock { done in if !done { worker.terminate() } } }

        // The arguments travel as the model's own text, which the worker reads with json.loads:
        // re-printing the parsed value would turn -0.0 into 0 and 1.0 into 1.
        let request: JSONObject = ["op": "call", "module": .string(binding.module),
                                   "function": .string(binding.function), "arguments_json": .string(invocation.argumentsText)]
        let result = worker.send(request, deadline: MonotonicClock.now() + invocation.timeout)
        finished.withLock { $0 = true }

        switch result {
        case .success(let response):
            let outcome = PythonExecutor.outcome(from: response, strayOutput: worker.takeStrayOutput())
            pool.checkin(worker)
            return outcome
        case .failure(let failure):
            pool.retire(worker)
            return PythonExecutor.outcome(for: failure, timeout: invocation.timeout, cancelled: cancellation.isCancelled,
                                          name: invocation.call.name)
        }
    }

    /// Turns a worker response into the tool message: the return value, or `{"error","type"}`
    /// with the traceback kept for the trace only.
    static func outcome(from response: JSONObject, strayOutput: String = "") -> ToolOutcome {
        var logs: [String] = []
        for (key, label) in [("stdout", "stdout"), ("stderr", "stderr")] {
            if let text = response[key]?.stringValue, !text.isEmpty {
                logs += text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0).map { "\(label): \($0)" }
            }
        }
        for warning in response["warnings"]?.arrayValue ?? [] { if let w = warning.stringValue { logs.append("warning: \(w)") } }
        if !strayOutput.isEmpty { logs.append("worker stderr: \(strayOutput)") }
        if response["ok"]?.boolValue == true {
            let flagged = response["flagged"]?.arrayValue ?? []
            for item in flagged { if let f = item.stringValue { logs.append("not JSON: \(f)") } }
            var outcome = ToolOutcome.success(response["result"] ?? .null, logs: logs)
            if !flagged.isEmpty { outcome.details = ["converted_to_text": .array(flagged)] }
            return outcome
        }
        let message = response["error"]?.stringValue ?? "the Python function failed"
        let type = response["type"]?.stringValue ?? "Exception"
        var details: JSONObject = [:]
        if let traceback = response["traceback"]?.stringValue { details["traceback"] = .string(traceback) }
        return .error(message, extra: ["type": .string(type)], logs: logs, details: details.isEmpty ? nil : .object(details))
    }

    /// The error for a call the worker did not answer. A timeout has the same shape whether the
    /// worker's deadline or the dispatcher's timer fires first (see `Dispatcher.timedOut`).
    static func outcome(for failure: PythonWorkerFailure, timeout: Double, cancelled: Bool,
                        name: String = "the Python function") -> ToolOutcome {
        switch failure {
        case .timedOut:
            return Dispatcher.timedOut(name, after: timeout, "the Python worker was stopped and restarts on the next call")
        case .exited(let status, let tail):
            if cancelled { return .error("cancelled; the Python worker was stopped", status: .cancelled) }
            let lastLines = tail.split(separator: "\n").suffix(5).joined(separator: "\n")
            return .error("the Python worker exited (\(status))\(lastLines.isEmpty ? "" : ": \(lastLines)"); it restarts on the next call",
                          extra: ["type": "WorkerCrashed"], logs: tail.isEmpty ? [] : ["worker stderr: \(tail)"])
        case .badResponse(let text):
            return .error("the Python worker sent an unreadable response: \(text)", extra: ["type": "ProtocolError"])
        }
    }

    static func formatSeconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : String(format: "%.2f s", s)
    }
}
