import ToolscopeEngine

/// The trace as a tree the trace pane can draw: turns contain rounds (one model request each),
/// rounds contain tool calls. Built incrementally from `TraceEvent`s, so the pane updates while
/// the model streams and tools run, and rebuilt the same way from a saved session's trace.
public struct TraceModel: Sendable {
    public struct Call: Sendable, Hashable {
        public var id: String
        public var name: String
        public var arguments: String
        /// `nil` until validated; empty when the arguments are valid.
        public var problems: [String]?
        public var startedAt: Double
        public var duration: Double?
        public var outcome: ToolOutcome?
        public var awaitingApproval: String?
        /// The arguments the model sent, when the user edited them in approval mode (`arguments` is what ran).
        public var editedFrom: String?
        /// When the call began waiting for a process slot; nil when it is not waiting.
        public var queuedSince: Double?
        /// Seconds the call waited for a process slot, once it got one (or ended while waiting).
        public var waited: Double?
        /// True for calls run from "Try a tool" rather than by the model.
        public var isTry: Bool = false
    }

    public struct Round: Sendable, Hashable {
        public var number: Int
        public var startedAt: Double
        public var request: JSONValue?
        public var url: String?
        /// The last attempt's request headers, as the provider reported them (secrets masked).
        public var requestHeaders: [String: String] = [:]
        public var status: Int?
        /// The last attempt's response headers (rate limits, request ids, retry hints).
        public var responseHeaders: [String: String] = [:]
        public var responseMessage: Message?
        public var rawBody: String?
        public var finishReason: String?
        public var latency: Double?
        public var timeToFirstToken: Double?
        public var usage: Usage?
        public var retries: [String] = []
        public var calls: [Call] = []
        /// The response's tool calls while they stream, before the message is complete: the
        /// trace pane shows their arguments growing. Emptied when the message (or an error) arrives.
        public var streamed = StreamedToolCalls()
        public var error: String?
        /// A model round is finished when its response (or an error) arrived. A try round sends
        /// no request and never gets a response, so it is finished once every call has its
        /// result; judging it by the response kept its spinner turning after the result.
        public var finished: Bool {
            if isTry { return calls.allSatisfy { $0.outcome != nil } }
            return responseMessage != nil || error != nil
        }
        /// True for the round "Try a tool" makes: only tried calls, no request.
        public var isTry: Bool { !calls.isEmpty && calls.allSatisfy(\.isTry) }
    }

    /// A line of the tree that is not a round: warnings, errors, guard stops, turn ends.
    public struct Note: Sendable, Hashable {
        public enum Kind: Sendable, Hashable { case warning, error, info }
        public var kind: Kind
        public var text: String
    }

    public enum Entry: Sendable, Hashable {
        case round(Round)
        case note(Note)
    }

    public struct Turn: Sendable, Hashable {
        public var userMessage: String
        public var startedAt: Double
        public var entries: [Entry] = []
        public var finishReason: String?
    }

    public private(set) var turns: [Turn] = []
    /// Bumped on every change, so views can cache what they derive.
    public private(set) var revision = 0

    public init() {}

    public init(events: [TraceEvent]) {
        for e in events { apply(e) }
    }

    public mutating func apply(_ event: TraceEvent) {
        revision += 1
        switch event.kind {
        case .turnStarted(let text):
            turns.append(Turn(userMessage: text, startedAt: event.time))
        case .requestSent(let url, let headers, let body, let attempt):
            if attempt > 1, updateRound(event.round, { $0.request = body; $0.url = url; $0.requestHeaders = headers; $0.responseHeaders = [:] }) { return }
            var round = Round(number: event.round, startedAt: event.time, request: body, url: url)
            round.requestHeaders = headers
            appendEntry(.round(round), time: event.time)
        case .responseStarted(let status, let headers, _):
            updateRound(event.round) { $0.status = status; $0.responseHeaders = headers }
        case .retrying(let attempt, let delay, let reason):
            updateRound(event.round) { $0.retries.append("attempt \(attempt) failed: \(reason); retrying in \(Format.seconds(delay))") }
        case .toolCallDelta:
            if !updateRound(event.round, { $0.streamed.add(event.kind) }) {
                var r = Round(number: event.round, startedAt: event.time)
                r.streamed.add(event.kind)
                appendEntry(.round(r), time: event.time)
            }
        case .assistantMessage(let message, let finish, let latency, let ttft, let raw):
            if !updateRound(event.round, { r in
                r.streamed = StreamedToolCalls()
                r.responseMessage = message; r.finishReason = finish; r.latency = latency
                r.timeToFirstToken = ttft; r.rawBody = raw
            }) {
                var r = Round(number: event.round, startedAt: event.time - latency)
                r.responseMessage = message; r.finishReason = finish; r.latency = latency; r.timeToFirstToken = ttft; r.rawBody = raw
                appendEntry(.round(r), time: event.time)
            }
        case .usage(let u):
            updateRound(event.round) { $0.usage = u }
        case .callStarted(let id, let name, let args):
            let call = Call(id: id, name: name, arguments: args, startedAt: event.time)
            if !updateCall(id, { $0.startedAt = event.time; $0.awaitingApproval = nil; $0.arguments = args }) {
                if !updateRound(event.round, { $0.calls.append(call) }) {
                    var r = Round(number: event.round, startedAt: event.time)
                    r.calls = [call]
                    appendEntry(.round(r), time: event.time)
                }
            }
        case .callValidated(let id, let problems):
            updateCall(id) { $0.problems = problems }
        case .callQueued(let id, _):
            updateCall(id) { $0.queuedSince = event.time }
        case .callDequeued(let id, let waited):
            updateCall(id) { $0.queuedSince = nil; $0.waited = waited }
        case .callFinished(let id, let name, let duration, let outcome):
            if !updateCall(id, { c in
                c.duration = duration; c.outcome = outcome; c.awaitingApproval = nil
                if let since = c.queuedSince { c.waited = max(0, event.time - since); c.queuedSince = nil }
            }) {
                var call = Call(id: id, name: name, arguments: "", startedAt: event.time - duration)
                call.duration = duration
                call.outcome = outcome
                updateRound(event.round) { $0.calls.append(call) }
            }
        case .callEdited(let id, let name, let original, let edited):
            if !updateCall(id, { $0.editedFrom = original; $0.arguments = edited }) {
                var call = Call(id: id, name: name, arguments: edited, startedAt: event.time)
                call.editedFrom = original
                if !updateRound(event.round, { $0.calls.append(call) }) {
                    var r = Round(number: event.round, startedAt: event.time)
                    r.calls = [call]
                    appendEntry(.round(r), time: event.time)
                }
            }
        case .callAwaitingApproval(let id, let name, let reason):
            if !updateCall(id, { $0.awaitingApproval = reason }) {
                var call = Call(id: id, name: name, arguments: "", startedAt: event.time)
                call.awaitingApproval = reason
                if !updateRound(event.round, { $0.calls.append(call) }) {
                    var r = Round(number: event.round, startedAt: event.time)
                    r.calls = [call]
                    appendEntry(.round(r), time: event.time)
                }
            }
        case .warning(let text):
            appendEntry(.note(Note(kind: .warning, text: text)), time: event.time)
        case .error(let text, _):
            updateRound(event.round) { $0.error = text; $0.streamed = StreamedToolCalls() }
            appendEntry(.note(Note(kind: .error, text: text)), time: event.time)
        case .guardStop(let text):
            appendEntry(.note(Note(kind: .warning, text: "stopped: \(text)")), time: event.time)
        case .turnFinished(let reason):
            if !turns.isEmpty { turns[turns.count - 1].finishReason = reason }
        case .messageAppended, .contentDelta, .refusalDelta, .reasoningDelta, .unrecognized:
            revision -= 1
        }
    }

    /// Records a call started from "Try a tool" as its own turn, so its result shows in the tree.
    public mutating func beginTry(call: ToolCall, at time: Double) {
        revision += 1
        var turn = Turn(userMessage: "try \(call.name)", startedAt: time)
        var round = Round(number: 0, startedAt: time)
        var c = Call(id: call.id, name: call.name, arguments: call.arguments, startedAt: time)
        c.isTry = true
        round.calls = [c]
        turn.entries = [.round(round)]
        turn.finishReason = nil
        turns.append(turn)
    }

    /// Finishes a tried call.
    public mutating func finishTry(callID: String, outcome: ToolOutcome, at time: Double) {
        revision += 1
        updateCall(callID) { c in
            c.duration = max(0, time - c.startedAt)
            c.outcome = outcome
        }
        if let t = turns.lastIndex(where: { $0.entries.contains { if case .round(let r) = $0 { return r.calls.contains { $0.id == callID } }; return false } }) {
            turns[t].finishReason = outcome.isError ? "error" : "tried"
        }
    }

    /// The tool calls of the response streaming now (the newest round's), in index order.
    public var streamingCalls: [StreamedToolCalls.Call] {
        guard let last = turns.last else { return [] }
        for entry in last.entries.reversed() {
            if case .round(let r) = entry { return r.streamed.ordered }
        }
        return []
    }

    /// True while any call has started and not finished (spinners need ticks).
    public var hasRunningCalls: Bool {
        guard let last = turns.last else { return false }
        for entry in last.entries {
            if case .round(let r) = entry, r.calls.contains(where: { $0.outcome == nil }) { return true }
        }
        return false
    }

    public func call(id: String) -> Call? {
        for turn in turns.reversed() {
            for entry in turn.entries {
                if case .round(let r) = entry, let c = r.calls.first(where: { $0.id == id }) { return c }
            }
        }
        return nil
    }

    private mutating func appendEntry(_ entry: Entry, time: Double) {
        if turns.isEmpty { turns.append(Turn(userMessage: "", startedAt: time)) }
        turns[turns.count - 1].entries.append(entry)
    }

    @discardableResult
    private mutating func updateRound(_ number: Int, _ body: (inout Round) -> Void) -> Bool {
        guard let t = turns.indices.last else { return false }
        for i in turns[t].entries.indices.reversed() {
            if case .round(var r) = turns[t].entries[i], r.number == number {
                body(&r)
                turns[t].entries[i] = .round(r)
                return true
            }
        }
        return false
    }

    @discardableResult
    private mutating func updateCall(_ id: String, _ body: (inout Call) -> Void) -> Bool {
        for t in turns.indices.reversed() {
            for i in turns[t].entries.indices.reversed() {
                guard case .round(var r) = turns[t].entries[i], let c = r.calls.firstIndex(where: { $0.id == id }) else { continue }
                body(&r.calls[c])
                turns[t].entries[i] = .round(r)
                return true
            }
        }
        return false
    }
}
