import Foundation
import Testing
@testable import ToolscopeEngine
import ToolscopeTestSupport

/// Issue 10: a tool result is stored once in a session file, however many rounds re-sent it.
@Suite("Session files: each result stored once")
struct SessionStorageTests {
    /// Answers from a queue and reports the exact request body, as the real providers do.
    final class BodyReportingProvider: ChatProvider, @unchecked Sendable {
        private let replies: Locked<[Message]>
        init(_ replies: [Message]) { self.replies = Locked(replies) }
        var displayName: String { "queue" }
        func send(_ request: ChatRequest, cancellation: CancellationToken, onEvent: @escaping @Sendable (TraceEvent.Kind) -> Void,
                  completion: @escaping @Sendable (Result<ChatResponse, ProviderError>) -> Void) {
            onEvent(.requestSent(url: "test://queue", headers: [:], body: request.openAIBody(), attempt: 1))
            let next = replies.withLock { r -> Message? in r.isEmpty ? nil : r.removeFirst() }
            guard let next else { return completion(.failure(ProviderError(kind: .script, message: "out of replies"))) }
            completion(.success(ChatResponse(message: next, finishReason: next.toolCalls.isEmpty ? "stop" : "tool_calls")))
        }
    }

    /// Stands in for a python binding: answers with a fixed outcome.
    struct ResultFactory: ExternalToolFactory {
        let outcome: ToolOutcome
        var kinds: Set<String> { ["python"] }
        func makeExecutor(for tool: SessionTool, kind: String, config: JSONObject, session: SessionContext) -> Result<any ToolExecutor, ToolBindingError> {
            .success(FixedResultExecutor(outcome: outcome))
        }
    }

    /// Three rounds: the big tool, a small one, an answer. The big result is re-sent twice.
    private func threeRounds(bigResult: String) -> Session {
        // The big result comes from an executor, not a mock binding, which the file would hold too.
        let tools = [TestTools.tool("big", binding: .external(kind: "python", config: ["module": "big"])), TestTools.tool("small", binding: .mock(["ok": true]))]
        let registry = ToolRegistry(tools: tools, context: SessionContext(baseDirectory: "."),
                                    builtins: .none, external: ResultFactory(outcome: ToolOutcome(content: bigResult)), trusted: true, manual: nil)
        let session = Session(title: "big", tools: tools, messages: [.system("sys")])
        let provider = BodyReportingProvider([
            .assistant(nil, toolCalls: [call("c1", "big", #"{"city":"A"}"#)]),
            .assistant(nil, toolCalls: [call("c2", "small", #"{"city":"B"}"#)]),
            .assistant("done"),
        ])
        let loop = ToolLoop(session: session, provider: provider, dispatcher: Dispatcher(registry: registry))
        let result = loop.sendAndWait("go")
        #expect(result.reason == .answered)
        #expect(result.rounds == 3)
        return result.session
    }

    private func tempPath() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("toolscope-storage-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("s.json").path
    }

    private func fileSize(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? -1
    }

    /// What must survive: the messages exactly, and every stored event as it is written.
    private func expectSameContent(_ loaded: Session, _ original: Session) {
        #expect(loaded.messages == original.messages)
        #expect(loaded.trace.count == original.trace.filter { !$0.isDelta }.count)
        #expect(loaded.trace.map(\.json) == original.trace.filter { !$0.isDelta }.map(\.json))
    }

    @Test func aTwentyMegabyteResultIsStoredOnce() throws {
        let big = String(repeating: "0123456789abcdef", count: 20 * 1024 * 1024 / 16)
        let session = threeRounds(bigResult: big)
        let path = tempPath()
        try SessionFile.save(session, to: path)
        let small = tempPath()
        try SessionFile.save(threeRounds(bigResult: "x"), to: small)
        let rest = try fileSize(small)
        let size = try fileSize(path)
        #expect(size < Int(1.1 * Double(big.utf8.count)) + rest, "saved \(size) bytes for a \(big.utf8.count)-byte result")
        let loaded = try SessionFile.load(path: path)
        expectSameContent(loaded, session)
        // In memory the events are whole again: the last request carried the big result.
        let requests = loaded.trace.compactMap { e -> JSONValue? in if case .requestSent(_, _, let body, _) = e.kind { return body }; return nil }
        #expect(requests.count == 3)
        #expect(requests[2]["messages"]?.arrayValue?.contains { $0["content"]?.stringValue == big } == true)
    }

    @Test func copiesBecomeReferencesAndComeBackWhole() throws {
        let session = threeRounds(bigResult: "a result worth keeping once")
        let stored = session.json["trace"]!.arrayValue!
        func events(_ name: String) -> [JSONValue] { stored.filter { $0["event"]?.stringValue == name } }
        #expect(!events("message_appended").isEmpty)
        #expect(events("message_appended").allSatisfy { $0["message"]?["message_index"]?.intValue != nil })
        #expect(events("assistant_message").allSatisfy { $0["message"]?["message_index"]?.intValue != nil })
        let finished = events("call_finished")
        #expect(finished.count == 2)
        for e in finished {
            let i = try #require(e["content"]?["message_index"]?.intValue)
            #expect(session.messages[i].toolCallID == e["call_id"]?.stringValue)
        }
        #expect(events("request_sent").map { $0["body"]?["messages"]?["message_prefix"]?.intValue } == [2, 4, 6])
        #expect(events("request_sent").allSatisfy { $0["body"]?["model"] != nil })
        expectSameContent(try SessionFile.decode(session.json.pretty), session)
    }

    @Test func aCopyThatDiffersIsStoredWhole() throws {
        var session = threeRounds(bigResult: "original")
        // Edited after the run: the trace no longer matches the conversation.
        session.messages[3].content = "edited"
        let stored = session.json["trace"]!.arrayValue!
        let finished = stored.first { $0["event"]?.stringValue == "call_finished" }
        #expect(finished?["content"] == "original")
        let prefixes = stored.filter { $0["event"]?.stringValue == "request_sent" }.map { $0["body"]?["messages"] }
        #expect(prefixes[0]?["message_prefix"] == 2)
        #expect(prefixes[1]?.arrayValue?.count == 4)
        expectSameContent(try SessionFile.decode(session.json.pretty), session)
    }

    @Test(arguments: ["parallel-weather", "weather-average", "error-recovery", "customer-support"])
    func shippedFilesWithoutReferencesLoadAsBefore(name: String) throws {
        let path = packageRoot.appendingPathComponent("sessions/\(name).json").path
        let original = try JSONParser.parse(try String(contentsOfFile: path, encoding: .utf8))
        let loaded = try SessionFile.load(path: path)
        // Whole events in the file are whole events in memory, field for field; a file written
        // before calls had a `status` gets the one its `is_error` implies, and nothing else changes.
        let fileTrace = original["trace"]?.arrayValue ?? []
        #expect(loaded.trace.count == fileTrace.count)
        for (event, json) in zip(loaded.trace, fileTrace) {
            var written = event.json
            if json["status"] == nil, case .object(var o) = written, o["event"] == "call_finished" {
                #expect(o["status"] == (json["is_error"] == true ? "error" : "ok"))
                o.removeValue(forKey: "status")
                written = .object(o)
            }
            #expect(written.jsonEquals(json), "\(json.compact)")
        }
        expectSameContent(try SessionFile.decode(loaded.json.pretty), loaded)
    }
}
