/// Picks the known names closest to a misspelt one, for "Did you mean …?" answers that let a
/// model correct itself in the next round instead of giving up.
public enum NameSuggester {
    /// One name a suggestion can point at, under any number of spellings (aliases).
    public struct Candidate: Sendable {
        public var display: String
        /// Normalized once here, since the same candidates are searched on every miss.
        public var keys: [String]

        public init(display: String, spellings: [String]) {
            self.display = display
            self.keys = spellings.map(TextKey.normalized)
        }
    }

    /// Up to `limit` display names whose closest spelling is within a length-dependent
    /// distance of `query`, best first; ties keep the candidates' order, so answers are stable.
    public static func closest(to query: String, among candidates: [Candidate], limit: Int = 3) -> [String] {
        let key = TextKey.normalized(query)
        guard !key.isEmpty else { return [] }
        let threshold = allowedDistance(forLength: key.count)
        var scored: [(score: Int, index: Int, display: String)] = []
        for (index, candidate) in candidates.enumerated() {
            let best = candidate.keys.map { score(key, against: $0) }.min() ?? Int.max
            if best <= threshold { scored.append((best, index, candidate.display)) }
        }
        scored.sort { ($0.score, $0.index) < ($1.score, $1.index) }
        var seen = Set<String>()
        return scored.compactMap { seen.insert($0.display).inserted ? $0.display : nil }.prefix(limit).map { $0 }
    }

    /// Short names tolerate one typo, longer ones two or three: a looser rule would
    /// suggest "Rome" for "Lima".
    public static func allowedDistance(forLength length: Int) -> Int {
        switch length {
        case ..<5: return 1
        case ..<9: return 2
        default: return 3
        }
    }

    /// Edit distance, except that a typed start of a longer name ("san fr") or one whole word
    /// of it ("york") counts as a near miss rather than a far one.
    private static func score(_ key: String, against spelling: String) -> Int {
        if spelling == key { return 0 }
        if key.count >= 3, spelling.hasPrefix(key) { return 1 }
        if key.count >= 3, spelling.split(separator: " ").contains(where: { $0 == key }) { return 1 }
        return EditDistance.between(key, spelling)
    }
}
