import Foundation
import Testing
import ToolscopeDemo
@testable import ToolscopeEngine

@Suite("Session files")
struct SessionFileTests {
    private func tempPath(_ name: String = "s.json") -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("toolscope-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    @Test func roundTripsEverythingAndKeepsSchemaKeyOrder() throws {
        var session = Session.embeddedDefault()
        session.settings.toolChoice = .allowedTools(mode: "required", tools: [["type": "function", "function": ["name": "get_weather"]]])
        session.settings.parallelToolCalls = false
        session.settings.temperature = 0.2
        session.tools.append(SessionTool(definition: ToolDefinition(raw: try JSONParser.parse(
            #"{"type":"function","function":{"name":"zeta","parameters":{"type":"object","required":["b"],"properties":{"b":{"type":"string"},"a":{"type":"integer"}}}}}"#)),
            binding: .mock(["fixed": 1]), enabled: false))
        session.messages += [.user("hi"), .assistant(nil, toolCalls: [call("c1", "zeta", #"{"b":"x"}"#)]), .tool(callID: "c1", content: "{}"), .assistant("bye")]
        session.trace = [TraceEvent(time: 1.5, round: 1, kind: .callFinished(callID: "c1", name: "zeta", duration: 0.01, outcome: ToolOutcome(content: "{}", logs: ["printed"])))]
        let path = tempPath()
        try SessionFile.save(session, to: path)
        let loaded = try SessionFile.load(path: path)
        #expect(loaded.settings == session.settings)
        #expect(loaded.tools == session.tools)
        #expect(loaded.messages == session.messages)
        #expect(loaded.trace == session.trace)
        let zeta = loaded.tool(named: "zeta")!
        #expect(Array(zeta.definition.parameters!["properties"]!.objectValue!.keys) == ["b", "a"])
        #expect(!zeta.enabled)
        #expect(!loaded.enabledDefinitions.contains { $0.name == "zeta" })
    }

    @Test func savedMessagesAreExactlyOpenAIMessages() throws {
        var session = Session(title: "t")
        session.messages = [.user("q"), .assistant(nil, toolCalls: [call("c", "f", "{}")]), .tool(callID: "c", content: "r")]
        let json = session.json
        #expect(json["messages"]!.arrayValue![1].compact == #"{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]}"#)
        #expect(json["messages"]!.arrayValue![2].compact == #"{"role":"tool","content":"r","tool_call_id":"c"}"#)
    }

    @Test func neverStoresAnAPIKey() throws {
        var session = Session.embeddedDefault()
        session.settings.provider = ProviderConfig(kind: .openai)
        session.settings.provider.apiKeyEnv = "MY_KEY"
        let text = session.json.pretty
        #expect(text.contains("\"api_key_env\": \"MY_KEY\""))
        #expect(!text.lowercased().contains("sk-"))
    }

    @Test func corruptFileIsReportedWithLineAndColumnAndLeftUntouched() throws {
        let path = tempPath()
        let corrupt = "{\n  \"format\": \"toolscope.session/1\",\n  \"messages\": [\n    {\"role\": \"user\" \"content\": \"x\"}\n  ]\n}\n"
        try corrupt.write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try SessionFile.load(path: path)
        } throws: { error in
            let e = error as! SessionLoadError
            return e.description.hasPrefix("\(path):4:21: invalid JSON") && e.description.contains("expected ',' or '}'")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == corrupt)
    }

    @Test func wrongShapeNamesThePointerAndPosition() throws {
        let text = "{\n  \"format\": \"toolscope.session/1\",\n  \"messages\": [\n    {\"role\": \"wizard\", \"content\": \"x\"}\n  ]\n}\n"
        #expect {
            try SessionFile.decode(text, path: "s.json")
        } throws: { error in
            let d = (error as! SessionLoadError).description
            return d.hasPrefix("s.json:4:14: /messages/0/role") && d.contains("unknown role \"wizard\"")
        }
    }

    @Test func newerFormatIsRefusedClearly() {
        #expect {
            try SessionFile.decode(#"{"format": "toolscope.session/2", "messages": []}"#, path: "new.json")
        } throws: { error in
            let d = (error as! SessionLoadError).description
            return d.contains("newer toolscope") && d.contains("toolscope.session/2") && d.contains("was not changed")
        }
        #expect(throws: SessionLoadError.self) { try SessionFile.decode(#"{"messages": []}"#) }
    }

    @Test func missingFileAndBadBindingAreClear() {
        #expect {
            try SessionFile.load(path: "/nonexistent/x.json")
        } throws: { ($0 as! SessionLoadError).description.contains("no such file") }
        let text = #"{"format":"toolscope.session/1","tools":[{"type":"function","function":{"name":"f"},"binding":{"kind":"teleport"}}]}"#
        #expect {
            try SessionFile.decode(text, path: "b.json")
        } throws: { ($0 as! SessionLoadError).description.contains("unknown binding kind \"teleport\"") }
    }

    @Test func atomicSaveReplacesWholeFilesAndLeavesNoTemporaries() throws {
        let path = tempPath()
        try SessionFile.save(Session(title: "one"), to: path)
        try SessionFile.save(Session(title: "two"), to: path)
        #expect(try SessionFile.load(path: path).title == "two")
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["s.json"])
    }

    @Test func saveIntoAnUnwritablePlaceFailsWithAMessage() {
        #expect {
            try SessionFile.save(Session(title: "x"), to: "/proc/toolscope-cannot-write/s.json")
        } throws: { ($0 as! SessionSaveError).description.contains("cannot save") }
    }

    @Test func bareFunctionToolsAreAccepted() throws {
        let text = #"{"format":"toolscope.session/1","tools":[{"name":"f","description":"does a thing","parameters":{"type":"object"},"binding":{"kind":"mock","result":"r"}}]}"#
        let s = try SessionFile.decode(text)
        #expect(s.tools[0].definition.raw["type"] == "function")
        #expect(s.tools[0].binding == .mock("r"))
    }
}
