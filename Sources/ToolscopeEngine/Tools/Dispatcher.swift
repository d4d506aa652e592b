import Dispatch
import Foundation

/// Runs the tool calls of one assistant turn: each call's arguments are parsed and validated,
/// then all calls run at once (blocking executors on a thread each, instant ones inline), each
/// under its own timeout. Every failure
/// becomes a JSON error result the model can read; nothing here throws or crashes.
public final class Dispatcher: Sendable {
    public let registry: ToolRegistry
    private let timerQueue = DispatchQueue(label: "toolscope.dispatcher.timers")

    public init(registry: ToolRegistry) { self.registry = registry }

    /// Runs `calls` concurrently; `completion` gets one outcome per call, in call order, from
    /// the thread of the call that finished last. `onEvent` sees callStarted, callValidated and
    /// callFinished for each call, from any thread.
    ///
    /// Calls to executors that may block each get a thread, started first; instant executors
    /// (built-ins, mocks) then run right here: they finish in microseconds, and a thread hop
    /// would cost more than the call.
    public func dispatch(_ calls: [ToolCall], timeout: Double, cancellation: CancellationToken,
                         onEvent: @escaping @Sendable (TraceEvent.Kind) -> Void,
                         completion: @escaping @Sendable ([ToolOutcome]) -> Void) {
        guard !calls.isEmpty else { completion([]); return }
        let state = Locked((results: [ToolOutcome?](repeating: nil, count: calls.count), remaining: calls.count))
        let blocking = calls.map { registry.executor(for: $0.name)?.mayBlock ?? false }
        for pass in [true, false] {
            for (index, call) in calls.enumerated() where blocking[index] == pass {
                let work: @Sendable () -> Void = {
                    self.run(call, timeout: timeout, cancellation: cancellation, onEvent: onEvent) { outcome in
                        let done: [ToolOutcome]? = state.withLock { s in
                            s.results[index] = outcome
                            s.remaining -= 1
                            return s.remaining == 0 ? s.results.map { $0 ?? .error("internal error: no result recorded") } : nil
                        }
                        if let done { completion(done) }
                    }
                }
                if pass { Thread.detachNewThread(work) } else { work() }
            }
        }
    }

    /// Parses and validates a call's arguments without running it. Returns the arguments, or the
    /// error outcome to send instead, plus the problems for the trace.
    public func prepare(_ call: ToolCall) -> (arguments: JSONValue?, problems: [String], failure: ToolOutcome?) {
        guard let definition = registry.definition(for: call.name) else {
            return (nil, ["unknown function"], ToolOutcome(content: JSONValue.object(["error": .string("Unknown function: \(call.name)")]).compact, isError: true))
        }
        let text = call.arguments.trimmingCharacters(in: .whitespacesAndNewlines)
        let arguments: JSONValue
        if text.isEmpty {
            // Some servers send "" for a function without parameters; treat it as {}.
            arguments = .object([:])
        } else {
            do {
                arguments = try JSONParser.parse(text)
            } catch {
                let problem = "arguments are not valid JSON: line \(error.line), column \(error.column): \(error.message)"
                return (nil, [problem], .error("Invalid JSON in arguments for \(call.name) at line \(error.line), column \(error.column): \(error.message). Send the arguments as one JSON object.",
                                               extra: ["arguments": .string(call.arguments)]))
            }
        }
        let schema = definition.parameters ?? ["type": "object"]
        let violations = SchemaValidator.validate(arguments, schema: schema)
        if !violations.isEmpty {
            let problems = violations.map(\.description)
            return (arguments, problems, .error("Arguments for \(call.name) do not match its schema; fix these and call again.",
                                                extra: ["problems": .array(problems.map(JSONValue.string))]))
        }
        return (arguments, [], nil)
    }

    private func run(_ call: ToolCall, timeout: Double, cancellation: CancellationToken,
                     onEvent: @escaping @Sendable (TraceEvent.Kind) -> Void,
                     completion: @escaping @Sendable (ToolOutcome) -> Void) {
        let started = MonotonicClock.now()
        onEvent(.callStarted(callID: call.id, name: call.name, arguments: call.arguments))
        let finish = Once<ToolOutcome> { outcome in
            onEvent(.callFinished(callID: call.id, name: call.name, duration: MonotonicClock.now() - started, outcome: outcome))
            completion(outcome)
        }
        let prepared = prepare(call)
        onEvent(.callValidated(callID: call.id, problems: prepared.problems))
        if let failure = prepared.failure { finish(failure); return }
        guard let arguments = prepared.arguments, let executor = registry.executor(for: call.name) else {
            finish(.error("Unknown function: \(call.name)"))
            return
        }
        if cancellation.isCancelled { finish(.error("Cancelled by the user before \(call.name) ran")); return }

        let callToken = CancellationToken()
        // The timeout counts from the start of execution. A call queued for a process slot
        // (`ToolProgress.queued`) holds its timer: a timer that fires while the call is queued,
        // or one armed before the wait, does nothing, and a fresh one starts with `.started`.
        // The wait itself ends only with a slot or the turn's cancellation.
        let wait = Locked((queued: false, epoch: 0))
        let armTimer: @Sendable () -> Void = {
            let epoch = wait.withLock { $0.epoch }
            // After an early finish the timer finds `finish` spent and does nothing.
            self.timerQueue.asyncAfter(deadline: .now() + timeout) {
                guard wait.withLock({ !$0.queued && $0.epoch == epoch }) else { return }
                if finish(.error("\(call.name) timed out after \(Self.seconds(timeout)); it was abandoned", extra: ["timeout_seconds": .number(timeout)])) {
                    callToken.cancel()
                }
            }
        }
        let armGuards: @Sendable () -> Void = {
            cancellation.onCancel {
                let state = wait.withLock { $0.queued } ? "was queued" : "was running"
                if finish(.error("Cancelled by the user while \(call.name) \(state)")) { callToken.cancel() }
            }
            armTimer()
        }
        let report: @Sendable (ToolProgress) -> Void = { progress in
            switch progress {
            case .queued:
                let first = wait.withLock { w -> Bool in defer { w.queued = true; w.epoch += 1 }; return !w.queued }
                if first && !finish.isDone { onEvent(.callQueued(callID: call.id, name: call.name)) }
            case .started(let waited):
                let wasQueued = wait.withLock { w -> Bool in defer { w.queued = false; w.epoch += 1 }; return w.queued }
                guard wasQueued, !finish.isDone else { return }
                onEvent(.callDequeued(callID: call.id, waited: waited))
                armTimer()
            }
        }
        let invocation = ToolInvocation(call: call, arguments: arguments, definition: registry.definition(for: call.name),
                                        timeout: timeout, report: report)
        if executor.mayBlock {
            // It may hang inside `execute`: the timeout and the user's cancel must already be armed.
            armGuards()
            executor.execute(invocation, cancellation: callToken) { outcome in finish(outcome) }
        } else {
            // Instant executors normally finish before `execute` returns; guard only one that did not.
            executor.execute(invocation, cancellation: callToken) { outcome in finish(outcome) }
            if !finish.isDone { armGuards() }
        }
    }

    static func seconds(_ t: Double) -> String {
        t == t.rounded() ? "\(Int(t)) s" : String(format: "%.2f s", t)
    }
}
