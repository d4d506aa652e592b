import Dispatch
import Foundation
import Logging

/// The state of one running turn. Every method runs on the loop's serial queue, which is what
/// makes the mutable fields safe; callbacks from providers and tools hop back onto it.
///
/// The turn works on its own copy of the session, the snapshot it was started with, and reports
/// every change as an event: a front end that keeps the session (the workbench, `ToolLoop`'s
/// held session) applies the same events with `Session.apply` and so never merges copies.
final class TurnRunner: @unchecked Sendable {
    private let loop: ToolLoop
    private let token: CancellationToken
    private let onEvent: @Sendable (TraceEvent) -> Void
    private let completion: @Sendable (TurnResult) -> Void
    private let checkPolicy: PreSendCheck.Policy
    /// Pre-send findings already reported in this turn: each goes to the trace once, not every round.
    private var reportedFindings: Set<LintFinding> = []
    private var round = 0
    private var toolChoice: ToolChoice = .auto
    private var detector = RepeatedCallDetector()
    private var reportedSaveFailure = false
    /// Masks secrets in everything this turn records or reports; fixed for the whole turn.
    private let masker: SecretMasker
    /// The streamed pieces of the current response, masked across piece boundaries.
    private var deltas: DeltaMasking
    private static let logger = Logger(label: "toolscope.loop")
    /// The turn's copy of the session: the snapshot plus what this turn appended.
    private var session: Session

    init(loop: ToolLoop, session: Session, token: CancellationToken, check: PreSendCheck.Policy, onEvent: @escaping @Sendable (TraceEvent) -> Void,
         completion: @escaping @Sendable (TurnResult) -> Void) {
        self.loop = loop
        self.session = session
        self.token = token
        checkPolicy = check
        self.onEvent = onEvent
        self.completion = completion
        masker = loop.currentParts.masker
        deltas = DeltaMasking(masker)
    }

    func start(_ userText: String) {
        toolChoice = session.settings.toolChoice
        // Checked before anything is recorded: a refused turn leaves the conversation as it was.
        let check = loop.preSendCheck(session, toolChoice: toolChoice)
        if check.blocks, checkPolicy == .stopOnErrors {
            let detail = masker.text(check.refusal)
            loop.endTurn()
            completion(TurnResult(reason: .toolErrors, finalText: nil, rounds: 0, detail: detail, session: session))
            return
        }
        emit(.turnStarted(userMessage: userText))
        append(.user(userText))
        nextRound()
    }

    /// The pre-send check of one request; `nil` when its errors stop the turn (said in the trace).
    private func checkTools(_ session: Session) -> PreSendCheck? {
        let check = loop.preSendCheck(session, toolChoice: toolChoice)
        if check.blocks, checkPolicy == .stopOnErrors {
            let reason = check.refusal
            emit(.guardStop(reason))
            finish(.toolErrors, detail: reason)
            return nil
        }
        return check
    }

    /// New findings of the request's check go to the trace as warnings, in its round (errors
    /// sent anyway say so); each finding once per turn.
    private func report(_ check: PreSendCheck) {
        for finding in check.findings where reportedFindings.insert(finding).inserted {
            let prefix = finding.severity == .error ? "tool check (sent anyway): " : "tool check: "
            emit(.warning(prefix + PreSendCheck.line(finding)))
        }
    }

    // MARK: Rounds

    private func nextRound() {
        if token.isCancelled { return finish(.cancelled, detail: "cancelled by the user") }
        let session = self.session
        let settings = session.settings
        guard round < settings.maxRounds else {
            let reason = "stopped after \(settings.maxRounds) rounds: the model kept calling tools without answering (max_rounds = \(settings.maxRounds))"
            emit(.guardStop(reason))
            return finish(.maxRounds, detail: reason)
        }
        guard let check = checkTools(session) else { return }
        round += 1
        report(check)
        let request = ChatRequest(messages: session.messages, tools: session.enabledDefinitions, settings: settings, toolChoice: toolChoice)
        let sentAt = MonotonicClock.now()
        let queue = loop.loopQueue
        let parts = loop.currentParts
        let reportsDeltas = parts.reportsDeltas
        parts.provider.send(request, cancellation: token, onEvent: { event in
            if !reportsDeltas, event.isDelta { return }
            queue.enqueue { self.emitStreamed(event) }
        }, completion: { result in
            queue.enqueue { self.handle(result, request: request, sentAt: sentAt) }
        })
    }

    private func handle(_ result: Result<ChatResponse, ProviderError>, request: ChatRequest, sentAt: Double) {
        for held in deltas.flush() { emit(held) }
        var response: ChatResponse
        switch result {
        case .failure(let error):
            let description = masker.text(error.description)
            Self.logger.error("provider failed", metadata: ["kind": "\(error.kind.rawValue)", "message": "\(description)"])
            emit(.error(description, partial: error.partial))
            if error.kind == .cancelled || token.isCancelled { return finish(.cancelled, detail: "cancelled by the user") }
            return finish(.error, detail: description)
        case .success(let r):
            response = r
            response.message = masker.message(r.message)
        }
        for warning in response.warnings { emit(.warning(warning)) }
        emit(.assistantMessage(response.message, finishReason: response.finishReason, latency: MonotonicClock.now() - sentAt,
                               timeToFirstToken: response.timeToFirstToken, rawBody: response.rawBody))
        if let usage = response.usage { emit(.usage(usage)) }
        append(response.message)

        // Decide by tool_calls being present, never by finish_reason alone.
        let calls = response.message.toolCalls
        guard !calls.isEmpty else {
            return finish(.answered, finalText: response.message.content ?? response.message.refusal)
        }
        checkCalls(calls, request: request)
        if toolChoice.forcesCall {
            emit(.warning("tool_choice \(toolChoice.label) was honoured; the rest of this turn uses auto so the model can answer"))
            toolChoice = .auto
        }
        let limit = session.settings.repeatedCallLimit
        if let hit = detector.record(calls, limit: limit) {
            let reason = "stopped: the model requested \(hit.call.name)(\(hit.call.arguments)) \(hit.count) times in this turn (repeated_call_limit = \(limit))"
            let outcome = ToolOutcome.error("Not run: this exact call was already made \(hit.count - 1) time(s) in this turn; toolscope stopped the loop. Use the earlier result.",
                                            status: .denied)
            // Each refused call gets its own mark in the trace, not only the stop note.
            for call in calls { emit(.callFinished(callID: call.id, name: call.name, duration: 0, outcome: outcome)) }
            appendResults(calls, outcomes: calls.map { _ in outcome })
            emit(.guardStop(reason))
            autosave()
            return finish(.repeatedCall, detail: reason)
        }
        if let gate = loop.currentParts.approvalGate {
            if gate.asksPerson {
                for call in calls { emit(.callAwaitingApproval(callID: call.id, name: call.name, reason: "waiting for approval")) }
            }
            let queue = loop.loopQueue
            gate.review(calls, cancellation: token) { decisions in
                queue.enqueue { self.runCalls(calls, decisions: decisions) }
            }
        } else {
            runCalls(calls, decisions: calls.map { .run(arguments: $0.arguments) })
        }
    }

    /// Warnings about what the server sent: duplicate call ids, too many calls for parallel=false,
    /// a forced choice that was not followed.
    private func checkCalls(_ calls: [ToolCall], request: ChatRequest) {
        let ids = calls.map(\.id)
        if Set(ids).count != ids.count { emit(.warning("the model sent duplicate tool_call ids: \(ids.joined(separator: ", "))")) }
        if request.settings.parallelToolCalls == false, calls.count > 1 {
            // One warning on every wire, in the words of the parameter this wire sent (only an
            // HTTP provider speaks a wire; the scripted and replayed models are Chat-shaped).
            let provider = request.settings.provider
            let wire = provider.kind == .openai ? provider.api : .chat
            emit(.warning("\(wire.parallelOffParameter) but the model returned \(calls.count) calls in one turn; all are run"))
        }
        if case .function(let forced) = request.toolChoice, !calls.contains(where: { $0.name == forced }) {
            emit(.warning("tool_choice forced \(forced), but the model called \(calls.map(\.name).joined(separator: ", "))"))
        }
    }

    /// Runs the calls as decided. Approval-mode decisions are recorded as they happened: an edit of
    /// the arguments (the message then holds what ran), a typed result, a skip — in the session's
    /// `call_edits` and as trace events, so the conversation, the trace and a replay agree.
    private func runCalls(_ calls: [ToolCall], decisions: [CallDecision]) {
        if token.isCancelled {
            appendResults(calls, outcomes: calls.map { _ in .error("Cancelled by the user before it ran", status: .cancelled) })
            return finish(.cancelled, detail: "cancelled by the user")
        }
        var outcomes = [ToolOutcome?](repeating: nil, count: calls.count)
        var toRun: [(index: Int, call: ToolCall)] = []
        for (i, call) in calls.enumerated() {
            switch i < decisions.count ? decisions[i] : .run(arguments: call.arguments) {
            case .run(let arguments):
                var ran = call
                if let edited = Self.edit(call.arguments, into: arguments) {
                    ran.arguments = edited
                    emit(.callEdited(callID: call.id, name: call.name, original: call.arguments, edited: edited))
                }
                toRun.append((i, ran))
            case .answer(let content):
                outcomes[i] = ToolOutcome(content: content, status: .typed)
                emit(.callFinished(callID: call.id, name: call.name, duration: 0, outcome: outcomes[i]!))
            case .skip:
                outcomes[i] = .skippedByUser
                emit(.callFinished(callID: call.id, name: call.name, duration: 0, outcome: outcomes[i]!))
            }
        }
        let queue = loop.loopQueue
        let timeout = session.settings.toolTimeout
        let decided = outcomes
        let runList = toRun
        loop.currentParts.dispatcher.dispatch(runList.map(\.call), timeout: timeout, cancellation: token, onEvent: { kind in
            queue.enqueue { self.emit(kind) }
        }, completion: { results in
            queue.enqueue {
                var merged = decided
                for (k, entry) in runList.enumerated() { merged[entry.index] = results[k] }
                self.appendResults(calls, outcomes: merged.map { $0 ?? .error("no result") })
                self.autosave()
                if self.token.isCancelled { return self.finish(.cancelled, detail: "cancelled by the user") }
                self.nextRound()
            }
        })
    }

    /// The arguments to record as an edit, or `nil` when `edited` says the same as `original`
    /// (the step dialog re-indents what it shows, and that is no edit). Valid JSON is stored
    /// compact, the way models send it; anything else exactly as typed (it fails validation).
    static func edit(_ original: String, into edited: String) -> String? {
        guard edited != original else { return nil }
        guard let value = try? JSONParser.parse(edited) else { return edited }
        if let before = try? JSONParser.parse(original), before.jsonEquals(value) { return nil }
        return value.compact
    }

    // MARK: Session and events

    private func appendResults(_ calls: [ToolCall], outcomes: [ToolOutcome]) {
        for (call, outcome) in zip(calls, outcomes) { append(.tool(callID: call.id, content: outcome.content, isError: outcome.isError)) }
    }

    private func append(_ unmasked: Message) {
        session.updatedAt = Date()
        record(.messageAppended(masker.message(unmasked)))
    }

    /// Records and reports one event, its secrets masked.
    private func emit(_ kind: TraceEvent.Kind) { record(masker.event(kind)) }

    /// Records and reports an event whose text is already masked (`append` masks its message once).
    private func record(_ kind: TraceEvent.Kind) {
        let event = TraceEvent(round: round, kind: kind)
        session.apply(event)
        onEvent(event)
    }

    /// A provider event: streamed pieces go through the delta maskers first, so a secret split
    /// across two pieces is masked too (its first part is held back until the next piece).
    private func emitStreamed(_ kind: TraceEvent.Kind) {
        guard let passed = deltas.pass(kind) else { return }
        emit(passed)
    }

    private func autosave() {
        guard let path = loop.currentParts.autosavePath else { return }
        do {
            try SessionFile.save(session, to: path)
        } catch {
            if !reportedSaveFailure { emit(.warning("autosave failed: \(error.description)")) }
            reportedSaveFailure = true
        }
    }

    private func finish(_ reason: TurnResult.Reason, finalText: String? = nil, detail: String? = nil) {
        emit(.turnFinished(reason: reason.rawValue))
        let detail = detail.map(masker.text)
        Self.logger.info("turn finished", metadata: ["reason": "\(reason.rawValue)", "rounds": "\(round)", "detail": "\(detail ?? "")"])
        autosave()
        loop.endTurn()
        completion(TurnResult(reason: reason, finalText: finalText.map(masker.text), rounds: round, detail: detail, session: session))
    }
}
