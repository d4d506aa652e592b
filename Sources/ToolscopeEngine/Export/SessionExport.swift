/// What can be taken out of a session as text (docs/export.md): the same for `toolscope export`
/// and the workbench's "Copy as" menu.
public enum ExportFormat: String, Sendable, Hashable, CaseIterable {
    /// A call's JSON, a message's JSON, or the whole `messages` array: exactly OpenAI chat shapes.
    case json
    /// A call's arguments, pretty-printed (as sent when they are not JSON).
    case arguments
    /// A call's result: the tool message's content, pretty-printed when it is JSON.
    case result
    /// A round's request as a `curl` command for the session's wire.
    case curl
    /// The session as a runnable Python script (official `openai` SDK) that reproduces its last turn.
    case python

    /// A file name extension for the text (used when the copy goes to a file).
    public var fileExtension: String {
        switch self {
        case .json, .arguments: return "json"
        case .result: return "txt"
        case .curl: return "sh"
        case .python: return "py"
        }
    }
}

/// Which part of the session an export is about. Nothing named: the latest round, the newest call.
public struct ExportTarget: Sendable, Hashable {
    /// 1-based round (see `SessionRounds`).
    public var round: Int?
    /// A tool_call_id.
    public var callID: String?
    /// 1-based index into the session's messages.
    public var message: Int?

    public init(round: Int? = nil, callID: String? = nil, message: Int? = nil) {
        self.round = round
        self.callID = callID
        self.message = message
    }
}

/// Why an export cannot be made, said so the user can fix the command.
public struct ExportError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Pure functions from a session to export text. Every output passes through the session's
/// `SecretMasker`, so no key or header value that the environment holds can appear in it.
public enum SessionExport {
    public static func text(_ session: Session, as format: ExportFormat, target: ExportTarget = ExportTarget(),
                            environment: [String: String]) throws(ExportError) -> String {
        let masker = SecretMasker.forSession(session, environment: environment)
        let rounds = SessionRounds(session)
        let text: String
        switch format {
        case .json: text = try json(session, rounds: rounds, target: target)
        case .arguments: text = prettyIfJSON(try call(session, rounds: rounds, target: target).arguments)
        case .result:
            let c = try call(session, rounds: rounds, target: target)
            guard let result = session.messages.first(where: { $0.role == .tool && $0.toolCallID == c.id }) else {
                throw ExportError("the call \(c.id) (\(c.name)) has no result in the session")
            }
            text = prettyIfJSON(result.displayText)
        case .curl:
            let number = try round(rounds, target: target)
            text = CurlCommand(session: session, request: rounds.request(round: number)!, environment: environment).text
        case .python:
            text = PythonScript(session: session, environment: environment).text
        }
        return masker.text(text)
    }

    // MARK: Parts

    static func json(_ session: Session, rounds: SessionRounds, target: ExportTarget) throws(ExportError) -> String {
        if target.callID != nil { return try call(session, rounds: rounds, target: target).json.pretty }
        if let index = target.message {
            guard session.messages.indices.contains(index - 1) else {
                throw ExportError("no message \(index): the session has \(session.messages.count) message(s), numbered from 1")
            }
            return session.messages[index - 1].json.pretty
        }
        if target.round != nil {
            let number = try round(rounds, target: target)
            guard let answer = rounds.answer(round: number) else {
                throw ExportError("round \(number) has no answer yet; export its request with --as curl")
            }
            return answer.json.pretty
        }
        return JSONValue.array(session.messages.map(\.json)).pretty
    }

    /// The round named, else the one of the named call, else the latest.
    static func round(_ rounds: SessionRounds, target: ExportTarget) throws(ExportError) -> Int {
        guard let range = rounds.available else { throw ExportError("the session has no messages, so no request to export") }
        if let number = target.round {
            guard range.contains(number) else {
                let pending = rounds.hasPending ? " (round \(range.upperBound) is the request not answered yet)" : ""
                throw ExportError("no round \(number): the session has rounds \(range.lowerBound) to \(range.upperBound)\(pending)")
            }
            return number
        }
        if let id = target.callID {
            guard let number = rounds.round(ofCall: id) else { throw unknownCall(id, in: rounds.session) }
            return number
        }
        return range.upperBound
    }

    /// The named call, else the only call of the named round, else the newest call of the session.
    static func call(_ session: Session, rounds: SessionRounds, target: ExportTarget) throws(ExportError) -> ToolCall {
        let calls = session.messages.flatMap(\.toolCalls)
        if let id = target.callID {
            guard let c = calls.first(where: { $0.id == id }) else { throw unknownCall(id, in: session) }
            return c
        }
        if let number = target.round {
            guard let answer = rounds.answer(round: number) else { throw ExportError("round \(number) has no answer with tool calls") }
            switch answer.toolCalls.count {
            case 0: throw ExportError("round \(number) made no tool call")
            case 1: return answer.toolCalls[0]
            default:
                throw ExportError("round \(number) made \(answer.toolCalls.count) calls; name one with --call: \(answer.toolCalls.map(\.id).joined(separator: ", "))")
            }
        }
        guard let newest = calls.last else { throw ExportError("the session has no tool calls") }
        return newest
    }

    static func unknownCall(_ id: String, in session: Session) -> ExportError {
        let ids = session.messages.flatMap(\.toolCalls).map(\.id)
        if ids.isEmpty { return ExportError("no call \(id): the session has no tool calls") }
        let shown = ids.suffix(8).joined(separator: ", ")
        return ExportError("no call \(id) in the session; its calls are: \(ids.count > 8 ? "…, " : "")\(shown)")
    }

    /// JSON text pretty-printed; anything else exactly as it is.
    static func prettyIfJSON(_ text: String) -> String {
        guard let value = try? JSONParser.parse(text) else { return text }
        return value.pretty
    }
}
