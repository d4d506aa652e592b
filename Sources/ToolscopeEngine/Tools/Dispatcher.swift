import Dispatch
import Foundation

/// Runs the tool calls of one assistant turn: each call's arguments are parsed and validated,
/// then all calls run at once (instant executors on a concurrent queue, blocking ones on a
/// thread each), each under its own timeout. Every failure
/// becomes a JSON error result the model can read; nothing here throws or crashes.
public final class Dispatcher: Sendable {
    public let registry: ToolRegistry
    private let workQueue = DispatchQueue(label: "toolscope.dispatcher", attributes: .concurrent)
    private let timerQueue = DispatchQueue(label: "toolscope.dispatcher.timers")

    public init(registry: ToolRegistry) { self.registry = registry }

    /// Runs `calls` concurrently; `completion` gets one outcome per call, in call order.
    /// `onEvent` sees callStarted, callValidated and callFinished for each call, from any thread.
    public func dispatch(_ calls: [ToolCall], timeout: Double, cancellation: CancellationToken,
                         onEvent: @escaping @Sendable (TraceEvent.Kind) -> Void,
                         completion: @escaping @Sendable ([ToolOutcome]) -> Void) {
        guard !calls.isEmpty else { completion([]); return }
        let results = Locked([ToolOutcome?](repeating: nil, count: calls.count))
        let group = DispatchGroup()
        for (index, call) in calls.enumerated() {
            group.enter()
            let work: @Sendable () -> Void = {
                self.run(call, timeout: timeout, cancellation: cancellation, onEvent: onEvent) { outcome in
                    results.withLock { $0[index] = outcome }
                    group.leave()
                }
            }
            if registry.executor(for: call.name)?.mayBlock ?? false {
                Thread.detachNewThread(work)
            } else {
                workQueue.async(execute: work)
            }
        }
        group.notify(queue: timerQueue) {
            completion(results.current.map { $0 ?? .error("internal error: no result recorded") })
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
        cancellation.onCancel {
            if finish(.error("Cancelled by the user while \(call.name) was running")) { callToken.cancel() }
        }
        // The timer stays queued after an early finish, but then finds `finish` spent and does
        // nothing; the closure holds only the spent Once and the call's token.
        timerQueue.asyncAfter(deadline: .now() + timeout) {
            if finish(.error("\(call.name) timed out after \(Self.seconds(timeout)); it was abandoned", extra: ["timeout_seconds": .number(timeout)])) {
                callToken.cancel()
            }
        }
        let invocation = ToolInvocation(call: call, arguments: arguments, definition: registry.definition(for: call.name), timeout: timeout)
        executor.execute(invocation, cancellation: callToken) { outcome in finish(outcome) }
    }

    static func seconds(_ t: Double) -> String {
        t == t.rounded() ? "\(Int(t)) s" : String(format: "%.2f s", t)
    }
}
