/// Undo and redo for a `TextBuffer`, kept as whole-document snapshots.
///
/// Snapshots are cheap because `[String]` is copy-on-write: a snapshot shares every line's
/// storage with the live buffer, and an edit copies only the array of references plus the
/// one or two lines it touches. That keeps the model trivially correct (no inverse edits to
/// get wrong) while staying fast for documents of a few thousand lines.
struct UndoHistory: Sendable, Hashable {
    /// Everything needed to put a buffer back the way it was, cursor included, so that undo
    /// returns the user to where the change happened.
    struct Snapshot: Sendable, Hashable {
        var lines: [String]
        var cursor: TextPosition
        var anchor: TextPosition?
    }

    /// Whether an edit may join the previous step: a run of typed characters is one step,
    /// everything else (paste, newline, delete, line operations) is a step of its own.
    enum EditKind: Sendable, Hashable {
        case typing
        case other
    }

    /// Oldest steps are forgotten beyond this, so a long session cannot grow without bound.
    static let limit = 500

    private(set) var undoStack: [Snapshot] = []
    private(set) var redoStack: [Snapshot] = []
    /// True while the newest undo step is a typing run that the next typed character extends.
    private(set) var isRunOpen = false

    /// Records the state before an edit. A typing edit that continues an open run records
    /// nothing, because the run's first snapshot already restores the state before all of it.
    mutating func record(before: Snapshot?, kind: EditKind) {
        redoStack.removeAll()
        if kind == .typing, isRunOpen { return }
        guard let before else { return }
        undoStack.append(before)
        if undoStack.count > Self.limit { undoStack.removeFirst(undoStack.count - Self.limit) }
        isRunOpen = kind == .typing
    }

    /// Ends the current typing run: the next typed character starts a new undo step.
    mutating func breakRun() { isRunOpen = false }

    /// Pops the newest step, saving `current` so that redo can return to it.
    mutating func undo(current: Snapshot) -> Snapshot? {
        guard let previous = undoStack.popLast() else { return nil }
        redoStack.append(current)
        isRunOpen = false
        return previous
    }

    /// Re-applies the newest undone step, saving `current` so that undo can go back again.
    mutating func redo(current: Snapshot) -> Snapshot? {
        guard let next = redoStack.popLast() else { return nil }
        undoStack.append(current)
        isRunOpen = false
        return next
    }
}
