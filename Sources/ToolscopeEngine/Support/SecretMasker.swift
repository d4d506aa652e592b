import Foundation

/// Masks secret values in everything toolscope writes or shows.
///
/// The loop applies it to every message and trace event before they are recorded or handed to a
/// front end, so session files, autosaves, the trace, `run --json`, logs and the screen all see
/// the same masked text — including a key a server echoes into the model's reply, or a token a
/// tool prints. What counts as secret: the API key, every extra request header value, and the
/// variables bindings list under `secret_env` (see `SecretEnvironment`).
public struct SecretMasker: Sendable, Hashable {
    /// What a secret is replaced with.
    public static let mask = "[redacted]"
    /// Values shorter than this are not masked: masking "a" or "id" everywhere would shred
    /// ordinary text while protecting nothing (no real credential is that short).
    public static let minimumLength = 4

    /// The secret values, unique, longest first so a key that contains another is masked whole.
    public let secrets: [String]

    public init(secrets: [String]) {
        let usable = Set(secrets.filter { $0.count >= Self.minimumLength && $0 != Self.mask })
        self.secrets = usable.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// Masks nothing.
    public static let none = SecretMasker(secrets: [])

    public var isEmpty: Bool { secrets.isEmpty }

    /// This masker plus more secrets.
    public func adding(_ more: [String]) -> SecretMasker { SecretMasker(secrets: secrets + more) }

    /// The secrets of a session as it will run: the API key read from the variable the provider
    /// names, every extra header value (and the credential after a `Bearer `/`Basic ` scheme),
    /// and the `secret_env` values of its bindings and MCP servers.
    public static func forSession(_ session: Session, environment: [String: String]) -> SecretMasker {
        let provider = session.settings.provider
        var values: [String] = []
        if let key = environment[provider.apiKeyEnv], !key.isEmpty { values.append(key) }
        for value in provider.allHeaders.values { values += headerSecrets(value) }
        values += SecretEnvironment.values(in: session, parentEnvironment: environment)
        return SecretMasker(secrets: values)
    }

    /// A header value, and its credential part when it has an auth scheme in front.
    public static func headerSecrets(_ value: String) -> [String] {
        var out = [value]
        if let space = value.firstIndex(of: " ") {
            out.append(String(value[value.index(after: space)...]).trimmingCharacters(in: .whitespaces))
        }
        return out
    }

    // MARK: Masking values

    /// The text with every secret replaced by `mask`.
    public func text(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingEvery(secret, with: Self.mask)
        }
        return result
    }

    /// Every string (and object key) in `value`, masked.
    public func json(_ value: JSONValue) -> JSONValue {
        guard !secrets.isEmpty else { return value }
        switch value {
        case .string(let s): return .string(text(s))
        case .array(let items): return .array(items.map(json))
        case .object(let o):
            var out = JSONObject()
            out.reserveCapacity(o.count)
            for (k, v) in o { out[text(k)] = json(v) }
            return .object(out)
        default: return value
        }
    }

    public func message(_ m: Message) -> Message {
        guard !secrets.isEmpty else { return m }
        var out = m
        out.content = m.content.map(text)
        out.contentParts = m.contentParts?.map(json)
        out.name = m.name.map(text)
        out.refusal = m.refusal.map(text)
        out.toolCalls = m.toolCalls.map(toolCall)
        out.extra = json(.object(m.extra)).objectValue ?? [:]
        return out
    }

    public func toolCall(_ c: ToolCall) -> ToolCall {
        var out = c
        out.arguments = text(c.arguments)
        out.name = text(c.name)
        return out
    }

    public func outcome(_ o: ToolOutcome) -> ToolOutcome {
        guard !secrets.isEmpty else { return o }
        var out = o
        out.content = text(o.content)
        out.logs = o.logs.map(text)
        out.details = o.details.map(json)
        return out
    }

    public func headers(_ h: [String: String]) -> [String: String] {
        guard !secrets.isEmpty else { return h }
        var out: [String: String] = [:]
        for (k, v) in h { out[k] = text(v) }
        return out
    }
}

/// Masks secrets in text that arrives in pieces (streamed deltas), where a secret may be split
/// across two pieces. It holds back the shortest tail that could still grow into a secret and
/// releases it with the next piece or at `flush`. When no tail matches the start of a secret
/// (nearly always), every piece passes through at once.
public struct StreamMasker: Sendable {
    private let masker: SecretMasker
    private var pending = ""

    public init(_ masker: SecretMasker) { self.masker = masker }

    /// The text that can be shown now (possibly empty), masked.
    public mutating func feed(_ piece: String) -> String {
        guard !masker.isEmpty else { return piece }
        let masked = masker.text(pending + piece)
        let held = heldTail(of: masked)
        pending = String(masked.suffix(held))
        return String(masked.dropLast(held))
    }

    /// Whatever is still held back, masked; the stream ended.
    public mutating func flush() -> String {
        defer { pending = "" }
        return masker.text(pending)
    }

    /// The length of the longest tail of `text` that is a proper prefix of some secret.
    private func heldTail(of text: String) -> Int {
        let longest = (masker.secrets.first?.count ?? 1) - 1
        var length = min(longest, text.count)
        while length > 0 {
            let tail = text.suffix(length)
            if masker.secrets.contains(where: { $0.count > length && $0.hasPrefix(tail) }) { return length }
            length -= 1
        }
        return 0
    }
}

extension String {
    /// Every occurrence of `target` replaced (exact, non-overlapping, left to right).
    func replacingEvery(_ target: String, with replacement: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }
}
