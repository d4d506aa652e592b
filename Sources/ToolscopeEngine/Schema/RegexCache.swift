import Foundation

/// Compiled `pattern` regular expressions, shared by every validation and lint run.
///
/// The validator runs on every tool call and the same few patterns come back each time, so
/// compiling once matters more than anything else the `pattern` keyword does. Failures are
/// cached too: a bad pattern is reported on every call without being recompiled.
enum RegexCache {
    /// A pattern after compilation: ready to search, or why it could not be compiled.
    enum Entry {
        case compiled(NSRegularExpression)
        case invalid(String)
    }

    /// Enough for every pattern of a large tool set; cleared wholesale when full so a
    /// stream of distinct patterns cannot grow memory without bound.
    static let capacity = 512
    private static let entries = Locked<[String: Entry]>([:])

    static func entry(for pattern: String) -> Entry {
        if let cached = entries.withLock({ $0[pattern] }) { return cached }
        let entry: Entry
        do {
            entry = .compiled(try NSRegularExpression(pattern: pattern, options: []))
        } catch {
            entry = .invalid("it is not a valid regular expression")
        }
        entries.withLock { table in
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[pattern] = entry
        }
        return entry
    }

    /// Whether `pattern` matches anywhere in `text` (JSON Schema patterns are not anchored);
    /// `nil` when the pattern does not compile.
    static func search(_ pattern: String, in text: String) -> Bool? {
        guard case .compiled(let regex) = entry(for: pattern) else { return nil }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return regex.firstMatch(in: text, options: [], range: range) != nil
    }
}
