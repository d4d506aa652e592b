import Foundation
import Testing
import ToolscopeEngine
@testable import ToolscopeExternalTools

/// The whole path: a scripted model asks for a Python, a command and an MCP tool in one turn,
/// the dispatcher runs them at the same time, and their results come back as tool messages.
@Suite("loop with external tools", .serialized, .enabled(if: TestSupport.hasPython))
final class ParallelLoopTests {
    let external = ExternalTools(mcpConfigFile: "/nonexistent/mcp.json", cacheDirectory: TestSupport.temporaryDirectory("cache"))
    deinit { external.shutdown() }

    static let script: JSONValue = [
        "format": "toolscope.script/1",
        "name": "parallel",
        "rules": [[
            "match": "all three",
            "turns": [["calls": [
                ["name": "py_slow", "arguments": ["seconds": 0.7]],
                ["name": "cmd_nap", "arguments": ["who": "cmd"]],
                ["name": "mcp_hang", "arguments": ["seconds": 0.7]],
            ]]],
            "final": "all done",
        ]],
    ]

    func session() -> Session {
        let python = TestSupport.python
        func tool(_ name: String, _ binding: ToolBindingSpec, _ properties: JSONValue) -> SessionTool {
            SessionTool(definition: ToolDefinition(name: name, description: "test tool \(name)",
                                                   parameters: ["type": "object", "properties": properties]),
                        binding: binding)
        }
        var session = Session(title: "parallel")
        session.tools = [
            tool("py_slow", .external(kind: "python", config: ["target": "sample_tools.py:slow", "interpreter": .string(python)]),
                 ["seconds": ["type": "number"]]),
            tool("cmd_nap", .external(kind: "command", config: ["argv": ["./nap_tool.sh"]]), ["who": ["type": "string"]]),
            tool("mcp_hang", .external(kind: "mcp", config: ["server": "demo", "tool": "hang"]), ["seconds": ["type": "number"]]),
        ]
        session.mcpServers = ["demo": ["command": .string(python), "args": ["mcp_server.py"]]]
        return session
    }

    @Test func pythonCommandAndMCPToolsRunInParallelInOneTurn() async throws {
        let session = session()
        let context = SessionContext(baseDirectory: TestSupport.fixtures, mcpServers: session.mcpServers)
        let registry = ToolRegistry(tools: session.tools, context: context, builtins: .none, external: external, trusted: true, manual: nil)
        // Warm the Python worker and the MCP server, so the turn measures the calls, not start-up.
        for (name, args) in [("py_slow", ["seconds": 0] as JSONValue), ("mcp_hang", ["seconds": 0])] {
            let executor = try #require(registry.executor(for: name))
            #expect(await TestSupport.call(executor, args).isError == false)
        }
        let provider = try ScriptProvider(json: Self.script)
        let loop = ToolLoop(session: session, provider: provider, dispatcher: Dispatcher(registry: registry))
        let started = MonotonicClock.now()
        let result = await TestSupport.offThread { loop.sendAndWait("run all three tools") }
        let elapsed = MonotonicClock.now() - started

        #expect(result.finalText == "all done")
        let assistant = try #require(result.session.messages.first { !$0.toolCalls.isEmpty })
        #expect(assistant.toolCalls.map(\.name) == ["py_slow", "cmd_nap", "mcp_hang"])
        let replies = result.session.messages.filter { $0.role == .tool }
        let byCall = Dictionary(uniqueKeysWithValues: replies.map { ($0.toolCallID ?? "", $0.content ?? "") })
        let contents = assistant.toolCalls.map { byCall[$0.id] ?? "<missing>" }
        #expect(contents == ["done", #"{"napped":{"who":"cmd"}}"#, "woke up"])
        #expect(elapsed < 1.8, "three 0.7 s calls overlapped (one after another they take 2.1 s); took \(elapsed)")
    }

    @Test func untrustedSessionsRunNothing() async throws {
        let session = session()
        let context = SessionContext(baseDirectory: TestSupport.fixtures, mcpServers: session.mcpServers)
        let registry = ToolRegistry(tools: session.tools, context: context, builtins: .none, external: external, trusted: false, manual: nil)
        let executor = try #require(registry.executor(for: "cmd_nap"))
        let outcome = await TestSupport.call(executor, ["who": "x"])
        #expect(outcome.isError)
        #expect(outcome.content.contains("not trusted"))
    }
}
