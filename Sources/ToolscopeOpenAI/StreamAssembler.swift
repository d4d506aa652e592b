import ToolscopeEngine

/// Rebuilds the assistant messages of a streamed Chat Completions response from its chunks.
///
/// It is deliberately strict about the end and lenient about the middle: unknown keys are
/// ignored and servers that repeat a tool call's id or name every delta are tolerated, but a
/// stream that never says `[DONE]`, a choice without a `finish_reason`, a chunk that is not JSON
/// or an `error` payload is reported as an error that keeps what arrived (`partial`), because
/// the official SDK's habit of accepting such streams as complete answers is how half an answer
/// ends up treated as a whole one.
///
/// Tool calls are put together by the engine's `StreamedToolCalls` (keyed by `index`; `id`,
/// `type` and `name` set once, `arguments` concatenated), the assembler the workbench uses too. Deltas of choice 0 — the one the loop follows — come back as
/// `TraceEvent.Kind` deltas as soon as they arrive; other choices are assembled silently.
public struct StreamAssembler: Sendable {
    private struct ChoiceState: Sendable {
        var content = ""
        var sawContent = false
        var refusal: String?
        var calls = StreamedToolCalls()
        var finishReason: String?
    }

    private var choices: [Int: ChoiceState] = [:]
    /// The usage chunk (`stream_options.include_usage`), when one came.
    public private(set) var usage: Usage?
    /// True once `data: [DONE]` arrived.
    public private(set) var sawDone = false
    /// True once any choice got its `finish_reason`: only the usage chunk and `[DONE]` can follow.
    public var sawFinishReason: Bool { choices.values.contains { $0.finishReason != nil } }
    /// JSON chunks consumed so far.
    public private(set) var chunkCount = 0
    /// Things survived along the way (calls without ids, data after [DONE]…).
    public private(set) var warnings: [String] = []
    private var warnedAfterDone = false

    public init() {}

    /// Consumes one event of the stream and returns what choice 0 gained, for live display.
    public mutating func consume(_ event: SSEEvent) throws(ProviderError) -> [TraceEvent.Kind] {
        if sawDone {
            if !warnedAfterDone {
                warnedAfterDone = true
                warnings.append("the server kept sending events after data: [DONE]; they were ignored")
            }
            return []
        }
        if event.data.count == 6, event.text == "[DONE]" {
            sawDone = true
            return []
        }
        let json: JSONValue
        do {
            // Only what `consume(chunk:)` reads is built: the rest of a chunk (its id, model,
            // timestamps) is checked but not turned into values, once per streamed piece.
            // (An `event: error` is read whole: its message may be anywhere in it.)
            json = event.event == "error" ? try JSONParser.parse(bytes: event.data)
                : try JSONParser.parse(bytes: event.data, members: Self.readMembers)
        } catch {
            throw ProviderError(
                kind: .malformed,
                message: "chunk \(chunkCount + 1) of the stream is not valid JSON (\(error)): \(Self.excerpt(event.text))",
                partial: partialMessage())
        }
        if event.event == "error", json["error"] == nil {
            throw streamError(json)
        }
        return try consume(chunk: json)
    }

    /// Consumes one parsed chunk (`chat.completion.chunk`).
    /// The top-level members of a chunk that `consume(chunk:)` reads.
    static let readMembers: Set<String> = ["error", "usage", "choices"]

    public mutating func consume(chunk json: JSONValue) throws(ProviderError) -> [TraceEvent.Kind] {
        chunkCount += 1
        guard let object = json.objectValue else {
            throw ProviderError(kind: .malformed,
                                message: "chunk \(chunkCount) of the stream is a JSON \(json.typeName), not an object: \(Self.excerpt(json.compact))",
                                partial: partialMessage())
        }
        if let error = object["error"], !error.isNull {
            throw streamError(error)
        }
        if let u = object["usage"], !u.isNull, let parsed = Usage(json: u) {
            usage = parsed
        }
        guard let list = object["choices"] else { return [] }
        guard let entries = list.arrayValue else {
            throw ProviderError(kind: .malformed,
                                message: "chunk \(chunkCount) has \"choices\" that is not an array: \(Self.excerpt(list.compact))",
                                partial: partialMessage())
        }
        var events: [TraceEvent.Kind] = []
        for entry in entries {
            guard let choice = entry.objectValue else {
                throw ProviderError(kind: .malformed, message: "chunk \(chunkCount) has a choice that is not an object",
                                    partial: partialMessage())
            }
            let index = choice["index"]?.intValue ?? 0
            // Taken out, not copied: a copy would share the text's buffer with the dictionary,
            // and every `+=` below would then duplicate all the text so far (quadratic time).
            var state = choices.removeValue(forKey: index) ?? ChoiceState()
            if let delta = choice["delta"]?.objectValue {
                apply(delta, to: &state, live: index == 0, events: &events)
            }
            if let reason = choice["finish_reason"]?.stringValue {
                state.finishReason = reason
            }
            choices[index] = state
        }
        return events
    }

    private mutating func apply(_ delta: JSONObject, to state: inout ChoiceState, live: Bool, events: inout [TraceEvent.Kind]) {
        if let text = delta["content"]?.stringValue {
            state.sawContent = true
            state.content += text
            if live, !text.isEmpty { events.append(.contentDelta(text)) }
        }
        if let text = delta["refusal"]?.stringValue {
            state.refusal = (state.refusal ?? "") + text
            if live, !text.isEmpty { events.append(.refusalDelta(text)) }
        }
        guard let calls = delta["tool_calls"]?.arrayValue else { return }
        for (position, raw) in calls.enumerated() {
            let function = raw["function"]
            let fragment: String
            switch function?["arguments"] {
            case .string(let s)?: fragment = s
            case nil, .null?: fragment = ""
            case let other?: fragment = other.compact  // a server that sends an object
            }
            let event = state.calls.add(index: raw["index"]?.intValue ?? position, id: raw["id"]?.stringValue,
                                        type: raw["type"]?.stringValue, name: function?["name"]?.stringValue, arguments: fragment)
            if live, let event { events.append(event) }
        }
    }

    /// Choice 0 as assembled so far, or `nil` when nothing of it has arrived.
    public func partialMessage() -> Message? {
        guard let state = choices[0] else { return nil }
        var ignored: [String] = []
        return Self.message(from: state, warnings: &ignored)
    }

    /// Ends the stream: the complete response, or the reason it is not one.
    public func finish() -> Result<ChatResponse, ProviderError> {
        guard sawDone else {
            let reason = choices[0]?.finishReason
            let detail = reason.map { "after finish_reason \"\($0)\"" } ?? "and without a finish_reason"
            return .failure(ProviderError(
                kind: .truncated,
                message: "the stream ended without data: [DONE] \(detail) after \(chunkCount) chunk(s); what arrived is kept but not used as an answer",
                partial: partialMessage()))
        }
        guard let first = choices[0] else {
            return .failure(ProviderError(kind: .truncated,
                                          message: "the stream ended with [DONE] but carried no choice 0 (\(chunkCount) chunk(s))",
                                          partial: nil))
        }
        guard let reason = first.finishReason else {
            return .failure(ProviderError(
                kind: .truncated,
                message: "the stream ended with [DONE] but choice 0 never got a finish_reason; what arrived is kept but not used as an answer",
                partial: partialMessage()))
        }
        var notes = warnings
        let message = Self.message(from: first, warnings: &notes)
        var others: [Message] = []
        for index in choices.keys.sorted() where index != 0 {
            others.append(Self.message(from: choices[index]!, warnings: &notes))
            if choices[index]!.finishReason == nil {
                notes.append("choice \(index) never got a finish_reason")
            }
        }
        return .success(ChatResponse(message: message, finishReason: reason, usage: usage, otherChoices: others, warnings: notes))
    }

    private static func message(from state: ChoiceState, warnings: inout [String]) -> Message {
        let calls = state.calls.toolCalls(warnings: &warnings)
        let content: String?
        if state.sawContent, !(state.content.isEmpty && (!calls.isEmpty || state.refusal != nil)) {
            content = state.content
        } else {
            content = nil
        }
        return Message(role: .assistant, content: content, toolCalls: calls, refusal: state.refusal)
    }

    private func streamError(_ error: JSONValue) -> ProviderError {
        let payload = ServerErrorPayload(error)
        return ProviderError(kind: .streamError,
                             message: "the server sent an error in the middle of the stream: \(payload.summary)",
                             errorType: payload.type, errorCode: payload.code, partial: partialMessage())
    }

    static func excerpt(_ text: String, limit: Int = 160) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }
}
