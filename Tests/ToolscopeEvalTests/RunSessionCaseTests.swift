import Foundation
import Testing
import ToolscopeEngine
@testable import ToolscopeEval

@Suite("Session to case")
struct RunSessionCaseTests {
    static func session() -> Session {
        let tool = SessionTool(definition: ToolDefinition(name: "get_weather", description: "Weather.", parameters: ["type": "object"]),
                               binding: .builtin("get_weather"))
        return Session(title: "Weather chat", tools: [tool], messages: [
            .system("Be brief."),
            .user("weather in Paris and Rome"),
            .assistant(nil, toolCalls: [ToolCall(id: "c1", name: "get_weather", arguments: #"{"city":"Paris","unit":"celsius"}"#),
                                        ToolCall(id: "c2", name: "get_weather", arguments: #"{"city":"Rome","filter":{"$x":1}}"#)]),
            .tool(callID: "c1", content: "{}"), .tool(callID: "c2", content: "{}"),
            .assistant("Paris 18, Rome 24"),
            .user("thanks"),
            .assistant("You're welcome"),
        ])
    }

    @Test func aTurnBecomesACaseThatLoadsAndPassesOnTheSameCalls() throws {
        let json = try SessionCase.make(from: Self.session(), turn: 1)
        #expect(json["id"]?.stringValue == "weather-chat-turn-1")
        #expect(json["system"]?.stringValue == "Be brief.")
        #expect(json["prompt"]?.stringValue == "weather in Paris and Rome")
        // A value that looks like a matcher is wrapped, so it is compared literally.
        #expect(json["expect"]?["calls"]?.arrayValue?[1]["arguments"]?["filter"] == ["$eq": ["$x": 1]])
        let suiteText = JSONValue.object(["format": "toolscope.suite/1", "cases": [json]]).pretty
        let suite = try SuiteLoader.parse(suiteText, file: "case.json", jsonLines: false)
        let c = try #require(suite.cases.first)
        let same = RunObservation(rounds: [[ObservedCall(name: "get_weather", argumentsText: #"{"city":"Rome","filter":{"$x":1}}"#),
                                            ObservedCall(name: "get_weather", argumentsText: #"{"unit":"celsius","city":"Paris"}"#)], []])
        #expect(Scorer.score(same, against: c.expectation).passed)
        let changed = RunObservation(rounds: [[ObservedCall(name: "get_weather", argumentsText: #"{"city":"Paris","unit":"fahrenheit"}"#),
                                               ObservedCall(name: "get_weather", argumentsText: #"{"city":"Rome","filter":{"$x":1}}"#)], []])
        #expect(!Scorer.score(changed, against: c.expectation).passed)
    }

    @Test func aTurnWithoutCallsExpectsNoCallAndTheLastTurnIsTheDefault() throws {
        let json = try SessionCase.make(from: Self.session())
        #expect(json["prompt"] == nil)  // earlier turns are history: the case carries the messages
        #expect(json["messages"]?.arrayValue?.count == 7)
        #expect(json["expect"] == ["no_call": true])
        #expect(throws: SuiteError.self) { try SessionCase.make(from: Self.session(), turn: 3) }
    }
}
