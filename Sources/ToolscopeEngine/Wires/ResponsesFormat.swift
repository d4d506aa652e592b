import OrderedCollections

/// How a Responses conversation carries its history from one request to the next.
public enum ResponsesHistory: String, Sendable, Hashable, CaseIterable {
    /// Every request sends the whole conversation as `input` items (stateless; works with `store: false`).
    case full
    /// A request after the first names the last answer as `previous_response_id` and sends only
    /// the items that came after it (the server must have stored that answer).
    case previous
}

/// The OpenAI Responses API's JSON, converted from and to the engine's chat-shaped values. Pure
/// JSON, no HTTP: the HTTP wire builds its body here, and a session can write its Responses
/// transcript (`transcript(_:)`) without a server.
///
/// Decisions, with their reasons:
/// - Leading system messages go in `instructions`, the field the migration guide names for the
///   system prompt. It is sent on every request because, unlike input items, `instructions` are
///   not inherited through `previous_response_id`. A system message later in the conversation
///   stays where it was, as a `system` message item.
/// - A function tool always carries `strict`. Responses treats a tool without it as strict (every
///   property required, `additionalProperties: false`), the opposite of Chat Completions, so a
///   tool the user did not mark strict is sent with `strict: false` rather than silently changed.
/// - An assistant turn that came from Responses is sent back as the items the server produced
///   (`Message.native`), reasoning items and their encrypted content included; only a call's
///   `arguments` are taken from the message, where the user may have edited them in approval mode.
public enum ResponsesFormat {
    // MARK: - Request

    /// The exact body of a `POST /responses` request.
    public static func body(_ request: ChatRequest, stream: Bool) -> JSONValue {
        let settings = request.settings
        var o = JSONObject()
        o["model"] = .string(settings.model)
        var messages = request.messages
        let instructions = leadingInstructions(&messages)
        if let instructions { o["instructions"] = .string(instructions) }
        if let previous = continuation(messages, settings: settings) {
            o["previous_response_id"] = .string(previous.id)
            o["input"] = transcript(previous.rest, context: messages)
        } else {
            o["input"] = transcript(messages)
        }
        if !request.tools.isEmpty {
            o["tools"] = .array(request.tools.map(tool))
            o["tool_choice"] = toolChoice(request.toolChoice)
            if let p = settings.parallelToolCalls { o["parallel_tool_calls"] = .bool(p) }
        }
        if let t = settings.temperature { o["temperature"] = .number(t) }
        if let m = settings.maxCompletionTokens { o["max_output_tokens"] = .number(Double(m)) }
        if let rf = settings.responseFormat, let format = textFormat(rf) { o["text"] = ["format": format] }
        if let store = settings.store {
            o["store"] = .bool(store)
            if !store { o["include"] = ["reasoning.encrypted_content"] }
        }
        if stream { o["stream"] = true }
        return .object(o)
    }

    /// The exact `input` array the next request would send for `messages` in whole-history
    /// mode: what a session saves so it pastes straight into code. The leading system messages
    /// are not in it: they travel as `instructions` (see `instructions(_:)`).
    public static func transcript(_ messages: [Message]) -> JSONValue {
        var rest = messages
        _ = leadingInstructions(&rest)
        return transcript(rest, context: messages)
    }

    /// The `instructions` the next request would send: the leading system messages' text.
    public static func instructions(_ messages: [Message]) -> String? {
        var rest = messages
        return leadingInstructions(&rest)
    }

    /// Why `previous_response_id` could not be used for this request, or `nil` when the mode is
    /// `full` or it was used (the request body then shows it).
    public static func continuationProblem(_ request: ChatRequest) -> String? {
        let settings = request.settings
        guard settings.responsesHistory == .previous else { return nil }
        if settings.store == false {
            return "responses_history is previous but store is false: the server keeps nothing to continue from, so the whole history was sent"
        }
        var messages = request.messages
        _ = leadingInstructions(&messages)
        if messages.contains(where: { $0.role == .assistant }), continuation(messages, settings: settings) == nil {
            return "responses_history is previous but the last answer has no Responses id (it came from another wire or was written by hand), so the whole history was sent"
        }
        return nil
    }

    /// Removes the leading system messages and returns their text joined by blank lines.
    static func leadingInstructions(_ messages: inout [Message]) -> String? {
        let count = messages.prefix { $0.role == .system || $0.role == .developer }.count
        guard count > 0 else { return nil }
        let text = messages.prefix(count).map(\.displayText).joined(separator: "\n\n")
        messages.removeFirst(count)
        return text
    }

    /// In `previous` mode, the last answer's id and the messages after it.
    static func continuation(_ messages: [Message], settings: SessionSettings) -> (id: String, rest: [Message])? {
        guard settings.responsesHistory == .previous, settings.store != false,
              let last = messages.lastIndex(where: { $0.role == .assistant }),
              let native = messages[last].native, native.wire == .responses, let id = native.responseID else { return nil }
        return (id: id, rest: Array(messages[(last + 1)...]))
    }

    /// Items for `messages`; `context` is the whole conversation, to find the kind of call a
    /// tool message answers (a custom tool's result is a different item).
    static func transcript(_ messages: [Message], context: [Message]) -> JSONValue {
        var customCalls: Set<String> = []
        for m in context where m.role == .assistant {
            for call in m.toolCalls where call.type == "custom" { customCalls.insert(call.id) }
        }
        var items: [JSONValue] = []
        for m in messages { items += self.items(m, customCalls: customCalls) }
        return .array(items)
    }

    static func items(_ m: Message, customCalls: Set<String>) -> [JSONValue] {
        switch m.role {
        case .tool:
            let id = m.toolCallID ?? ""
            let output: JSONValue = m.contentParts.map { JSONValue.array($0.map(inputPart)) } ?? .string(m.content ?? "")
            let type = customCalls.contains(id) ? "custom_tool_call_output" : "function_call_output"
            return [["type": .string(type), "call_id": .string(id), "output": output]]
        case .assistant:
            if let native = m.native, native.wire == .responses {
                return nativeItems(native.items, calls: m.toolCalls)
            }
            var out: [JSONValue] = []
            if let refusal = m.refusal, m.content == nil {
                out.append(["type": "message", "role": "assistant",
                            "content": [["type": "refusal", "refusal": .string(refusal)]]])
            } else if let text = m.content ?? (m.contentParts != nil ? m.displayText : nil), !text.isEmpty {
                out.append(["role": "assistant", "content": .string(text)])
            }
            for call in m.toolCalls { out.append(callItem(call)) }
            return out
        default:
            let content: JSONValue = m.contentParts.map { JSONValue.array($0.map(inputPart)) } ?? .string(m.content ?? "")
            return [["role": .string(m.role.rawValue), "content": content]]
        }
    }

    /// The server's items, verbatim except for call arguments edited since (the message holds what ran).
    static func nativeItems(_ items: [JSONValue], calls: [ToolCall]) -> [JSONValue] {
        let byID = Dictionary(calls.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return items.map { item -> JSONValue in
            guard case .object(var o) = item, let id = o["call_id"]?.stringValue, let call = byID[id] else { return item }
            switch o["type"]?.stringValue {
            case "function_call"? where o["arguments"]?.stringValue != call.arguments:
                o["arguments"] = .string(call.arguments)
            case "custom_tool_call"? where o["input"]?.stringValue != call.arguments:
                o["input"] = .string(call.arguments)
            default:
                return item
            }
            return .object(o)
        }
    }

    static func callItem(_ call: ToolCall) -> JSONValue {
        if call.type == "custom" {
            return ["type": "custom_tool_call", "call_id": .string(call.id), "name": .string(call.name), "input": .string(call.arguments)]
        }
        return ["type": "function_call", "call_id": .string(call.id), "name": .string(call.name), "arguments": .string(call.arguments)]
    }

    /// A Chat Completions content part as a Responses input part (`text` → `input_text`,
    /// `image_url` → `input_image`); anything else is passed on as written.
    static func inputPart(_ part: JSONValue) -> JSONValue {
        switch part["type"]?.stringValue {
        case "text"?: return ["type": "input_text", "text": part["text"] ?? ""]
        case "image_url"?:
            var o: JSONObject = ["type": "input_image"]
            if let url = part["image_url"]?["url"] ?? part["image_url"] { o["image_url"] = url }
            if let detail = part["image_url"]?["detail"] { o["detail"] = detail }
            return .object(o)
        default: return part
        }
    }

    // MARK: - Tools

    /// A session tool as a flat Responses tool. `strict` is always sent (see the type's notes).
    public static func tool(_ definition: ToolDefinition) -> JSONValue {
        if definition.isFunction, let fn = definition.function {
            var o: JSONObject = ["type": "function", "name": fn["name"] ?? ""]
            if let d = fn["description"] { o["description"] = d }
            o["parameters"] = fn["parameters"] ?? ["type": "object", "properties": .object([:])]
            o["strict"] = .bool(fn["strict"]?.boolValue ?? false)
            return .object(o)
        }
        // Custom tools nest their fields under "custom" in Chat Completions; Responses is flat.
        if definition.raw["type"]?.stringValue == "custom", case .object(let inner)? = definition.raw["custom"] {
            var o: JSONObject = ["type": "custom"]
            for (k, v) in inner { o[k] = v }
            return .object(o)
        }
        return definition.raw
    }

    /// `tool_choice` in Responses' shapes: a forced function and the allowed tools are flat.
    public static func toolChoice(_ choice: ToolChoice) -> JSONValue {
        switch choice {
        case .auto: return "auto"
        case .none: return "none"
        case .required: return "required"
        case .function(let name): return ["type": "function", "name": .string(name)]
        case .allowedTools(let mode, let tools):
            return ["type": "allowed_tools", "mode": .string(mode), "tools": .array(tools.map(allowedTool))]
        }
    }

    /// The names `allowed_tools` permits, or `nil` when the choice does not restrict.
    public static func allowedNames(_ choice: ToolChoice) -> Set<String>? {
        guard case .allowedTools(_, let tools) = choice else { return nil }
        return Set(tools.compactMap { $0["function"]?["name"]?.stringValue ?? $0["name"]?.stringValue })
    }

    static func allowedTool(_ tool: JSONValue) -> JSONValue {
        guard let name = tool["function"]?["name"] else { return tool }
        return ["type": tool["type"] ?? "function", "name": name]
    }

    /// Chat's `response_format` as Responses' `text.format`.
    static func textFormat(_ responseFormat: JSONValue) -> JSONValue? {
        guard let type = responseFormat["type"]?.stringValue else { return nil }
        guard type == "json_schema", case .object(let schema)? = responseFormat["json_schema"] else {
            return ["type": .string(type)]
        }
        var o: JSONObject = ["type": "json_schema"]
        for (k, v) in schema { o[k] = v }
        return .object(o)
    }

    // MARK: - Response

    /// Responses usage (`input_tokens`, `output_tokens` and their details) as engine `Usage`.
    public static func usage(_ json: JSONValue?) -> Usage? {
        guard let json, let input = json["input_tokens"]?.intValue, let output = json["output_tokens"]?.intValue else { return nil }
        return Usage(promptTokens: input, completionTokens: output, totalTokens: json["total_tokens"]?.intValue,
                     cachedTokens: json["input_tokens_details"]?["cached_tokens"]?.intValue,
                     reasoningTokens: json["output_tokens_details"]?["reasoning_tokens"]?.intValue)
    }

    /// The assistant message for a response's output items: text from `message` items, calls from
    /// `function_call` / `custom_tool_call` items (the engine's call id is the `call_id`, which
    /// the result must echo), and the items themselves kept verbatim as `native`.
    public static func message(output: [JSONValue], responseID: String?, warnings: inout [String]) -> Message {
        var text: String?
        var refusal: String?
        var calls: [ToolCall] = []
        for (position, item) in output.enumerated() {
            switch item["type"]?.stringValue {
            case "message"?:
                for part in item["content"]?.arrayValue ?? [] {
                    if part["type"]?.stringValue == "output_text", let t = part["text"]?.stringValue { text = (text ?? "") + t }
                    if part["type"]?.stringValue == "refusal", let r = part["refusal"]?.stringValue { refusal = (refusal ?? "") + r }
                }
            case let type? where type == "function_call" || type == "custom_tool_call":
                let name = item["name"]?.stringValue ?? ""
                if name.isEmpty { warnings.append("output item \(position) (\(type)) came without a name") }
                let id: String
                if let callID = item["call_id"]?.stringValue, !callID.isEmpty {
                    id = callID
                } else {
                    id = "toolscope_call_\(position)"
                    warnings.append("output item \(position) (\(type)) came without a call_id; toolscope named it \(id)")
                }
                let arguments: String
                switch type == "function_call" ? item["arguments"] : item["input"] {
                case .string(let s)?: arguments = s
                case nil, .null?: arguments = ""
                case let other?: arguments = other.compact
                }
                calls.append(ToolCall(id: id, name: name, arguments: arguments, type: type == "function_call" ? "function" : "custom"))
            default:
                break  // reasoning and hosted-tool items travel in `native` only
            }
        }
        var m = Message(role: .assistant, content: text, toolCalls: calls, refusal: refusal)
        m.native = NativeItems(wire: .responses, items: output, responseID: responseID)
        return m
    }

    /// The finish reason the loop understands, from what Responses says instead: the response's
    /// `status`, `incomplete_details.reason` and whether any call items came.
    /// - completed with calls → "tool_calls"; completed without → "stop";
    /// - incomplete for `max_output_tokens` → "length", for `content_filter` → "content_filter",
    ///   otherwise the reason itself.
    public static func finishReason(status: String?, incompleteReason: String?, hasCalls: Bool) -> String? {
        switch status {
        case "incomplete"?:
            switch incompleteReason {
            case "max_output_tokens"?: return "length"
            case let other?: return other
            case nil: return "length"
            }
        case "completed"?, nil:
            return hasCalls ? "tool_calls" : "stop"
        case let other?:
            return other
        }
    }
}
