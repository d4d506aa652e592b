import OrderedCollections

/// The Anthropic Messages request, built from the session's chat-shaped messages, tools and
/// settings — pure JSON, no HTTP, so the session file can write the exact `messages` array the
/// next request would send.
///
/// The rules (docs/providers.md, "Anthropic Messages"):
/// - system and developer messages become the top-level `system` (a string for one, text blocks
///   for several); there is no system role in `messages`.
/// - an assistant turn this wire produced is sent back verbatim from `Message.native` (thinking
///   blocks with their signatures included); any other assistant turn becomes a text block and
///   one `tool_use` block per call, its `input` the parsed arguments.
/// - tool messages become `tool_result` blocks (`is_error: true` for a failed call), and all of
///   them go at the start of one user message, as the API requires.
/// - consecutive messages of the same role are merged into one, because the API wants the roles
///   to alternate.
public enum AnthropicFormat {
    /// `max_tokens` is required by the API; sent when the session sets no max completion tokens.
    public static let defaultMaxTokens = 4096

    /// The version header every request carries (the only stable version of the Messages API).
    public static let version = "2023-06-01"

    /// The key that holds arguments that are not a JSON object in a `tool_use` block's `input`
    /// (the API only accepts an object there). See `input(fromArguments:)`.
    public static let unparsedArgumentsKey = "_toolscope_unparsed_arguments"

    // MARK: - Request

    /// The exact body of `POST /v1/messages`.
    public static func body(_ request: ChatRequest, stream: Bool) -> JSONValue {
        let settings = request.settings
        var o = JSONObject()
        o["model"] = .string(settings.model)
        o["max_tokens"] = .number(Double(settings.maxCompletionTokens ?? defaultMaxTokens))
        if let system = system(request.messages) { o["system"] = system }
        o["messages"] = transcript(request.messages)
        let offered = tools(request.tools, choice: request.toolChoice)
        if !offered.isEmpty {
            o["tools"] = .array(offered)
            o["tool_choice"] = toolChoice(request.toolChoice, parallel: settings.parallelToolCalls)
        }
        if let t = settings.temperature { o["temperature"] = .number(t) }
        if stream { o["stream"] = true }
        return .object(o)
    }

    /// The top-level `system`: the text of every system and developer message, in order; a string
    /// when there is one, text blocks when there are several; `nil` when there is none.
    public static func system(_ messages: [Message]) -> JSONValue? {
        let texts = messages.filter { $0.role == .system || $0.role == .developer }.map(\.displayText)
        switch texts.count {
        case 0: return nil
        case 1: return .string(texts[0])
        default: return .array(texts.map { ["type": "text", "text": .string($0)] })
        }
    }

    /// The `messages` array the next request sends for this conversation (system messages left
    /// out: they go to the top-level `system`).
    public static func transcript(_ messages: [Message]) -> JSONValue {
        var out: [(role: String, content: [JSONValue], plain: String?)] = []
        for message in messages {
            let role: String
            let blocks: [JSONValue]
            var plain: String?
            switch message.role {
            case .system, .developer:
                continue
            case .user:
                role = "user"
                (blocks, plain) = userBlocks(message)
            case .tool:
                role = "user"
                blocks = [toolResult(message)]
            case .assistant:
                role = "assistant"
                blocks = assistantBlocks(message)
            }
            if let last = out.last, last.role == role {
                out[out.count - 1] = (role, last.content + blocks, nil)
            } else {
                out.append((role, blocks, plain))
            }
        }
        return .array(out.map { entry in
            if let plain = entry.plain { return ["role": .string(entry.role), "content": .string(plain)] }
            // Results first: the API rejects a user message whose tool_result blocks follow other content.
            let results = entry.content.filter { $0["type"]?.stringValue == "tool_result" }
            let others = entry.content.filter { $0["type"]?.stringValue != "tool_result" }
            return ["role": .string(entry.role), "content": .array(results + others)]
        })
    }

    private static func userBlocks(_ message: Message) -> ([JSONValue], String?) {
        if let parts = message.contentParts {
            // Chat text parts are already Anthropic text blocks; other parts are passed as written.
            return (parts, nil)
        }
        let text = message.content ?? ""
        return ([["type": "text", "text": .string(text)]], text)
    }

    private static func assistantBlocks(_ message: Message) -> [JSONValue] {
        if let native = message.native, native.wire == .anthropic { return native.items }
        var blocks: [JSONValue] = []
        let text = message.content ?? message.refusal ?? ""
        if !text.isEmpty { blocks.append(["type": "text", "text": .string(text)]) }
        for call in message.toolCalls {
            blocks.append(["type": "tool_use", "id": .string(call.id), "name": .string(call.name),
                           "input": input(fromArguments: call.arguments)])
        }
        if blocks.isEmpty { blocks.append(["type": "text", "text": ""]) }
        return blocks
    }

    private static func toolResult(_ message: Message) -> JSONValue {
        var block: JSONObject = ["type": "tool_result", "tool_use_id": .string(message.toolCallID ?? "")]
        block["content"] = .string(message.displayText)
        if message.isError { block["is_error"] = true }
        return .object(block)
    }

    /// A `tool_use` block's `input` for a call's argument text. The API only takes a JSON object:
    /// an object is sent as parsed, empty arguments as `{}`, and anything else (malformed JSON, an
    /// array, a string) as `{"_toolscope_unparsed_arguments": "<the text as the model sent it>"}`
    /// — so the turn can still be sent back and the model sees exactly what it produced.
    public static func input(fromArguments arguments: String) -> JSONValue {
        if arguments.allSatisfy(\.isWhitespace) { return .object([:]) }
        if let value = try? JSONParser.parse(arguments), case .object = value { return value }
        return [unparsedArgumentsKey: .string(arguments)]
    }

    /// The argument text toolscope's tools see for a `tool_use` block's `input` (the inverse of
    /// `input(fromArguments:)`).
    public static func arguments(fromInput input: JSONValue) -> String {
        if let o = input.objectValue, o.count == 1, let raw = o[unparsedArgumentsKey]?.stringValue { return raw }
        return input.compact
    }

    // MARK: - Tools

    /// The session's function tools as Anthropic tools (`name`, `description`, `input_schema`).
    /// Under an `allowed_tools` choice only the allowed ones are offered (Anthropic has no such
    /// choice); tools that are not functions (OpenAI custom tools) have no Anthropic form and are
    /// left out.
    public static func tools(_ tools: [ToolDefinition], choice: ToolChoice) -> [JSONValue] {
        var allowed: Set<String>?
        if case .allowedTools(_, let list) = choice {
            allowed = Set(list.compactMap { $0["function"]?["name"]?.stringValue ?? $0["name"]?.stringValue })
        }
        return tools.compactMap { tool in
            guard tool.isFunction else { return nil }
            if let allowed, !allowed.contains(tool.name) { return nil }
            var o: JSONObject = ["name": .string(tool.name)]
            if let d = tool.description { o["description"] = .string(d) }
            o["input_schema"] = tool.parameters ?? ["type": "object", "properties": [:]]
            return .object(o)
        }
    }

    /// The tools a request offers but cannot send on this wire (not functions), for a warning.
    public static func unsentTools(_ tools: [ToolDefinition]) -> [String] {
        tools.filter { !$0.isFunction }.map(\.name)
    }

    /// `auto` → `{"type":"auto"}`, `required` → `any`, a function → `{"type":"tool","name":…}`,
    /// `none` → `none`; `allowed_tools` → `any` when its mode is "required", else `auto` (the
    /// tools themselves are narrowed by `tools(_:choice:)`). `disable_parallel_tool_use: true` is
    /// added (not to `none`) when the session turned parallel tool calls off.
    public static func toolChoice(_ choice: ToolChoice, parallel: Bool?) -> JSONValue {
        var o: JSONObject
        switch choice {
        case .auto: o = ["type": "auto"]
        case .none: return ["type": "none"]
        case .required: o = ["type": "any"]
        case .function(let name): o = ["type": "tool", "name": .string(name)]
        case .allowedTools(let mode, _): o = ["type": mode == "required" ? "any" : "auto"]
        }
        if parallel == false { o["disable_parallel_tool_use"] = true }
        return .object(o)
    }

    // MARK: - Response

    /// How an Anthropic `stop_reason` reads in the loop's finish-reason words: `tool_use` →
    /// "tool_calls", `end_turn` and `stop_sequence` → "stop", `max_tokens` → "length", `refusal`
    /// → "content_filter"; `pause_turn` and unknown reasons are kept as they are.
    public static func finishReason(stopReason: String) -> String {
        switch stopReason {
        case "tool_use": return "tool_calls"
        case "end_turn", "stop_sequence": return "stop"
        case "max_tokens": return "length"
        case "refusal": return "content_filter"
        default: return stopReason
        }
    }

    /// The engine's message for an assistant turn's content blocks: text joined, one call per
    /// `tool_use` block, and the blocks themselves kept verbatim as native items.
    public static func message(blocks: [JSONValue]) -> Message {
        var text = ""
        var sawText = false
        var calls: [ToolCall] = []
        for block in blocks {
            switch block["type"]?.stringValue {
            case "text":
                sawText = true
                text += block["text"]?.stringValue ?? ""
            case "tool_use":
                calls.append(ToolCall(id: block["id"]?.stringValue ?? "", name: block["name"]?.stringValue ?? "",
                                      arguments: arguments(fromInput: block["input"] ?? [:])))
            default:
                break
            }
        }
        let content: String? = sawText && !(text.isEmpty && !calls.isEmpty) ? text : (calls.isEmpty ? "" : nil)
        var message = Message(role: .assistant, content: content, toolCalls: calls)
        message.native = NativeItems(wire: .anthropic, items: blocks)
        return message
    }

    /// Anthropic usage (`input_tokens` excludes cached input) in the engine's counts: prompt =
    /// input + cache reads + cache writes, cached = cache reads.
    public static func usage(_ json: JSONValue?) -> Usage? {
        guard let json, let input = json["input_tokens"]?.intValue, let output = json["output_tokens"]?.intValue else { return nil }
        let read = json["cache_read_input_tokens"]?.intValue
        let created = json["cache_creation_input_tokens"]?.intValue ?? 0
        return Usage(promptTokens: input + (read ?? 0) + created, completionTokens: output, cachedTokens: read)
    }
}
