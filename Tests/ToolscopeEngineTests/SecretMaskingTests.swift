import Foundation
import Testing
@testable import ToolscopeEngine
import ToolscopeTestSupport

@Suite("Secret masking")
struct SecretMaskingTests {
    static let key = "sk-CANARY-key-7f3a9"
    static let header = "gw-CANARY-header-55"

    @Test func masksEveryOccurrenceLongestFirst() {
        let m = SecretMasker(secrets: ["abcd", "abcdefgh", "xy"])
        #expect(m.secrets == ["abcdefgh", "abcd"], "short values are ignored, longest first")
        #expect(m.text("abcdefgh and abcd, abcdabcd") == "[redacted] and [redacted], [redacted][redacted]")
        #expect(m.text("nothing here") == "nothing here")
    }

    @Test func masksJSONStringsAndKeysAndLeavesNumbers() {
        let m = SecretMasker(secrets: [Self.key])
        let value: JSONValue = ["a": .string("x \(Self.key) y"), .init(stringLiteral: Self.key): 1, "n": 3.5, "list": [.string(Self.key), true]]
        let masked = m.json(value)
        #expect(!masked.compact.contains(Self.key))
        #expect(masked["a"] == "x [redacted] y")
        #expect(masked["[redacted]"] == 1)
        #expect(masked["n"] == 3.5)
    }

    @Test func sessionSecretsComeFromTheKeyHeadersAndSecretEnv() {
        var session = Session(title: "t")
        session.settings.provider.apiKeyEnv = "MY_KEY"
        session.settings.provider.extraHeaders = ["X-Gateway": "Bearer \(Self.header)"]
        session.settings.provider.commandLineHeaders = ["X-Other": "other-secret-1"]
        session.tools = [SessionTool(definition: ToolDefinition(name: "c", description: "d", parameters: ["type": "object"]),
                                     binding: .external(kind: "command", config: ["argv": ["x"], "env": ["TOKEN": "tool-token-123"], "secret_env": ["TOKEN", "INHERITED"]]))]
        session.mcpServers = ["srv": ["command": "y", "secret_env": ["SRV_TOKEN"]]]
        let m = SecretMasker.forSession(session, environment: ["MY_KEY": Self.key, "INHERITED": "from-parent-9", "SRV_TOKEN": "server-token-77", "UNLISTED": "public-value"])
        for secret in [Self.key, "Bearer \(Self.header)", Self.header, "other-secret-1", "tool-token-123", "from-parent-9", "server-token-77"] {
            #expect(m.secrets.contains(secret), "\(secret)")
        }
        #expect(!m.secrets.contains("public-value"))
    }

    @Test func aSecretSplitAcrossPiecesIsMaskedWhole() {
        let m = SecretMasker(secrets: [Self.key])
        // Cut the text at every position, and also into single characters.
        let text = "the key is \(Self.key), twice: \(Self.key)!"
        for cut in 1..<text.count {
            var stream = StreamMasker(m)
            let a = stream.feed(String(text.prefix(cut)))
            let b = stream.feed(String(text.dropFirst(cut)))
            let joined = a + b + stream.flush()
            #expect(joined == "the key is [redacted], twice: [redacted]!", "cut at \(cut)")
            #expect(!a.contains("sk-CANARY"), "cut at \(cut): the first piece leaks part of the key")
        }
        var stream = StreamMasker(m)
        let pieces = text.map { stream.feed(String($0)) }
        #expect(pieces.joined() + stream.flush() == "the key is [redacted], twice: [redacted]!")
        #expect(!pieces.contains { $0.contains("sk-C") })
    }

    @Test func aPrefixThatNeverCompletesIsReleasedAtTheEnd() {
        var stream = StreamMasker(SecretMasker(secrets: [Self.key]))
        #expect(stream.feed("ends with sk-CAN") == "ends with ")
        #expect(stream.flush() == "sk-CAN")
        var passing = StreamMasker(.none)
        #expect(passing.feed("sk-CAN") == "sk-CAN", "no secrets: nothing is held")
    }

    /// A provider that echoes the key into streamed text, a tool call's arguments and the answer.
    struct EchoingProvider: ChatProvider {
        let secret: String
        let replies = Locked(0)
        var displayName: String { "echo" }
        func send(_ request: ChatRequest, cancellation: CancellationToken, onEvent: @escaping @Sendable (TraceEvent.Kind) -> Void,
                  completion: @escaping @Sendable (Result<ChatResponse, ProviderError>) -> Void) {
            let n = replies.withLock { r -> Int in r += 1; return r }
            onEvent(.requestSent(url: "http://x/v1", headers: ["X-Echo": secret], body: request.openAIBody(), attempt: 1))
            let half = secret.count / 2
            if n == 1 {
                onEvent(.toolCallDelta(index: 0, id: "c1", name: "t", arguments: "{\"city\":\"" + secret.prefix(half)))
                onEvent(.toolCallDelta(index: 0, id: nil, name: nil, arguments: secret.dropFirst(half) + "\"}"))
                completion(.success(ChatResponse(message: .assistant(nil, toolCalls: [call("c1", "t", "{\"city\":\"\(secret)\"}")]),
                                                 finishReason: "tool_calls", rawBody: "raw \(secret)")))
            } else {
                onEvent(.contentDelta("Your key: " + secret.prefix(half)))
                onEvent(.contentDelta(secret.dropFirst(half) + "."))
                completion(.success(ChatResponse(message: .assistant("Your key: \(secret)."), finishReason: "stop")))
            }
        }
    }

    /// Answers with the arguments it got and a log line, so the echoed key comes back as tool output.
    struct EchoTool: ToolExecutor {
        var mayBlock: Bool { false }
        func execute(_ invocation: ToolInvocation, cancellation: CancellationToken, completion: @escaping @Sendable (ToolOutcome) -> Void) {
            completion(ToolOutcome(content: "echo " + invocation.call.arguments, logs: ["saw \(invocation.call.arguments)"]))
        }
    }

    @Test func theLoopRecordsAndReportsNoSecretAnywhere() throws {
        let tools = [TestTools.tool("t", binding: .test, schema: ["type": "object"])]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mask-\(UUID().uuidString)").path
        let autosave = directory + "/auto.json"
        let loop = ToolLoop(session: Session(title: "t", tools: tools), provider: EchoingProvider(secret: Self.key),
                            dispatcher: Dispatcher(registry: TestTools.registry(tools, overrides: ["t": EchoTool()]).registry),
                            autosavePath: autosave, masker: SecretMasker(secrets: [Self.key]))
        let log = EventLog()
        let result = loop.sendAndWait("is \(Self.key) my key?", onEvent: log.record)
        #expect(result.reason == .answered)
        #expect(result.finalText == "Your key: [redacted].")
        let reported = log.events.current.map { $0.json.compact }.joined(separator: "\n")
        #expect(!reported.contains(Self.key), "a trace event carries the key")
        #expect(!reported.contains("sk-CANARY"), "a delta carries part of the key")
        #expect(reported.contains("[redacted]"))
        let saved = try String(contentsOfFile: autosave, encoding: .utf8)
        #expect(!saved.contains(Self.key) && !saved.contains("sk-CANARY"), "the autosave carries the key")
        #expect(!result.session.json.compact.contains(Self.key))
        // The streamed pieces still add up to the masked answer.
        let text = log.kinds.compactMap { if case .contentDelta(let s) = $0 { return s }; return nil }.joined()
        #expect(text == "Your key: [redacted].")
        try? FileManager.default.removeItem(atPath: directory)
    }
}
