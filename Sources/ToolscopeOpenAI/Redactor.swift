import Foundation
import ToolscopeEngine

/// Removes secrets from everything toolscope shows or saves: headers, bodies, error messages.
///
/// Two layers, because either alone leaks: credential *headers* are masked by name whatever
/// their value, and the literal secret values (the API key, secret gateway headers) are masked
/// anywhere they appear in text — a server that echoes the key in an error body must not put
/// it into the trace or the session file.
public struct Redactor: Sendable, Hashable {
    public static let mask = SecretMasker.mask
    /// Header names whose values are credentials (compared case-insensitively).
    public static let sensitiveHeaders: Set<String> = [
        "authorization", "proxy-authorization", "api-key", "x-api-key", "openai-api-key", "cookie", "set-cookie",
        "x-goog-api-key", "anthropic-api-key",
    ]

    /// The literal secret values, masked anywhere in text (the engine's masker: one search, one rule).
    private let secrets: SecretMasker

    /// Values shorter than `SecretMasker.minimumLength` are ignored: masking "a" everywhere would shred the text.
    public init(secrets: [String]) {
        self.secrets = SecretMasker(secrets: secrets)
    }

    public static func isSensitive(header name: String) -> Bool {
        sensitiveHeaders.contains(name.lowercased())
    }

    /// Headers with credential values masked (the scheme of an Authorization header is kept).
    public func headers(_ headers: [String: String]) -> [String: String] {
        var out: [String: String] = [:]
        for (name, value) in headers {
            if Self.isSensitive(header: name) {
                if let space = value.firstIndex(of: " "), value[..<space].lowercased() == "bearer" || value[..<space].lowercased() == "basic" {
                    out[name] = String(value[..<space]) + " " + Self.mask
                } else {
                    out[name] = Self.mask
                }
            } else {
                out[name] = text(value)
            }
        }
        return out
    }

    /// The text with every secret value and every `Bearer <token>` masked.
    public func text(_ text: String) -> String {
        Self.maskBearerTokens(secrets.text(text))
    }

    /// Masks the token after "Bearer " (any case), wherever it appears.
    static func maskBearerTokens(_ text: String) -> String {
        // Raw bodies of whole streams pass through here; most hold no "bearer " at all, and a
        // byte scan answers that far faster than a case-insensitive Foundation search.
        guard var found = bearer(in: Substring(text)) else { return text }
        var out = ""
        var rest = Substring(text)
        while true {
            out += rest[..<found.upperBound]
            var tail = rest[found.upperBound...]
            let tokenEnd = tail.firstIndex { !($0.isLetter || $0.isNumber || "-._~+/=".contains($0)) } ?? tail.endIndex
            if tokenEnd > tail.startIndex, tail[tail.startIndex..<tokenEnd] != Substring(mask) {
                out += mask
            } else {
                out += tail[tail.startIndex..<tokenEnd]
            }
            tail = tail[tokenEnd...]
            rest = tail
            guard let next = bearer(in: rest) else { break }
            found = next
        }
        out += rest
        return out
    }

    /// The first "bearer " in `text`, ASCII case-insensitively (the word is ASCII, so the
    /// matching bytes always sit on scalar boundaries and the indices are valid for slicing).
    static func bearer(in text: Substring) -> Range<String.Index>? {
        let word: [UInt8] = Array("bearer ".utf8)
        let utf8 = text.utf8
        let found: (Int, Int)? = utf8.withContiguousStorageIfAvailable { bytes -> (Int, Int)? in
            guard bytes.count >= word.count else { return nil }
            var i = 0
            let last = bytes.count - word.count
            while i <= last {
                if bytes[i] | 0x20 == UInt8(ascii: "b") {
                    var k = 1
                    // `| 0x20` folds ASCII capitals; the space stays a space.
                    while k < word.count, bytes[i + k] | (k == word.count - 1 ? 0 : 0x20) == word[k] { k += 1 }
                    if k == word.count { return (i, i + k) }
                }
                i += 1
            }
            return nil
        } ?? nil
        if let (start, end) = found {
            let lower = utf8.index(utf8.startIndex, offsetBy: start)
            return lower..<utf8.index(lower, offsetBy: end - start)
        }
        if utf8.withContiguousStorageIfAvailable({ _ in true }) == true { return nil }
        // Bridged or otherwise non-contiguous text: the general search.
        return text.range(of: "bearer ", options: .caseInsensitive)
    }
}
