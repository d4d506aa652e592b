import Testing
@testable import ToolscopeOpenAI

/// The socket transport's HTTP/1.1 parsing: a response head and a body cut anywhere by socket reads.
@Suite("HTTP/1.1 response decoding")
struct HTTP1DecodingTests {
    /// `payload` in chunks of the given sizes (cycled), with a chunk extension and a trailer.
    static func chunked(_ payload: [UInt8], sizes: [Int]) -> [UInt8] {
        var out: [UInt8] = []
        var offset = 0
        var turn = 0
        while offset < payload.count {
            let size = min(sizes[turn % sizes.count], payload.count - offset)
            let sizeLine = String(size, radix: 16, uppercase: turn % 2 == 0) + (turn % 3 == 1 ? ";name=value" : "")
            out += Array(sizeLine.utf8) + [13, 10] + payload[offset..<(offset + size)] + [13, 10]
            offset += size
            turn += 1
        }
        return out + Array("0\r\nx-trailer: yes\r\n\r\n".utf8)
    }

    static func decode(_ pieces: [ArraySlice<UInt8>], _ framing: HTTP1BodyDecoder.Framing) throws -> (body: [UInt8], decoder: HTTP1BodyDecoder) {
        var decoder = HTTP1BodyDecoder(framing)
        var body: [UInt8] = []
        for piece in pieces {
            try Array(piece).withUnsafeBytes { try decoder.decode($0, into: &body) }
        }
        return (body, decoder)
    }

    @Test("a recorded stream in chunked coding decodes whole when the bytes are cut at any point", arguments: Fixtures.streamNames)
    func everySplitPoint(name: String) throws {
        let payload = try Fixtures.stream(name)
        let wire = Self.chunked(payload, sizes: [1, 17, 300, 4096])
        // Every cut near both ends (size lines, the last chunk, the trailer) and a dense sample
        // of the middle: all of them would take 20 s in a debug build.
        let edges = Array(0...min(2048, wire.count)) + Array(max(0, wire.count - 2048)...wire.count)
        for cut in Set(edges + Array(stride(from: 0, through: wire.count, by: 7))).sorted() {
            let (body, decoder) = try Self.decode([wire[..<cut], wire[cut...]], .chunked)
            #expect(body == payload, "cut at \(cut)")
            #expect(decoder.isComplete && decoder.surplus == 0, "cut at \(cut)")
        }
    }

    @Test("byte at a time, and with bare LF line ends")
    func byteAtATime() throws {
        let payload = Array("data: {\"a\":1}\n\ndata: [DONE]\n\n".utf8)
        let wire = Self.chunked(payload, sizes: [5])
        let (body, decoder) = try Self.decode(wire.indices.map { wire[$0...$0] }, .chunked)
        #expect(body == payload && decoder.isComplete)
        let lf = Array("3\nabc\n0\n\n".utf8)
        let (lfBody, lfDecoder) = try Self.decode([lf[...]], .chunked)
        #expect(lfBody == Array("abc".utf8) && lfDecoder.isComplete)
    }

    @Test("a fixed length ends the body; bytes after it are surplus")
    func contentLength() throws {
        let wire = Array("hello, worldEXTRA".utf8)
        let (body, decoder) = try Self.decode([wire[..<3], wire[3...]], .length(12))
        #expect(body == Array("hello, world".utf8))
        #expect(decoder.isComplete && decoder.surplus == 5)
        #expect(HTTP1BodyDecoder(.length(0)).isComplete)
        #expect(HTTP1BodyDecoder(.none).isComplete)
    }

    @Test("what is missing when the connection closes early is named")
    func missingAtClose() throws {
        #expect(try Self.decode([Array("hel".utf8)[...]], .length(12)).decoder.missingAtClose()?.contains("9 byte(s) before the end of the body") == true)
        #expect(try Self.decode([Array("a\r\nhel".utf8)[...]], .chunked).decoder.missingAtClose()?.contains("7 byte(s) before the end of a chunk") == true)
        #expect(try Self.decode([Array("3\r\nabc\r\n".utf8)[...]], .chunked).decoder.missingAtClose()?.contains("before the last chunk") == true)
        #expect(try Self.decode([Array("0\r\nx-t".utf8)[...]], .chunked).decoder.missingAtClose()?.contains("trailer") == true)
        #expect(try Self.decode([Array("anything".utf8)[...]], .untilClose).decoder.missingAtClose() == nil)
    }

    @Test("broken chunk framing is an error that says what is wrong", arguments: [
        ("zz\r\n", "not a hexadecimal size"),
        ("\r\n", "has no size"),
        ("3\r\nabcd\r\n", "longer than its size"),
        ("3\rX", "CR without LF"),
        ("fffffffffffff\r\n", "larger than 1 TB"),
    ])
    func brokenChunks(wire: String, reason: String) {
        #expect {
            _ = try Self.decode([Array(wire.utf8)[...]], .chunked)
        } throws: { error in
            (error as? HTTP1ResponseHead.Malformed)?.reason.contains(reason) == true
        }
    }

    // MARK: - Heads

    static let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\nX-Twice: a\r\nx-twice: b\r\n\r\nBODY"

    static func parse(_ text: String) throws -> (head: HTTP1ResponseHead, length: Int)? {
        try Array(text.utf8).withUnsafeBytes { try HTTP1ResponseHead.parse($0) }
    }

    @Test("a head is parsed only once all of it is there, wherever the bytes are cut")
    func headSplits() throws {
        let bytes = Array(Self.head.utf8)
        let end = bytes.count - 4
        for cut in 0..<end {
            #expect(try bytes[..<cut].withUnsafeBytes { try HTTP1ResponseHead.parse($0) } == nil, "cut at \(cut)")
        }
        let (head, length) = try #require(try Self.parse(Self.head))
        #expect(length == end)
        #expect(head.status == 200)
        #expect(head.headers["content-type"] == "text/event-stream")
        #expect(head.headers["x-twice"] == "a, b")
        #expect(!head.closesConnection)
        #expect(try head.framing() == .chunked)
    }

    @Test("connection reuse follows the version and the Connection header")
    func connectionHeader() throws {
        #expect(try #require(try Self.parse("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")).head.closesConnection)
        #expect(try #require(try Self.parse("HTTP/1.0 200 OK\r\n\r\n")).head.closesConnection)
        #expect(try !#require(try Self.parse("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\n\r\n")).head.closesConnection)
        #expect(try !#require(try Self.parse("HTTP/1.1 503 Service Unavailable\n\n")).head.closesConnection)
    }

    @Test("the body's framing follows RFC 9112")
    func framing() throws {
        func framing(_ text: String) throws -> HTTP1BodyDecoder.Framing { try #require(try Self.parse(text)).head.framing() }
        #expect(try framing("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n") == .none)
        #expect(try framing("HTTP/1.1 200 OK\r\nContent-Length: 42\r\n\r\n") == .length(42))
        #expect(try framing("HTTP/1.1 200 OK\r\nContent-Length: 42\r\nContent-Length: 42\r\n\r\n") == .length(42))
        #expect(try framing("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 42\r\n\r\n") == .chunked)
        #expect(try framing("HTTP/1.1 200 OK\r\n\r\n") == .untilClose)
        #expect(throws: HTTP1ResponseHead.Malformed.self) { try framing("HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\n") }
        #expect(throws: HTTP1ResponseHead.Malformed.self) { try framing("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n") }
        #expect(throws: HTTP1ResponseHead.Malformed.self) { try framing("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n") }
    }

    @Test("a head that is not HTTP/1.x is refused with the reason", arguments: [
        ("SSH-2.0-OpenSSH_9.6\r\n\r\n", "status line is not HTTP/1.x"),
        ("HTTP/2 200\r\n\r\n", "status line is not HTTP/1.x"),
        ("HTTP/1.1 20 OK\r\n\r\n", "status line is not HTTP/1.x"),
        ("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "has no name"),
        ("HTTP/1.1 200 OK\r\nA: 1\r\n folded\r\n\r\n", "folded"),
        ("HTTP/1.1 200 OK\r\nBad Name: 1\r\n\r\n", "not a token"),
    ])
    func malformedHeads(text: String, reason: String) {
        #expect {
            _ = try Self.parse(text)
        } throws: { error in
            (error as? HTTP1ResponseHead.Malformed)?.reason.contains(reason) == true
        }
    }

    @Test("a head that never ends is refused past 64 KB instead of buffered forever")
    func headLimit() throws {
        let endless = "HTTP/1.1 200 OK\r\n" + String(repeating: "X-Filler: 0123456789\r\n", count: 4000)
        #expect(throws: HTTP1ResponseHead.Malformed.self) { _ = try Self.parse(endless) }
    }
}
