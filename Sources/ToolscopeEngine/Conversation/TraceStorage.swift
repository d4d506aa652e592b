/// How a session file stores its trace without repeating what `messages` already holds.
///
/// In memory every event is whole. Written out whole, one tool result appeared in `messages`,
/// in `message_appended`, in `call_finished.content` and in every later request body: a 20 MB
/// result made an 84 MB file, and request bodies grew the file quadratically with the rounds.
/// So the file replaces a copy with a reference when, and only when, it is an exact copy:
///
/// - a message (`message_appended.message`, `assistant_message.message`) equal to
///   `messages[i]` is written `{"message_index": i}`;
/// - a `call_finished.content` equal to the content of `messages[i]` is written `{"message_index": i}`;
/// - a `request_sent.body.messages` equal to the first `n` of `messages` is written `{"message_prefix": n}`.
///
/// Loading puts the copies back (`Resolver`), so a loaded session equals the saved one. Files
/// without references (every file before this change) load exactly as before.
struct TraceStorage {
    private let messages: [Message]
    private let messagesJSON: [JSONValue]
    /// Candidate indexes of a message by a cheap key, so finding a copy is not a scan of all messages.
    private let byFingerprint: [Fingerprint: [Int]]
    /// Indexes of the messages with string content by their tool_call_id (ids can repeat across turns).
    private let byToolCallID: [String: [Int]]
    /// The index of the last message found. A trace meets the messages in order, so the next
    /// copy is almost always at or after it: trying there first keeps a save linear even when
    /// many messages share a fingerprint (a thousand short answers of the same length).
    private var cursor = 0

    private struct Fingerprint: Hashable {
        var role: Role
        var contentBytes: Int
        var toolCallID: String?
        var firstCallID: String?

        init(_ m: Message) {
            role = m.role
            contentBytes = m.content?.utf8.count ?? -1 - (m.contentParts?.count ?? 0)
            toolCallID = m.toolCallID
            firstCallID = m.toolCalls.first?.id
        }
    }

    init(messages: [Message], messagesJSON: [JSONValue]) {
        self.messages = messages
        self.messagesJSON = messagesJSON
        var byFingerprint: [Fingerprint: [Int]] = [:]
        var byToolCallID: [String: [Int]] = [:]
        for (i, m) in messages.enumerated() {
            byFingerprint[Fingerprint(m), default: []].append(i)
            if let id = m.toolCallID, m.content != nil { byToolCallID[id, default: []].append(i) }
        }
        self.byFingerprint = byFingerprint
        self.byToolCallID = byToolCallID
    }

    /// The event as the file stores it.
    mutating func stored(_ event: TraceEvent) -> JSONValue {
        switch event.kind {
        case .messageAppended(let m), .assistantMessage(let m, _, _, _, _):
            return event.json(message: index(of: m).map(Self.messageReference))
        default:
            break
        }
        guard case .object(var o) = event.json else { return event.json }
        switch event.kind {
        case .callFinished(let id, _, _, let outcome):
            if let i = byToolCallID[id]?.first(where: { messages[$0].content == outcome.content }) {
                o["content"] = Self.messageReference(i)
            }
        case .requestSent(_, _, .object(var body), _):
            if case .array(let sent)? = body["messages"], let n = prefixLength(sent) {
                body["messages"] = ["message_prefix": .number(Double(n))]
                o["body"] = .object(body)
            }
        default:
            break
        }
        return .object(o)
    }

    private static func messageReference(_ i: Int) -> JSONValue { ["message_index": .number(Double(i))] }

    private mutating func index(of message: Message) -> Int? {
        guard let candidates = byFingerprint[Fingerprint(message)] else { return nil }
        var low = 0, high = candidates.count
        while low < high {
            let mid = (low + high) / 2
            if candidates[mid] < cursor { low = mid + 1 } else { high = mid }
        }
        for i in candidates[low...] where messages[i] == message { cursor = i; return i }
        for i in candidates[..<low] where messages[i] == message { cursor = i; return i }
        return nil
    }

    /// `n` when `sent` is exactly the first `n` messages (n ≥ 1).
    private func prefixLength(_ sent: [JSONValue]) -> Int? {
        guard !sent.isEmpty, sent.count <= messagesJSON.count else { return nil }
        for j in sent.indices where sent[j] != messagesJSON[j] { return nil }
        return sent.count
    }

    /// Puts the copies back into a stored event's JSON before it is decoded. A reference to a
    /// message that does not exist is a load error at the reference's pointer.
    struct Resolver {
        /// `messages` exactly as the file holds them.
        let messagesJSON: [JSONValue]

        func resolve(_ json: JSONValue, path: String) throws(SchemaShapeError) -> JSONValue {
            guard case .object(var o) = json, case .string(let name)? = o["event"] else { return json }
            switch name {
            case "message_appended", "assistant_message":
                if let i = try reference("message_index", in: o["message"], path: path + "/message") {
                    o["message"] = messagesJSON[i]
                }
            case "call_finished":
                if let i = try reference("message_index", in: o["content"], path: path + "/content") {
                    guard case .string? = messagesJSON[i]["content"] else {
                        throw SchemaShapeError(path: path + "/content/message_index",
                                               message: "content refers to message \(i), which has no text content")
                    }
                    o["content"] = messagesJSON[i]["content"]
                }
            case "request_sent":
                guard case .object(var body)? = o["body"],
                      let n = try reference("message_prefix", in: body["messages"], path: path + "/body/messages", allowsCount: true)
                else { break }
                body["messages"] = .array(Array(messagesJSON[0..<n]))
                o["body"] = .object(body)
            default:
                break
            }
            return .object(o)
        }

        /// The index a `{key: n}` reference holds, nil when `value` is not a reference (a whole
        /// message has a "role"; whole content is a string; a whole body list is an array).
        private func reference(_ key: String, in value: JSONValue?, path: String, allowsCount: Bool = false) throws(SchemaShapeError) -> Int? {
            guard case .object(let r)? = value, let raw = r[key], r["role"] == nil else { return nil }
            let limit = messagesJSON.count + (allowsCount ? 1 : 0)
            guard let i = raw.intValue, i >= (allowsCount ? 1 : 0), i < limit else {
                let range = messagesJSON.isEmpty ? "the session has no messages" : "the session has \(messagesJSON.count) messages"
                throw SchemaShapeError(path: path + "/" + key, message: "\(key) \(raw.compact) refers to no message (\(range))")
            }
            return i
        }
    }
}
