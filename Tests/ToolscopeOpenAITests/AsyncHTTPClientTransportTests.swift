import Foundation
import Testing
@testable import ToolscopeOpenAI
import ToolscopeEngine

/// The real transport against a server that controls how bytes are cut into socket writes:
/// batching of body parts, read pacing, cancellation, abandoned bodies, broken connections.
@Suite("AsyncHTTPClient transport", .serialized)
struct AsyncHTTPClientTransportTests {
    typealias Server = ScriptedHTTPServer

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

    @Test("body parts that arrive together reach a reader on the event loop together, byte for byte")
    func coalescing() async throws {
        let events = (0..<200).map(Server.event)
        let server = try Server([.write(Server.streamHead + events.flatMap(Server.chunk) + Server.lastChunk)])
        let transport = AsyncHTTPClientTransport(streamReadPacing: 0)
        let (response, bytes, batches) = try await withTaskExecutorPreference(transport.preferredExecutor) {
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

    @Test("a reader on another thread gets every byte, in order")
    func readerElsewhere() async throws {
        let events = (0..<200).map(Server.event)
        var steps: [Server.Step] = [.write(Server.streamHead)]
        for n in stride(from: 0, to: 200, by: 20) { steps += [.write(events[n..<n + 20].flatMap(Server.chunk)), .pause(0.001)] }
        let server = try Server(steps + [.write(Server.lastChunk)])
        let response = try await AsyncHTTPClientTransport(streamReadPacing: 0).send(Self.spec(server))
        let (bytes, _) = try await Self.readAll(response)
        #expect(bytes == events.flatMap { $0 })
    }

    @Test("a paced event stream is read in batches, on the transport's event loop")
    func pacing() async throws {
        var steps: [Server.Step] = [.write(Server.streamHead)]
        for n in 0..<60 { steps += [.write(Server.chunk(Server.event(n))), .pause(0.002)] }
        steps.append(.write(Server.lastChunk))
        let server = try Server(steps)
        let transport = AsyncHTTPClientTransport(streamReadPacing: 0.02)
        let (bytes, batches) = try await withTaskExecutorPreference(transport.preferredExecutor) {
            let response = try await transport.send(Self.spec(server))
            return try await Self.readAll(response)
        }
        #expect(bytes == (0..<60).flatMap(Server.event))
        // 60 writes 2 ms apart, read at most every 20 ms: about two hand-offs per 20 ms.
        #expect(batches <= 30, "\(batches) batches for 60 events written 2 ms apart")
    }

    /// Event 0, then (50 ms later) event 1 and the end, read with a pacing of 0.6 s.
    static func pacedEnd(expectEnd: Bool) async throws -> (bytes: [UInt8], seconds: Double) {
        let server = try Server([.write(Server.streamHead + Server.chunk(Server.event(0))), .pause(0.05),
                                 .write(Server.chunk(Server.event(1)) + Server.lastChunk)])
        let transport = AsyncHTTPClientTransport(streamReadPacing: 0.6)
        return try await withTaskExecutorPreference(transport.preferredExecutor) {
            let response = try await transport.send(Self.spec(server))
            let start = MonotonicClock.now()
            var bytes: [UInt8] = []
            while let batch = try await response.body.next() {
                bytes += batch
                if expectEnd { response.body.expectEnd() }
            }
            return (bytes, MonotonicClock.now() - start)
        }
    }

    @Test("pacing holds the next read back; expectEnd lets the end through at once")
    func pacingEndsEarly() async throws {
        let paced = try await Self.pacedEnd(expectEnd: false)
        #expect(paced.bytes == Server.event(0) + Server.event(1))
        #expect(paced.seconds >= 0.5, "the second read waits for the pacing interval")
        let hurried = try await Self.pacedEnd(expectEnd: true)
        #expect(hurried.bytes == Server.event(0) + Server.event(1))
        #expect(hurried.seconds < 0.4, "\(hurried.seconds) s: the end was held back by the pacing")
    }

    @Test("a plain body is never paced")
    func plainNotPaced() async throws {
        let head = Array("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n".utf8)
        let server = try Server([.write(head + Server.chunk(Array("{\"a\":".utf8))), .pause(0.05),
                                 .write(Server.chunk(Array("1}".utf8)) + Server.lastChunk)])
        let transport = AsyncHTTPClientTransport(streamReadPacing: 0.6)
        let start = MonotonicClock.now()
        let response = try await transport.send(Self.spec(server))
        let (bytes, _) = try await Self.readAll(response)
        #expect(bytes == Array(#"{"a":1}"#.utf8))
        #expect(MonotonicClock.now() - start < 0.4)
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

    /// Event 0, then events 1...3 and a hang-up together; what the reader got and how it ended.
    static func hangUpAfterBurst(pacing: Double) async throws -> ([UInt8], TransportError?) {
        let burst = (1...3).map(Server.event).flatMap(Server.chunk)
        let server = try Server([.write(Server.streamHead + Server.chunk(Server.event(0))), .pause(0.05), .write(burst), .hangUp])
        let transport = AsyncHTTPClientTransport(streamReadPacing: pacing)
        return try await withTaskExecutorPreference(transport.preferredExecutor) {
            let response = try await transport.send(Self.spec(server))
            var received: [UInt8] = []
            do throws(TransportError) {
                while let batch = try await response.body.next() { received += batch }
            } catch {
                return (received, error)
            }
            return (received, nil)
        }
    }

    @Test("events that arrive just before the connection breaks are still read (no pacing, the default)")
    func burstBeforeHangUp() async throws {
        let (received, error) = try await Self.hangUpAfterBurst(pacing: AsyncHTTPClientTransport.defaultStreamReadPacing)
        #expect(received == (0...3).flatMap(Server.event))
        #expect(error?.kind == .connectionClosed)
    }

    @Test("a body larger than the high-water mark read late arrives whole")
    func backpressure() async throws {
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
        await #expect(throws: TransportError.self) { try await AsyncHTTPClientTransport().send(Self.spec(server)) }
    }
}
