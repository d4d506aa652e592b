import Testing
@testable import ToolscopeEngine

@Suite("Moving a conversation to another wire")
struct WireMoveTests {
    static let call = ToolCall(id: "call_1", name: "get_weather", arguments: #"{"city":"Oslo"}"#)

    static func responsesTurn() -> Message {
        var m = Message.assistant(nil, toolCalls: [call])
        m.native = NativeItems(wire: .responses, items: [
            ["type": "reasoning", "id": "rs_1", "summary": [["type": "summary_text", "text": "think"]], "encrypted_content": "gAAA"],
            ["type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "get_weather", "arguments": #"{"city":"Oslo"}"#],
        ])
        return m
    }

    static func anthropicTurn() -> Message {
        var m = Message.assistant("Checking.", toolCalls: [call])
        m.native = NativeItems(wire: .anthropic, items: [
            ["type": "thinking", "thinking": "hm", "signature": "sig"],
            ["type": "text", "text": "Checking."],
            ["type": "tool_use", "id": "call_1", "name": "get_weather", "input": ["city": "Oslo"]],
        ])
        return m
    }

    @Test func aReasoningItemIsNamedWhenLeavingResponses() {
        let messages: [Message] = [.user("Weather?"), Self.responsesTurn(), .tool(callID: "call_1", content: "sunny")]
        let losses = WireMove.losses(messages, to: .chat)
        #expect(losses.count == 1)
        #expect(losses.first?.messageIndex == 1)
        #expect(losses.first?.what.contains("reasoning item rs_1 with its summary and its encrypted content") == true)
        #expect(WireMove.losses(messages, to: .responses).isEmpty, "staying on the wire loses nothing")
    }

    @Test func thinkingIsNamedWhenLeavingAnthropicAndTextAndToolUseMove() {
        let losses = WireMove.losses([Self.anthropicTurn()], to: .responses)
        #expect(losses.map(\.what) == ["a thinking block and its signature (another wire cannot send Anthropic thinking back)"])
    }

    @Test func aPlainChatConversationMovesAnywhereExceptNames() {
        var named = Message.user("hi")
        named.name = "alice"
        let plain: [Message] = [.system("s"), .user("u"), .assistant(nil, toolCalls: [Self.call]), .tool(callID: "call_1", content: "r")]
        for wire in WireAPI.allCases { #expect(WireMove.losses(plain, to: wire).isEmpty) }
        #expect(WireMove.losses([named], to: .anthropic).first?.what.contains("participant name \"alice\"") == true)
        #expect(WireMove.losses([named], to: .chat).isEmpty)
    }

    @Test func movingDropsOnlyOtherWiresNativeItems() {
        let moved = WireMove.moved([Self.responsesTurn(), Self.anthropicTurn()], to: .anthropic)
        #expect(moved[0].native == nil)
        #expect(moved[0].toolCalls == [Self.call], "the calls themselves stay")
        #expect(moved[1].native?.wire == .anthropic)
    }

    @Test func nativeItemsRoundTripThroughTheSessionFormatButNeverReachAChatBody() throws {
        let m = Self.responsesTurn()
        let back = try Message(json: m.recordJSON)
        #expect(back == m)
        #expect(m.json["native"] == nil)
        let body = ChatRequest(messages: [m], tools: [], settings: SessionSettings()).openAIBody()
        #expect(body["messages"]?.arrayValue?.first?["native"] == nil)
    }
}
