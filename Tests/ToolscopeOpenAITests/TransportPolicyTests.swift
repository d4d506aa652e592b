import Foundation
import Testing
@testable import ToolscopeOpenAI
import ToolscopeEngine

/// The transport's own decisions on top of AsyncHTTPClient: which redirects are followed (and
/// how), gzip bodies, and the proxy settings read from the environment.
@Suite("HTTP transport policies", .serialized)
struct TransportPolicyTests {
    typealias Server = ScriptedHTTPServer

    static func redirect(_ status: Int, to location: String) -> [UInt8] {
        Array("HTTP/1.1 \(status) Redirect\r\nlocation: \(location)\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".utf8)
    }

    static func send(_ spec: HTTPRequestSpec) async throws -> HTTPResponse {
        try await HTTPTransportTests.withDeadline(10) { try await AsyncHTTPClientTransport().send(spec) }
    }

    // MARK: - Redirects

    @Test("307, 308, 301 and 302 to the same server are followed with the POST and its body", arguments: [307, 308, 301, 302])
    func followedKeepingPost(status: Int) async throws {
        let server = try Server(connections: [[.write(Self.redirect(status, to: "/v2/chat/completions"))],
                                              [.write(HTTPTransportTests.plain(#"{"ok":true}"#, close: true))]])
        let response = try await Self.send(HTTPTransportTests.spec(server))
        #expect(response.status == 200)
        #expect(try await response.body.collect() == Array(#"{"ok":true}"#.utf8))
        let requests = server.receivedRequests.map { String(decoding: $0, as: UTF8.self) }
        #expect(requests.count == 2)
        let second = try #require(requests.last)
        #expect(second.hasPrefix("POST /v2/chat/completions HTTP/1.1"), "\(second)")
        #expect(second.hasSuffix(#"{"model":"m"}"#), "the body goes along: \(second)")
    }

    @Test("a 303 for a POST is not followed and the message names the target")
    func seeOtherRefused() async throws {
        let server = try Server([.write(Self.redirect(303, to: "/v1/elsewhere"))])
        do {
            _ = try await Self.send(HTTPTransportTests.spec(server))
            Issue.record("a POST must not become a GET")
        } catch let error as TransportError {
            #expect(error.kind == .invalidURL)
            #expect(error.message.contains("303") && error.message.contains("/v1/elsewhere") && error.message.contains("GET"), "\(error.message)")
        }
        #expect(server.receivedRequests.count == 1)
    }

    @Test("a redirect to another server, or from https to http, is not followed", arguments: [
        ("http://127.0.0.1:9/v1/chat/completions", "http://127.0.0.1:1/v1/chat/completions", "another server"),
        ("http://127.0.0.1:9/v1/chat/completions", "http://example.com/v1/chat/completions", "another server"),
        ("https://api.example.com/v1/chat/completions", "http://api.example.com/v1/chat/completions", "https to http"),
    ])
    func crossOriginRefused(from: String, to: String, reason: String) throws {
        let request = HTTPRequestSpec(url: from, headers: ["x-api-key": "sk-secret"], body: [1])
        do {
            _ = try RedirectPolicy.next(after: 308, location: to, request: request, redirects: 0)
            Issue.record("followed \(from) -> \(to)")
        } catch {
            #expect(error.message.contains(reason) && error.message.contains(to), "\(error.message)")
        }
    }

    @Test("http to https on the same host is followed; a sixth redirect is not; a 200 is no redirect")
    func upgradeAndLimit() throws {
        let request = HTTPRequestSpec(url: "http://api.example.com/v1/chat/completions", headers: [:], body: [1])
        let next = try RedirectPolicy.next(after: 301, location: "https://api.example.com/v1/chat/completions", request: request, redirects: 0)
        #expect(next?.url == "https://api.example.com/v1/chat/completions")
        #expect(next?.method == "POST" && next?.body == [1])
        #expect(throws: TransportError.self) {
            try RedirectPolicy.next(after: 307, location: "/v1/x", request: request, redirects: RedirectPolicy.maxRedirects)
        }
        #expect(try RedirectPolicy.next(after: 200, location: "/v1/x", request: request, redirects: 0) == nil)
    }

    @Test("redirects that loop end with a clear error after the limit")
    func loopEnds() async throws {
        let loop = Array(repeating: [Server.Step.write(Self.redirect(307, to: "/v1/chat/completions"))], count: RedirectPolicy.maxRedirects + 1)
        let server = try Server(connections: loop)
        do {
            _ = try await Self.send(HTTPTransportTests.spec(server))
            Issue.record("expected the redirect limit")
        } catch let error as TransportError {
            #expect(error.message.contains("more than \(RedirectPolicy.maxRedirects) redirects"), "\(error.message)")
        }
        #expect(server.receivedRequests.count == RedirectPolicy.maxRedirects + 1)
    }

    // MARK: - gzip

    /// `bytes` gzip-compressed by Python's `gzip` module (an independent implementation).
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import gzip,sys; sys.stdout.buffer.write(gzip.compress(sys.stdin.buffer.read()))"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, data.count > 18 else { throw Server.Failure("python3 could not gzip") }
        return Array(data)
    }

    @Test("a gzip'd JSON body arrives decompressed, and the request said it accepts gzip")
    func gzipJSON() async throws {
        let json = Array((#"{"choices":[{"message":{"content":""# + String(repeating: "abc ", count: 500) + #""}}]}"#).utf8)
        let packed = try Self.gzip(json)
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-encoding: gzip\r\ncontent-length: \(packed.count)\r\nconnection: close\r\n\r\n"
        let server = try Server([.write(Array(head.utf8) + packed)])
        let response = try await Self.send(HTTPTransportTests.spec(server))
        #expect(try await response.body.collect() == json)
        let request = String(decoding: server.receivedRequest, as: UTF8.self).lowercased()
        #expect(request.contains("accept-encoding: deflate, gzip"), "\(request)")
    }

    @Test("a gzip'd event stream, sent in pieces over time, arrives decompressed event by event")
    func gzipStream() async throws {
        let events = (0..<50).flatMap(Server.event)
        let packed = try Self.gzip(events)
        let third = packed.count / 3
        let head = Array("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncontent-encoding: gzip\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n".utf8)
        let server = try Server([.write(head + Server.chunk(Array(packed[..<third]))), .pause(0.05),
                                 .write(Server.chunk(Array(packed[third..<2 * third]))), .pause(0.05),
                                 .write(Server.chunk(Array(packed[(2 * third)...])) + Server.lastChunk)])
        let transport = AsyncHTTPClientTransport()
        let bytes = try await HTTPTransportTests.onTransportExecutor(transport, server.baseURL) {
            let response = try await transport.send(HTTPTransportTests.spec(server))
            return try await HTTPTransportTests.readAll(response).bytes
        }
        #expect(bytes == events)
    }

    // MARK: - Proxy settings

    @Test("the scheme's own variable, then ALL_PROXY; lower case wins; an empty lower-case one unsets")
    func proxyVariables() {
        func shown(_ env: [String: String], _ scheme: String) -> String {
            switch ProxySettings(environment: env).choice(scheme: scheme, host: "api.example.com", port: 443) {
            case .direct: "direct"
            case .proxy(let server): "\(server.shown) \(server.variable)"
            case .invalid(let message): "invalid: \(message)"
            }
        }
        #expect(shown([:], "https") == "direct")
        #expect(shown(["HTTPS_PROXY": "http://p:3128"], "https") == "http://p:3128 HTTPS_PROXY")
        #expect(shown(["HTTPS_PROXY": "http://p:3128"], "http") == "direct")
        #expect(shown(["HTTP_PROXY": "p:8080"], "http") == "http://p:8080 HTTP_PROXY")
        #expect(shown(["https_proxy": "http://lower:1", "HTTPS_PROXY": "http://upper:2"], "https") == "http://lower:1 https_proxy")
        #expect(shown(["https_proxy": "", "HTTPS_PROXY": "http://upper:2"], "https") == "direct")
        #expect(shown(["ALL_PROXY": "socks5://s"], "https") == "socks5://s:1080 ALL_PROXY")
        #expect(shown(["ALL_PROXY": "socks5://s", "http_proxy": "http://h:3"], "http") == "http://h:3 http_proxy")
        #expect(shown(["HTTPS_PROXY": "http://user:hunter2@p:3128"], "https") == "http://***@p:3128 HTTPS_PROXY")
    }

    @Test("a proxy URL that cannot be used is named, with its credentials masked", arguments: [
        ("https://user:hunter2@p:443", "TLS"),
        ("ftp://p:21", "ftp"),
        ("socks5://user:hunter2@p", "SOCKS"),
        ("http://user:hunter2@p:3128/path", "no path"),
    ])
    func invalidProxy(value: String, reason: String) async throws {
        let env = ["HTTPS_PROXY": value]
        guard case .invalid(let message) = ProxySettings(environment: env).choice(scheme: "https", host: "api.example.com", port: 443) else {
            Issue.record("\(value) accepted")
            return
        }
        #expect(message.contains("HTTPS_PROXY") && message.contains(reason), "\(message)")
        #expect(!message.contains("hunter2"), "\(message)")
        // The transport refuses the request with the same message, before connecting anywhere.
        do {
            _ = try await AsyncHTTPClientTransport(environment: env).send(HTTPRequestSpec(url: "https://api.example.com/v1", headers: [:], body: []))
            Issue.record("sent despite \(value)")
        } catch {
            #expect(error.kind == .invalidURL && error.message == message)
        }
    }

    @Test("NO_PROXY: *, hosts with their subdomains, .domains, IP addresses, ports and schemes")
    func noProxy() {
        func direct(_ noProxy: String, _ host: String, scheme: String = "https", port: Int = 443) -> Bool {
            let settings = ProxySettings(environment: ["ALL_PROXY": "http://p:3128", "no_proxy": noProxy])
            return settings.choice(scheme: scheme, host: host, port: port) == .direct
        }
        #expect(direct("*", "api.openai.com"))
        #expect(direct("example.com", "example.com"))
        #expect(direct("example.com", "api.EXAMPLE.com"))
        #expect(!direct("example.com", "notexample.com"))
        #expect(!direct(".example.com", "example.com"))
        #expect(direct(".example.com", "api.example.com"))
        #expect(direct("*.example.com", "api.example.com"))
        #expect(direct("localhost, 127.0.0.1", "127.0.0.1", scheme: "http", port: 8080))
        #expect(!direct("127.0.0.1", "127.0.0.10", scheme: "http", port: 8080))
        #expect(direct("::1", "[::1]", scheme: "http", port: 8080))
        #expect(direct("example.com:8443", "example.com", port: 8443))
        #expect(!direct("example.com:8443", "example.com", port: 443))
        #expect(direct("http://example.com", "example.com", scheme: "http", port: 80))
        #expect(!direct("http://example.com", "example.com", scheme: "https", port: 443))
        #expect(!direct("", "example.com"))
    }

    @Test("a proxy's credentials never appear in a message, and a refused proxy is named")
    func proxyRefusedMasked() async throws {
        let port = try HTTPTransportTests.closedPort()
        let env = ["HTTP_PROXY": "http://user:hunter2@127.0.0.1:\(port)"]
        do {
            _ = try await HTTPTransportTests.withDeadline(10) {
                try await AsyncHTTPClientTransport(environment: env).send(HTTPRequestSpec(url: "http://127.0.0.1:9/v1/chat/completions", headers: [:], body: []))
            }
            Issue.record("expected a refusal")
        } catch let error as TransportError {
            #expect(error.kind == .connectionRefused, "\(error)")
            #expect(error.message.contains("proxy http://***@127.0.0.1:\(port) (HTTP_PROXY)"), "\(error.message)")
            #expect(!error.message.contains("hunter2"))
        }
    }
}
