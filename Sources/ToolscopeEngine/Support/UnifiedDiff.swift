/// A line diff in the unified format (`diff -u`, `git diff`): what a conversion would change,
/// shown before anything is written (`toolscope lint --fix`, the editor's dialect conversion),
/// and, whole (`allLines`), the difference of two variants' tools on the Experiments screen.
public enum UnifiedDiff {
    /// One line of the diff body.
    public enum Line: Sendable, Hashable {
        case context(String)
        case removed(String)
        case added(String)
        /// `@@ -a,b +c,d @@`
        case hunk(String)

        public var text: String {
            switch self {
            case .context(let s): return " " + s
            case .removed(let s): return "-" + s
            case .added(let s): return "+" + s
            case .hunk(let s): return s
            }
        }
    }

    /// The hunks turning `old` into `new` with `context` unchanged lines around each change;
    /// empty when the texts have the same lines.
    public static func lines(old: String, new: String, context: Int = 3) -> [Line] {
        let a = split(old)
        let b = split(new)
        let script = editScript(a, b)
        guard script.contains(where: { $0.kind != .same }) else { return [] }
        // Group changes whose context would touch into one hunk.
        var hunks: [Range<Int>] = []
        for (index, step) in script.enumerated() where step.kind != .same {
            let range = max(0, index - context)..<min(script.count, index + context + 1)
            if let last = hunks.last, range.lowerBound <= last.upperBound {
                hunks[hunks.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                hunks.append(range)
            }
        }
        var out: [Line] = []
        for range in hunks {
            let steps = script[range]
            let oldStart = steps.first!.oldIndex
            let newStart = steps.first!.newIndex
            let oldCount = steps.filter { $0.kind != .added }.count
            let newCount = steps.filter { $0.kind != .removed }.count
            out.append(.hunk("@@ -\(position(oldStart, oldCount)) +\(position(newStart, newCount)) @@"))
            for step in steps {
                switch step.kind {
                case .same: out.append(.context(a[step.oldIndex]))
                case .removed: out.append(.removed(a[step.oldIndex]))
                case .added: out.append(.added(b[step.newIndex]))
                }
            }
        }
        return out
    }

    /// Every line of both texts in order, each unchanged (`.context`), removed or added, without
    /// hunk headers: for a view that shows the whole document with its changes marked.
    public static func allLines(old: String, new: String) -> [Line] {
        let a = split(old)
        let b = split(new)
        return editScript(a, b).map { step in
            switch step.kind {
            case .same: return .context(a[step.oldIndex])
            case .removed: return .removed(a[step.oldIndex])
            case .added: return .added(b[step.newIndex])
            }
        }
    }

    /// The whole diff as text, with `---`/`+++` headers; empty when nothing changes.
    public static func text(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let body = lines(old: old, new: new, context: context)
        guard !body.isEmpty else { return "" }
        return (["--- " + oldName, "+++ " + newName] + body.map(\.text)).joined(separator: "\n") + "\n"
    }

    // MARK: - Edit script

    private enum Kind { case same, removed, added }

    /// One step of the script; indices are where it stands in each text (0-based), also for
    /// steps that do not consume a line of that text.
    private struct Step {
        var kind: Kind
        var oldIndex: Int
        var newIndex: Int
    }

    private static func split(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// "start,count" (1-based); an empty range names the line before it, as diff does.
    private static func position(_ start: Int, _ count: Int) -> String {
        count == 0 ? "\(start),0" : "\(start + 1),\(count)"
    }

    /// A shortest edit script by longest common subsequence. Tool documents are hundreds of
    /// lines, so the quadratic table is small; common head and tail are skipped first.
    private static func editScript(_ a: [String], _ b: [String]) -> [Step] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let midA = Array(a[prefix..<(a.count - suffix)])
        let midB = Array(b[prefix..<(b.count - suffix)])
        let n = midA.count, m = midB.count
        // lcs[i][j]: the common subsequence length of midA[i...] and midB[j...].
        var lcs = [Int](repeating: 0, count: (n + 1) * (m + 1))
        if n > 0, m > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lcs[i * (m + 1) + j] = midA[i] == midB[j] ? lcs[(i + 1) * (m + 1) + j + 1] + 1
                        : max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1])
                }
            }
        }
        var steps: [Step] = (0..<prefix).map { Step(kind: .same, oldIndex: $0, newIndex: $0) }
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, midA[i] == midB[j] {
                steps.append(Step(kind: .same, oldIndex: prefix + i, newIndex: prefix + j))
                i += 1; j += 1
            } else if i < n, j == m || lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1] {
                steps.append(Step(kind: .removed, oldIndex: prefix + i, newIndex: prefix + j))
                i += 1
            } else {
                steps.append(Step(kind: .added, oldIndex: prefix + i, newIndex: prefix + j))
                j += 1
            }
        }
        for k in 0..<suffix { steps.append(Step(kind: .same, oldIndex: a.count - suffix + k, newIndex: b.count - suffix + k)) }
        return steps
    }
}
