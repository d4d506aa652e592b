import Dispatch
import Foundation
import Testing
@testable import ToolscopeEngine

/// The dispatcher's side of process limits: an executor that reports `.queued` / `.started`
/// gets trace events, and its timeout runs from `.started`, not from the dispatch.
@Suite("Dispatcher: queued calls")
struct QueuedCallTests {
    /// Reports queued, waits `wait` seconds (or until cancelled), reports started, then runs `run` seconds.
    struct QueueingExecutor: ToolExecutor {
        let wait: Double
        let run: Double
        func execute(_ invocation: ToolInvocation, cancellation: CancellationToken, completion: @escaping @Sendable (ToolOutcome) -> Void) {
            invocation.report(.queued)
            let slot = DispatchSemaphore(value: 0)
            cancellation.onCancel { slot.signal() }
            if slot.wait(timeout: .now() + wait) == .success { completion(.error("cancelled while queued")); return }
            invocation.report(.started(waited: wait))
            if slot.wait(timeout: .now() + run) == .success { completion(.error("cancelled while running")); return }
            completion(.success("ran"))
        }
    }

    private func dispatch(_ executor: any ToolExecutor, timeout: Double, cancelAfter: Double? = nil) -> (outcome: ToolOutcome, events: [TraceEvent.Kind]) {
        let registry = TestTools.registry([TestTools.tool("t", binding: .test, schema: ["type": "object"])], overrides: ["t": executor]).registry
        let events = Locked<[TraceEvent.Kind]>([])
        let done = DispatchSemaphore(value: 0)
        let result = Locked<ToolOutcome?>(nil)
        let token = CancellationToken()
        if let cancelAfter { DispatchQueue.global().asyncAfter(deadline: .now() + cancelAfter) { token.cancel() } }
        Dispatcher(registry: registry).dispatch([call("c1", "t", "{}")], timeout: timeout, cancellation: token,
                                                onEvent: { e in events.withLock { $0.append(e) } }) { outcomes in
            result.withLock { $0 = outcomes[0] }
            done.signal()
        }
        done.wait()
        return (result.current!, events.current)
    }

    @Test func aQueuedCallIsTracedAndItsWaitDoesNotCountAgainstTheTimeout() {
        // 0.6 s queued + 0.3 s running, against a 0.5 s timeout: the call succeeds.
        let r = dispatch(QueueingExecutor(wait: 0.6, run: 0.3), timeout: 0.5)
        #expect(r.outcome.content == "ran", "\(r.outcome)")
        let names = r.events.map { kind -> String in
            switch kind {
            case .callStarted: return "started"
            case .callValidated: return "validated"
            case .callQueued(let id, let name): return "queued \(id) \(name)"
            case .callDequeued(let id, let waited): return "dequeued \(id) \(waited)"
            case .callFinished: return "finished"
            default: return "other"
            }
        }
        #expect(names == ["started", "validated", "queued c1 t", "dequeued c1 0.6", "finished"])
    }

    @Test func theTimeoutStillRunsFromTheStartOfExecution() {
        let r = dispatch(QueueingExecutor(wait: 0.2, run: 5), timeout: 0.4)
        #expect(r.outcome.isError)
        #expect(r.outcome.content.contains("timed out after 0.40 s"), "\(r.outcome.content)")
    }

    @Test func cancellingAQueuedCallSaysItWasQueued() {
        let r = dispatch(QueueingExecutor(wait: 30, run: 0), timeout: 1, cancelAfter: 0.2)
        #expect(r.outcome.content == #"{"error":"Cancelled by the user while t was queued"}"#)
        #expect(!r.events.contains { if case .callDequeued = $0 { return true }; return false })
    }

    @Test func queuedEventsSurviveASessionRoundTrip() throws {
        for kind: TraceEvent.Kind in [.callQueued(callID: "call_1", name: "py"), .callDequeued(callID: "call_1", waited: 1.25)] {
            let event = TraceEvent(time: 3.5, round: 2, kind: kind)
            #expect(try TraceEvent(json: event.json) == event)
        }
        #expect(TraceEvent(time: 1, round: 1, kind: .callDequeued(callID: "c", waited: 0.5)).json.compact
                == #"{"t":1,"round":1,"event":"call_dequeued","call_id":"c","waited":0.5}"#)
    }

    @Test func processLimitSettingsAreReadCheckedAndWrittenOnlyWhenSet() throws {
        var settings = try SessionSettings(json: ["max_tool_processes": 3, "max_processes_per_tool": 1])
        #expect(settings.maxToolProcesses == 3 && settings.maxProcessesPerTool == 1)
        #expect(ToolProcessLimits(settings: settings) == ToolProcessLimits(overall: 3, perTool: 1))
        #expect(settings.json["max_tool_processes"] == 3)
        settings = try SessionSettings(json: [:])
        #expect(settings.json["max_tool_processes"] == nil && settings.json["max_processes_per_tool"] == nil)
        #expect(ToolProcessLimits(settings: settings) == ToolProcessLimits(overall: 8, perTool: 4))
        #expect(throws: SchemaShapeError.self) { try SessionSettings(json: ["max_tool_processes": 0], path: "/settings") }
        do {
            _ = try SessionSettings(json: ["max_processes_per_tool": "two"], path: "/settings")
            Issue.record("a string limit must be rejected")
        } catch {
            #expect(error.path == "/settings/max_processes_per_tool")
        }
    }
}
