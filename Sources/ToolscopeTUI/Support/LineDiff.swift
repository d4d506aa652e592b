/// A readable line diff (longest common subsequence): what the difference between two
/// variants' tool definitions shows. Pretty-printed tool JSON is a few hundred lines at most,
/// so the quadratic table is small.
enum LineDiff {
    enum Line: Hashable, Sendable {
        case same(String)
        case removed(String)
        case added(String)
    }

    static func lines(old: String, new: String) -> [Line] {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // common[i][j]: length of the longest common subsequence of a[i...] and b[j...].
        var common = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                common[i][j] = a[i] == b[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var out: [Line] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                out.append(.same(a[i])); i += 1; j += 1
            } else if j < b.count, i == a.count || common[i][j + 1] >= common[i + 1][j] {
                out.append(.added(b[j])); j += 1
            } else {
                out.append(.removed(a[i])); i += 1
            }
        }
        return out
    }

    /// The diff as the detail dialog shows it: `- ` removed, `+ ` added, unchanged lines dim.
    static func styled(_ lines: [Line]) -> [StyledLine] {
        lines.map { line in
            switch line {
            case .same(let s): return StyledLine("  " + s, Style(.dim))
            case .removed(let s): return StyledLine("- " + s, Style(.error))
            case .added(let s): return StyledLine("+ " + s, Style(.success))
            }
        }
    }
}
