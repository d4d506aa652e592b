/// Replays a recorded session: every user message is sent again, the recorded assistant turns
/// are played by `ReplayProvider`, the tools are executed again for real, and each new tool
/// result is compared with the recorded one (as JSON when both parse, else as text).
///
/// What the user did in approval mode is done again (`RecordedDecisions`): edited arguments run as
/// edited, a typed result is replayed as typed (not run, so never a divergence), a skip is skipped.
public struct SessionReplayer: Sendable {
    public struct Report: Sendable {
        public var session: Session
        public var differences: [ReplayDifference]
        public var toolCalls: Int
        /// Results the user typed in the recording, replayed as typed rather than run.
        public var typedResults: Int
        /// Calls that ran with the arguments the user edited in the recording.
        public var editedCalls: Int
        /// Turns that did not end with an answer, with the reason.
        public var problems: [String]
        public var isClean: Bool { differences.isEmpty && problems.isEmpty }
    }

    public let recording: Session

    public init(recording: Session) { self.recording = recording }

    /// The session a replay starts from: the recording's settings and tools, its messages up to
    /// the first user message (system and developer prompts), no trace.
    public var startingSession: Session {
        var s = recording
        s.messages = Array(recording.messages.prefix { $0.role != .user })
        s.trace = []
        s.callEdits = [:]
        return s
    }

    public var userMessages: [String] { recording.messages.filter { $0.role == .user }.map(\.displayText) }

    /// Runs the replay synchronously (call it off the UI thread). `masker` hides the secrets
    /// the re-run tools may print, as in the run that was recorded.
    public func run(registry: ToolRegistry, masker: SecretMasker = .none, onEvent: @escaping @Sendable (TraceEvent) -> Void = { _ in }) -> Report {
        let loop = ToolLoop(session: startingSession, provider: ReplayProvider(recording: recording, asTheModelSentThem: true),
                            dispatcher: Dispatcher(registry: registry), approvalGate: RecordedDecisions(recording: recording),
                            masker: masker)
        var problems: [String] = []
        for text in userMessages {
            // The recording's tools were sent when it was made: a replay reproduces that, and
            // the pre-send check's findings become trace warnings instead of a refusal.
            let result = loop.sendAndWait(text, check: .sendAnyway, onEvent: onEvent)
            if result.reason != .answered && result.reason != recordedEnding(for: text) {
                problems.append("turn \"\(text.prefix(60))\" ended with \(result.reason.rawValue): \(result.detail ?? "")")
            }
        }
        let replayed = loop.session
        return Report(session: replayed, differences: Self.compare(recorded: recording, replayed: replayed),
                      toolCalls: replayed.messages.filter { $0.role == .tool }.count,
                      typedResults: replayed.callEdits.values.filter(\.resultTypedByUser).count,
                      editedCalls: replayed.callEdits.values.filter(\.argumentsEdited).count, problems: problems)
    }

    /// How the recording's turn for this user message ended, when it ended without an answer
    /// (a recorded max-rounds stop replays as the same stop, which is not a divergence).
    private func recordedEnding(for text: String) -> TurnResult.Reason? {
        var sawTurn = false
        for event in recording.trace {
            if case .turnStarted(let t) = event.kind { sawTurn = t == text }
            if sawTurn, case .turnFinished(let reason) = event.kind { return TurnResult.Reason(rawValue: reason) }
        }
        return nil
    }

    /// Tool results that differ between two sessions, matched by tool_call_id, in recorded order.
    public static func compare(recorded: Session, replayed: Session) -> [ReplayDifference] {
        var calls: [(ToolCall)] = []
        for m in recorded.messages where m.role == .assistant { calls += m.toolCalls }
        func results(_ s: Session) -> [String: String] {
            var r: [String: String] = [:]
            for m in s.messages where m.role == .tool { if let id = m.toolCallID { r[id] = m.content ?? "" } }
            return r
        }
        let old = results(recorded)
        let new = results(replayed)
        var differences: [ReplayDifference] = []
        for call in calls {
            let a = old[call.id]
            let b = new[call.id]
            if !same(a, b) {
                differences.append(ReplayDifference(callID: call.id, toolName: call.name, arguments: call.arguments, recorded: a, replayed: b))
            }
        }
        return differences
    }

    private static func same(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        if a == b { return true }
        guard let x = try? JSONParser.parse(a), let y = try? JSONParser.parse(b) else { return false }
        return x.jsonEquals(y)
    }
}
