import Foundation
import ToolscopeEngine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small blocking I/O helpers on raw descriptors, retrying on `EINTR`.
enum FileDescriptorIO {
    /// Writes every byte; false when the reader went away (EPIPE) or another error occurred.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN { _ = waitReadable(fd, events: Int16(POLLOUT), milliseconds: 100); continue }
                return false
            }
            offset += n
        }
        return true
    }

    /// Reads what is available (blocking until something is); empty at end of file or on error.
    static func readChunk(_ fd: Int32, maximum: Int = 65536) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: maximum)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, maximum) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return [] }
            return Array(buffer[0..<n])
        }
    }

    /// Waits until `fd` is ready for `events`; false on timeout. A negative timeout waits forever.
    static func waitReadable(_ fd: Int32, events: Int16 = Int16(POLLIN), milliseconds: Int32) -> Bool {
        var p = pollfd(fd: fd, events: events, revents: 0)
        while true {
            let rc = poll(&p, 1, milliseconds)
            if rc < 0 && errno == EINTR { continue }
            return rc > 0
        }
    }
}

/// Splits a byte stream into lines; one reader per descriptor, used from one thread at a time.
final class LineReader {
    enum Result: Equatable {
        case line([UInt8])
        case endOfFile
        case timedOut
    }

    private let fd: Int32
    private var pending: [UInt8] = []

    init(fd: Int32) { self.fd = fd }

    /// The next line without its newline; `deadline` is a `MonotonicClock` time or nil for none.
    func next(deadline: Double?) -> Result {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                return .line(line)
            }
            if let deadline {
                let remaining = deadline - MonotonicClock.now()
                if remaining <= 0 { return .timedOut }
                if !FileDescriptorIO.waitReadable(fd, milliseconds: Int32(min(remaining * 1000 + 1, 2_000_000_000))) { continue }
            }
            let chunk = FileDescriptorIO.readChunk(fd)
            if chunk.isEmpty { return .endOfFile }
            pending += chunk
        }
    }
}

/// Keeps the last `capacity` bytes written to it: the stderr tail shown when a process fails.
final class TailBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private var unread = 0
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func append(_ chunk: [UInt8]) {
        lock.withLock {
            bytes += chunk
            unread = min(unread + chunk.count, capacity)
            if bytes.count > capacity { bytes.removeFirst(bytes.count - capacity) }
        }
    }

    /// The kept text, decoded leniently, trimmed of surrounding whitespace.
    var text: String {
        lock.withLock { String(decoding: bytes, as: UTF8.self) }.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What arrived since the last call (as far as it is still kept); the text stays for `text`.
    func takeNew() -> String {
        lock.withLock {
            defer { unread = 0 }
            return String(decoding: bytes.suffix(unread), as: UTF8.self)
        }.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Returns the kept text and forgets it.
    func take() -> String {
        let t = text
        lock.withLock { bytes.removeAll() }
        return t
    }
}

/// Reads a descriptor to its end on a thread of its own, so a child never blocks on a full
/// stderr pipe while the parent waits on stdout.
enum StreamDrain {
    static func start(fd: Int32, into tail: TailBuffer, name: String, onEnd: (@Sendable () -> Void)? = nil) {
        let thread = Thread {
            while true {
                let chunk = FileDescriptorIO.readChunk(fd)
                if chunk.isEmpty { break }
                tail.append(chunk)
            }
            onEnd?()
        }
        thread.name = name
        thread.start()
    }
}
