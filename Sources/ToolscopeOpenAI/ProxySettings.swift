import Foundation

/// The proxies the environment names, read the way the official Python SDKs (httpx, on top of
/// `urllib.request.getproxies`) and curl read them, so one shell setup serves both.
///
/// - `https_proxy` / `HTTPS_PROXY` for `https://` URLs, `http_proxy` / `HTTP_PROXY` for `http://`
///   URLs, `all_proxy` / `ALL_PROXY` for either when the scheme's own variable is unset.
/// - The lower-case name wins over the upper-case one; a lower-case name set to the empty string
///   unsets the upper-case one (as urllib does).
/// - `no_proxy` / `NO_PROXY`: comma-separated; `*` turns proxies off; an IP address or
///   `localhost` matches that host only; `example.com` matches it and its subdomains;
///   `.example.com` (or `*.example.com`) only its subdomains; `host:port` only that port;
///   `http://host` only that scheme. Matching is case-insensitive.
/// - A proxy URL without a scheme is `http://`; `socks5://` (and `socks5h://`) proxies work without
///   credentials; `https://` proxies (TLS to the proxy itself) are refused with a clear message.
///   `user:password@` in an `http://` proxy URL is sent as basic `Proxy-Authorization`.
///
/// Every text that shows a proxy URL masks its credentials (`http://***@host:port`).
public struct ProxySettings: Sendable, Hashable {
    /// One proxy to reach a URL through.
    public struct Server: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable { case http, socks5 }
        public var kind: Kind
        public var host: String
        public var port: Int
        public var user: String?
        public var password: String?
        /// The variable it came from, for messages ("HTTPS_PROXY").
        public var variable: String

        /// The proxy as messages show it: scheme, host and port, credentials masked.
        public var shown: String {
            "\(kind.rawValue)://\(user == nil ? "" : "***@")\(host):\(port)"
        }
    }

    /// What the settings say for one scheme.
    public enum Choice: Sendable, Hashable {
        case direct
        case proxy(Server)
        /// The variable is set but unusable; the message names it (credentials masked).
        case invalid(String)
    }

    /// One `NO_PROXY` entry.
    struct Bypass: Sendable, Hashable {
        var scheme: String?
        /// Lower-cased host or domain, without brackets for IPv6.
        var host: String
        /// Subdomains match (`example.com`, `.example.com`).
        var subdomains: Bool
        /// The host itself matches (not for `.example.com`).
        var exact: Bool
        var port: Int?

        func matches(scheme: String, host candidate: String, port candidatePort: Int) -> Bool {
            if let s = self.scheme, s != scheme { return false }
            if let p = port, p != candidatePort { return false }
            if exact && candidate == host { return true }
            return subdomains && candidate.hasSuffix("." + host)
        }
    }

    var http: Choice
    var https: Choice
    var bypassAll: Bool
    var bypass: [Bypass]

    /// No proxies at all.
    public init() {
        http = .direct
        https = .direct
        bypassAll = false
        bypass = []
    }

    public init(environment: [String: String]) {
        self.init()
        let all = Self.value("all_proxy", environment).map { Self.parse($0.value, variable: $0.name) }
        http = Self.value("http_proxy", environment).map { Self.parse($0.value, variable: $0.name) } ?? all ?? .direct
        https = Self.value("https_proxy", environment).map { Self.parse($0.value, variable: $0.name) } ?? all ?? .direct
        for entry in (Self.value("no_proxy", environment)?.value ?? "").split(separator: ",") {
            let text = entry.trimmingCharacters(in: .whitespaces).lowercased()
            if text.isEmpty { continue }
            if text == "*" {
                bypassAll = true
                continue
            }
            if let rule = Self.bypassRule(text) { bypass.append(rule) }
        }
    }

    /// The proxy for `url` (scheme lower-cased, host as in the URL), after `NO_PROXY`.
    public func choice(scheme: String, host: String, port: Int) -> Choice {
        let scheme = scheme.lowercased()
        let choice = scheme == "https" ? https : http
        guard case .proxy = choice else { return choice }
        var candidate = host.lowercased()
        if candidate.hasPrefix("["), candidate.hasSuffix("]") { candidate = String(candidate.dropFirst().dropLast()) }
        if bypassAll || bypass.contains(where: { $0.matches(scheme: scheme, host: candidate, port: port) }) { return .direct }
        return choice
    }

    /// The lower-case variable if set (an empty one unsets), else the upper-case one if non-empty.
    static func value(_ lowerName: String, _ environment: [String: String]) -> (name: String, value: String)? {
        if let lower = environment[lowerName] {
            let trimmed = lower.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : (lowerName, trimmed)
        }
        let upperName = lowerName.uppercased()
        if let upper = environment[upperName]?.trimmingCharacters(in: .whitespaces), !upper.isEmpty { return (upperName, upper) }
        return nil
    }

    /// Parses a proxy URL ("http://user:pass@host:3128", "host:3128", "socks5://host").
    static func parse(_ raw: String, variable: String) -> Choice {
        let shownRaw = mask(raw)
        let text = raw.contains("://") ? raw : "http://" + raw
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            return .invalid("\(variable)=\(shownRaw) is not a proxy URL (expected http://host:port)")
        }
        let kind: Server.Kind
        switch scheme {
        case "http": kind = .http
        case "socks5", "socks5h": kind = .socks5
        case "https":
            return .invalid("\(variable)=\(shownRaw): a proxy reached over TLS (https://) is not supported; use an http:// proxy URL")
        default:
            return .invalid("\(variable)=\(shownRaw): the proxy scheme \(scheme) is not supported (http:// or socks5://)")
        }
        guard components.path.isEmpty || components.path == "/" else {
            return .invalid("\(variable)=\(shownRaw) is not a proxy URL: a proxy URL has no path")
        }
        let user = components.user.map { $0.removingPercentEncoding ?? $0 }
        let password = components.password.map { $0.removingPercentEncoding ?? $0 }
        if kind == .socks5, user != nil {
            return .invalid("\(variable)=\(shownRaw): SOCKS proxies with a user name and password are not supported")
        }
        let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return .proxy(Server(kind: kind, host: bareHost, port: components.port ?? (kind == .socks5 ? 1080 : 80),
                             user: user, password: user == nil ? nil : (password ?? ""), variable: variable))
    }

    /// `raw` with everything before the last `@` of its authority replaced by `***`.
    static func mask(_ raw: String) -> String {
        let afterScheme = raw.range(of: "://").map { raw[$0.upperBound...] } ?? raw[...]
        let authorityEnd = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
        guard let at = afterScheme[..<authorityEnd].lastIndex(of: "@") else { return raw }
        return String(raw[..<afterScheme.startIndex]) + "***" + String(raw[at...])
    }

    /// One `NO_PROXY` entry (lower-cased, not `*`).
    static func bypassRule(_ text: String) -> Bypass? {
        var rest = Substring(text)
        var scheme: String?
        if let range = rest.range(of: "://") {
            scheme = String(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        var port: Int?
        if rest.hasPrefix("[") {
            // [::1] or [::1]:8080
            guard let close = rest.firstIndex(of: "]") else { return nil }
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { port = Int(after.dropFirst()) }
            rest = rest[rest.index(after: rest.startIndex)..<close]
        } else if rest.filter({ $0 == ":" }).count == 1, let colon = rest.lastIndex(of: ":") {
            port = Int(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        var host = String(rest)
        var exact = true
        var subdomains = true
        if host.hasPrefix("*.") {
            host.removeFirst(2)
            exact = false
        } else if host.hasPrefix(".") {
            host.removeFirst()
            exact = false
        } else if host.hasPrefix("*") {
            host.removeFirst()
        }
        if host.isEmpty { return nil }
        // An IP address or localhost names one host, never a domain.
        if host == "localhost" || host.contains(":") || host.allSatisfy({ $0.isNumber || $0 == "." }) { subdomains = false; exact = true }
        return Bypass(scheme: scheme, host: host, subdomains: subdomains, exact: exact, port: port)
    }
}
