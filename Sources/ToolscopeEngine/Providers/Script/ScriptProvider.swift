import Dispatch
import Foundation

/// A deterministic model that plays a script: for demos, tests and offline use. It streams like
/// a real server (text word by word, tool calls as id/name then argument fragments), so front
/// ends exercise the same paths they use with a real model.
///
/// Token usage it reports is an estimate (request and reply characters / 4), not a tokenizer count.
public struct ScriptProvider: ChatProvider {
    public let script: Script
    private let planner: ScriptPlanner
    /// Overrides the script's `delay_ms` (tests and benchmarks use 0).
    private let delayOverride: Double?
    private let queue = DispatchQueue(label: "toolscope.script-provider")

    public init(script: Script, delay: Double? = nil) {
        self.script = script
        self.planner = ScriptPlanner(script: script)
        self.delayOverride = delay
    }

    public init(json: JSONValue, delay: Double? = nil) throws(ScriptError) {
        self.init(script: try Script(json: json), delay: delay)
    }

    public var displayName: String { "scripted (\(script.name))" }

    public func send(_ request: ChatRequest, cancellation: CancellationToken,
                     onEvent: @escaping @Sendable (TraceEvent.Kind) -> Void,
                     completion: @escaping @Sendable (Result<ChatResponse, ProviderError>) -> Void) {
        let body = request.openAIBody()
        onEvent(.requestSent(url: "script://\(script.name)", headers: [:], body: body, attempt: 1))
        let reply = planner.reply(to: request)
        let callIDSeed = request.messages.count
        let chunks = Self.chunks(for: reply, seed: callIDSeed)
        let delay = delayOverride ?? script.delay
        let finish = Once<Result<ChatResponse, ProviderError>>(completion)
        cancellation.onCancel {
            finish(.failure(ProviderError(kind: .cancelled, message: "cancelled by the user")))
        }
        let message = Self.message(for: reply, seed: callIDSeed)
        let promptTokens = max(1, body.compact.utf8.count / 4)
        let completionTokens = max(1, message.json.compact.utf8.count / 4)
        let response = ChatResponse(
            message: message,
            finishReason: message.toolCalls.isEmpty ? "stop" : "tool_calls",
            usage: Usage(promptTokens: promptTokens, completionTokens: completionTokens),
            rawBody: nil,
            timeToFirstToken: nil)

        if delay <= 0 || !request.settings.stream {
            if request.settings.stream { chunks.forEach(onEvent) }
            var r = response
            r.timeToFirstToken = 0
            finish(.success(r))
            return
        }
        @Sendable func play(_ index: Int) {
            if cancellation.isCancelled || finish.isDone { return }
            guard index < chunks.count else {
                var r = response
                r.timeToFirstToken = delay
                finish(.success(r))
                return
            }
            onEvent(chunks[index])
            queue.asyncAfter(deadline: .now() + delay) { play(index + 1) }
        }
        queue.asyncAfter(deadline: .now() + delay) { play(0) }
    }

    static func message(for reply: ScriptPlanner.Reply, seed: Int) -> Message {
        switch reply {
        case .text(let text):
            return .assistant(text)
        case .toolCalls(let calls):
            return .assistant(nil, toolCalls: calls.enumerated().map { i, call in
                ToolCall(id: callID(seed: seed, index: i, name: call.name), name: call.name, arguments: call.arguments.compact)
            })
        }
    }

    /// The stream a server would send for `reply`: words of text, or per call an opening
    /// fragment with id and name followed by the arguments in a few pieces.
    static func chunks(for reply: ScriptPlanner.Reply, seed: Int) -> [TraceEvent.Kind] {
        switch reply {
        case .text(let text):
            var events: [TraceEvent.Kind] = []
            var word = ""
            for c in text {
                word.append(c)
                if c == " " || c == "\n" { events.append(.contentDelta(word)); word = "" }
            }
            if !word.isEmpty { events.append(.contentDelta(word)) }
            return events
        case .toolCalls(let calls):
            var events: [TraceEvent.Kind] = []
            for (i, call) in calls.enumerated() {
                events.append(.toolCallDelta(index: i, id: callID(seed: seed, index: i, name: call.name), name: call.name, arguments: ""))
                let args = Array(call.arguments.compact)
                let step = max(4, args.count / 3)
                var start = 0
                while start < args.count {
                    let end = min(args.count, start + step)
                    events.append(.toolCallDelta(index: i, id: nil, name: nil, arguments: String(args[start..<end])))
                    start = end
                }
            }
            return events
        }
    }

    /// Deterministic ids shaped like OpenAI's, so replays and tests see stable values.
    static func callID(seed: Int, index: Int, name: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(seed)/\(index)/\(name)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "call_" + String(repeating: "0", count: max(0, 16 - hex.count)) + hex
    }
}
