import Foundation

/// Carries messages from engine threads to the main thread, which owns curses.
///
/// A locked queue holds the messages; each `post` also writes one byte to a pipe whose read end
/// the main loop polls together with stdin, so an engine event wakes the UI at once without
/// busy-waiting and without any curses call off the main thread.
public final class Mailbox<Message: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var queue: [Message] = []
    private let readFD: Int32
    private let writeFD: Int32

    public init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        if readFD >= 0 { close(readFD) }
        if writeFD >= 0 { close(writeFD) }
    }

    /// The descriptor to poll for readability.
    public var fileDescriptor: Int32 { readFD }

    /// Queues `message` and wakes the reader. Safe from any thread.
    public func post(_ message: Message) {
        lock.withLock { queue.append(message) }
        var byte: UInt8 = 1
        // A full pipe already guarantees a wake-up, so a failed write loses nothing.
        _ = write(writeFD, &byte, 1)
    }

    /// Everything queued so far, oldest first; clears the wake-up bytes.
    public func drain() -> [Message] {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(readFD, &buffer, buffer.count) > 0 {}
        return lock.withLock {
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
    }
}
