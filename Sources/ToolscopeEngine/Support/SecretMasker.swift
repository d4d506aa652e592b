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
    /// The same values as UTF-8 bytes: every event passes through here, and a byte search
    /// (memmem) answers "no secret in this text" far faster than a String search.
    let needles: [[UInt8]]

    public init(secrets: [String]) {
        let usable = Set(secrets.filter { $0.count >= Self.minimumLength && $0 != Self.mask })
        self.secrets = usable.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        needles = self.secrets.map { Array($0.utf8) }
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
        guard !secrets.isEmpty, containsSecret(text) else { return text }
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingEvery(secret, with: Self.mask)
        }
        return result
    }

    /// True when some secret occurs in `text` (byte for byte).
    public func containsSecret(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            return needles.contains { Self.find($0, in: UnsafeRawBufferPointer(start: base, count: bytes.count)) }
        }
    }

    /// Byte search: memchr for the first byte, memcmp for the rest (glibc's memmem is not
    /// visible to Swift without _GNU_SOURCE).
    static func find(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer) -> Bool {
        guard let base = haystack.baseAddress, !needle.isEmpty, needle.count <= haystack.count else { return false }
        return needle.withUnsafeBytes { n -> Bool in
            let first = Int32(needle[0])
            var offset = 0
            let last = haystack.count - needle.count
            while offset <= last {
                guard let hit = memchr(base + offset, first, last - offset + 1) else { return false }
                let at = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(base + at, n.baseAddress!, needle.count) == 0 { return true }
                offset = at + 1
            }
            return false
        }
    }

    /// True when some string or key inside `value` holds a secret.
    public func containsSecret(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let s): return containsSecret(s)
        case .array(let items): return items.contains { containsSecret($0) }
        case .object(let o): return o.contains { containsSecret($0.key) || containsSecret($0.value) }
        default: return false
        }
    }

    /// Every string (and object key) in `value`, masked. Untouched (not rebuilt) when it holds no secret.
    public func json(_ value: JSONValue) -> JSONValue {
        guard !secrets.isEmpty, containsSecret(value) else { return value }
        return rebuilt(value)
    }

    private func rebuilt(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let s): return .string(text(s))
        case .array(let items): return .array(items.map(rebuilt))
        case .object(let o):
            var out = JSONObject()
            out.reserveCapacity(o.count)
            for (k, v) in o { out[text(k)] = rebuilt(v) }
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
        if let native = m.native { out.native?.items = native.items.map(json) }
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
        var bytes = Array(masked.utf8)
        let held = heldTail(of: bytes)
        guard held > 0 else { pending = ""; return masked }
        pending = String(decoding: bytes[(bytes.count - held)...], as: UTF8.self)
        bytes.removeLast(held)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whatever is still held back, masked; the stream ended.
    public mutating func flush() -> String {
        defer { pending = "" }
        return masker.text(pending)
    }

    /// The length in bytes of the longest tail of `bytes` that is a proper prefix of some
    /// secret. A secret begins with a UTF-8 lead byte, so a matching tail never splits a character.
    private func heldTail(of bytes: [UInt8]) -> Int {
        let longest = (masker.needles.map(\.count).max() ?? 1) - 1
        let n = bytes.count
        var start = max(0, n - longest)
        while start < n {
            let length = n - start
            for needle in masker.needles where needle.count > length && needle[0] == bytes[start] {
                if needle.prefix(length).elementsEqual(bytes[start...]) { return length }
            }
            start += 1
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
