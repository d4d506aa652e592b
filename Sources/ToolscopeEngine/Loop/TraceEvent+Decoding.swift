import OrderedCollections

extension TraceEvent {
    /// Reads an event back from its `json` form (as saved in a session), strictly: a field of
    /// the wrong type is an error at its pointer, never a default, so a trace is never silently
    /// changed by a load and a save. Fields missing from older files take their defaults. An
    /// event name this version does not know is kept verbatim (`.unrecognized`), and members
    /// of a known event that this version does not write are kept in `extra`.
    public init(json: JSONValue, path: String = "") throws(SchemaShapeError) {
        let f = try JSONFields(json, path: path, what: "a trace event")
        let name = try f.requiredString("event", owner: "a trace event")
        let time = try f.number("t") ?? 0
        let round = try f.int("round") ?? 0
        func str(_ k: String) throws(SchemaShapeError) -> String { try f.requiredString(k, owner: name) }
        func int(_ k: String) throws(SchemaShapeError) -> Int { try f.int(k) ?? 0 }
        func num(_ k: String) throws(SchemaShapeError) -> Double { try f.number(k) ?? 0 }
        func headers(_ k: String) throws(SchemaShapeError) -> [String: String] {
            var h: [String: String] = [:]
            for (key, v) in try f.stringMap(k) ?? [:] { h[key] = v.stringValue }
            return h
        }
        func message(_ k: String) throws(SchemaShapeError) -> Message {
            guard let m = f.value(k) else { throw SchemaShapeError(path: path, message: "\(name) needs \"\(k)\"") }
            return try Message(json: m, path: f.pointer(k))
        }
        let kind: Kind
        switch name {
        case "turn_started": kind = .turnStarted(userMessage: try str("user_message"))
        case "message_appended": kind = .messageAppended(try message("message"))
        case "request_sent":
            kind = .requestSent(url: try str("url"), headers: try headers("headers"), body: f.object["body"] ?? .null, attempt: try int("attempt"))
        case "response_started": kind = .responseStarted(status: try int("status"), headers: try headers("headers"), attempt: try int("attempt"))
        case "content_delta": kind = .contentDelta(try str("text"))
        case "refusal_delta": kind = .refusalDelta(try str("text"))
        case "reasoning_delta": kind = .reasoningDelta(try str("text"))
        case "tool_call_delta":
            kind = .toolCallDelta(index: try int("index"), id: try f.string("id"), name: try f.string("name"), arguments: try f.string("arguments") ?? "")
        case "retrying": kind = .retrying(attempt: try int("attempt"), delay: try num("delay"), reason: try str("reason"))
        case "assistant_message":
            kind = .assistantMessage(try message("message"), finishReason: try f.string("finish_reason"), latency: try num("latency"),
                                     timeToFirstToken: try f.number("time_to_first_token"), rawBody: try f.string("raw_body"))
        case "usage":
            guard let u = f.value("usage") else { throw SchemaShapeError(path: path, message: "usage needs \"usage\"") }
            kind = .usage(try Usage(stored: u, path: f.pointer("usage")))
        case "call_started": kind = .callStarted(callID: try str("call_id"), name: try str("name"), arguments: try f.string("arguments") ?? "")
        case "call_validated":
            _ = try f.bool("valid")
            kind = .callValidated(callID: try str("call_id"), problems: try f.strings("problems") ?? [])
        case "call_finished":
            // Files written before `status` existed say only is_error: that gives ok or error.
            let isError = try f.bool("is_error") ?? false
            var status: ToolOutcome.Status = isError ? .error : .ok
            if let saved = f.value("status") {
                guard let name = saved.stringValue, let known = ToolOutcome.Status(rawValue: name) else {
                    let names = ToolOutcome.Status.allCases.map(\.rawValue).joined(separator: ", ")
                    throw SchemaShapeError(path: f.pointer("status"), message: "unknown call status \(saved.compact) (known: \(names))")
                }
                status = known
            }
            let outcome = ToolOutcome(content: try f.string("content") ?? "", status: status,
                                      logs: try f.strings("logs") ?? [], details: f.value("details"))
            kind = .callFinished(callID: try str("call_id"), name: try str("name"), duration: try num("duration"), outcome: outcome)
        case "call_edited":
            kind = .callEdited(callID: try str("call_id"), name: try str("name"), original: try str("original_arguments"),
                               edited: try str("arguments"))
        case "call_queued": kind = .callQueued(callID: try str("call_id"), name: try str("name"))
        case "call_dequeued": kind = .callDequeued(callID: try str("call_id"), waited: try num("waited"))
        // "call_awaiting_human" is the name traces saved before the rename use.
        case "call_awaiting_approval", "call_awaiting_human": kind = .callAwaitingApproval(callID: try str("call_id"), name: try str("name"), reason: try str("reason"))
        case "warning": kind = .warning(try str("message"))
        case "error":
            kind = .error(try str("message"), partial: f.value("partial") == nil ? nil : try message("partial"))
        case "guard_stop": kind = .guardStop(try str("reason"))
        case "turn_finished": kind = .turnFinished(reason: try str("reason"))
        default:
            self.init(time: time, round: round, kind: .unrecognized(f.object))
            return
        }
        self.init(time: time, round: round, kind: kind)
        // What this version writes for the event is what it understood; the rest goes back as it was.
        if let known = Self.membersByName[name] {
            if f.object.keys.contains(where: { !known.contains($0) }) { extra = f.unknown(known: known) }
        } else if case .object(let written) = self.json, f.object.keys.contains(where: { written[$0] == nil }) {
            extra = f.unknown(known: Set(written.keys))
        }
    }

    /// The members `json` writes for each event name, from one sample of each kind with every
    /// optional member set, so a load finds a newer version's members without encoding every
    /// event again. A kind without a sample here is checked by encoding the event (slower, same answer).
    private static let membersByName: [String: Set<String>] = {
        let message = Message.assistant("x")
        let samples: [Kind] = [
            .turnStarted(userMessage: ""), .messageAppended(message),
            .requestSent(url: "", headers: [:], body: .null, attempt: 1), .responseStarted(status: 200, headers: [:], attempt: 1),
            .contentDelta(""), .refusalDelta(""), .reasoningDelta(""), .toolCallDelta(index: 0, id: "", name: "", arguments: ""),
            .retrying(attempt: 1, delay: 0, reason: ""),
            .assistantMessage(message, finishReason: "", latency: 0, timeToFirstToken: 0, rawBody: ""),
            .usage(Usage(promptTokens: 0, completionTokens: 0)), .callStarted(callID: "", name: "", arguments: ""),
            .callValidated(callID: "", problems: []),
            .callFinished(callID: "", name: "", duration: 0, outcome: ToolOutcome(content: "", logs: [""], details: .null)),
            .callEdited(callID: "", name: "", original: "", edited: ""), .callQueued(callID: "", name: ""),
            .callDequeued(callID: "", waited: 0),
            .callAwaitingApproval(callID: "", name: "", reason: ""), .warning(""), .error("", partial: message),
            .guardStop(""), .turnFinished(reason: ""),
        ]
        var members: [String: Set<String>] = [:]
        for kind in samples {
            if case .object(let o) = TraceEvent(time: 0, round: 0, kind: kind).json, case .string(let name)? = o["event"] {
                members[name] = Set(o.keys)
            }
        }
        return members
    }()

    /// Deltas are reflected in the assistant message that follows; sessions do not store them.
    public var isDelta: Bool { kind.isDelta }
}

extension TraceEvent.Kind {
    /// A streamed piece of a response (text, refusal, reasoning, a tool call's fragment).
    public var isDelta: Bool {
        switch self {
        case .contentDelta, .refusalDelta, .reasoningDelta, .toolCallDelta: return true
        default: return false
        }
    }
}
