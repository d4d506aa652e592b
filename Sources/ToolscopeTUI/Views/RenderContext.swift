import Foundation

/// The caches of drawing, owned by whoever draws frames (the workbench, a benchmark, a test)
/// and kept out of `AppState`, which stays a plain value.
///
/// Every entry is kept with the value it was made from and used only while that value is
/// unchanged, so the cache invalidates itself: no reducer has to remember to bump anything, and
/// drawing with a context, with another one or with none gives the same cells. A context serves
/// one terminal, so one `CellMeasure`.
///
/// Today it holds the wrapped lines of conversation messages: a 10,000-message session is
/// drawn by wrapping only the blocks on screen, and each of those once per width.
public final class RenderContext: @unchecked Sendable {
    /// The context of the action being reduced (`Reducer.reduce(_:_:context:)` binds it), so the
    /// conversation's scrolling measures with the cache the renderer fills without threading it
    /// through every key handler. Nil (tests calling `reduce` alone) measures afresh: the same
    /// result, only slower.
    @TaskLocal static var current: RenderContext?

    private struct MessageEntry {
        var block: ConversationLines.MessageBlock
        var lines: [StyledLine]
    }

    private let lock = NSLock()
    private var width = -1
    private var messages: [Int: MessageEntry] = [:]
    /// One past the highest cached block index.
    private var messagesEnd = 0

    public init() {}

    /// The lines of the message block at `index` drawn `width` cells wide: the cached ones when
    /// they were made from an equal `block`, else `make()`'s, remembered. Comparing the block
    /// itself is cheap when nothing changed (its strings and arrays share storage with the
    /// state's) and exact when something did.
    func messageLines(index: Int, block: ConversationLines.MessageBlock, width: Int,
                      make: () -> [StyledLine]) -> [StyledLine] {
        let hit = lock.withLock { () -> [StyledLine]? in
            if self.width != width { self.width = width; messages.removeAll(keepingCapacity: true); messagesEnd = 0 }
            guard let entry = messages[index], entry.block == block else { return nil }
            return entry.lines
        }
        if let hit { return hit }
        let made = make()
        lock.withLock {
            guard self.width == width else { return }
            messages[index] = MessageEntry(block: block, lines: made)
            messagesEnd = max(messagesEnd, index + 1)
        }
        return made
    }

    /// Forgets the blocks at `count` and beyond (a shorter conversation was opened), so the cache
    /// never holds more than the longest conversation shown at once.
    func keepMessages(below count: Int) {
        lock.withLock {
            guard messagesEnd > count else { return }
            messages = messages.filter { $0.key < count }
            messagesEnd = count
        }
    }

    /// Number of cached message blocks (for tests and the benchmark's memory figure).
    var cachedMessageCount: Int { lock.withLock { messages.count } }
}
