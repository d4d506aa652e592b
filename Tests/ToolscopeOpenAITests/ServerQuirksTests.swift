import Foundation
import Testing
@testable import ToolscopeOpenAI
import ToolscopeEngine

@Suite("Server quirks and compatibility settings")
struct ServerQuirksTests {
    static let call = ToolCall(id: "call_1", name: "get_weather", arguments: #"{"city":"Paris"}"#)

    static func request(compat: ServerCompat = ServerCompat()) -> ChatRequest {
        var settings = SessionSettings()
        settings.provider.compat = compat
        let messages: [Message] = [.user("Weather?"), .assistant(nil, toolCalls: [call]), .tool(callID: "call_1", content: "sunny")]
        return ChatRequest(messages: messages, tools: [], settings: settings)
    }

    static func validationError(index: Int) -> ProviderError {
        let page = "[{'type': 'string_type', 'loc': ('body', 'messages', \(index), 'ChatCompletionRequestAssistantMessage', 'content'), 'msg': 'Input should be a valid string', 'input': None}]"
        return ProviderError(kind: .http, message: "Internal Server Error", status: 500, rawBody: #"{"error":{"message":"\#(page)"}}"#)
    }

    @Test func nullContentIsSentAsOpenAIDocumentsItUnlessTheWorkaroundIsOn() throws {
        let plain = Self.request().openAIBody(stream: false)
        #expect(plain["messages"]?.arrayValue?[1]["content"] == .null)
        let patched = Self.request(compat: ServerCompat(emptyContentWithToolCalls: true)).openAIBody(stream: false)
        #expect(patched["messages"]?.arrayValue?[1]["content"] == .string(""))
        // Only assistant messages with tool calls change; the user message and the tool result keep their text.
        #expect(patched["messages"]?.arrayValue?[0]["content"] == .string("Weather?"))
        #expect(patched["messages"]?.arrayValue?[2]["content"] == .string("sunny"))
    }

    @Test func theRejectionIsRecognisedFromTheValidationPage() {
        let cause = ServerQuirks.nullContentRejected(Self.validationError(index: 1), request: Self.request(), baseURL: "http://h:8080/v1")
        #expect(cause?.contains("message 1") == true)
        #expect(cause?.contains("--compat empty-content") == true)
        #expect(cause?.contains("http://h:8080/v1") == true)
    }

    @Test func otherErrorsAreNotMistakenForTheQuirk() {
        // A page naming another message, an error with no mention of content, a 200, the workaround already on.
        #expect(ServerQuirks.nullContentRejected(Self.validationError(index: 0), request: Self.request(), baseURL: "u") == nil)
        let unrelated = ProviderError(kind: .http, message: "model not found", status: 404, rawBody: #"{"error":{"message":"model x not found"}}"#)
        #expect(ServerQuirks.nullContentRejected(unrelated, request: Self.request(), baseURL: "u") == nil)
        let on = Self.request(compat: ServerCompat(emptyContentWithToolCalls: true))
        #expect(ServerQuirks.nullContentRejected(Self.validationError(index: 1), request: on, baseURL: "u") == nil)
        let timeout = ProviderError(kind: .timeout, message: "messages.1 content None")
        #expect(ServerQuirks.nullContentRejected(timeout, request: Self.request(), baseURL: "u") == nil)
    }

    @Test func compatRoundTripsThroughTheSessionSettings() throws {
        var config = ProviderConfig(kind: .openai)
        #expect(config.json["compat"] == nil, "the default writes nothing")
        config.compat.enable(.emptyContent)
        let back = try ProviderConfig(json: config.json)
        #expect(back.compat.emptyContentWithToolCalls)
        #expect(throws: SchemaShapeError.self) { try ProviderConfig(json: ["compat": ["empty_content_with_tool_calls": "yes"]]) }
    }

    @Test func theMemoryIsKeyedByTheServerHoweverItsURLIsTyped() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("compat-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let memory = ServerCompatMemory(configDirectory: dir)
        #expect(try memory.compat(for: "http://127.0.0.1:8080/v1").isDefault, "nothing remembered without a file")
        try memory.remember(ServerCompat(emptyContentWithToolCalls: true), for: "HTTP://127.0.0.1:8080/v1/")
        #expect(try memory.compat(for: "http://127.0.0.1:8080/v1").emptyContentWithToolCalls)
        #expect(try memory.compat(for: "http://127.0.0.1:8081/v1").isDefault, "another server is another entry")
        try memory.remember(ServerCompat(), for: "http://127.0.0.1:8080/v1")
        #expect(try memory.compat(for: "http://127.0.0.1:8080/v1").isDefault)
        try "[1,".write(toFile: memory.path, atomically: true, encoding: .utf8)
        #expect(throws: ProviderError.self) { try memory.compat(for: "http://127.0.0.1:8080/v1") }
    }
}
