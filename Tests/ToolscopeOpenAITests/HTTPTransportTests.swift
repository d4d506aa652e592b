import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import ToolscopeOpenAI
import ToolscopeEngine

/// The transport (AsyncHTTPClient) against a server that controls how bytes are cut into socket
/// writes: batching, cancellation, abandoned bodies, broken connections, kept-alive connections.
@Suite("HTTP transport", .serialized)
struct HTTPTransportTests {
    typealias Server = ScriptedHTTPServer

    /// Runs `body` on the transport's reader executor, as the provider does.
    static func onTransportExecutor<T: Sendable>(_ transport: any HTTPTransport, _ url: String,
                                                 _ body: () async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(transport.readerExecutor) { try await body() }
    }

    /// A complete response with a Content-Length body, kept alive unless `close`.
    static func plain(_ body: String, close: Bool = false) -> [UInt8] {
        Array("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: \(body.utf8.count)\r\n\(close ? "connection: close\r\n" : "")\r\n\(body)".utf8)
    }

    static func spec(_ server: Server) -> HTTPRequestSpec {
        HTTPRequestSpec(url: server.baseURL + "/chat/completions", headers: ["Content-Type": "application/json"],
                        body: Array(#"{"model":"m"}"#.utf8))
    }

    /// The whole body and the number of `next()` results it came in.
    static func readAll(_ response: HTTPResponse) async throws(TransportError) -> (bytes: [UInt8], batches: Int) {
        var bytes: [UInt8] = []
        var batches = 0
        while let batch = try await response.body.next() {
            #expect(!batch.isEmpty, "an empty batch is a wasted wake-up")
            bytes += batch
            batches += 1
        }
        return (bytes, batches)
    }

    static func waitForClientClose(_ server: Server, within seconds: Double) async -> Double? {
        let giveUp = MonotonicClock.now() + seconds
        while MonotonicClock.now() < giveUp {
            if let at = server.closedByClientAt { return at }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
        return server.closedByClientAt
    }

    @Test("AsyncHTTPClient: body parts that arrive together reach a reader on the event loop together, byte for byte")
    func coalescing() async throws {
        let events = (0..<200).map(Server.event)
        let server = try Server([.write(Server.streamHead + events.flatMap(Server.chunk) + Server.lastChunk)])
        let transport = AsyncHTTPClientTransport()
        let (response, bytes, batches) = try await Self.onTransportExecutor(transport, server.baseURL) {
            let response = try await transport.send(Self.spec(server))
            let (bytes, batches) = try await Self.readAll(response)
            return (response, bytes, batches)
        }
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "text/event-stream")
        #expect(bytes == events.flatMap { $0 })
        // 200 HTTP chunks in one write: a handful of socket reads, not one hand-off per chunk.
        #expect(batches < 40, "\(batches) batches for 200 chunks")
        let request = String(decoding: server.receivedRequest, as: UTF8.self)
        #expect(request.hasPrefix("POST /v1/chat/completions HTTP/1.1"))
        #expect(request.hasSuffix(#"{"model":"m"}"#))
    }

    @Test("a burst of events arrives byte for byte, in order, read on the transport's executor or elsewhere")
    func everyByteInOrder() async throws {
        let events = (0..<200).map(Server.event)
        var steps: [Server.Step] = [.write(Server.streamHead)]
        for n in stride(from: 0, to: 200, by: 20) { steps += [.write(events[n..<n + 20].flatMap(Server.chunk)), .pause(0.001)] }
        for onExecutor in [true, false] {
            let server = try Server(steps + [.write(Server.lastChunk)])
            let transport = AsyncHTTPClientTransport()
            let read = { () async throws -> [UInt8] in
                let response = try await transport.send(Self.spec(server))
                #expect(response.status == 200)
                return try await Self.readAll(response).bytes
            }
            let bytes = onExecutor ? try await Self.onTransportExecutor(transport, server.baseURL, read) : try await read()
            #expect(bytes == events.flatMap { $0 }, "on the transport's executor: \(onExecutor)")
        }
    }

    @Test("nothing listening is 'connection refused' naming host and port")
    func refused() async throws {
        let port = try Self.closedPort()
        do {
            _ = try await Self.withDeadline(5) {
                try await AsyncHTTPClientTransport().send(HTTPRequestSpec(url: "http://127.0.0.1:\(port)/v1/chat/completions", headers: [:], body: []))
            }
            Issue.record("expected a refusal")
        } catch let error as TransportError {
            #expect(error.kind == .connectionRefused)
            #expect(error.message.contains("127.0.0.1:\(port)"), "\(error.message)")
        }
    }

    @Test("a kept-alive connection serves the next request")
    func keepAlive() async throws {
        // One connection only: a second connect would never be answered.
        let server = try Server(connections: [[.write(Self.plain(#"{"n":1}"#)), .readRequest, .write(Self.plain(#"{"n":2}"#, close: true))]])
        let transport = AsyncHTTPClientTransport()
        for n in 1...2 {
            let body = try await Self.withDeadline(5) {
                try await transport.send(Self.spec(server)).body.collect()
            }
            #expect(body == Array(#"{"n":\#(n)}"#.utf8))
        }
        #expect(server.receivedRequests.count == 2)
    }

    /// A port on 127.0.0.1 that was just free (bound without listening, then closed).
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw Server.Failure("could not bind a port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Fails the test (by cancelling, which the transports honour) if `body` takes longer than `seconds`.
    static func withDeadline<T: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await body() }
        let watchdog = Task {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
            task.cancel()
        }
        defer { watchdog.cancel() }
        return try await task.value
    }

    @Test("cancelling a reader that waits for the body aborts the request at once")
    func cancellation() async throws {
        let server = try Server([.write(Server.streamHead + Server.chunk(Server.event(0)))])
        let transport = AsyncHTTPClientTransport()
        let reader = Task { () async -> (TransportError?, Int) in
            do throws(TransportError) {
                let response = try await transport.send(Self.spec(server))
                var batches = 0
                while try await response.body.next() != nil { batches += 1 }
                return (nil, batches)
            } catch {
                return (error, -1)
            }
        }
        try await Task.sleep(nanoseconds: 300_000_000)
        let cancelledAt = MonotonicClock.now()
        reader.cancel()
        let (error, _) = await reader.value
        #expect(error?.kind == .cancelled)
        #expect(MonotonicClock.now() - cancelledAt < 0.5)
        let closed = await Self.waitForClientClose(server, within: 3)
        #expect(closed != nil, "the connection should be closed, not left waiting for the rest of the body")
    }

    @Test("a body dropped before its end is aborted, not left to fill a buffer")
    func abandonedBody() async throws {
        let server = try Server([.write(Server.streamHead + Server.chunk(Server.event(0)))])
        let transport = AsyncHTTPClientTransport()
        do {
            let response = try await transport.send(Self.spec(server))
            #expect(try await response.body.next() == Server.event(0))
        }
        let closed = await Self.waitForClientClose(server, within: 3)
        #expect(closed != nil)
    }

    @Test("a connection that breaks in the middle of the body is a typed error after the bytes that came")
    func brokenBody() async throws {
        let server = try Server([.write(Server.streamHead + Server.chunk(Server.event(0)) + Array("40\r\ndata: {".utf8)), .pause(0.05), .hangUp])
        let transport = AsyncHTTPClientTransport()
        let response = try await transport.send(Self.spec(server))
        var received: [UInt8] = []
        var failure: TransportError?
        do throws(TransportError) {
            while let batch = try await response.body.next() { received += batch }
        } catch {
            failure = error
        }
        #expect(received.starts(with: Server.event(0)))
        let error = try #require(failure)
        #expect(error.kind == .connectionClosed, "\(error)")
        #expect(error.message.contains("127.0.0.1:\(server.port)"))
    }

    @Test("events that arrive just before the connection breaks are still read")
    func burstBeforeHangUp() async throws {
        let burst = (1...3).map(Server.event).flatMap(Server.chunk)
        let server = try Server([.write(Server.streamHead + Server.chunk(Server.event(0))), .pause(0.05), .write(burst), .hangUp])
        let transport = AsyncHTTPClientTransport()
        let (received, error) = try await Self.onTransportExecutor(transport, server.baseURL) { () async throws -> ([UInt8], TransportError?) in
            let response = try await transport.send(Self.spec(server))
            var received: [UInt8] = []
            do throws(TransportError) {
                while let batch = try await response.body.next() { received += batch }
            } catch {
                return (received, error)
            }
            return (received, nil)
        }
        #expect(received == (0...3).flatMap(Server.event))
        #expect(error?.kind == .connectionClosed)
    }

    @Test("a body several times the AsyncHTTPClient high-water mark, read late, arrives whole")
    func largeBodyReadLate() async throws {
        let piece = (0..<16384).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let count = (3 * ResponseReceiver.highWater) / piece.count
        let head = Array("HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n".utf8)
        let server = try Server([.write(head)] + (0..<count).map { _ in .write(Server.chunk(piece)) } + [.write(Server.lastChunk)])
        let transport = AsyncHTTPClientTransport()
        let response = try await transport.send(Self.spec(server))
        try await Task.sleep(nanoseconds: 300_000_000)  // let the server run ahead of the reader
        let (bytes, _) = try await Self.readAll(response)
        #expect(bytes.count == count * piece.count)
        #expect(bytes == Array(repeating: piece, count: count).flatMap { $0 })
    }

    @Test("a server that closes before answering fails the request with a typed error")
    func closedBeforeHead() async throws {
        let server = try Server([.hangUp])
        let transport = AsyncHTTPClientTransport()
        do {
            _ = try await transport.send(Self.spec(server))
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .connectionClosed, "\(error)")
        }
    }
}
