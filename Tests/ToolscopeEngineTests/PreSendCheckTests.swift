import Dispatch
import Foundation
import Testing
@testable import ToolscopeEngine

/// The lint before every request: what it finds in a session's tools, how the loop refuses or
/// sends anyway, and how a schema fault met while checking arguments is blamed on the schema.
@Suite("Pre-send lint")
struct PreSendCheckTests {
    /// A BFCL-style tool as people paste it into a session: a dotted name and `"type": "dict"`.
    static let bfclTool = SessionTool(definition: ToolDefinition(raw: try! JSONParser.parse("""
        {"type": "function", "function": {"name": "math.factorial", "description": "Compute the factorial of a whole number.",
         "parameters": {"type": "dict", "properties": {"number": {"type": "integer", "description": "The number to use."}},
                        "required": ["number"]}}}
        """)), binding: .mock(["result": 6]))

    static func strictTool(_ name: String = "lookup") -> SessionTool {
        SessionTool(definition: ToolDefinition(name: name, description: "Look a city up in the atlas by its name.", parameters: [
            "type": "object", "properties": ["city": ["type": "string", "description": "The city to look up"]],
            "required": ["city"], "additionalProperties": false,
        ], strict: true), binding: .mock(["ok": true]))
    }

    private func loop(_ tools: [SessionTool], _ provider: any ChatProvider, settings: (inout SessionSettings) -> Void = { _ in }) -> ToolLoop {
        var s = SessionSettings()
        settings(&s)
        let session = Session(title: "check", settings: s, tools: tools, messages: [.system("sys")])
        return ToolLoop(session: session, provider: provider, dispatcher: Dispatcher(registry: TestTools.registry(tools).registry))
    }

    @Test func bfclToolsInASessionAreErrorsAtTheirSessionPaths() {
        let check = PreSendCheck(tools: [Self.bfclTool], settings: SessionSettings())
        #expect(check.blocks)
        let byRule = Dictionary(grouping: check.errors, by: \.rule)
        #expect(byRule["name-pattern"]?.first?.path == "/tools/0/function/name")
        #expect(byRule["name-pattern"]?.first?.message.contains("\".\"") == true)
        #expect(check.errors.contains { $0.path == "/tools/0/function/parameters" && $0.rule == "parameters-root" })
    }

    @Test func disabledToolsAreNotCheckedAndPathsKeepTheSessionIndex() {
        var disabled = Self.bfclTool
        disabled.enabled = false
        let good = TestTools.tool("fine")
        let check = PreSendCheck(tools: [disabled, good, Self.bfclTool], settings: SessionSettings())
        #expect(check.errors.allSatisfy { $0.path.hasPrefix("/tools/2/") }, "\(check.errors.map(\.path))")
        #expect(!check.errors.isEmpty)
        #expect(!PreSendCheck(tools: [disabled, good], settings: SessionSettings()).blocks)
    }

    @Test func aStrictToolWithParallelCallsOnIsWarnedAbout() {
        let tools = [Self.strictTool()]
        for parallel in [true, nil] as [Bool?] {
            var settings = SessionSettings()
            settings.parallelToolCalls = parallel
            let check = PreSendCheck(tools: tools, settings: settings)
            let warning = check.warnings.first { $0.rule == "strict-parallel" }
            #expect(warning?.path == "/tools/0/function/strict")
            #expect(warning?.message.contains("strict mode is not compatible with parallel tool calls") == true)
            #expect(!check.blocks)
        }
        var off = SessionSettings()
        off.parallelToolCalls = false
        #expect(!PreSendCheck(tools: tools, settings: off).findings.contains { $0.rule == "strict-parallel" })
        var anthropic = SessionSettings()
        anthropic.provider.api = .anthropic
        #expect(!PreSendCheck(tools: tools, settings: anthropic).findings.contains { $0.rule == "strict-parallel" })
    }

    @Test func aToolChoiceNamingNoSentToolIsAnError() {
        var hidden = TestTools.tool("hidden")
        hidden.enabled = false
        var settings = SessionSettings()
        settings.toolChoice = .function("hidden")
        let check = PreSendCheck(tools: [TestTools.tool("shown"), hidden], settings: settings)
        let error = check.errors.first { $0.rule == "tool-choice-unknown" }
        #expect(error?.path == "/settings/tool_choice")
        #expect(error?.message.contains("the tools sent are shown") == true)
    }

    @Test func theLoopRefusesToolsWithErrorsAndLeavesTheConversationAsItWas() {
        let provider = QueueProvider(messages: [.assistant("never")])
        let events = Locked<[TraceEvent]>([])
        let result = loop([Self.bfclTool], provider).sendAndWait("hi") { e in events.withLock { $0.append(e) } }
        #expect(result.reason == .toolErrors)
        #expect(result.reason.rawValue == "tool_errors")
        #expect(provider.requests.current.isEmpty, "nothing may be sent")
        #expect(result.session.messages.map(\.role) == [.system], "the user message is not appended to a refused turn")
        #expect(result.detail?.contains("error: /tools/0/function/name") == true)
        #expect(events.current.isEmpty)
    }

    @Test func sendAnywaySendsAndTracesTheErrors() {
        let provider = QueueProvider(messages: [.assistant("sent")])
        let events = Locked<[TraceEvent]>([])
        let result = loop([Self.bfclTool], provider).sendAndWait("hi", check: .sendAnyway) { e in events.withLock { $0.append(e) } }
        #expect(result.reason == .answered)
        #expect(provider.requests.current.count == 1)
        let warnings = events.current.compactMap { e -> String? in if case .warning(let w) = e.kind { return w } else { return nil } }
        #expect(warnings.contains { $0.hasPrefix("tool check (sent anyway): error: /tools/0/function/name:") })
    }

    @Test func warningsReachTheTraceOncePerTurn() {
        let provider = QueueProvider(messages: [
            .assistant(nil, toolCalls: [call("a", "lookup", #"{"city":"Oslo"}"#)]),
            .assistant("done"),
        ])
        let result = loop([Self.strictTool()], provider) { $0.parallelToolCalls = true }.sendAndWait("go")
        #expect(result.reason == .answered)
        #expect(result.rounds == 2)
        let strictWarnings = result.session.trace.filter {
            if case .warning(let w) = $0.kind { return w.contains("[strict-parallel]") } else { return false }
        }
        #expect(strictWarnings.count == 1)
        #expect(strictWarnings.first.map { if case .warning(let w) = $0.kind { w.hasPrefix("tool check: warning: /tools/0/function/strict:") } else { false } } == true)
    }

    @Test func aSchemaFaultIsBlamedOnTheDefinitionNotTheArguments() throws {
        let broken = SessionTool(definition: ToolDefinition(name: "plan", description: "Plan a trip between two cities.", parameters: [
            "type": "object", "properties": ["route": ["type": "dict"]], "required": ["route"],
        ]), binding: .mock(["ok": true]))
        let registry = TestTools.registry([broken]).registry
        let events = Locked<[TraceEvent.Kind]>([])
        let semaphore = DispatchSemaphore(value: 0)
        let outcomes = Locked<[ToolOutcome]>([])
        Dispatcher(registry: registry).dispatch([call("c1", "plan", #"{"route": {"from": "A"}}"#)], timeout: 5, cancellation: CancellationToken(),
                                                onEvent: { e in events.withLock { $0.append(e) } }) { o in
            outcomes.withLock { $0 = o }
            semaphore.signal()
        }
        semaphore.wait()
        let result = try JSONParser.parse(outcomes.current[0].content)
        let message = result["error"]?.stringValue ?? ""
        #expect(message.contains("The definition of plan is broken"))
        #expect(message.contains("not in the arguments"))
        #expect(!message.contains("do not match its schema"))
        #expect(result["schema_problems"]?.arrayValue?.first?.stringValue?.contains(#"names no JSON Schema type ("dict")"#) == true)
        #expect(result["problems"] == nil, "the arguments themselves broke nothing")
        #expect(outcomes.current[0].isError)
        let validated = events.current.compactMap { e -> [String]? in if case .callValidated(_, let p) = e { return p } else { return nil } }
        #expect(validated.first?.first?.hasPrefix("tool definition error: ") == true)
        #expect(events.current.contains { if case .warning(let w) = $0 { return w.hasPrefix("plan (c1): tool definition error:") } else { return false } })
    }

    @Test func argumentMistakesBesideASchemaFaultAreStillListed() throws {
        let schema: JSONValue = ["type": "object", "properties": ["a": ["type": "dict"], "n": ["type": "integer"]]]
        let outcome = SchemaValidator.check(["a": [:], "n": "x"], schema: schema)
        #expect(outcome.violations.filter(\.isSchemaFault).count == 1)
        #expect(outcome.violations.filter { !$0.isSchemaFault }.map(\.path) == ["/n"])
    }
}
