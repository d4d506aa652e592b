import Foundation
import Testing
import ToolscopeEngine
@testable import ToolscopeExternalTools

/// Tool processes run within bounds: in all and per tool; calls beyond a bound queue, show as
/// queued in the trace, and their wait does not count against their timeout.
@Suite("process limits", .serialized)
final class ProcessLimitTests {
    let tools = ExternalTools(mcpConfigFile: "/nonexistent/mcp.json", cacheDirectory: TestSupport.temporaryDirectory("cache"))
    deinit { tools.shutdown() }

    // MARK: the limiter on its own

    @Test func theLimiterQueuesBeyondEachBoundAndAdmitsInOrder() async {
        let limiter = ProcessLimiter()
        let limits = ToolProcessLimits(overall: 2, perTool: 1)
        let token = CancellationToken()
        let a = limiter.acquire(key: "a", limits: limits, cancellation: token, onQueued: {}, onStarted: { _ in })
        #expect(a != nil)
        #expect(limiter.running() == 1 && limiter.running("a") == 1)

        // A second "a" waits for the per-tool bound; a "b" still fits the overall bound.
        let queued = Locked(false)
        let waited = Locked<Double?>(nil)
        let second = Task.detached {
            limiter.acquire(key: "a", limits: limits, cancellation: token, onQueued: { queued.withLock { $0 = true } },
                            onStarted: { w in waited.withLock { $0 = w } })
        }
        while limiter.waiting == 0 { try? await Task.sleep(for: .milliseconds(5)) }
        #expect(queued.current)
        let b = limiter.acquire(key: "b", limits: limits, cancellation: token, onQueued: { Issue.record("b fits and must not queue") }, onStarted: { _ in })
        #expect(limiter.running() == 2)

        try? await Task.sleep(for: .milliseconds(100))
        a?.release()
        a?.release()  // idempotent: frees one slot only
        let secondSlot = await second.value
        #expect(secondSlot != nil)
        #expect((waited.current ?? 0) >= 0.09, "the wait is measured: \(String(describing: waited.current))")
        #expect(limiter.running() == 2 && limiter.running("a") == 1)
        secondSlot?.release()
        b?.release()
        #expect(limiter.running() == 0 && limiter.waiting == 0)
    }

    @Test func aCancelledWaiterLeavesTheQueueWithoutASlot() async {
        let limiter = ProcessLimiter()
        let limits = ToolProcessLimits(overall: 1, perTool: 1)
        let held = limiter.acquire(key: "x", limits: limits, cancellation: CancellationToken(), onQueued: {}, onStarted: { _ in })
        let token = CancellationToken()
        let waiter = Task.detached {
            limiter.acquire(key: "y", limits: limits, cancellation: token, onQueued: {}, onStarted: { _ in Issue.record("it never started") })
        }
        while limiter.waiting == 0 { try? await Task.sleep(for: .milliseconds(5)) }
        token.cancel()
        #expect(await waiter.value == nil)
        #expect(limiter.waiting == 0)
        held?.release()
        #expect(limiter.running() == 0)
    }

    // MARK: through the dispatcher, with real processes

    /// The trace of one dispatch, and the outcomes.
    struct Dispatched {
        var outcomes: [ToolOutcome]
        var events: [TraceEvent.Kind]
        var elapsed: Double
    }

    func dispatch(_ sessionTools: [SessionTool], calls: [ToolCall], limits: ToolProcessLimits, timeout: Double,
                  cancelAfter: Double? = nil) async -> Dispatched {
        let context = SessionContext(baseDirectory: TestSupport.fixtures, processLimits: limits)
        let registry = ToolRegistry(tools: sessionTools, context: context, builtins: .none, external: tools, trusted: true, manual: nil)
        let events = Locked<[TraceEvent.Kind]>([])
        let token = CancellationToken()
        if let cancelAfter { DispatchQueue.global().asyncAfter(deadline: .now() + cancelAfter) { token.cancel() } }
        let started = MonotonicClock.now()
        let outcomes = await withCheckedContinuation { continuation in
            Dispatcher(registry: registry).dispatch(calls, timeout: timeout, cancellation: token,
                                                    onEvent: { e in events.withLock { $0.append(e) } }) { continuation.resume(returning: $0) }
        }
        return Dispatched(outcomes: outcomes, events: events.current, elapsed: MonotonicClock.now() - started)
    }

    /// The most intervals of `log` ("start T" / "end T" lines) that overlapped at any moment.
    static func maxOverlap(_ log: String) -> Int {
        let marks = log.split(separator: "\n").compactMap { line -> (Double, Int)? in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let t = Double(parts[1]) else { return nil }
            return (t, parts[0] == "start" ? 1 : -1)
        }.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }  // an end before a start at the same instant
        var now = 0, most = 0
        for (_, step) in marks { now += step; most = max(most, now) }
        return most
    }

    func intervalTool(_ name: String, log: String) -> SessionTool {
        TestSupport.tool(name, kind: "command", ["argv": ["./interval_tool.sh"], "env": ["INTERVAL_LOG": .string(log)]])
    }

    @Test func commandsOfOneToolRunAtMostPerToolAtOnceAndShowAsQueued() async throws {
        let log = TestSupport.temporaryDirectory("limits") + "/intervals.log"
        let calls = (1...6).map { ToolCall(id: "call_\($0)", name: "interval", arguments: "{}") }
        let result = await dispatch([intervalTool("interval", log: log)], calls: calls,
                                    limits: ToolProcessLimits(overall: 8, perTool: 2), timeout: 20)
        #expect(result.outcomes.map(\.content) == Array(repeating: "ok", count: 6))
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.components(separatedBy: "start").count - 1 == 6)
        #expect((1...2).contains(Self.maxOverlap(text)), "at most two at once:\n\(text)")

        let queued = result.events.compactMap { if case .callQueued(let id, _) = $0 { return id }; return nil }
        let dequeued = result.events.compactMap { if case .callDequeued(let id, let waited) = $0 { return (id, waited) }; return nil }
        #expect(queued.count == 4, "six calls, two slots: four wait")
        #expect(Set(dequeued.map(\.0)) == Set(queued))
        #expect(dequeued.allSatisfy { $0.1 > 0.2 }, "each waited for a 0.4 s run to end: \(dequeued)")
    }

    @Test func theOverallBoundHoldsAcrossTools() async throws {
        let log = TestSupport.temporaryDirectory("limits") + "/intervals.log"
        let sessionTools = ["one", "two", "three"].map { intervalTool($0, log: log) }
        let calls = (0..<6).map { ToolCall(id: "call_\($0)", name: ["one", "two", "three"][$0 % 3], arguments: "{}") }
        let result = await dispatch(sessionTools, calls: calls, limits: ToolProcessLimits(overall: 3, perTool: 4), timeout: 20)
        #expect(result.outcomes.allSatisfy { !$0.isError })
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect((1...3).contains(Self.maxOverlap(text)), "at most three at once in all:\n\(text)")
        let queued = result.events.filter { if case .callQueued = $0 { return true }; return false }
        #expect(queued.count == 3, "six calls, three slots: three wait")
        #expect(tools.limiter.running() == 0)
    }

    /// The timeout counts from the start of execution: three 0.4 s calls with one slot and a
    /// 0.7 s timeout all succeed although the last one finishes about 1.2 s after it was asked for.
    @Test func timeWaitingInTheQueueDoesNotCountAgainstTheTimeout() async throws {
        let log = TestSupport.temporaryDirectory("limits") + "/intervals.log"
        let calls = (1...3).map { ToolCall(id: "call_\($0)", name: "interval", arguments: "{}") }
        let result = await dispatch([intervalTool("interval", log: log)], calls: calls,
                                    limits: ToolProcessLimits(overall: 8, perTool: 1), timeout: 0.7)
        #expect(result.outcomes.map(\.content) == ["ok", "ok", "ok"], "\(result.outcomes)")
        #expect(result.elapsed > 1.1, "one after another: \(result.elapsed)")
        #expect(Self.maxOverlap(try String(contentsOfFile: log, encoding: .utf8)) == 1)
    }

    @Test func aTimeoutStillAppliesOnceAQueuedCallRuns() async {
        let slow = TestSupport.tool("slow", kind: "command", ["argv": ["./slow_tool.sh"]])
        let calls = (1...2).map { ToolCall(id: "call_\($0)", name: "slow", arguments: "{}") }
        let result = await dispatch([slow], calls: calls, limits: ToolProcessLimits(overall: 8, perTool: 1), timeout: 0.5)
        #expect(result.outcomes.allSatisfy { $0.isError && $0.content.contains("timed out after") }, "\(result.outcomes)")
        #expect(result.elapsed > 0.9 && result.elapsed < 8, "each ran 0.5 s, one after the other: \(result.elapsed)")
    }

    @Test func cancellingTheTurnEndsQueuedCallsAndFreesEverySlot() async {
        let slow = TestSupport.tool("slow", kind: "command", ["argv": ["./slow_tool.sh"]])
        let calls = (1...3).map { ToolCall(id: "call_\($0)", name: "slow", arguments: "{}") }
        let result = await dispatch([slow], calls: calls, limits: ToolProcessLimits(overall: 8, perTool: 1), timeout: 30, cancelAfter: 0.4)
        #expect(result.elapsed < 5, "the cancel lands at once: \(result.elapsed)")
        // Which call gets the slot first is up to the threads; one ran, two waited.
        #expect(result.outcomes.filter { $0.content.contains("was running") }.count == 1, "\(result.outcomes)")
        #expect(result.outcomes.filter { $0.content.contains("was queued") }.count == 2, "\(result.outcomes)")
        // The abandoned executors notice the cancel and give their slots back.
        let deadline = MonotonicClock.now() + 5
        while (tools.limiter.running() > 0 || tools.limiter.waiting > 0) && MonotonicClock.now() < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        #expect(tools.limiter.running() == 0 && tools.limiter.waiting == 0)
    }

    // MARK: the Python worker pool

    @Test(.enabled(if: TestSupport.hasPython))
    func pythonWorkersAliveStayWithinTheOverallBound() async throws {
        let pause = TestSupport.tool("pause", kind: "python", ["target": "exact_tools.py:pause", "interpreter": .string(TestSupport.python)])
        let calls = (1...5).map { ToolCall(id: "call_\($0)", name: "pause", arguments: #"{"seconds": 0.3}"#) }
        let most = Locked(0)
        let watching = Locked(true)
        let pool = tools.python
        let watcher = Thread {
            while watching.current {
                let alive = pool.aliveCount
                most.withLock { $0 = max($0, alive) }
                usleep(2_000)
            }
        }
        watcher.start()
        let result = await dispatch([pause], calls: calls, limits: ToolProcessLimits(overall: 2, perTool: 4), timeout: 20)
        watching.withLock { $0 = false }
        #expect(result.outcomes.map(\.content) == Array(repeating: "rested", count: 5), "\(result.outcomes)")
        #expect(most.current <= 2 && most.current >= 1, "workers alive at once: \(most.current)")
        #expect(result.events.contains { if case .callQueued = $0 { return true }; return false })
    }

    @Test(.enabled(if: TestSupport.hasPython))
    func startingAWorkerStopsIdleWorkersBeyondTheBound() throws {
        let pool = PythonWorkerPool(cacheDirectory: TestSupport.temporaryDirectory("cache"))
        defer { pool.shutdown() }
        let first = try pool.checkout(PythonWorkerKey(interpreter: TestSupport.python, directory: TestSupport.fixtures), maxAlive: 1)
        let firstPID = first.pid
        pool.checkin(first)
        #expect(pool.aliveCount == 1)
        let other = try pool.checkout(PythonWorkerKey(interpreter: TestSupport.python, directory: NSTemporaryDirectory()), maxAlive: 1)
        #expect(pool.aliveCount == 1, "the idle worker of the other directory made room")
        let deadline = MonotonicClock.now() + 5
        while TestSupport.isAlive(firstPID) && MonotonicClock.now() < deadline { usleep(20_000) }
        #expect(!TestSupport.isAlive(firstPID))
        pool.retire(other)
        #expect(pool.aliveCount == 0)
    }
}
