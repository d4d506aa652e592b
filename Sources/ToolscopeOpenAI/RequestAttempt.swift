import ToolscopeEngine

/// One HTTP attempt of a chat request, watched by a timer.
///
/// The exchange runs as a task of its own on the transport's reader executor; a watchdog, a
/// timer set through the transport (`HTTPTransport.schedule`), enforces the idle-read timeout
/// (no bytes for `readTimeout` seconds, before or during the body) and the overall deadline, per
/// request, independently of the transport — so the same rules hold for AsyncHTTPClient and the
/// in-memory fake, and a stall is reported with whatever had arrived. Whichever ends first
/// decides the outcome: a firing watchdog cancels the exchange.
///
/// A timer rather than a sleeping task: with AsyncHTTPClient it is an entry in the event loop's
/// timer heap, set and cancelled on that loop, where a watchdog task on Swift's pool cost two
/// thread wake-ups per request (its start and its cancellation) and its parent a third.
struct RequestAttempt: Sendable {
    /// What the attempt produced and, when it failed, how the retry policy should see the failure.
    struct Outcome: Sendable {
        var result: Result<ChatResponse, ProviderError>
        /// `nil` when the failure must never be retried (cancelled, or the response had begun).
        var retry: RetryPolicy.Failure?
    }

    /// Shared between the exchange and the watchdog, so a timeout can report what arrived.
    private struct Progress: Sendable {
        var assembler: any WireStreamReader
        var raw: [UInt8] = []
        var rawDropped = 0
        var lastActivity: Double
        var responseStarted = false
        var status = 0
    }

    /// Who decided the attempt: nobody yet, the exchange (its own outcome stands), or the watchdog.
    private enum Decision: Sendable {
        case open
        case exchangeEnded
        case watchdog(Outcome)
    }

    static let rawLimit = 1 << 20

    let wire: any Wire
    let transport: any HTTPTransport
    let spec: HTTPRequestSpec
    let endpoint: OpenAIEndpoint
    let redactor: Redactor
    let streaming: Bool
    let model: String
    let attempt: Int
    let deadlineAt: Double
    /// Where the exchange runs: the transport's I/O thread, where reading each chunk needs no
    /// thread switch.
    let executor: (any TaskExecutor)?
    let onEvent: @Sendable (TraceEvent.Kind) -> Void

    func run() async -> Outcome {
        let started = MonotonicClock.now()
        let progress = Locked(Progress(assembler: wire.makeStreamReader(), lastActivity: started))
        let decision = Locked(Decision.open)
        let exchange = Task(executorPreference: executor) { () -> Outcome in
            let outcome = await self.exchange(progress, started: started)
            decision.withLock { if case .open = $0 { $0 = .exchangeEnded } }
            return outcome
        }
        let timer = Locked<ScheduledWork?>(nil)
        @Sendable func arm(in seconds: Double) {
            let scheduled = transport.schedule(after: seconds) {
                guard case .open = decision.current else { return }
                switch check(progress) {
                case .wait(let next):
                    arm(in: next)
                case .end(let outcome):
                    let decided = decision.withLock { d -> Bool in
                        guard case .open = d else { return false }
                        d = .watchdog(outcome)
                        return true
                    }
                    if decided { exchange.cancel() }
                }
            }
            timer.withLock { $0 = scheduled }
        }
        switch check(progress) {
        case .wait(let first): arm(in: first)
        case .end: arm(in: 0)  // the deadline has passed already: the timer ends the attempt at once
        }
        let outcome = await withTaskCancellationHandler {
            await exchange.value
        } onCancel: {
            exchange.cancel()
        }
        timer.withLock { $0?.cancel() }
        if case .watchdog(let ended) = decision.current { return ended }
        return outcome
    }

    // MARK: - Watchdog

    private enum Check {
        /// Nothing to end yet: look again in this many seconds.
        case wait(Double)
        /// The attempt ends with this timeout.
        case end(Outcome)
    }

    /// Whether the attempt passed its deadline or went quiet for the read timeout, and if not,
    /// when that could next happen.
    private func check(_ progress: Locked<Progress>) -> Check {
        let (last, begun) = progress.withLock { ($0.lastActivity, $0.responseStarted) }
        let now = MonotonicClock.now()
        if now >= deadlineAt {
            var error = failure(progress, kind: .timeout,
                                "the request passed its overall deadline of \(RetryPolicy.format(endpoint.deadline)) s")
            error.message += begun ? "; what arrived is kept but not used as an answer" : ""
            return .end(Outcome(result: .failure(error), retry: nil))
        }
        if now - last >= endpoint.readTimeout {
            let quiet = RetryPolicy.format(endpoint.readTimeout)
            if begun {
                let error = failure(progress, kind: .timeout,
                                    "the response stalled: nothing arrived from \(endpoint.host):\(endpoint.port) for \(quiet) s (read timeout); what arrived is kept but not used as an answer")
                return .end(Outcome(result: .failure(error), retry: nil))
            }
            let error = ProviderError(kind: .timeout,
                                      message: "no response from \(spec.url) within the read timeout of \(quiet) s")
            return .end(Outcome(result: .failure(error), retry: .timeout))
        }
        return .wait(max(0.001, min(last + endpoint.readTimeout, deadlineAt) - now))
    }

    // MARK: - Exchange

    private func exchange(_ progress: Locked<Progress>, started: Double) async -> Outcome {
        let response: HTTPResponse
        do {
            response = try await transport.send(spec)
        } catch {
            if error.kind == .cancelled || Task.isCancelled { return Outcome(result: .failure(cancelled(progress)), retry: nil) }
            return Self.beforeResponse(error)
        }
        progress.withLock {
            $0.lastActivity = MonotonicClock.now()
            $0.responseStarted = (200..<300).contains(response.status)
            $0.status = response.status
        }
        onEvent(.responseStarted(status: response.status, headers: redactor.headers(response.headers), attempt: attempt))

        guard (200..<300).contains(response.status) else {
            let body = (try? await readAll(response.body, progress)) ?? progress.withLock { $0.raw }
            if Task.isCancelled { return Outcome(result: .failure(cancelled(progress)), retry: nil) }
            let error = HTTPErrorReport.error(status: response.status, url: spec.url, model: model, body: body,
                                              endpoint: endpoint, redactor: redactor)
            return Outcome(result: .failure(error), retry: .status(response.status, headers: response.headers))
        }
        let contentType = response.headers["content-type"]?.lowercased() ?? ""
        if streaming && (Self.isEventStream(contentType) || contentType.isEmpty) {
            return await readStream(response.body, progress, started: started)
        }
        return await readWhole(response.body, progress, contentType: contentType)
    }

    /// Whether a (lower-cased) Content-Type names `text/event-stream`, parameters allowed.
    /// By hand: `String.contains` resolves to Foundation's (a bridge to CFString) and the
    /// generic `firstRange(of:)` cost more than reading the response's first chunk.
    static func isEventStream(_ contentType: String) -> Bool {
        let mediaType = contentType.utf8.drop { $0 == UInt8(ascii: " ") }.prefix { $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: " ") }
        return mediaType.elementsEqual("text/event-stream".utf8)
    }

    private static func beforeResponse(_ error: TransportError) -> Outcome {
        switch error.kind {
        case .connectTimeout, .readTimeout:
            return Outcome(result: .failure(ProviderError(kind: .timeout, message: error.message)), retry: .timeout)
        case .invalidURL:
            return Outcome(result: .failure(ProviderError(kind: .configuration, message: error.message)), retry: nil)
        default:
            return Outcome(result: .failure(ProviderError(kind: .connection, message: error.message)), retry: .connection)
        }
    }

    private func readStream(_ body: HTTPResponseBody, _ progress: Locked<Progress>, started: Double) async -> Outcome {
        var framer = SSEFramer()
        var events: [SSEEvent] = []
        var firstToken: Double?
        var endExpected = false
        while true {
            let chunk: [UInt8]?
            do {
                chunk = try await body.next()
            } catch {
                if error.kind == .cancelled || Task.isCancelled { return Outcome(result: .failure(cancelled(progress)), retry: nil) }
                let count = progress.withLock { $0.assembler.eventCount }
                let failure = self.failure(progress, kind: error.kind == .readTimeout ? .timeout : .connection,
                                           "the connection broke in the middle of the stream after \(count) chunk(s) (\(error.message)); what arrived is kept but not used as an answer")
                return Outcome(result: .failure(failure), retry: nil)
            }
            guard let chunk else { break }
            events.removeAll(keepingCapacity: true)
            chunk.withUnsafeBufferPointer { framer.feed($0, into: &events) }
            let consumed: Result<([TraceEvent.Kind], Bool), ProviderError> = progress.withLock { p in
                p.lastActivity = MonotonicClock.now()
                Self.keep(chunk, in: &p)
                var out: [TraceEvent.Kind] = []
                for event in events {
                    do throws(ProviderError) {
                        out += try p.assembler.consume(event)
                    } catch {
                        return .failure(error)
                    }
                }
                return .success((out, !endExpected && p.assembler.endIsNear))
            }
            switch consumed {
            case .failure(var error):
                error.rawBody = rawText(progress)
                return Outcome(result: .failure(error), retry: nil)
            case .success(let (out, endNear)):
                if endNear {
                    // Lets a transport that batches reads take the last events and the end at once.
                    endExpected = true
                    body.expectEnd()
                }
                if firstToken == nil, !out.isEmpty { firstToken = MonotonicClock.now() - started }
                for event in out { onEvent(event) }
            }
        }
        var extraWarnings: [String] = []
        if let tail = framer.finish() {
            if let accepted = progress.withLock({ $0.assembler.acceptUnterminated(tail) }) {
                extraWarnings.append(accepted)
            } else {
                let error = failure(progress, kind: .truncated,
                                    "the stream ended in the middle of an event: \(StreamAssembler.excerpt(tail.text)); what arrived is kept but not used as an answer")
                return Outcome(result: .failure(error), retry: nil)
            }
        }
        let finished = progress.withLock { $0.assembler.finish() }
        let raw = rawText(progress)
        switch finished {
        case .success(var response):
            response.rawBody = raw
            response.timeToFirstToken = firstToken
            response.warnings += extraWarnings
            return Outcome(result: .success(response), retry: nil)
        case .failure(var error):
            error.rawBody = raw
            return Outcome(result: .failure(error), retry: nil)
        }
    }

    private func readWhole(_ body: HTTPResponseBody, _ progress: Locked<Progress>, contentType: String) async -> Outcome {
        let bytes: [UInt8]
        do {
            bytes = try await readAll(body, progress)
        } catch {
            if error.kind == .cancelled || Task.isCancelled { return Outcome(result: .failure(cancelled(progress)), retry: nil) }
            let failure = self.failure(progress, kind: .connection,
                                       "the connection broke while reading the response (\(error.message))")
            return Outcome(result: .failure(failure), retry: nil)
        }
        do {
            var response = try wire.decode(bytes)
            response.rawBody = rawText(progress)
            if streaming {
                response.warnings.append("a stream was requested but the server answered with a plain body (\(contentType.isEmpty ? "no content-type" : contentType))")
            }
            return Outcome(result: .success(response), retry: nil)
        } catch {
            var failure = error
            failure.rawBody = rawText(progress)
            return Outcome(result: .failure(failure), retry: nil)
        }
    }

    private func readAll(_ body: HTTPResponseBody, _ progress: Locked<Progress>) async throws(TransportError) -> [UInt8] {
        var all: [UInt8] = []
        while let chunk = try await body.next() {
            all.append(contentsOf: chunk)
            progress.withLock { p in
                p.lastActivity = MonotonicClock.now()
                Self.keep(chunk, in: &p)
            }
        }
        return all
    }

    // MARK: - Helpers

    private static func keep(_ chunk: [UInt8], in p: inout Progress) {
        let room = rawLimit - p.raw.count
        if room >= chunk.count {
            p.raw.append(contentsOf: chunk)
        } else {
            if room > 0 { p.raw.append(contentsOf: chunk.prefix(room)) }
            p.rawDropped += chunk.count - max(room, 0)
        }
    }

    private func rawText(_ progress: Locked<Progress>) -> String? {
        let (raw, dropped) = progress.withLock { ($0.raw, $0.rawDropped) }
        guard !raw.isEmpty else { return nil }
        var text = redactor.text(String(decoding: raw, as: UTF8.self))
        if dropped > 0 { text += "\n… (\(dropped) more bytes not kept)" }
        return text
    }

    private func failure(_ progress: Locked<Progress>, kind: ProviderError.Kind, _ message: String) -> ProviderError {
        let partial = progress.withLock { $0.assembler.partialMessage() }
        return ProviderError(kind: kind, message: message, partial: partial, rawBody: rawText(progress))
    }

    private func cancelled(_ progress: Locked<Progress>) -> ProviderError {
        failure(progress, kind: .cancelled, "the request was cancelled")
    }
}
