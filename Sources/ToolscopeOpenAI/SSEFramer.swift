/// Turns the bytes of a `text/event-stream` body into events, whatever the network did to them.
///
/// Network reads split a stream at arbitrary bytes — inside a line, between CR and LF, inside a
/// multi-byte character — so the framer keeps the unfinished line between `feed` calls and
/// never assumes a read holds whole events. It follows the WHATWG event-stream rules: lines end
/// in CRLF, LF or CR; `:` starts a comment; `data:` lines of one event are joined with "\n";
/// `event:`, `id:` and `retry:` are kept; unknown fields are ignored; a blank line ends the event (the spec calls this "dispatch").
///
/// It is a value type with no locks: one framer belongs to one response body.
public struct SSEFramer: Sendable {
    private var line: [UInt8] = []
    private var data: [UInt8] = []
    private var eventType: String?
    private var lastID: String?
    private var retry: Int?
    /// The previous byte was CR, so an LF that follows belongs to the same line ending.
    private var pendingCR = false
    private var atStreamStart = true
    /// Bytes seen since the last event ended; non-zero at the end means an event was cut off.
    private var bytesInEvent = 0

    public init() {}

    /// Feeds the next bytes of the body and returns the events they completed.
    public mutating func feed(_ bytes: [UInt8]) -> [SSEEvent] {
        var events: [SSEEvent] = []
        bytes.withUnsafeBufferPointer { feed($0, into: &events) }
        return events
    }

    /// Feeds bytes, appending completed events to `events`: the allocation-free form for hot loops.
    public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, into events: inout [SSEEvent]) {
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var start = 0
        var i = 0
        let count = bytes.count
        if pendingCR, count > 0 {
            pendingCR = false
            if bytes[0] == lf { start = 1; i = 1 }
        }
        while i < count {
            let b = bytes[i]
            if b == lf || b == cr {
                let piece = UnsafeBufferPointer(rebasing: bytes[start..<i])
                if line.isEmpty {
                    processLine(piece, into: &events)
                } else {
                    line.append(contentsOf: piece)
                    let whole = line
                    line.removeAll(keepingCapacity: true)
                    whole.withUnsafeBufferPointer { processLine($0, into: &events) }
                }
                i += 1
                if b == cr {
                    if i < count {
                        if bytes[i] == lf { i += 1 }
                    } else {
                        pendingCR = true
                    }
                }
                start = i
            } else {
                i += 1
            }
        }
        if start < count {
            line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<count]))
            bytesInEvent += count - start
        }
    }

    /// True when the body so far ends inside an event (an unfinished line or a missing blank line).
    public var hasIncompleteEvent: Bool { bytesInEvent > 0 || !line.isEmpty || !data.isEmpty }

    /// Call at the end of the body. Returns the event that was cut off — its lines so far, as if
    /// the blank line had come — so the caller can say what was lost (or, leniently, accept a
    /// final `[DONE]` whose blank line never came). Per the spec such an event is dropped.
    public mutating func finish() -> SSEEvent? {
        if !line.isEmpty {
            let whole = line
            line.removeAll()
            var ignored: [SSEEvent] = []
            whole.withUnsafeBufferPointer { processField($0, events: &ignored) }
        }
        defer {
            data.removeAll()
            eventType = nil
            bytesInEvent = 0
        }
        guard !data.isEmpty else { return nil }
        if data.last == UInt8(ascii: "\n") { data.removeLast() }
        return SSEEvent(event: eventType, data: data, id: lastID, retry: retry)
    }

    private mutating func processLine(_ rawLine: UnsafeBufferPointer<UInt8>, into events: inout [SSEEvent]) {
        var lineBytes = rawLine
        if atStreamStart {
            atStreamStart = false
            if lineBytes.count >= 3, lineBytes[0] == 0xEF, lineBytes[1] == 0xBB, lineBytes[2] == 0xBF {
                lineBytes = UnsafeBufferPointer(rebasing: lineBytes[3...])
            }
        }
        if lineBytes.isEmpty {
            endEvent(into: &events)
            return
        }
        bytesInEvent += lineBytes.count + 1
        processField(lineBytes, events: &events)
    }

    private mutating func processField(_ lineBytes: UnsafeBufferPointer<UInt8>, events: inout [SSEEvent]) {
        let colon = UInt8(ascii: ":")
        if lineBytes.first == colon { return }  // a comment, often a keep-alive
        var nameEnd = lineBytes.count
        var valueStart = lineBytes.count
        for j in 0..<lineBytes.count where lineBytes[j] == colon {
            nameEnd = j
            valueStart = j + 1
            if valueStart < lineBytes.count, lineBytes[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
            break
        }
        let name = UnsafeBufferPointer(rebasing: lineBytes[0..<nameEnd])
        let value = UnsafeBufferPointer(rebasing: lineBytes[valueStart...])
        if Self.equals(name, "data") {
            data.append(contentsOf: value)
            data.append(UInt8(ascii: "\n"))
        } else if Self.equals(name, "event") {
            eventType = String(decoding: value, as: UTF8.self)
        } else if Self.equals(name, "id") {
            if !value.contains(0) { lastID = String(decoding: value, as: UTF8.self) }
        } else if Self.equals(name, "retry") {
            if !value.isEmpty, value.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                retry = Int(String(decoding: value, as: UTF8.self))
            }
        }
    }

    private mutating func endEvent(into events: inout [SSEEvent]) {
        bytesInEvent = 0
        defer {
            data.removeAll(keepingCapacity: true)
            eventType = nil
            retry = nil
        }
        guard !data.isEmpty else { return }
        data.removeLast()  // the "\n" after the last data line
        events.append(SSEEvent(event: eventType, data: data, id: lastID, retry: retry))
    }

    private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<bytes.count where bytes[k] != w[k] { return false }
        return true
    }
}
