import Foundation
import Testing
@testable import ToolscopeOpenAI

@Suite("Retry decisions")
struct RetryPolicyTests {
    private let noJitter = RetryPolicy(maxRetries: 2, jitter: { 0 })
    private let fullJitter = RetryPolicy(maxRetries: 2, jitter: { 0.999_999 })

    private func delay(_ d: RetryPolicy.Decision) -> Double? {
        if case .retry(let after, _) = d { return after }
        return nil
    }

    @Test("retries exactly 408, 409, 429 and 5xx", arguments: [400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504, 599])
    func retryableStatuses(status: Int) {
        let d = noJitter.decide(.status(status, headers: [:]), retriesSoFar: 0)
        let expected = [408, 409, 429].contains(status) || status >= 500
        #expect((delay(d) != nil) == expected)
    }

    @Test("exponential backoff 0.5, 1, 2, 4, 8, capped at 8, jitter takes off at most 25 %")
    func backoff() {
        let p = RetryPolicy(maxRetries: 10, jitter: { 0 })
        #expect((0..<7).map { p.backoff(retriesSoFar: $0) } == [0.5, 1, 2, 4, 8, 8, 8])
        #expect(abs(fullJitter.backoff(retriesSoFar: 0) - 0.375) < 1e-5)
        #expect(abs(fullJitter.backoff(retriesSoFar: 5) - 6) < 1e-4)
        for _ in 0..<200 {
            let d = RetryPolicy(maxRetries: 2).backoff(retriesSoFar: 1)
            #expect(d > 0.75 - 1e-9 && d <= 1)
        }
    }

    @Test("timeouts and connection errors are retried; a started response never is")
    func transportFailures() {
        #expect(delay(noJitter.decide(.timeout, retriesSoFar: 0)) == 0.5)
        #expect(delay(noJitter.decide(.connection, retriesSoFar: 1)) == 1)
        guard case .giveUp(let reason) = noJitter.decide(.afterResponseStarted, retriesSoFar: 0) else {
            Issue.record("retried a started response"); return
        }
        #expect(reason.contains("already started"))
    }

    @Test("no retries left after maxRetries")
    func exhausted() {
        guard case .giveUp(let reason) = noJitter.decide(.status(500, headers: [:]), retriesSoFar: 2) else {
            Issue.record("retried past the limit"); return
        }
        #expect(reason.contains("no retries left"))
        #expect(delay(RetryPolicy(maxRetries: 0).decide(.timeout, retriesSoFar: 0)) == nil)
    }

    @Test("retry-after-ms wins over Retry-After; seconds may be fractional")
    func retryAfterHeaders() {
        #expect(delay(noJitter.decide(.status(429, headers: ["retry-after-ms": "250", "retry-after": "9"]), retriesSoFar: 0)) == 0.25)
        #expect(delay(noJitter.decide(.status(429, headers: ["retry-after": "1.5"]), retriesSoFar: 0)) == 1.5)
        #expect(delay(noJitter.decide(.status(503, headers: ["retry-after": "0"]), retriesSoFar: 0)) == 0)
        // Unreadable values fall back to backoff.
        #expect(delay(noJitter.decide(.status(503, headers: ["retry-after": "soon"]), retriesSoFar: 0)) == 0.5)
        #expect(delay(noJitter.decide(.status(503, headers: ["retry-after": "-3"]), retriesSoFar: 0)) == 0.5)
    }

    @Test("Retry-After as an HTTP date is measured against now")
    func retryAfterDate() throws {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let p = RetryPolicy(maxRetries: 2, jitter: { 0 }, now: { now })
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let header = formatter.string(from: now.addingTimeInterval(30))
        let d = try #require(delay(p.decide(.status(429, headers: ["retry-after": header]), retriesSoFar: 0)))
        #expect(abs(d - 30) < 0.001)
        let past = formatter.string(from: now.addingTimeInterval(-30))
        #expect(delay(p.decide(.status(429, headers: ["retry-after": past]), retriesSoFar: 0)) == 0)
    }

    @Test("a wait above 120 s is not retried at all, and says why")
    func tooLong() {
        guard case .giveUp(let reason) = noJitter.decide(.status(429, headers: ["retry-after": "121"]), retriesSoFar: 0) else {
            Issue.record("retried despite Retry-After 121"); return
        }
        #expect(reason.contains("121"))
        #expect(reason.contains("120"))
        #expect(delay(noJitter.decide(.status(429, headers: ["retry-after": "120"]), retriesSoFar: 0)) == 120)
    }

    @Test("x-should-retry overrides the status rule both ways")
    func shouldRetryHeader() {
        #expect(delay(noJitter.decide(.status(400, headers: ["x-should-retry": "true"]), retriesSoFar: 0)) == 0.5)
        #expect(delay(noJitter.decide(.status(503, headers: ["x-should-retry": "false"]), retriesSoFar: 0)) == nil)
    }
}
