import Foundation

/// Writes to stdout and flushes at once, so each figure appears as it is measured. The same
/// small type as `toolscope`'s: two executables cannot share a target without a library for it.
enum Console {
    private static let lock = NSLock()

    static func out(_ text: String) {
        lock.withLock {
            try? FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
        }
    }
}
