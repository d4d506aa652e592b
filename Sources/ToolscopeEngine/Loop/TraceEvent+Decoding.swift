import OrderedCollections

extension TraceEvent {
    /// Reads an event back from its `json` form (as saved in a session). Unknown event names are
    /// rejected so a corrupt trace is reported rather than silently dropped.
    public init(json: JSONValue, path: String = "") throws(SchemaShapeError) {
        guard let o = json.objectValue, let name = o["event"]?.stringValue else {
            throw SchemaShapeError(path: path, message: "a trace event must be an object with a string \"event\"")
        }
        let time = o["t"]?.doubleValue ?? 0
        let round = o["round"]?.intValue ?? 0
        func str(_ k: String) throws(SchemaShapeError) -> String {
            guard let s = o[k]?.stringValue else { throw SchemaShapeError(path: path + "/" + k, message: "\(name) needs a string \"\(k)\"") }
            return s
        }
        func int(_ k: String) -> Int { o[k]?.intValue ?? 0 }
        func num(_ k: String) -> Double? { o[k]?.doubleValue }
        func headers(_ k: String) -> [String: String] {
            var h: [String: String] = [:]
            for (key, v) in o[k]?.objectValue ?? [:] { h[key] = v.stringValue ?? v.compact }
            return h
        }
        func message(_ k: String) throws(SchemaShapeError) -> Message {
            guard let m = o[k] else { throw SchemaShapeError(path: path + "/" + k, message: "\(name) needs \"\(k)\"") }
            return try Message(json: m, path: path + "/" + k)
        }
        let kind: Kind
        switch name {
        case "turn_started": kind = .turnStarted(userMessage: try str("user_message"))
        case "message_appended": kind = .messageAppended(try message("message"))
        case "request_sent": kind = .requestSent(url: try str("url"), headers: headers("headers"), body: o["body"] ?? .null, attempt: int("attempt"))
        case "response_started": kind = .responseStarted(status: int("status"), headers: headers("headers"), attempt: int("attempt"))
        case "content_delta": kind = .contentDelta(try str("text"))
        case "refusal_delta": kind = .refusalDelta(try str("text"))
        case "tool_call_delta":
            kind = .toolCallDelta(index: int("index"), id: o["id"]?.stringValue, name: o["name"]?.stringValue, arguments: o["arguments"]?.stringValue ?? "")
        case "retrying": kind = .retrying(attempt: int("attempt"), delay: num("delay") ?? 0, reason: try str("reason"))
        case "assistant_message":
            kind = .assistantMessage(try message("message"), finishReason: o["finish_reason"]?.stringValue, latency: num("latency") ?? 0,
                                     timeToFirstToken: num("time_to_first_token"), rawBody: o["raw_body"]?.stringValue)
        case "usage":
            guard let u = Usage(json: o["usage"]) else { throw SchemaShapeError(path: path + "/usage", message: "usage needs prompt_tokens and completion_tokens") }
            kind = .usage(u)
        case "call_started": kind = .callStarted(callID: try str("call_id"), name: try str("name"), arguments: o["arguments"]?.stringValue ?? "")
        case "call_validated":
            kind = .callValidated(callID: try str("call_id"), problems: (o["problems"]?.arrayValue ?? []).compactMap(\.stringValue))
        case "call_finished":
            // Files written before `status` existed say only is_error: that gives ok or error.
            let isError = o["is_error"]?.boolValue ?? false
            var status: ToolOutcome.Status = isError ? .error : .ok
            if let saved = o["status"] {
                guard let name = saved.stringValue, let known = ToolOutcome.Status(rawValue: name) else {
                    let names = ToolOutcome.Status.allCases.map(\.rawValue).joined(separator: ", ")
                    throw SchemaShapeError(path: path + "/status", message: "unknown call status \(saved.compact) (known: \(names))")
                }
                status = known
            }
            let outcome = ToolOutcome(content: o["content"]?.stringValue ?? "", status: status,
                                      logs: (o["logs"]?.arrayValue ?? []).compactMap(\.stringValue), details: o["details"])
            kind = .callFinished(callID: try str("call_id"), name: try str("name"), duration: num("duration") ?? 0, outcome: outcome)
        case "call_edited":
            kind = .callEdited(callID: try str("call_id"), name: try str("name"), original: try str("original_arguments"),
                               edited: try str("arguments"))
        case "call_queued": kind = .callQueued(callID: try str("call_id"), name: try str("name"))
        case "call_dequeued": kind = .callDequeued(callID: try str("call_id"), waited: num("waited") ?? 0)
        case "call_awaiting_human": kind = .callAwaitingHuman(callID: try str("call_id"), name: try str("name"), reason: try str("reason"))
        case "warning": kind = .warning(try str("message"))
        case "error":
            let partial: Message? = (o["partial"].map { !$0.isNull } ?? false) ? try message("partial") : nil
            kind = .error(try str("message"), partial: partial)
        case "guard_stop": kind = .guardStop(try str("reason"))
        case "turn_finished": kind = .turnFinished(reason: try str("reason"))
        default: throw SchemaShapeError(path: path + "/event", message: "unknown trace event \"\(name)\"")
        }
        self.init(time: time, round: round, kind: kind)
    }

    /// Deltas are reflected in the assistant message that follows; sessions do not store them.
    public var isDelta: Bool {
        switch kind {
        case .contentDelta, .refusalDelta, .toolCallDelta: return true
        default: return false
        }
    }
}
