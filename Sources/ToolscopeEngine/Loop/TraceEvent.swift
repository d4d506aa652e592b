import OrderedCollections

/// One thing that happened in the loop, with a monotonic timestamp. Front ends subscribe to
/// these; sessions save them; `toolscope run --json` prints them one per line.
public struct TraceEvent: Sendable, Hashable {
    /// Monotonic seconds (see `MonotonicClock`); compare only with other events of the same run.
    public var time: Double
    /// The model request this belongs to (1-based); 0 before the first request.
    public var round: Int
    public var kind: Kind
    /// Members of a loaded event that this version does not write (a newer toolscope's),
    /// written back as they were.
    public var extra: JSONObject = [:]

    public init(time: Double = MonotonicClock.now(), round: Int, kind: Kind) {
        self.time = time
        self.round = round
        self.kind = kind
    }

    public enum Kind: Sendable, Hashable {
        /// A user message started a turn.
        case turnStarted(userMessage: String)
        /// A message was appended to the conversation (the loop's single source of truth).
        case messageAppended(Message)
        /// A request attempt went out: exact body, redacted headers.
        case requestSent(url: String, headers: [String: String], body: JSONValue, attempt: Int)
        case responseStarted(status: Int, headers: [String: String], attempt: Int)
        case contentDelta(String)
        case refusalDelta(String)
        /// Reasoning text as it streamed (Anthropic `thinking_delta`, a Responses reasoning summary): shown live, never part of the answer; the finished message keeps the whole block.
        case reasoningDelta(String)
        case toolCallDelta(index: Int, id: String?, name: String?, arguments: String)
        case retrying(attempt: Int, delay: Double, reason: String)
        /// The model answered: latency from first send, time to first token, finish reason.
        case assistantMessage(Message, finishReason: String?, latency: Double, timeToFirstToken: Double?, rawBody: String?)
        case usage(Usage)
        case callStarted(callID: String, name: String, arguments: String)
        /// Arguments parsed and checked; `problems` empty means valid.
        case callValidated(callID: String, problems: [String])
        case callFinished(callID: String, name: String, duration: Double, outcome: ToolOutcome)
        /// In approval mode the user changed a call's arguments before it ran: `original` is what the
        /// model sent, `edited` what ran (and what the assistant message now holds).
        case callEdited(callID: String, name: String, original: String, edited: String)
        /// A call waits for a process slot (the session's tool process limits are reached).
        case callQueued(callID: String, name: String)
        /// A queued call got its slot after `waited` seconds and now runs; its timeout starts here.
        case callDequeued(callID: String, waited: Double)
        /// In approval mode a call waits for the user to approve, edit, answer or skip it.
        case callAwaitingApproval(callID: String, name: String, reason: String)
        case warning(String)
        case error(String, partial: Message?)
        /// A guard ended the turn (max rounds, repeated call).
        case guardStop(String)
        /// The turn ended: "answered", "cancelled", "error", "max_rounds", "repeated_call".
        case turnFinished(reason: String)
        /// A saved event of a kind this version does not know (a newer toolscope's): never
        /// produced here, kept verbatim so saving the session does not lose it.
        case unrecognized(JSONObject)
    }

    /// The event as JSON: `{"t": seconds, "round": n, "event": name, …fields}`.
    public var json: JSONValue { json(message: nil) }

    /// The event as JSON, its message (of `messageAppended` or `assistantMessage`) written as
    /// `message` when given: a session file refers to its messages instead of repeating them,
    /// and building a message's JSON only to replace it was a measurable part of every save.
    func json(message: JSONValue?) -> JSONValue {
        if case .unrecognized(let original) = kind { return .object(original) }
        var o: JSONObject = ["t": .number((time * 1e6).rounded() / 1e6), "round": .number(Double(round))]
        func put(_ name: String, _ fields: KeyValuePairs<String, JSONValue>) {
            o["event"] = .string(name)
            for (k, v) in fields { o[k] = v }
        }
        func headersJSON(_ h: [String: String]) -> JSONValue {
            var r = JSONObject()
            for k in h.keys.sorted() { r[k] = .string(h[k]!) }
            return .object(r)
        }
        func opt(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        func num(_ d: Double?) -> JSONValue { d.map { .number(($0 * 1e6).rounded() / 1e6) } ?? .null }
        switch kind {
        case .turnStarted(let text): put("turn_started", ["user_message": .string(text)])
        case .messageAppended(let m): put("message_appended", ["message": message ?? m.recordJSON])
        case .requestSent(let url, let headers, let body, let attempt):
            put("request_sent", ["url": .string(url), "headers": headersJSON(headers), "body": body, "attempt": .number(Double(attempt))])
        case .responseStarted(let status, let headers, let attempt):
            put("response_started", ["status": .number(Double(status)), "headers": headersJSON(headers), "attempt": .number(Double(attempt))])
        case .contentDelta(let s): put("content_delta", ["text": .string(s)])
        case .refusalDelta(let s): put("refusal_delta", ["text": .string(s)])
        case .reasoningDelta(let s): put("reasoning_delta", ["text": .string(s)])
        case .toolCallDelta(let index, let id, let name, let args):
            put("tool_call_delta", ["index": .number(Double(index)), "id": opt(id), "name": opt(name), "arguments": .string(args)])
        case .retrying(let attempt, let delay, let reason):
            put("retrying", ["attempt": .number(Double(attempt)), "delay": num(delay), "reason": .string(reason)])
        case .assistantMessage(let m, let finish, let latency, let ttft, let raw):
            put("assistant_message", ["message": message ?? m.recordJSON, "finish_reason": opt(finish), "latency": num(latency),
                                      "time_to_first_token": num(ttft), "raw_body": opt(raw)])
        case .usage(let u): put("usage", ["usage": u.json])
        case .callStarted(let id, let name, let args):
            put("call_started", ["call_id": .string(id), "name": .string(name), "arguments": .string(args)])
        case .callValidated(let id, let problems):
            put("call_validated", ["call_id": .string(id), "valid": .bool(problems.isEmpty), "problems": .array(problems.map(JSONValue.string))])
        case .callFinished(let id, let name, let duration, let outcome):
            var f: JSONObject = ["call_id": .string(id), "name": .string(name), "duration": num(duration),
                                 "content": .string(outcome.content), "is_error": .bool(outcome.isError),
                                 "status": .string(outcome.status.rawValue)]
            if !outcome.logs.isEmpty { f["logs"] = .array(outcome.logs.map(JSONValue.string)) }
            if let d = outcome.details { f["details"] = d }
            o["event"] = "call_finished"
            for (k, v) in f { o[k] = v }
        case .callEdited(let id, let name, let original, let edited):
            put("call_edited", ["call_id": .string(id), "name": .string(name), "original_arguments": .string(original),
                                "arguments": .string(edited)])
        case .callQueued(let id, let name): put("call_queued", ["call_id": .string(id), "name": .string(name)])
        case .callDequeued(let id, let waited): put("call_dequeued", ["call_id": .string(id), "waited": num(waited)])
        case .callAwaitingApproval(let id, let name, let reason):
            put("call_awaiting_approval", ["call_id": .string(id), "name": .string(name), "reason": .string(reason)])
        case .warning(let s): put("warning", ["message": .string(s)])
        case .error(let s, let partial): put("error", ["message": .string(s), "partial": partial?.json ?? .null])
        case .guardStop(let s): put("guard_stop", ["reason": .string(s)])
        case .turnFinished(let reason): put("turn_finished", ["reason": .string(reason)])
        case .unrecognized: break
        }
        o.merge(unknown: extra)
        return .object(o)
    }
}
