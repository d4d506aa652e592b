import Foundation
import Testing
@testable import ToolscopeDemo
@testable import ToolscopeEngine
import ToolscopeTestSupport

@Suite("Scripted model and demo")
struct ScriptProviderTests {
    private func demoLoop(_ configure: (inout Session) -> Void = { _ in }) -> ToolLoop {
        var session = Session.embeddedDefault()
        configure(&session)
        let registry = ToolRegistry(tools: session.tools, context: SessionContext(baseDirectory: "."), builtins: BuiltinTools.toolSet, external: nil, trusted: true, manual: nil)
        return ToolLoop(session: session, provider: ScriptProvider.demo(delay: 0), dispatcher: Dispatcher(registry: registry))
    }

    @Test func shippedDemoScriptEqualsTheEmbeddedOne() throws {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("sessions/demo-script.json"), encoding: .utf8)
        #expect(try JSONParser.parse(text) == DemoScript.json)
        _ = try Script(json: DemoScript.json)
    }

    /// The demo rule "weather, unit abbreviated" reads get_weather's unit parameter: named
    /// values give "fahrenheit", a vague "Unit." gives the user's own "F" (docs/script-format.md).
    @Test func aFlagOnToolsReadsTheUnitParameterAsSent() throws {
        let fahrenheit = demoLoop().sendAndWait("What's the weather in Tokyo in F?")
        let sent = fahrenheit.session.messages.first { !$0.toolCalls.isEmpty }?.toolCalls.first?.arguments
        #expect(sent == #"{"city":"Tokyo","unit":"fahrenheit"}"#)
        let vague = demoLoop { session in
            let tool = ToolDefinition(name: "get_weather", description: "Weather.",
                                      parameters: ["type": "object", "properties": ["city": ["type": "string"], "unit": ["type": "string", "description": "Unit."]]])
            session.tools = [SessionTool(definition: tool, binding: .mock(["temperature": 50]))]
        }.sendAndWait("What's the weather in Tokyo in F?")
        #expect(vague.session.messages.first { !$0.toolCalls.isEmpty }?.toolCalls.first?.arguments == #"{"city":"Tokyo","unit":"F"}"#)
    }

    @Test func aFlagObjectNeedsInAndMatchOnly() {
        let script: JSONValue = ["rules": [["match": "x", "flags": ["f": ["in": "tools", "match": "(", "extra": 1]]]]]
        #expect { _ = try Script(json: script) } throws: { ($0 as! ScriptError).path == "/rules/0/flags/f" }
    }

    @Test func threeCitiesAreThreeParallelCallsThenAnAnswer() throws {
        let result = demoLoop().sendAndWait("Compare the weather in Tokyo, London and New York")
        #expect(result.reason == .answered)
        #expect(result.rounds == 2)
        let first = result.session.messages.first { $0.role == .assistant }!
        #expect(first.toolCalls.map(\.name) == ["get_weather", "get_weather", "get_weather"])
        #expect(try first.toolCalls.map { try JSONParser.parse($0.arguments)["city"]!.stringValue! } == ["Tokyo", "London", "New York"])
        let text = result.finalText ?? ""
        #expect(text.contains("Tokyo, Japan"))
        #expect(text.contains("London"))
        #expect(text.contains("New York"))
        #expect(text.contains("°C"))
    }

    @Test func misspelledCityIsRetriedWithTheSuggestion() throws {
        let result = demoLoop().sendAndWait("What's the weather in Toky?")
        #expect(result.reason == .answered)
        #expect(result.rounds == 3)
        let calls = result.session.messages.filter { $0.role == .assistant }.flatMap(\.toolCalls)
        #expect(try calls.map { try JSONParser.parse($0.arguments)["city"]!.stringValue! } == ["Toky", "Tokyo"])
        #expect(result.finalText?.contains("Tokyo, Japan") == true)
        #expect(result.finalText?.contains("Did you mean Tokyo?") == true)
    }

    @Test func averageTemperatureUsesTheCalculatorInASecondRound() throws {
        let result = demoLoop().sendAndWait("What is the average temperature in Paris, Berlin and Madrid?")
        #expect(result.reason == .answered)
        let calls = result.session.messages.filter { $0.role == .assistant }.flatMap(\.toolCalls)
        #expect(calls.map(\.name) == ["get_weather", "get_weather", "get_weather", "calculate"])
        let expression = try JSONParser.parse(calls[3].arguments)["expression"]!.stringValue!
        #expect(expression.hasPrefix("avg("))
        #expect(result.finalText?.contains("The average temperature across Paris") == true)
    }

    @Test func fahrenheitIsPassedAsTheUnit() throws {
        let result = demoLoop().sendAndWait("weather in Sydney in fahrenheit")
        let call = result.session.messages.first { $0.role == .assistant }!.toolCalls[0]
        #expect(try JSONParser.parse(call.arguments) == ["city": "Sydney", "unit": "fahrenheit"])
        #expect(result.finalText?.contains("°F") == true)
    }

    @Test func otherDemoQuestions() {
        let loop = demoLoop()
        #expect(loop.sendAndWait("Convert 100 F to C").finalText?.contains("37.78") == true)
        #expect(loop.sendAndWait("What is (12.5 * 4) / 2?").finalText?.contains("= 25") == true)
        #expect(loop.sendAndWait("Show the orders of U1001").finalText?.contains("Ada Moreno") == true)
        #expect(loop.sendAndWait("tell me a joke").finalText?.contains("scripted demo model") == true)
    }

    @Test func parallelFalsePlaysOneCallPerRound() {
        let result = demoLoop { $0.settings.parallelToolCalls = false }.sendAndWait("Compare the weather in Tokyo, London and New York")
        #expect(result.reason == .answered)
        #expect(result.rounds == 4)
        #expect(result.session.messages.filter { $0.role == .assistant && !$0.toolCalls.isEmpty }.allSatisfy { $0.toolCalls.count == 1 })
    }

    @Test func toolChoiceNoneMeansNoCalls() {
        let result = demoLoop { $0.settings.toolChoice = .none }.sendAndWait("weather in Paris")
        #expect(result.rounds == 1)
        #expect(result.finalText?.contains("tool_choice is \"none\"") == true)
    }

    @Test func disabledToolsAreNotCalled() {
        let result = demoLoop { s in
            for i in s.tools.indices where s.tools[i].name == "get_weather" { s.tools[i].enabled = false }
        }.sendAndWait("weather in Paris")
        #expect(result.rounds == 1)
        #expect(result.finalText?.contains("no weather tool") == true)
    }

    @Test func streamsTextAndToolCallFragments() {
        let log = EventLog()
        let loop = demoLoop()
        _ = loop.sendAndWait("weather in Paris", onEvent: log.record)
        let deltas = log.kinds.compactMap { if case .toolCallDelta(_, let id, let name, let a) = $0 { return (id, name, a) }; return nil }
        #expect(deltas.first?.1 == "get_weather")
        #expect(deltas.dropFirst().allSatisfy { $0.0 == nil })
        #expect(deltas.map(\.2).joined() == #"{"city":"Paris"}"#)
        #expect(log.kinds.filter { if case .contentDelta = $0 { return true }; return false }.count > 3)
    }

    @Test(arguments: [
        (#"{"rules": 3}"#, "/rules"),
        (#"{"rules": [{"match": "(unclosed"}]}"#, "/rules/0/match"),
        (#"{"rules": [{"match": "x", "final": "{{#each a}}no end"}]}"#, "/rules/0/final"),
        (#"{"rules": [{"match": "x", "final": "{{a|bogus}}"}]}"#, "/rules/0/final"),
        (#"{"rules": [{"match": "x", "turns": [{"calls": [{"arguments": {}}]}]}]}"#, "/rules/0/turns/0/calls/0/name"),
        (#"{"format": "toolscope.script/9", "rules": []}"#, "/format"),
    ])
    func invalidScriptsNameThePlace(text: String, path: String) throws {
        #expect {
            try ScriptProvider(json: try JSONParser.parse(text))
        } throws: { ($0 as! ScriptError).path == path }
    }

    @Test func templatesCoverLoopsConditionsAndFilters() throws {
        let t = try ScriptTemplate(#"{{#each xs where=ok sep=", "}}{{@number}}:{{name|upper}}{{/each}}|{{#if missing}}y{{else}}n{{/if}}|{{n|round:1}}|{{xs|count}}"#, path: "")
        let scope = ScriptScope(root: ["xs": [["name": "a", "ok": true], ["name": "b", "ok": false], ["name": "c", "ok": true]], "n": 2.46])
        #expect(t.render(scope) == "1:A, 2:C|n|2.5|3")
        #expect(try ScriptTemplate("{{n}}", path: "").renderValue(scope) == .number(2.46))
    }
}
