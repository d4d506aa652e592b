/// The status line and headers of an HTTP/1.x response, and what they say about its body.
struct HTTP1ResponseHead: Sendable, Equatable {
    /// What the head or body broke (the transport prefixes the host and port).
    struct Malformed: Error, Equatable {
        var reason: String
    }

    var status: Int
    /// Names lower-cased; repeated headers joined with ", " (as `HTTPResponse` promises).
    var headers: [String: String]
    /// HTTP/1.0 without `keep-alive`, or `Connection: close`: the server closes after this response.
    var closesConnection: Bool

    /// Heads larger than this are refused rather than buffered without bound.
    static let sizeLimit = 64 << 10

    /// Parses the head at the start of `bytes`. Returns the head and the number of bytes it
    /// took, or `nil` when its end has not arrived yet.
    static func parse(_ bytes: UnsafeRawBufferPointer) throws(Malformed) -> (head: HTTP1ResponseHead, length: Int)? {
        guard let end = endOfHead(bytes) else {
            if bytes.count > sizeLimit { throw Malformed(reason: "the response head is larger than \(sizeLimit >> 10) KB") }
            return nil
        }
        var lines = split(lines: bytes[..<end])
        guard !lines.isEmpty else { throw Malformed(reason: "the response has no status line") }
        let statusLine = lines.removeFirst()
        let (minorVersion, status) = try parseStatusLine(statusLine)
        var headers: [String: String] = [:]
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else {
                throw Malformed(reason: "a header line has no name: \(excerpt(line))")
            }
            if line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t") {
                throw Malformed(reason: "a header line is folded (obsolete and refused): \(excerpt(line))")
            }
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            guard name.utf8.allSatisfy(isTokenByte) else { throw Malformed(reason: "a header name is not a token: \(excerpt(line))") }
            let value = String(decoding: trimmed(line[(colon + 1)...]), as: UTF8.self)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        let connection = Set((headers["connection"] ?? "").lowercased().split(separator: ",").map { $0.trimmingSpaces })
        let closes = connection.contains("close") || (minorVersion == 0 && !connection.contains("keep-alive"))
        return (HTTP1ResponseHead(status: status, headers: headers, closesConnection: closes), end)
    }

    /// How the body that follows this head is delimited (RFC 9112 §6.3), for a response to a
    /// request other than HEAD.
    func framing() throws(Malformed) -> HTTP1BodyDecoder.Framing {
        if (100..<200).contains(status) || status == 204 || status == 304 { return .none }
        if let encoding = headers["transfer-encoding"] {
            let codings = encoding.lowercased().split(separator: ",").map { $0.trimmingSpaces }
            guard codings.last == "chunked" else {
                throw Malformed(reason: "the body's transfer encoding \"\(encoding)\" is not supported")
            }
            guard codings.count == 1 else {
                throw Malformed(reason: "the body's transfer encoding \"\(encoding)\" is not supported (only chunked)")
            }
            return .chunked
        }
        if let lengthText = headers["content-length"] {
            // Repeated identical values ("42, 42") are allowed; differing ones are refused.
            let values = Set(lengthText.split(separator: ",").map { $0.trimmingSpaces })
            guard values.count == 1, let value = values.first, !value.isEmpty, value.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                  value.count <= 15, let length = Int(value) else {
                throw Malformed(reason: "the Content-Length \"\(lengthText)\" is not a valid length")
            }
            return .length(length)
        }
        return .untilClose
    }

    // MARK: - Pieces

    private static func endOfHead(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            if bytes[i] == 10 {
                // LF LF or LF CR LF ends the head.
                if i + 1 < n && bytes[i + 1] == 10 { return i + 2 }
                if i + 2 < n && bytes[i + 1] == 13 && bytes[i + 2] == 10 { return i + 3 }
            }
            i += 1
        }
        return nil
    }

    private static func split(lines bytes: Slice<UnsafeRawBufferPointer>) -> [ArraySlice<UInt8>] {
        let all = Array(bytes)[...]
        return all.split(separator: 10, omittingEmptySubsequences: false).map { line in
            line.last == 13 ? line.dropLast() : line
        }.filter { !$0.isEmpty }
    }

    private static func parseStatusLine(_ line: ArraySlice<UInt8>) throws(Malformed) -> (minor: Int, status: Int) {
        let text = String(decoding: line, as: UTF8.self)
        let parts = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[0].count == 8, let minor = Int(parts[0].dropFirst(7)),
              parts[1].count == 3, let status = Int(parts[1]), (100...999).contains(status) else {
            throw Malformed(reason: "the status line is not HTTP/1.x: \(excerpt(line))")
        }
        return (minor, status)
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, first == 32 || first == 9 { slice = slice.dropFirst() }
        while let last = slice.last, last == 32 || last == 9 { slice = slice.dropLast() }
        return slice
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        default: return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    static func excerpt(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes.prefix(80), as: UTF8.self)
        return "\"" + text + (bytes.count > 80 ? "…" : "") + "\""
    }
}

private extension Substring {
    var trimmingSpaces: String {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
