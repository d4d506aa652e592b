import ToolscopeEngine

/// Rebuilds one streamed Anthropic Messages response from its named events: `message_start`,
/// per content block `content_block_start` → `content_block_delta`… → `content_block_stop`,
/// `message_delta` (stop reason, usage), `message_stop`; `ping` anywhere; `error` mid-stream.
///
/// Strict about the end, lenient about the middle, like the Chat Completions assembler: a stream
/// without `message_stop` or without a stop reason is `.truncated` and keeps what arrived; an
/// `error` event is a `.streamError`; unknown event and delta types are ignored, as Anthropic's
/// streaming docs ask of clients (new ones may be added).
///
/// Every block is rebuilt exactly — thinking text and its signature, citations, server tool
/// blocks — and kept as the message's native items, so the turn goes back to the API unchanged.
/// A `tool_use` block's `input_json_delta` fragments are concatenated and parsed once at its end;
/// each call streams live under its own index (0, 1, … in the order the calls started). When a
/// `content_block_stop` carries the whole block (some gateways send it), that block is
/// authoritative and a warning says where it differed from the deltas.
public struct AnthropicStreamReader: WireStreamReader {
    private struct Block: Sendable {
        var start: JSONObject
        var type: String
        var text = ""
        /// A `server_tool_use` block's `input_json_delta` fragments: the server runs that tool, so it
        /// is not a call of the client's (a `tool_use` block's fragments go to `calls`).
        var serverToolInput = ""
        var thinking = ""
        var signature = ""
        var citations: [JSONValue] = []
        var stopped = false
        var final: JSONValue?
        /// The call's position among the tool_use blocks, its index in the trace and its key in `calls`.
        var callIndex: Int?
    }

    private var blocks: [Int: Block] = [:]
    /// The `tool_use` blocks' input as it streams, keyed by each block's `callIndex`.
    private var calls = StreamedToolCalls()
    private var message: JSONObject?
    private var usage: JSONObject = [:]
    private var stopReason: String?
    private var sawMessageStop = false
    private var warnedAfterStop = false
    private var callCount = 0
    private var warnings: [String] = []
    private var ignoredTypes: Set<String> = []
    public private(set) var eventCount = 0

    public init() {}

    public var endIsNear: Bool { stopReason != nil || sawMessageStop }

    public mutating func consume(_ event: SSEEvent) throws(ProviderError) -> [TraceEvent.Kind] {
        if sawMessageStop {
            if !warnedAfterStop {
                warnedAfterStop = true
                warnings.append("the server kept sending events after message_stop; they were ignored")
            }
            return []
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes: event.data)
        } catch {
            throw ProviderError(
                kind: .malformed,
                message: "event \(eventCount + 1)\(event.event.map { " (\($0))" } ?? "") of the stream is not valid JSON (\(error)): \(StreamAssembler.excerpt(event.text))",
                partial: partialMessage())
        }
        eventCount += 1
        guard let object = json.objectValue else {
            throw malformed("event \(eventCount) of the stream is a JSON \(json.typeName), not an object: \(StreamAssembler.excerpt(json.compact))")
        }
        let type = object["type"]?.stringValue ?? event.event ?? ""
        switch type {
        case "message_start":
            message = object["message"]?.objectValue
            if let u = message?["usage"]?.objectValue { merge(usage: u) }
            return []
        case "content_block_start":
            return try start(object)
        case "content_block_delta":
            return try delta(object)
        case "content_block_stop":
            let index = try blockIndex(object, type)
            guard var block = blocks.removeValue(forKey: index) else {
                throw malformed("content_block_stop for block \(index), which never started")
            }
            block.stopped = true
            if let whole = object["content_block"], whole.objectValue != nil { block.final = whole }
            blocks[index] = block
            return []
        case "message_delta":
            if let reason = object["delta"]?["stop_reason"]?.stringValue { stopReason = reason }
            if let u = object["usage"]?.objectValue { merge(usage: u) }
            return []
        case "message_stop":
            sawMessageStop = true
            return []
        case "ping":
            return []
        case "error":
            let payload = ServerErrorPayload(object["error"] ?? json)
            throw ProviderError(kind: .streamError,
                                message: "the server sent an error in the middle of the stream: \(payload.summary)",
                                errorType: payload.type, errorCode: payload.code, partial: partialMessage())
        default:
            if ignoredTypes.insert(type).inserted {
                warnings.append("ignored the stream's unknown event type \"\(type)\"")
            }
            return []
        }
    }

    private mutating func start(_ object: JSONObject) throws(ProviderError) -> [TraceEvent.Kind] {
        let index = try blockIndex(object, "content_block_start")
        guard let content = object["content_block"]?.objectValue, let type = content["type"]?.stringValue else {
            throw malformed("content_block_start for block \(index) has no content_block with a type")
        }
        if blocks[index] != nil { warnings.append("content block \(index) started twice; the second start replaced the first") }
        var block = Block(start: content, type: type)
        var events: [TraceEvent.Kind] = []
        switch type {
        case "tool_use":
            let callIndex = callCount
            block.callIndex = callIndex
            callCount += 1
            // The call is announced even when the start carries nothing yet, so the trace has its row.
            events.append(calls.add(index: callIndex, id: content["id"]?.stringValue, name: content["name"]?.stringValue, arguments: "")
                          ?? .toolCallDelta(index: callIndex, id: nil, name: nil, arguments: ""))
        case "text":
            if let text = content["text"]?.stringValue, !text.isEmpty { events.append(.contentDelta(text)) }
        case "thinking":
            if let thinking = content["thinking"]?.stringValue, !thinking.isEmpty { events.append(.reasoningDelta(thinking)) }
        default:
            break
        }
        blocks[index] = block
        return events
    }

    private mutating func delta(_ object: JSONObject) throws(ProviderError) -> [TraceEvent.Kind] {
        let index = try blockIndex(object, "content_block_delta")
        guard let delta = object["delta"]?.objectValue else {
            throw malformed("content_block_delta for block \(index) has no delta object")
        }
        // Taken out, not copied, so appending does not copy the text so far (see StreamAssembler).
        guard var block = blocks.removeValue(forKey: index) else {
            throw malformed("content_block_delta for block \(index), which never started")
        }
        defer { blocks[index] = block }
        switch delta["type"]?.stringValue {
        case "text_delta":
            let text = delta["text"]?.stringValue ?? ""
            block.text += text
            return text.isEmpty ? [] : [.contentDelta(text)]
        case "input_json_delta":
            let fragment = delta["partial_json"]?.stringValue ?? ""
            guard let callIndex = block.callIndex else {
                block.serverToolInput += fragment
                return []
            }
            return calls.add(index: callIndex, id: nil, name: nil, arguments: fragment).map { [$0] } ?? []
        case "thinking_delta":
            // Shown live like text; the block (with its signature) is rebuilt whole at the end.
            let thinking = delta["thinking"]?.stringValue ?? ""
            block.thinking += thinking
            return thinking.isEmpty ? [] : [.reasoningDelta(thinking)]
        case "signature_delta":
            block.signature += delta["signature"]?.stringValue ?? ""
        case "citations_delta":
            if let citation = delta["citation"] { block.citations.append(citation) }
        case let other:
            let name = "delta:" + (other ?? "?")
            if ignoredTypes.insert(name).inserted {
                warnings.append("ignored the stream's unknown delta type \"\(other ?? "(none)")\" in block \(index)")
            }
        }
        return []
    }

    public mutating func acceptUnterminated(_ event: SSEEvent) -> String? {
        guard let json = try? JSONParser.parse(bytes: event.data), json["type"]?.stringValue == "message_stop" else { return nil }
        _ = try? consume(event)
        return "the stream's final message_stop event had no blank line after it"
    }

    public func finish() -> Result<ChatResponse, ProviderError> {
        guard sawMessageStop else {
            let detail = stopReason.map { "after stop_reason \"\($0)\"" } ?? "and without a stop_reason"
            return .failure(ProviderError(
                kind: .truncated,
                message: "the stream ended without message_stop \(detail) after \(eventCount) event(s); what arrived is kept but not used as an answer",
                partial: partialMessage()))
        }
        guard let stopReason else {
            return .failure(ProviderError(
                kind: .truncated,
                message: "the stream ended with message_stop but no message_delta gave a stop_reason; what arrived is kept but not used as an answer",
                partial: partialMessage()))
        }
        var notes = warnings
        if message == nil { notes.append("the stream had no message_start event") }
        var content: [JSONValue] = []
        for index in blocks.keys.sorted() {
            let block = blocks[index]!
            if !block.stopped { notes.append("content block \(index) (\(block.type)) never got content_block_stop") }
            let assembled = Self.json(block, input: input(of: block), notes: &notes)
            if let final = block.final {
                if !final.jsonEquals(assembled) {
                    notes.append("content block \(index) (\(block.type)): the block in content_block_stop differs from the concatenated deltas; the final block is used")
                }
                content.append(final)
            } else {
                content.append(assembled)
            }
        }
        notes += AnthropicWire.stopReasonNotes(stopReason)
        return .success(ChatResponse(message: AnthropicFormat.message(blocks: content),
                                     finishReason: AnthropicFormat.finishReason(stopReason: stopReason),
                                     usage: AnthropicFormat.usage(.object(usage)), warnings: notes))
    }

    public func partialMessage() -> Message? {
        guard !blocks.isEmpty else { return nil }
        var ignored: [String] = []
        return AnthropicFormat.message(blocks: blocks.keys.sorted().map { Self.json(blocks[$0]!, input: input(of: blocks[$0]!), notes: &ignored) })
    }

    /// The input JSON text streamed for a tool block: a call's from `calls`, a server tool's own.
    private func input(of block: Block) -> String {
        block.callIndex.flatMap { calls[$0]?.arguments } ?? block.serverToolInput
    }

    /// A block as the API would have sent it whole: the start's fields with the deltas applied
    /// (`input`: a tool block's streamed input text).
    private static func json(_ block: Block, input: String, notes: inout [String]) -> JSONValue {
        var o = block.start
        switch block.type {
        case "text":
            o["text"] = .string((o["text"]?.stringValue ?? "") + block.text)
            if !block.citations.isEmpty { o["citations"] = .array((o["citations"]?.arrayValue ?? []) + block.citations) }
        case "thinking":
            o["thinking"] = .string((o["thinking"]?.stringValue ?? "") + block.thinking)
            o["signature"] = .string((o["signature"]?.stringValue ?? "") + block.signature)
        default:
            // tool_use and server_tool_use: the fragments, parsed once; none means the start's input.
            guard !input.isEmpty else { break }
            if let value = try? JSONParser.parse(input), case .object = value {
                o["input"] = value
            } else {
                notes.append("the input of \(block.type) block \(o["id"]?.stringValue ?? "?") is not a JSON object: \(StreamAssembler.excerpt(input))")
                o["input"] = AnthropicFormat.input(fromArguments: input)
            }
        }
        return .object(o)
    }

    private mutating func merge(usage u: JSONObject) {
        for (key, value) in u where !value.isNull { usage[key] = value }
    }

    private func blockIndex(_ object: JSONObject, _ type: String) throws(ProviderError) -> Int {
        guard let index = object["index"]?.intValue else {
            throw malformed("\(type) event \(eventCount) has no integer \"index\"")
        }
        return index
    }

    private func malformed(_ message: String) -> ProviderError {
        ProviderError(kind: .malformed, message: message, partial: partialMessage())
    }
}
