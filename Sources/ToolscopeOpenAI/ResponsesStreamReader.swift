import ToolscopeEngine

/// Rebuilds a streamed Responses answer from its named events (`response.created`,
/// `response.output_item.added` / `.done`, `response.function_call_arguments.delta` / `.done`,
/// `response.output_text.delta`, `response.completed` / `incomplete` / `failed`, `error`).
///
/// Partial state is keyed by `output_index` (an item's `item_id` is mapped to it), never by
/// arrival order. Each call item gets a stable trace index, the order in which call items were
/// added, so the trace shows every call's arguments streaming on its own line.
///
/// The final items are authoritative: `response.output_item.done` replaces what the deltas
/// built (with a warning when they differ), and the terminal event's `response.output`, when it
/// has items, replaces those. A stream without a terminal event is `.truncated`, keeping what
/// arrived; `response.failed` and an `error` event are errors; unknown events are ignored.
public struct ResponsesStreamReader: Sendable {
    private struct ItemState: Sendable {
        var item: JSONValue
        /// Concatenated `output_text.delta` and `refusal.delta`.
        var text = ""
        var refusal = ""
        var done = false
        /// The call's trace index, for function and custom calls: its key in `calls`.
        var callIndex: Int?
    }

    private var items: [Int: ItemState] = [:]
    /// The call items' arguments (`function_call_arguments.delta` / `custom_tool_call_input.delta`),
    /// keyed by each item's `callIndex`.
    private var calls = StreamedToolCalls()
    private var indexOfItemID: [String: Int] = [:]
    private var callCount = 0
    private var responseID: String?
    private var terminal: JSONValue?
    private var terminalName: String?
    public private(set) var eventCount = 0
    public private(set) var warnings: [String] = []
    private var lastSequence: Int?
    private var warnedGap = false
    private var warnedAfterEnd = false

    public init() {}

    public var endIsNear: Bool { terminal != nil }

    public mutating func consume(_ event: SSEEvent) throws(ProviderError) -> [TraceEvent.Kind] {
        if terminal != nil {
            if !warnedAfterEnd {
                warnedAfterEnd = true
                warnings.append("the server kept sending events after \(terminalName ?? "the terminal event"); they were ignored")
            }
            return []
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes: event.data)
        } catch {
            throw ProviderError(kind: .malformed,
                                message: "event \(eventCount + 1) of the stream (\(event.event ?? "no event name")) is not valid JSON (\(error)): \(StreamAssembler.excerpt(event.text))",
                                partial: partialMessage())
        }
        eventCount += 1
        guard json.objectValue != nil else {
            throw ProviderError(kind: .malformed,
                                message: "event \(eventCount) of the stream is a JSON \(json.typeName), not an object: \(StreamAssembler.excerpt(json.compact))",
                                partial: partialMessage())
        }
        // The data's "type" is the event's name; the `event:` line repeats it (either may be missing).
        let type = json["type"]?.stringValue ?? event.event ?? ""
        checkSequence(json["sequence_number"]?.intValue)
        return try apply(type, json)
    }

    private mutating func checkSequence(_ n: Int?) {
        guard let n else { return }
        if let last = lastSequence, n != last + 1, !warnedGap {
            warnedGap = true
            warnings.append("the stream's sequence_number jumped from \(last) to \(n): events may be missing")
        }
        lastSequence = n
    }

    private mutating func apply(_ type: String, _ json: JSONValue) throws(ProviderError) -> [TraceEvent.Kind] {
        switch type {
        case "response.created", "response.in_progress", "response.queued":
            if let id = json["response"]?["id"]?.stringValue { responseID = id }
            return []
        case "response.output_item.added":
            guard let index = json["output_index"]?.intValue, let item = json["item"], item.objectValue != nil else {
                throw malformed("response.output_item.added without an output_index and an item object", json)
            }
            var state = ItemState(item: item)
            if let id = item["id"]?.stringValue { indexOfItemID[id] = index }
            var events: [TraceEvent.Kind] = []
            if let kind = item["type"]?.stringValue, kind == "function_call" || kind == "custom_tool_call" {
                state.callIndex = callCount
                callCount += 1
                let initial = (kind == "function_call" ? item["arguments"] : item["input"])?.stringValue ?? ""
                let index = state.callIndex!
                // The call is announced even when the item carries nothing yet, so the trace has its row.
                events.append(calls.add(index: index, id: item["call_id"]?.stringValue, name: item["name"]?.stringValue, arguments: initial)
                              ?? .toolCallDelta(index: index, id: nil, name: nil, arguments: ""))
            }
            items[index] = state
            return events
        case "response.function_call_arguments.delta", "response.custom_tool_call_input.delta":
            guard let index = itemIndex(json), let state = items[index] else {
                throw malformed("\(type) for an item that was never added", json)
            }
            guard let callIndex = state.callIndex,
                  let event = calls.add(index: callIndex, id: nil, name: nil, arguments: json["delta"]?.stringValue ?? "") else { return [] }
            return [event]
        case "response.function_call_arguments.done", "response.custom_tool_call_input.done":
            let key = type.hasPrefix("response.function") ? "arguments" : "input"
            if let index = itemIndex(json), let state = items[index], let full = json[key]?.stringValue, full != arguments(of: state) {
                warnings.append("\(type) for output item \(index) differs from its concatenated deltas; the final value is used")
            }
            return []
        case "response.output_text.delta":
            guard let index = itemIndex(json), var state = items.removeValue(forKey: index) else {
                throw malformed("response.output_text.delta for an item that was never added", json)
            }
            let fragment = json["delta"]?.stringValue ?? ""
            state.text += fragment
            items[index] = state
            return fragment.isEmpty ? [] : [.contentDelta(fragment)]
        case "response.refusal.delta":
            guard let index = itemIndex(json), var state = items.removeValue(forKey: index) else {
                throw malformed("response.refusal.delta for an item that was never added", json)
            }
            let fragment = json["delta"]?.stringValue ?? ""
            state.refusal += fragment
            items[index] = state
            return fragment.isEmpty ? [] : [.refusalDelta(fragment)]
        case "response.output_item.done":
            guard let index = json["output_index"]?.intValue, let item = json["item"], item.objectValue != nil else {
                throw malformed("response.output_item.done without an output_index and an item object", json)
            }
            var state = items.removeValue(forKey: index) ?? ItemState(item: item)
            compare(final: item, with: state, index: index)
            state.item = item
            state.done = true
            items[index] = state
            return []
        case "response.completed", "response.incomplete", "response.failed":
            guard let response = json["response"], response.objectValue != nil else {
                throw malformed("\(type) without a response object", json)
            }
            terminal = response
            terminalName = type
            if let id = response["id"]?.stringValue { responseID = id }
            return []
        case "error":
            let payload = ServerErrorPayload(json["error"] ?? json)
            throw ProviderError(kind: .streamError,
                                message: "the server sent an error event in the middle of the stream: \(payload.summary)",
                                errorType: payload.type, errorCode: payload.code, partial: partialMessage())
        case "response.reasoning_summary_text.delta", "response.reasoning_text.delta":
            // Shown live; the reasoning item itself comes whole in response.output_item.done.
            let fragment = json["delta"]?.stringValue ?? ""
            return fragment.isEmpty ? [] : [.reasoningDelta(fragment)]
        default:
            return []  // annotations, hosted-tool progress: kept in the raw view only
        }
    }

    private func itemIndex(_ json: JSONValue) -> Int? {
        if let index = json["output_index"]?.intValue { return index }
        return json["item_id"]?.stringValue.flatMap { indexOfItemID[$0] }
    }

    /// Says where the item the server finished differs from what its deltas built.
    private mutating func compare(final item: JSONValue, with state: ItemState, index: Int) {
        switch item["type"]?.stringValue {
        case "function_call"?, "custom_tool_call"?:
            let key = item["type"]?.stringValue == "function_call" ? "arguments" : "input"
            let streamed = arguments(of: state)
            if let final = item[key]?.stringValue, final != streamed {
                warnings.append("output item \(index) (\(item["name"]?.stringValue ?? "call")): the final arguments differ from the concatenated deltas; the final item is used (deltas: \(StreamAssembler.excerpt(streamed, limit: 80)), final: \(StreamAssembler.excerpt(final, limit: 80)))")
            }
        case "message"?:
            let final = (item["content"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }.joined()
            if !state.text.isEmpty, final != state.text {
                warnings.append("output item \(index) (message): the final text differs from the concatenated deltas; the final item is used")
            }
        default:
            break
        }
    }

    /// A call item's arguments as streamed so far; "" for other items.
    private func arguments(of state: ItemState) -> String {
        state.callIndex.flatMap { calls[$0]?.arguments } ?? ""
    }

    private func malformed(_ what: String, _ json: JSONValue) -> ProviderError {
        ProviderError(kind: .malformed, message: "event \(eventCount) of the stream: \(what): \(StreamAssembler.excerpt(json.compact))",
                      partial: partialMessage())
    }

    /// The items as they stand: a finished item as the server finished it, an unfinished one
    /// with its streamed arguments or text filled in.
    private func currentItems() -> [JSONValue] {
        items.keys.sorted().map { index -> JSONValue in
            let state = items[index]!
            guard !state.done, case .object(var o) = state.item else { return state.item }
            switch o["type"]?.stringValue {
            case "function_call"?: o["arguments"] = .string(arguments(of: state))
            case "custom_tool_call"?: o["input"] = .string(arguments(of: state))
            case "message"?:
                var parts: [JSONValue] = []
                if !state.text.isEmpty { parts.append(["type": "output_text", "text": .string(state.text)]) }
                if !state.refusal.isEmpty { parts.append(["type": "refusal", "refusal": .string(state.refusal)]) }
                o["content"] = .array(parts)
            default: break
            }
            return .object(o)
        }
    }

    public func partialMessage() -> Message? {
        guard !items.isEmpty else { return nil }
        var ignored: [String] = []
        return ResponsesFormat.message(output: currentItems(), responseID: responseID, warnings: &ignored)
    }

    public func finish() -> Result<ChatResponse, ProviderError> {
        guard let terminal else {
            return .failure(ProviderError(
                kind: .truncated,
                message: "the stream ended without response.completed, response.incomplete or response.failed after \(eventCount) event(s); what arrived is kept but not used as an answer",
                partial: partialMessage()))
        }
        var notes = warnings
        var response = terminal
        let streamed = currentItems()
        let unfinished = items.keys.sorted().filter { !items[$0]!.done }
        if !unfinished.isEmpty {
            notes.append("output item(s) \(unfinished.map(String.init).joined(separator: ", ")) never got response.output_item.done")
        }
        if case .object(var o) = response, (o["output"]?.arrayValue ?? []).isEmpty, !streamed.isEmpty {
            o["output"] = .array(streamed)
            response = .object(o)
        }
        if terminalName == "response.completed", let status = response["status"]?.stringValue, status != "completed" {
            notes.append("the stream ended with response.completed but the response's status is \(status); the status is followed")
        }
        do {
            return .success(try ResponsesDecoder.response(response, kind: .streamError, partial: partialMessage(), warnings: notes))
        } catch {
            return .failure(error)
        }
    }
}

extension ResponsesStreamReader: WireStreamReader {
    /// A terminal event without the blank line after it is the end all the same.
    public mutating func acceptUnterminated(_ event: SSEEvent) -> String? {
        let name = event.event ?? ""
        guard ["response.completed", "response.incomplete", "response.failed"].contains(name),
              (try? consume(event)) != nil, terminal != nil else { return nil }
        return "the stream's final \(name) event had no blank line after it"
    }
}
