import Testing
@testable import ToolscopeEngine

@Suite("A session's wire transcript")
struct WireTranscriptTests {
    static func session(api: WireAPI) -> Session {
        var settings = SessionSettings()
        settings.provider.kind = .openai
        settings.provider.api = api
        let call = ToolCall(id: "call_1", name: "get_weather", arguments: #"{"city":"Oslo"}"#)
        return Session(title: "t", settings: settings,
                       messages: [.system("Be brief."), .user("Weather?"), .assistant(nil, toolCalls: [call]), .tool(callID: "call_1", content: "sunny")])
    }

    @Test func responsesSessionsSaveInstructionsAndInputItems() throws {
        let json = Self.session(api: .responses).json
        let transcript = try #require(json[WireTranscript.key])
        #expect(transcript["instructions"] == .string("Be brief."))
        let types = transcript["input"]?.arrayValue?.compactMap { $0["type"]?.stringValue }
        #expect(types?.contains("function_call") == true)
        #expect(types?.contains("function_call_output") == true)
    }

    @Test func anthropicSessionsSaveSystemAndBlocks() throws {
        let transcript = try #require(Self.session(api: .anthropic).json[WireTranscript.key])
        #expect(transcript["system"] != nil)
        let messages = try #require(transcript["messages"]?.arrayValue)
        let lastBlocks = messages.last?["content"]?.arrayValue
        #expect(lastBlocks?.first?["type"] == .string("tool_result"))
    }

    @Test func chatSessionsHaveNoSecondCopyAndLoadingIgnoresTheTranscript() throws {
        #expect(Self.session(api: .chat).json[WireTranscript.key] == nil)
        let saved = Self.session(api: .responses).json
        let loaded = try Session(json: saved)
        #expect(loaded.extra[WireTranscript.key] == nil, "derived, so not kept as an unknown key")
        #expect(loaded.json[WireTranscript.key] == saved[WireTranscript.key])
    }
}
