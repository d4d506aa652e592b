extension SecretMasker {
    /// The event with every secret in its text masked: message text and tool calls, request
    /// headers and bodies, deltas, results, logs, warnings and errors.
    public func event(_ kind: TraceEvent.Kind) -> TraceEvent.Kind {
        guard !isEmpty else { return kind }
        switch kind {
        case .turnStarted(let text): return .turnStarted(userMessage: self.text(text))
        case .messageAppended(let m): return .messageAppended(message(m))
        case .requestSent(let url, let headers, let body, let attempt):
            return .requestSent(url: text(url), headers: self.headers(headers), body: json(body), attempt: attempt)
        case .responseStarted(let status, let headers, let attempt):
            return .responseStarted(status: status, headers: self.headers(headers), attempt: attempt)
        case .contentDelta(let s): return .contentDelta(text(s))
        case .refusalDelta(let s): return .refusalDelta(text(s))
        case .reasoningDelta(let s): return .reasoningDelta(text(s))
        case .toolCallDelta(let index, let id, let name, let arguments):
            return .toolCallDelta(index: index, id: id.map(text), name: name.map(text), arguments: text(arguments))
        case .retrying(let attempt, let delay, let reason): return .retrying(attempt: attempt, delay: delay, reason: text(reason))
        case .assistantMessage(let m, let finish, let latency, let ttft, let raw):
            return .assistantMessage(message(m), finishReason: finish, latency: latency, timeToFirstToken: ttft, rawBody: raw.map(text))
        case .usage: return kind
        case .callStarted(let id, let name, let arguments): return .callStarted(callID: id, name: text(name), arguments: text(arguments))
        case .callValidated(let id, let problems): return .callValidated(callID: id, problems: problems.map(text))
        case .callFinished(let id, let name, let duration, let o):
            return .callFinished(callID: id, name: text(name), duration: duration, outcome: outcome(o))
        case .callEdited(let id, let name, let original, let edited):
            return .callEdited(callID: id, name: text(name), original: text(original), edited: text(edited))
        case .callQueued(let id, let name): return .callQueued(callID: id, name: text(name))
        case .callDequeued: return kind
        case .callAwaitingApproval(let id, let name, let reason): return .callAwaitingApproval(callID: id, name: text(name), reason: text(reason))
        case .warning(let s): return .warning(text(s))
        case .error(let s, let partial): return .error(text(s), partial: partial.map(message))
        case .guardStop(let s): return .guardStop(text(s))
        case .turnFinished: return kind
        case .unrecognized(let o): return .unrecognized(json(.object(o)).objectValue ?? o)
        }
    }
}
