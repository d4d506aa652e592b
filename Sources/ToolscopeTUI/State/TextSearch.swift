/// A search over rows of text (the detail and raw views): the query, the rows that match it and
/// which match is current. Matching ignores case; a row matches once however often the query
/// occurs in it (every occurrence is highlighted when drawn).
public struct TextSearch: Sendable, Hashable {
    public var query: String
    public private(set) var rows: [Int] = []
    public private(set) var current = 0

    public init(query: String, in lines: [String], from row: Int) {
        self.query = query
        find(in: lines, from: row)
    }

    /// Finds the matches in `lines` and makes current the first at or after `row` (wrapping).
    public mutating func find(in lines: [String], from row: Int) {
        let needle = query.lowercased()
        rows = needle.isEmpty ? [] : lines.indices.filter { lines[$0].lowercased().contains(needle) }
        current = rows.firstIndex { $0 >= row } ?? 0
    }

    public var currentRow: Int? { rows.isEmpty ? nil : rows[current] }

    /// Moves to the next (`forward`) or previous match, wrapping around the ends.
    public mutating func advance(forward: Bool) {
        guard !rows.isEmpty else { return }
        current = (current + (forward ? 1 : rows.count - 1)) % rows.count
    }

    /// "3 of 17", or "no match" — what the footer says.
    public var status: String {
        rows.isEmpty ? "/\(query): no match" : "/\(query): \(current + 1) of \(rows.count)"
    }

    /// The character ranges of `query` in `text` (case ignored), for highlighting.
    public static func ranges(of query: String, in text: String) -> [Range<Int>] {
        let needle = Array(query.lowercased())
        let hay = Array(text.lowercased())
        // Lower-casing can change a character count (rare: "İ"); then nothing is highlighted
        // rather than the wrong cells.
        guard !needle.isEmpty, hay.count == text.count, needle.count <= hay.count else { return [] }
        var out: [Range<Int>] = []
        var i = 0
        while i + needle.count <= hay.count {
            if Array(hay[i..<(i + needle.count)]) == needle {
                out.append(i..<(i + needle.count))
                i += needle.count
            } else {
                i += 1
            }
        }
        return out
    }
}
