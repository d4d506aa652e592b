/// Takes an HTTP/1.1 response body out of the bytes that follow the head, as they arrive in
/// pieces cut anywhere: a fixed length, chunked transfer coding, or everything until close.
///
/// Chunk framing is a byte-level state machine (sizes in hex, extensions and trailers skipped),
/// so a socket read that ends inside a size line, between CR and LF, or in the middle of data
/// needs no buffering of its own; payload is copied out in runs.
struct HTTP1BodyDecoder: Sendable {
    enum Framing: Sendable, Equatable {
        /// No body (1xx, 204, 304).
        case none
        case length(Int)
        case chunked
        /// HTTP/1.0 style: the body ends when the server closes the connection.
        case untilClose
    }

    private enum ChunkState: Sendable {
        case size, extensions, sizeLF, data, dataCR, dataLF, trailerLineStart, trailerLine, finalLF
    }

    let framing: Framing
    private(set) var isComplete: Bool
    /// Bytes that came after the end of the body. The server should send none (toolscope does
    /// not pipeline), so a connection with any is not reused.
    private(set) var surplus = 0
    private var remaining: Int
    private var chunk = ChunkState.size
    private var sawSizeDigit = false
    private var lineLength = 0

    /// Chunk sizes above this are refused (a corrupt size line would otherwise wait forever).
    static let maxChunkSize = 1 << 40
    static let maxLineLength = 8 << 10

    init(_ framing: Framing) {
        self.framing = framing
        switch framing {
        case .none:
            isComplete = true
            remaining = 0
        case .length(let length):
            isComplete = length == 0
            remaining = length
        case .chunked, .untilClose:
            isComplete = false
            remaining = 0
        }
    }

    /// Appends the body bytes found in `input` to `output`.
    mutating func decode(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(HTTP1ResponseHead.Malformed) {
        guard !isComplete else {
            surplus += input.count
            return
        }
        switch framing {
        case .none:
            surplus += input.count
        case .untilClose:
            output.append(contentsOf: input)
        case .length:
            let take = min(remaining, input.count)
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[..<take]))
            remaining -= take
            surplus += input.count - take
            if remaining == 0 { isComplete = true }
        case .chunked:
            try decodeChunked(input, into: &output)
        }
    }

    /// The server closed the connection: `nil` when that properly ends this body, else what was missing.
    func missingAtClose() -> String? {
        if isComplete { return nil }
        switch framing {
        case .none, .untilClose:
            return nil
        case .length:
            return "the connection closed \(remaining) byte(s) before the end of the body (Content-Length)"
        case .chunked:
            switch chunk {
            case .data: return "the connection closed \(remaining) byte(s) before the end of a chunk"
            case .trailerLineStart, .trailerLine, .finalLF: return "the connection closed inside the body's trailer"
            default: return "the connection closed before the last chunk of the body"
            }
        }
    }

    private mutating func decodeChunked(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(HTTP1ResponseHead.Malformed) {
        var i = 0
        let n = input.count
        while i < n {
            if isComplete {
                surplus += n - i
                return
            }
            if chunk == .data {
                let take = min(remaining, n - i)
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[i..<(i + take)]))
                i += take
                remaining -= take
                if remaining == 0 { chunk = .dataCR }
                continue
            }
            let byte = input[i]
            i += 1
            switch chunk {
            case .size:
                if let digit = Self.hexValue(byte) {
                    remaining = remaining * 16 + digit
                    sawSizeDigit = true
                    guard remaining <= Self.maxChunkSize else { throw malformed("a chunk size is larger than 1 TB") }
                } else if byte == 13 || byte == 10 || byte == UInt8(ascii: ";") || byte == 32 || byte == 9 {
                    guard sawSizeDigit else { throw malformed("a chunk size line has no size") }
                    if byte == 10 { endOfSizeLine() } else { chunk = byte == 13 ? .sizeLF : .extensions }
                    lineLength = 0
                } else {
                    throw malformed("a chunk size line holds \(Self.describe(byte)), not a hexadecimal size")
                }
            case .extensions:
                lineLength += 1
                guard lineLength <= Self.maxLineLength else { throw malformed("a chunk extension is longer than 8 KB") }
                if byte == 10 { endOfSizeLine() }
            case .sizeLF:
                guard byte == 10 else { throw malformed("a chunk size line has a CR without LF") }
                endOfSizeLine()
            case .dataCR:
                if byte == 13 { chunk = .dataLF } else if byte == 10 { chunk = .size } else {
                    throw malformed("a chunk is longer than its size says")
                }
            case .dataLF:
                guard byte == 10 else { throw malformed("a chunk is longer than its size says") }
                chunk = .size
            case .trailerLineStart:
                if byte == 13 { chunk = .finalLF } else if byte == 10 { isComplete = true } else {
                    chunk = .trailerLine
                    lineLength = 1
                }
            case .trailerLine:
                lineLength += 1
                guard lineLength <= Self.maxLineLength else { throw malformed("a trailer line is longer than 8 KB") }
                if byte == 10 { chunk = .trailerLineStart }
            case .finalLF:
                guard byte == 10 else { throw malformed("the body's last line has a CR without LF") }
                isComplete = true
            case .data:
                break
            }
        }
    }

    private mutating func endOfSizeLine() {
        sawSizeDigit = false
        chunk = remaining == 0 ? .trailerLineStart : .data
    }

    private func malformed(_ reason: String) -> HTTP1ResponseHead.Malformed {
        HTTP1ResponseHead.Malformed(reason: reason)
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 48...57: return Int(byte - 48)
        case 65...70: return Int(byte - 55)
        case 97...102: return Int(byte - 87)
        default: return nil
        }
    }

    private static func describe(_ byte: UInt8) -> String {
        (32..<127).contains(byte) ? "\"\(Character(Unicode.Scalar(byte)))\"" : "byte 0x" + String(byte, radix: 16)
    }
}
