import Dispatch
import Foundation

/// Runs the tool calls of one assistant turn: each call's arguments are parsed and validated,
/// then all calls run at once (blocking executors on a thread each, instant ones inline), each
/// under its own timeout. Every failure
/// becomes a JSON error result the model can read; nothing here throws or crashes.
public final class Dispatcher: Sendable {
    public let registry: ToolRegistry
    private let timerQueue = DispatchQueue(label: "toolscope.dispatcher.timers")
    /// Each tool's schema, indexed on its first call (the registry, and so every schema, is
    /// fixed for the dispatcher's life): indexing costs more than checking one call's arguments.
    private let schemas = Locked<[String: SchemaValidator.Prepared]>([:])

    public init(registry: ToolRegistry) { self.registry = registry }

    private func preparedSchema(for definition: ToolDefinition) -> SchemaValidator.Prepared {
        if let ready = schemas.withLock({ $0[definition.name] }) { return ready }
        let prepared = SchemaValidator.Prepared.reused(definition.parameters ?? ["type": "object"])
        schemas.withLock { $0[definition.name] = prepared }
        return prepared
    }

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
            return (nil, ["unknown function"], unknownFunction(call.name))
        }
        let arguments: JSONValue
        if call.arguments.utf8.allSatisfy(JSONParser.isWhitespace) {
            // Some servers send "" for a function without parameters; treat it as {}.
            arguments = .object([:])
        } else {
            do {
                arguments = try JSONParser.parse(call.arguments)
            } catch {
                let problem = "arguments are not valid JSON: line \(error.line), column \(error.column): \(error.message)"
                return (nil, [problem], .error("Invalid JSON in arguments for \(call.name) at line \(error.line), column \(error.column): \(error.message). Send the arguments as one JSON object.",
                                               extra: ["arguments": .string(call.arguments)]))
            }
        }
        let outcome = preparedSchema(for: definition).check(arguments)
        if !outcome.violations.isEmpty {
            let faults = outcome.violations.filter(\.isSchemaFault).map(\.description)
            let problems = outcome.violations.filter { !$0.isSchemaFault }.map(\.description)
            let traced = faults.map { Self.schemaFaultPrefix + $0 } + problems
            guard faults.isEmpty else { return (arguments, traced, schemaFault(call.name, faults: faults, problems: problems)) }
            return (arguments, traced, .error("Arguments for \(call.name) do not match its schema; fix these and call again.",
                                              extra: ["problems": .array(problems.map(JSONValue.string))]))
        }
        return (arguments, [], nil)
    }

    /// How a schema fault starts in `callValidated`'s problems and the trace.
    public static let schemaFaultPrefix = "tool definition error: "

    /// The result when the tool's own schema cannot be applied (a `"type": "dict"`, a `$ref` to
    /// nothing): the call is not run, and the result says the definition is at fault, so neither
    /// the model nor the developer reads it as a mistake in the arguments.
    private func schemaFault(_ name: String, faults: [String], problems: [String]) -> ToolOutcome {
        var extra: JSONObject = ["schema_problems": .array(faults.map(JSONValue.string))]
        if !problems.isEmpty { extra["problems"] = .array(problems.map(JSONValue.string)) }
        return .error("""
            The definition of \(name) is broken: its parameters schema cannot be applied, so the arguments could not be \
            checked and the tool was not run. This is a fault in the tool definition (for its author to fix; \
            `toolscope lint` shows it), not in the arguments.
            """, extra: extra)
    }

    /// What the schema check of a call's arguments could not enforce (a remote `$ref`, an
    /// unknown `format`), one line each, for the trace: the call runs, but not silently unchecked.
    public func uncheckedNotes(_ call: ToolCall, arguments: JSONValue) -> [String] {
        // Only a schema with something unenforceable can produce a note: skip the second check otherwise.
        guard let definition = registry.definition(for: call.name) else { return [] }
        let schema = preparedSchema(for: definition)
        guard !schema.unenforced.isEmpty else { return [] }
        return schema.check(arguments).notes.map { "\(call.name) (\(call.id)): not checked: \($0.description)" }
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
        for fault in prepared.problems where fault.hasPrefix(Self.schemaFaultPrefix) {
            onEvent(.warning("\(call.name) (\(call.id)): \(fault)"))
        }
        if let failure = prepared.failure { finish(failure); return }
        guard let arguments = prepared.arguments, let executor = registry.executor(for: call.name) else {
            finish(unknownFunction(call.name))
            return
        }
        for note in uncheckedNotes(call, arguments: arguments) { onEvent(.warning(note)) }
        if cancellation.isCancelled { finish(.error("Cancelled by the user before \(call.name) ran", status: .cancelled)); return }

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
                if finish(Self.timedOut(call.name, after: timeout)) { callToken.cancel() }
            }
        }
        let armGuards: @Sendable () -> Void = {
            cancellation.onCancel {
                let state = wait.withLock { $0.queued } ? "was queued" : "was running"
                if finish(.error("Cancelled by the user while \(call.name) \(state)", status: .cancelled)) { callToken.cancel() }
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

    /// `{"error": "Unknown function: NAME", "available_tools": […]}`: the first key is exactly the
    /// text older tests and prompts rely on; the list (and a near name, when there is one) tells
    /// the model what it can call instead.
    func unknownFunction(_ name: String) -> ToolOutcome {
        var extra: JSONObject = ["available_tools": .array(registry.names.map(JSONValue.string))]
        let candidates = registry.names.map { NameSuggester.Candidate(display: $0, spellings: [$0]) }
        if let near = NameSuggester.closest(to: name, among: candidates, limit: 1).first {
            extra["did_you_mean"] = .string(near)
        }
        return .error("Unknown function: \(name)", extra: extra)
    }

    /// The timeout error for every binding: `"type": "TimeoutError"` as docs/bindings.md promises,
    /// whichever of the dispatcher's timer or the binding's own deadline fires first.
    public static func timedOut(_ name: String, after timeout: Double, _ consequence: String = "it was abandoned") -> ToolOutcome {
        .error("\(name) timed out after \(seconds(timeout)); \(consequence)",
               extra: ["type": "TimeoutError", "timeout_seconds": .number(timeout)], status: .timedOut)
    }

    static func seconds(_ t: Double) -> String {
        t == t.rounded() ? "\(Int(t)) s" : String(format: "%.2f s", t)
    }
}
