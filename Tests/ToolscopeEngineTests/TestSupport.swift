import Foundation
@testable import ToolscopeEngine
import ToolscopeTestSupport

/// Tools and providers for engine tests: each behaves in one precise way.
enum TestTools {
    static let citySchema: JSONValue = ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"], "additionalProperties": false]

    static func tool(_ name: String, binding: ToolBindingSpec = .mock(["ok": true]), schema: JSONValue = citySchema) -> SessionTool {
        SessionTool(definition: ToolDefinition(name: name, description: "A test tool that answers in a known way.", parameters: schema), binding: binding)
    }

    static func registry(_ tools: [SessionTool], overrides: [String: any ToolExecutor] = [:]) -> OverridingRegistry {
        OverridingRegistry(tools: tools, overrides: overrides)
    }
}

/// Builds a registry where some tools are answered by test executors.
struct OverridingRegistry {
    let tools: [SessionTool]
    let overrides: [String: any ToolExecutor]

    var registry: ToolRegistry {
        ToolRegistry(tools: tools, context: SessionContext(baseDirectory: "."), builtins: .none, external: OverrideFactory(overrides: overrides), trusted: true, manual: nil)
    }
}

/// Routes `external(kind: "test")` bindings to executors by tool name.
struct OverrideFactory: ExternalToolFactory {
    let overrides: [String: any ToolExecutor]
    var kinds: Set<String> { ["test"] }
    func makeExecutor(for tool: SessionTool, kind: String, config: JSONObject, session: SessionContext) -> Result<any ToolExecutor, ToolBindingError> {
        overrides[tool.name].map { .success($0) } ?? .failure(ToolBindingError("no test executor for \(tool.name)"))
    }
}

extension ToolBindingSpec {
    static let test = ToolBindingSpec.external(kind: "test", config: [:])
}

/// Sleeps on its thread, then answers; records when it ran so tests can check overlap.
final class SleepingExecutor: ToolExecutor, @unchecked Sendable {
    let seconds: Double
    let spans = Locked<[(start: Double, end: Double)]>([])
    init(seconds: Double) { self.seconds = seconds }
    func execute(_ invocation: ToolInvocation, cancellation: CancellationToken, completion: @escaping @Sendable (ToolOutcome) -> Void) {
        let start = MonotonicClock.now()
        Thread.sleep(forTimeInterval: seconds)
        spans.withLock { $0.append((start, MonotonicClock.now())) }
        completion(.success(["slept": .number(seconds), "city": invocation.arguments["city"] ?? .null]))
    }
}

/// Never answers: only the dispatcher's timeout or a cancel ends its calls.
struct HangingExecutor: ToolExecutor {
    let cancelled = Locked(0)
    func execute(_ invocation: ToolInvocation, cancellation: CancellationToken, completion: @escaping @Sendable (ToolOutcome) -> Void) {
        let counter = cancelled
        cancellation.onCancel { counter.withLock { $0 += 1 } }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String { "the disk is on fire" }
}

/// Plays fixed replies in order, one per request, and records the requests it saw.
final class QueueProvider: ChatProvider, @unchecked Sendable {
    private let replies: Locked<[Result<ChatResponse, ProviderError>]>
    let requests = Locked<[ChatRequest]>([])
    init(_ replies: [Result<ChatResponse, ProviderError>]) { self.replies = Locked(replies) }
    convenience init(messages: [Message]) {
        self.init(messages.map { .success(ChatResponse(message: $0, finishReason: $0.toolCalls.isEmpty ? "stop" : "tool_calls")) })
    }
    var displayName: String { "queue" }
    func send(_ request: ChatRequest, cancellation: CancellationToken, onEvent: @escaping @Sendable (TraceEvent.Kind) -> Void,
              completion: @escaping @Sendable (Result<ChatResponse, ProviderError>) -> Void) {
        requests.withLock { $0.append(request) }
        let next = replies.withLock { r -> Result<ChatResponse, ProviderError>? in r.isEmpty ? nil : r.removeFirst() }
        completion(next ?? .failure(ProviderError(kind: .script, message: "test provider ran out of replies")))
    }
}

/// Waits for `cancellation`, like a request that never gets an answer.
struct StalledProvider: ChatProvider {
    var displayName: String { "stalled" }
    func send(_ request: ChatRequest, cancellation: CancellationToken, onEvent: @escaping @Sendable (TraceEvent.Kind) -> Void,
              completion: @escaping @Sendable (Result<ChatResponse, ProviderError>) -> Void) {
        cancellation.onCancel { completion(.failure(ProviderError(kind: .cancelled, message: "cancelled by the user"))) }
    }
}

func call(_ id: String, _ name: String, _ args: String) -> ToolCall { ToolCall(id: id, name: name, arguments: args) }

