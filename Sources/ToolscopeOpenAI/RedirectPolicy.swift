import Foundation

/// Which redirects toolscope follows, decided here rather than left to AsyncHTTPClient's defaults
/// (which follow to any host, keep custom key headers such as `x-api-key` on the way, allow
/// https → http, and turn a POST answered with 301/302 into a bodiless GET).
///
/// Followed, at most `maxRedirects` times: 307 and 308 (method and body kept), and 301 and 302
/// with the method and body kept (RFC 9110 allows it; a chat request turned into a GET could only
/// fail), to the same origin or from `http://` to `https://` on the same host. Refused with a
/// message naming the target (so the base URL can be fixed): a 303 for a POST (it asks for a
/// GET), a redirect to another host or port (the request carries the API key), https → http,
/// a non-HTTP target, and one redirect too many.
enum RedirectPolicy {
    static let maxRedirects = 5
    static let statuses: Set<Int> = [301, 302, 303, 307, 308]

    /// The request to send next, or `nil` when `status` is not a redirect to follow (the
    /// response is then the answer); throws when it is a redirect that must not be followed.
    static func next(after status: Int, location: String?, request: HTTPRequestSpec,
                     redirects: Int) throws(TransportError) -> HTTPRequestSpec? {
        guard statuses.contains(status), let location, !location.isEmpty, let from = URL(string: request.url) else { return nil }
        let what = "\(request.url) answered \(status) with Location: \(location)"
        guard let to = URL(string: location, relativeTo: from)?.absoluteURL,
              let toScheme = to.scheme?.lowercased(), ["http", "https"].contains(toScheme), let toHost = to.host, !toHost.isEmpty else {
            throw TransportError(.invalidURL, "\(what); not followed: the target is not an http(s) URL")
        }
        if redirects >= maxRedirects {
            throw TransportError(.invalidURL, "\(what); not followed: more than \(maxRedirects) redirects in a row")
        }
        let fromScheme = from.scheme?.lowercased() ?? "http"
        if fromScheme == "https", toScheme == "http" {
            throw TransportError(.invalidURL, "\(what); not followed: it would send the request unencrypted (https to http)")
        }
        let sameHost = (from.host ?? "").lowercased() == toHost.lowercased()
        let samePort = port(from) == port(to)
        let upgrade = fromScheme == "http" && toScheme == "https"
        guard sameHost, samePort || upgrade else {
            throw TransportError(.invalidURL, "\(what); not followed: it points to another server, and the request carries the API key (use that URL as the base URL if it is right)")
        }
        var next = request
        next.url = to.absoluteString
        if status == 303 {
            guard request.method == "GET" || request.method == "HEAD" else {
                throw TransportError(.invalidURL, "\(what); not followed: 303 See Other asks for a GET, and this request must stay a \(request.method)")
            }
        }
        return next
    }

    private static func port(_ url: URL) -> Int {
        url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
    }
}
