import Foundation

/// Remembers the wrapped lines of conversation blocks, keyed by block index, for one width,
/// fold setting and messages revision. A 10,000-message session is drawn by wrapping only the
/// blocks on screen, and each of those only once per width.
public final class BlockCache: @unchecked Sendable {
    private struct Key: Hashable {
        var revision: Int
        var width: Int
        var expanded: Bool
    }

    private let lock = NSLock()
    private var key = Key(revision: -1, width: -1, expanded: false)
    private var entries: [Int: [StyledLine]] = [:]

    public init() {}

    /// The cached lines of `block`, computing them with `make` on a miss.
    func lines(block: Int, revision: Int, width: Int, expanded: Bool, make: () -> [StyledLine]) -> [StyledLine] {
        let k = Key(revision: revision, width: width, expanded: expanded)
        if let hit = lock.withLock({ () -> [StyledLine]? in
            if key != k { key = k; entries.removeAll(keepingCapacity: true) }
            return entries[block]
        }) { return hit }
        let made = make()
        lock.withLock { if key == k { entries[block] = made } }
        return made
    }

    var count: Int { lock.withLock { entries.count } }
}
