import Foundation

/// Decides whether a failed attempt is tried again, and after how long, the way the official
/// `openai-python` SDK does — so toolscope behaves against a server as the user's own code will.
///
/// A pure function of the failure, the response headers and the attempt number: no clock reads
/// except through `now`, and jitter comes from an injectable source, so every decision is testable.
public struct RetryPolicy: Sendable {
    /// What went wrong with one attempt, as far as retrying cares.
    public enum Failure: Sendable, Hashable {
        /// The server answered with this status (and these lower-cased headers).
        case status(Int, headers: [String: String])
        /// Connect timeout or read timeout before the response began.
        case timeout
        /// Could not connect, or the connection broke before the response began.
        case connection
        /// The response had already begun (a 200 stream): never retried.
        case afterResponseStarted
    }

    public enum Decision: Sendable, Hashable {
        case retry(after: Double, reason: String)
        case giveUp(reason: String)
    }

    /// Retries after the first attempt; the SDK's default is 2.
    public var maxRetries: Int
    /// Longest server-requested wait that is honoured; above it the request is not retried.
    public var maxRetryAfter: Double = 120
    public var initialDelay: Double = 0.5
    public var maxDelay: Double = 8
    /// Returns a value in 0..<1; the backoff is shortened by up to 25 % of it.
    public var jitter: @Sendable () -> Double
    /// The current wall-clock time, for `Retry-After` given as an HTTP date.
    public var now: @Sendable () -> Date

    public init(maxRetries: Int = 2,
                jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.maxRetries = max(0, maxRetries)
        self.jitter = jitter
        self.now = now
    }

    /// `retriesSoFar` is 0 after the first attempt failed, 1 after the second, and so on.
    public func decide(_ failure: Failure, retriesSoFar: Int) -> Decision {
        let description: String
        var headers: [String: String] = [:]
        switch failure {
        case .afterResponseStarted:
            return .giveUp(reason: "the response had already started, so it is not retried")
        case .timeout:
            description = "timed out"
        case .connection:
            description = "connection failed"
        case .status(let status, let h):
            headers = h
            description = "HTTP \(status)"
            switch h["x-should-retry"]?.lowercased() {
            case "false"?:
                return .giveUp(reason: "\(description) and the server said x-should-retry: false")
            case "true"?:
                break
            default:
                guard Self.isRetryable(status: status) else {
                    return .giveUp(reason: "\(description) is not a retryable status")
                }
            }
        }
        guard retriesSoFar < maxRetries else {
            return .giveUp(reason: "\(description); no retries left (max \(maxRetries))")
        }
        if let requested = serverRequestedDelay(headers) {
            if requested.seconds > maxRetryAfter {
                return .giveUp(reason: "\(description) and the server asked to wait \(Self.format(requested.seconds)) s (\(requested.source)), more than \(Self.format(maxRetryAfter)) s, so it is not retried")
            }
            return .retry(after: requested.seconds,
                          reason: "\(description); waiting \(Self.format(requested.seconds)) s as \(requested.source) asks")
        }
        let delay = backoff(retriesSoFar: retriesSoFar)
        return .retry(after: delay, reason: "\(description); backing off \(Self.format(delay)) s")
    }

    /// `min(0.5 · 2ⁿ, 8)` seconds, shortened by up to 25 % of jitter.
    public func backoff(retriesSoFar: Int) -> Double {
        let base = min(initialDelay * pow(2, Double(min(retriesSoFar, 30))), maxDelay)
        let j = min(max(jitter(), 0), 1)
        return base * (1 - 0.25 * j)
    }

    /// 408, 409, 429 and every 5xx, as the SDK retries.
    public static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 409 || status == 429 || (500...599).contains(status)
    }

    /// `retry-after-ms`, then `Retry-After` (seconds or an HTTP date). Negative or unreadable values count as absent.
    func serverRequestedDelay(_ headers: [String: String]) -> (seconds: Double, source: String)? {
        if let ms = headers["retry-after-ms"].flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }), ms >= 0, ms.isFinite {
            return (ms / 1000, "retry-after-ms")
        }
        guard let raw = headers["retry-after"]?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(raw) {
            return seconds >= 0 && seconds.isFinite ? (seconds, "Retry-After") : nil
        }
        if let date = Self.parseHTTPDate(raw) {
            return (max(0, date.timeIntervalSince(now())), "Retry-After (date)")
        }
        return nil
    }

    /// RFC 9110 IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the only form servers send today.
    static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }

    static func format(_ seconds: Double) -> String {
        let rounded = (seconds * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
