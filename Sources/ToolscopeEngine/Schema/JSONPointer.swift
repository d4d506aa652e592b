import Foundation

/// RFC 6901 JSON pointers: building them for violation and lint paths, and following them
/// when a schema says `"$ref": "#/$defs/Node"`.
///
/// Paths are plain strings ("" is the whole document) because that is what users read and
/// what editors jump to; this type keeps the `~0`/`~1` escaping rules in one place.
public enum JSONPointer {
    /// `token` escaped for use as one pointer segment (`~` → `~0`, `/` → `~1`).
    public static func escape(_ token: String) -> String {
        guard token.contains("~") || token.contains("/") else { return token }
        return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// The segment text for an escaped token (`~1` → `/`, then `~0` → `~`, in that order).
    public static func unescape(_ token: Substring) -> String {
        guard token.contains("~") else { return String(token) }
        return token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }

    /// `path` extended by one object key.
    public static func appending(_ path: String, _ key: String) -> String {
        path + "/" + escape(key)
    }

    /// `path` extended by one array index.
    public static func appending(_ path: String, _ index: Int) -> String {
        path + "/" + String(index)
    }

    /// The unescaped segments of `pointer`; `nil` when it is not empty and does not start with "/".
    public static func segments(_ pointer: String) -> [String]? {
        if pointer.isEmpty { return [] }
        guard pointer.hasPrefix("/") else { return nil }
        return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(unescape)
    }

    /// The value `pointer` designates inside `document`, or `nil` when any segment is missing.
    public static func resolve(_ pointer: String, in document: JSONValue) -> JSONValue? {
        guard let segments = segments(pointer) else { return nil }
        var current = document
        for segment in segments {
            switch current {
            case .object(let object):
                guard let next = object[segment] else { return nil }
                current = next
            case .array(let items):
                guard let index = arrayIndex(segment), index < items.count else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Resolves a schema reference written as a URI fragment ("#", "#/$defs/X", with
    /// percent-encoding allowed as RFC 6901 §6 says). Remote references are not followed.
    public static func resolveReference(_ reference: String, in root: JSONValue) -> JSONValue? {
        guard reference.hasPrefix("#") else { return nil }
        let fragment = String(reference.dropFirst())
        let decoded = fragment.contains("%") ? (fragment.removingPercentEncoding ?? fragment) : fragment
        return resolve(decoded, in: root)
    }

    /// Ordering that reads naturally: segment by segment, numeric segments by value, so
    /// "/2" sorts before "/10" and a parent before its children.
    public static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        let a = lhs.split(separator: "/", omittingEmptySubsequences: false)
        let b = rhs.split(separator: "/", omittingEmptySubsequences: false)
        for (x, y) in zip(a, b) where x != y {
            if let i = Int(x), let j = Int(y) { return i < j }
            return x < y
        }
        return a.count < b.count
    }

    private static func arrayIndex(_ segment: String) -> Int? {
        guard !segment.isEmpty, segment.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        guard segment == "0" || !segment.hasPrefix("0") else { return nil }
        return Int(segment)
    }
}
