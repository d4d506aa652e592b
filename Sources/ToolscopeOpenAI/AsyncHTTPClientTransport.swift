import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ToolscopeEngine

/// The one HTTP transport: AsyncHTTPClient, which streams response bodies as they arrive, reports
/// connection and TLS failures as typed errors, and aborts a request when its task is cancelled.
///
/// Around it, three decisions of toolscope's own (docs/providers.md, "HTTP clients"):
/// - proxies from the environment as the official SDKs read them (`ProxySettings`);
/// - redirects followed by `RedirectPolicy`, not by AHC (whose defaults are too trusting);
/// - gzip and deflate bodies decompressed (AHC then sends `Accept-Encoding: deflate, gzip`),
///   at most `decompressionLimit` bytes per response.
///
/// One `HTTPClient` per connect timeout and proxy is shared process-wide (clients own connection
/// pools and their proxy, so one per request would be wasteful); `shutdownShared()` closes them.
/// Connection establishment is not retried inside AHC: `RetryPolicy` decides retries, and a
/// refused connection should be reported at once rather than after the connect timeout.
public struct AsyncHTTPClientTransport: HTTPTransport {
    /// Decompressed bytes allowed per response: far above any real answer, far below a zip bomb's.
    public static let decompressionLimit = 64 << 20

    public let proxies: ProxySettings

    public init(proxies: ProxySettings = ProxySettings()) {
        self.proxies = proxies
    }

    /// With the proxies `environment` names (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`).
    public init(environment: [String: String]) {
        self.init(proxies: ProxySettings(environment: environment))
    }

    /// The clients' single event loop: readers that run there get body chunks without a thread switch.
    public var readerExecutor: (any TaskExecutor)? { SharedClients.executor }

    /// The clients' event loop again: a turn that runs there sends and reads on one thread.
    public var ioQueue: (any TurnQueue)? { SharedClients.executor }

    /// A timer on the clients' event loop: set and cancelled from that loop (where attempts run),
    /// it is an entry in the loop's timer heap, with no thread woken and nothing left behind.
    public func schedule(after seconds: Double, _ work: @escaping @Sendable () -> Void) -> ScheduledWork {
        let scheduled = SharedClients.loop.scheduleTask(in: .nanoseconds(Int64(max(0, seconds) * 1e9)), work)
        return ScheduledWork { scheduled.cancel() }
    }

    public func send(_ spec: HTTPRequestSpec) async throws(TransportError) -> HTTPResponse {
        var request = spec
        var redirects = 0
        while true {
            let (head, receiver) = try await start(request)
            let next: HTTPRequestSpec?
            do {
                next = try RedirectPolicy.next(after: Int(head.status.code), location: head.headers.first(name: "location"),
                                               request: request, redirects: redirects)
            } catch {
                receiver.abandon()
                throw error
            }
            guard let next else {
                var responseHeaders: [String: String] = [:]
                for header in head.headers {
                    let name = header.name.lowercased()
                    responseHeaders[name] = responseHeaders[name].map { $0 + ", " + header.value } ?? header.value
                }
                let body = ResponseBodyHandle(receiver)
                return HTTPResponse(status: Int(head.status.code), headers: responseHeaders,
                                    body: HTTPResponseBody(next: { () async throws(TransportError) -> [UInt8]? in try await body.next() }))
            }
            // The redirect's own body is of no interest, but it is read to its end (it is short)
            // so AHC finishes the exchange normally before the next request goes out.
            try await Self.drain(receiver)
            request = next
            redirects += 1
        }
    }

    /// Reads a redirect's body to its end, or abandons it past 64 KiB.
    private static func drain(_ receiver: ResponseReceiver) async throws(TransportError) {
        var total = 0
        while let chunk = try await receiver.next() {
            total += chunk.count
            if total > 1 << 16 {
                receiver.abandon()
                return
            }
        }
    }

    /// Sends one request (no redirects followed) and waits for its response head.
    private func start(_ spec: HTTPRequestSpec) async throws(TransportError) -> (HTTPResponseHead, ResponseReceiver) {
        let target = try RequestTemplates.target(method: spec.method, url: spec.url)
        let host = target.host, port = target.port
        let proxy: ProxySettings.Server?
        switch proxies.choice(scheme: target.scheme, host: host, port: port) {
        case .direct: proxy = nil
        case .proxy(let server): proxy = server
        case .invalid(let message): throw TransportError(.invalidURL, message)
        }
        let client = SharedClients.client(connectTimeout: spec.connectTimeout, proxy: proxy)
        var headers = HTTPHeaders()
        for (name, value) in spec.headers { headers.add(name: name, value: value) }
        var request = target.request
        request.headers = headers
        request.body = .bytes(spec.body)
        // The delegate API rather than `execute(_:deadline:)`'s body sequence: that sequence
        // hands over one chunk per suspension and asks the loop for the next read each time,
        // while the receiver gives the reader everything that arrived since it last asked.
        let receiver = ResponseReceiver(host: host, port: port, connectTimeout: spec.connectTimeout, proxy: proxy)
        // `.delegate(on:)`, not `.delegateAndChannel(on:)`: a request that *requires* a loop gets
        // an "overflow" connection whenever none is idle, and AHC closes those as soon as they
        // are idle, so under any concurrency almost every request opened a new connection (and
        // against a real API, a new TLS handshake). The clients' group is that one loop anyway.
        let task = client.execute(request: request, delegate: receiver,
                                  eventLoop: .delegate(on: SharedClients.loop), deadline: nil, logger: nil)
        receiver.attach(task)
        return (try await receiver.head(), receiver)
    }

    /// Closes every shared client; call once at process exit (further requests create new ones).
    public static func shutdownShared() async {
        for client in SharedClients.takeAll() {
            try? await client.shutdown()
        }
    }

    /// Maps AHC, NIO and system errors to one sentence that says what failed and where.
    /// Through a proxy, a connection failure is the proxy's, and the message says so.
    static func translate(_ error: any Error, host: String, port: Int, connectTimeout: Double,
                          proxy: ProxySettings.Server?) -> TransportError {
        guard let proxy else { return translate(error, host: host, port: port, connectTimeout: connectTimeout) }
        if let e = error as? HTTPClientError {
            switch e {
            case .proxyAuthenticationRequired:
                return TransportError(.connectionRefused, "the proxy \(proxy.shown) (\(proxy.variable)) asked for credentials (407 Proxy Authentication Required)")
            case .invalidProxyResponse:
                return TransportError(.connectionRefused, "the proxy \(proxy.shown) (\(proxy.variable)) would not open a tunnel to \(host):\(port)")
            case .httpProxyHandshakeTimeout, .socksHandshakeTimeout:
                return TransportError(.connectTimeout, "the proxy \(proxy.shown) (\(proxy.variable)) did not answer in time")
            default:
                break
            }
        }
        var translated = translate(error, host: host, port: port, connectTimeout: connectTimeout)
        if translated.kind == .connectionRefused {
            translated.message = "connection refused: nothing is listening on the proxy \(proxy.shown) (\(proxy.variable))"
        } else if translated.kind != .cancelled {
            translated.message += " (through the proxy \(proxy.shown) from \(proxy.variable))"
        }
        return translated
    }

    static func translate(_ error: any Error, host: String, port: Int, connectTimeout: Double) -> TransportError {
        if error is CancellationError { return TransportError(.cancelled, "the request was cancelled") }
        if let e = error as? HTTPClientError {
            switch e {
            case .connectTimeout:
                return TransportError(.connectTimeout, "could not connect to \(host):\(port) within the connect timeout of \(RetryPolicy.format(connectTimeout)) s")
            case .readTimeout:
                return TransportError(.readTimeout, "\(host):\(port) stopped sending (read timeout)")
            case .remoteConnectionClosed:
                return TransportError(.connectionClosed, "\(host):\(port) closed the connection before the response was complete")
            case .cancelled, .requestStreamCancelled:
                return TransportError(.cancelled, "the request was cancelled")
            case .deadlineExceeded:
                return TransportError(.readTimeout, "the request to \(host):\(port) passed its deadline")
            case .tlsHandshakeTimeout:
                return TransportError(.tls, "the TLS handshake with \(host):\(port) timed out")
            case .invalidURL, .emptyHost, .emptyScheme:
                return TransportError(.invalidURL, "the URL for \(host):\(port) is not valid (\(e))")
            default:
                break
            }
        }
        if let e = error as? HTTPParserError, e == .invalidEOFState {
            // The socket closed inside a chunked body or before Content-Length bytes came.
            return TransportError(.connectionClosed, "\(host):\(port) closed the connection before the response was complete")
        }
        let text = String(describing: error)
        let lower = text.lowercased()
        if lower.contains("connection refused") || lower.contains("econnrefused") || errno(in: error) == ECONNREFUSED {
            return TransportError(.connectionRefused, "connection refused: nothing is listening on \(host):\(port) (is the server running?)")
        }
        if lower.contains("connecttimeout") || lower.contains("connect timeout") {
            return TransportError(.connectTimeout, "could not connect to \(host):\(port) within the connect timeout of \(RetryPolicy.format(connectTimeout)) s")
        }
        if lower.contains("ssl") || lower.contains("tls") || lower.contains("certificate") {
            return TransportError(.tls, "TLS with \(host):\(port) failed: \(text)")
        }
        if lower.contains("dns") || lower.contains("resolv") || lower.contains("unknown host") || lower.contains("name or service") {
            return TransportError(.dns, "could not resolve the host name \(host): \(text)")
        }
        if lower.contains("reset by peer") || lower.contains("broken pipe") || lower.contains("eof") || lower.contains("closed") {
            return TransportError(.connectionClosed, "the connection to \(host):\(port) broke: \(text)")
        }
        return TransportError(.other, "request to \(host):\(port) failed: \(text)")
    }

    /// Finds an `IOError`'s errno anywhere inside a (possibly nested) error value.
    private static func errno(in error: any Error, depth: Int = 0) -> Int32? {
        if let io = error as? IOError { return io.errnoCode }
        guard depth < 4 else { return nil }
        for child in Mirror(reflecting: error).children {
            if let nested = child.value as? any Error, let code = errno(in: nested, depth: depth + 1) { return code }
            if let list = child.value as? [Any] {
                for item in list {
                    for grandchild in Mirror(reflecting: item).children {
                        if let nested = grandchild.value as? any Error, let code = errno(in: nested, depth: depth + 1) { return code }
                    }
                }
            }
        }
        return nil
    }
}

/// Each URL's parts and an AHC request for it, made once per method and URL: a provider sends
/// every request to one URL, and parsing it (Foundation's `URL`, then AHC's own deconstruction)
/// for every request was about a percent of an experiment's CPU. Keeps the last few.
private enum RequestTemplates {
    struct Target: Sendable {
        var scheme: String
        var host: String
        var port: Int
        /// Method and URL set; headers and body are the caller's.
        var request: HTTPClient.Request
    }

    private static let recent = Locked<[(key: String, target: Target)]>([])

    static func target(method: String, url text: String) throws(TransportError) -> Target {
        let key = method + " " + text
        if let hit = recent.withLock({ entries in entries.first { $0.key == key }?.target }) { return hit }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty else {
            throw TransportError(.invalidURL, "\"\(text)\" is not an http(s) URL")
        }
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        let request: HTTPClient.Request
        do {
            request = try HTTPClient.Request(url: url, method: HTTPMethod(rawValue: method))
        } catch {
            throw AsyncHTTPClientTransport.translate(error, host: host, port: port, connectTimeout: 0)
        }
        let target = Target(scheme: scheme, host: host, port: port, request: request)
        recent.withLock { entries in
            entries.insert((key, target), at: 0)
            if entries.count > 8 { entries.removeLast() }
        }
        return target
    }
}

/// The process-wide clients, one per connect timeout and proxy (AHC sets both per client).
///
/// They all use one loop of NIO's singleton group (an event loop is a group of one) rather than
/// the whole group: then every connection and the task reading its body (which prefers
/// `executor`) are on the same thread. A chat client's I/O is far from filling a core.
private enum SharedClients {
    private struct Key: Hashable {
        var connectMillis: Int
        var proxy: ProxySettings.Server?
    }

    private static let clients = Locked<[Key: HTTPClient]>([:])
    /// Connections kept per host (see `client`).
    static let connectionsPerHost = 64
    static let loop: any EventLoop = HTTPClient.defaultEventLoopGroup.next()
    static let executor = EventLoopTaskExecutor(loop)

    static func client(connectTimeout: Double, proxy: ProxySettings.Server?) -> HTTPClient {
        let key = Key(connectMillis: max(1, Int((connectTimeout * 1000).rounded())), proxy: proxy)
        return clients.withLock { table in
            if let existing = table[key] { return existing }
            var pool = HTTPClient.Configuration.ConnectionPool()
            pool.retryConnectionEstablishment = false
            // Requests beyond this many connections to one host wait for one to be free: AHC's
            // default (8) would quietly cap `eval --concurrency`; the caller bounds concurrency.
            pool.concurrentHTTP1ConnectionsPerHostSoftLimit = SharedClients.connectionsPerHost
            var configuration = HTTPClient.Configuration(
                redirectConfiguration: .disallow,
                timeout: .init(connect: .milliseconds(Int64(key.connectMillis))),
                connectionPool: pool,
                decompression: .enabled(limit: .size(AsyncHTTPClientTransport.decompressionLimit)))
            if let proxy {
                switch proxy.kind {
                case .http:
                    configuration.proxy = .server(host: proxy.host, port: proxy.port,
                                                  authorization: proxy.user.map { .basic(username: $0, password: proxy.password ?? "") })
                case .socks5:
                    configuration.proxy = .socksServer(host: proxy.host, port: proxy.port)
                }
            }
            // toolscope bootstraps no distributed tracing; AHC would otherwise start a no-op
            // span and build its attributes for every request (measurable per streamed round).
            configuration.tracing.tracer = nil
            let client = HTTPClient(eventLoopGroup: loop, configuration: configuration)
            table[key] = client
            return client
        }
    }

    static func takeAll() -> [HTTPClient] {
        clients.withLock { table in
            defer { table.removeAll() }
            return Array(table.values)
        }
    }
}
