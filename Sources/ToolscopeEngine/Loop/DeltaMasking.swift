/// The streamed pieces of one response, masked per channel: the answer text, the refusal, the
/// reasoning, and each tool call's arguments (by index). A secret split across pieces of one channel is
/// masked whole; the held-back part is released with the next piece or by `flush`.
struct DeltaMasking {
    private let masker: SecretMasker
    private var content: StreamMasker
    private var refusal: StreamMasker
    private var reasoning: StreamMasker
    private var arguments: [Int: StreamMasker] = [:]

    init(_ masker: SecretMasker) {
        self.masker = masker
        content = StreamMasker(masker)
        refusal = StreamMasker(masker)
        reasoning = StreamMasker(masker)
    }

    /// The event to report now, or nil when all of its text is held back for the moment.
    /// Events other than deltas pass unchanged (the loop masks them whole).
    mutating func pass(_ kind: TraceEvent.Kind) -> TraceEvent.Kind? {
        guard !masker.isEmpty else { return kind }
        switch kind {
        case .contentDelta(let s):
            let out = content.feed(s)
            return out.isEmpty ? nil : .contentDelta(out)
        case .refusalDelta(let s):
            let out = refusal.feed(s)
            return out.isEmpty ? nil : .refusalDelta(out)
        case .reasoningDelta(let s):
            let out = reasoning.feed(s)
            return out.isEmpty ? nil : .reasoningDelta(out)
        case .toolCallDelta(let index, let id, let name, let text):
            var stream = arguments[index] ?? StreamMasker(masker)
            let out = stream.feed(text)
            arguments[index] = stream
            // The first delta of a call carries its id and name: report it even with no text yet.
            if out.isEmpty, id == nil, name == nil { return nil }
            return .toolCallDelta(index: index, id: id, name: name, arguments: out)
        default:
            return kind
        }
    }

    /// What is still held back, as delta events; the response ended (or failed).
    mutating func flush() -> [TraceEvent.Kind] {
        var out: [TraceEvent.Kind] = []
        let c = content.flush()
        if !c.isEmpty { out.append(.contentDelta(c)) }
        let r = refusal.flush()
        if !r.isEmpty { out.append(.refusalDelta(r)) }
        let t = reasoning.flush()
        if !t.isEmpty { out.append(.reasoningDelta(t)) }
        for index in arguments.keys.sorted() {
            let a = arguments[index]!.flush()
            if !a.isEmpty { out.append(.toolCallDelta(index: index, id: nil, name: nil, arguments: a)) }
        }
        arguments = [:]
        return out
    }
}
