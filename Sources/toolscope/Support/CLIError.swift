import ArgumentParser
import Foundation

/// Prints an error sentence to stderr and exits with the documented code.
enum CLIExit {
    static let answered: Int32 = 0
    static let unanswered: Int32 = 1
    static let badInput: Int32 = 2
    static let providerFailed: Int32 = 3
    static let cancelled: Int32 = 130

    static func fail(_ message: String, code: Int32 = badInput) -> ExitCode {
        try? FileHandle.standardError.write(contentsOf: Data(("toolscope: " + message + "\n").utf8))
        return ExitCode(code)
    }
}

/// Writes to stdout and flushes at once, so streamed text appears as it arrives. A closed
/// pipe or terminal is not a crash: the throwing write is used and its error dropped.
enum Console {
    private static let lock = NSLock()

    static func out(_ text: String) {
        lock.withLock {
            try? FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
        }
    }

    static func err(_ text: String) {
        lock.withLock { try? FileHandle.standardError.write(contentsOf: Data(text.utf8)) }
    }
}
