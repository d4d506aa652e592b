import Foundation
import Testing
import ToolscopeEngine
@testable import ToolscopeExternalTools

@Suite("mcp binding", .serialized, .enabled(if: TestSupport.hasPython))
final class MCPBindingTests {
    let tools = ExternalTools(mcpConfigFile: "/nonexistent/mcp.json", cacheDirectory: TestSupport.temporaryDirectory("cache"))
    deinit { tools.shutdown() }

    static var servers: JSONObject {
        ["demo": ["command": .string(TestSupport.python), "args": ["mcp_server.py"], "env": ["DEMO": "1"]]]
    }
    let context = SessionContext(baseDirectory: TestSupport.fixtures, mcpServers: MCPBindingTests.servers)

    func executor(_ tool: String) throws -> any ToolExecutor {
        try TestSupport.executor(tools, kind: "mcp", ["server": "demo", "tool": .string(tool)], context: context)
    }

    @Test func listsToolsKeepingEachSchemasKeyOrder() async throws {
        let (tools, context) = (self.tools, self.context)
        let imported = try await TestSupport.offThread { Result { try tools.importMCPTools(server: "demo", session: context) } }.get()
        #expect(imported.map(\.name) == ["echo", "divide", "hang", "crash", "whoami"])
        let echo = try #require(imported.first)
        #expect(echo.definition.raw.compact == #"{"type":"function","function":{"name":"echo","description":"Repeats zebra apple times (parameters deliberately out of alphabetical order).","parameters":{"properties":{"zebra":{"title":"Zebra","type":"string"},"apple":{"default":1,"title":"Apple","type":"integer"},"mango":{"default":false,"title":"Mango","type":"boolean"}},"required":["zebra"],"type":"object","title":"echoArguments"}}}"#)
        #expect(echo.binding == .external(kind: "mcp", config: ["server": "demo", "tool": "echo"]))
    }

    @Test func callsAToolAndShowsItsContent() async throws {
        let outcome = await TestSupport.call(try executor("echo"), ["zebra": "ab", "apple": 3, "mango": true])
        #expect(!outcome.isError)
        #expect(outcome.content == "ABABAB")
        #expect(outcome.details?.arrayValue?.first?["type"] == "text")
    }

    @Test func isErrorBecomesAToolError() async throws {
        let outcome = await TestSupport.call(try executor("divide"), ["a": 1, "b": 0])
        #expect(outcome.isError)
        #expect(TestSupport.parse(outcome.content)?["error"]?.stringValue?.contains("division by zero") == true)
    }

    @Test func aHangingServerTimesOutAndIsRestarted() async throws {
        let whoami = try executor("whoami")
        let before = await TestSupport.call(whoami, [:])
        let started = MonotonicClock.now()
        let hung = await TestSupport.call(try executor("hang"), ["seconds": 60], timeout: 1)
        #expect(hung.isError)
        #expect(hung.content.contains("timed out after 1 s"))
        #expect(MonotonicClock.now() - started < 4)
        let after = await TestSupport.call(whoami, [:])
        #expect(!after.isError)
        #expect(Int32(before.content) != nil && before.content != after.content, "a new server process answers")
        if let old = Int32(before.content) { #expect(!TestSupport.isAlive(old)) }
    }

    @Test func aCrashingServerGivesAnErrorAndIsRestarted() async throws {
        let crashed = await TestSupport.call(try executor("crash"), [:])
        #expect(crashed.isError)
        let message = TestSupport.parse(crashed.content)?["error"]?.stringValue ?? ""
        #expect(message.contains("exited (exit status 7)"), "\(message)")
        #expect(message.contains("crashing now"))
        let after = await TestSupport.call(try executor("echo"), ["zebra": "ok"])
        #expect(after.content == "ok")
    }

    @Test func unknownServersAndBrokenConfigsSaySo() throws {
        let missing = tools.makeExecutor(for: TestSupport.tool("t", kind: "mcp", [:]), kind: "mcp",
                                         config: ["server": "nope", "tool": "x"], session: context)
        guard case .failure(let error) = missing else { Issue.record("expected an error"); return }
        #expect(error.message.contains("no MCP server named \"nope\" (known: demo)"))
        let broken = SessionContext(baseDirectory: "/", mcpServers: ["bad": ["args": ["x"]]])
        let result = tools.makeExecutor(for: TestSupport.tool("t", kind: "mcp", [:]), kind: "mcp",
                                        config: ["server": "bad", "tool": "x"], session: broken)
        guard case .failure(let e2) = result else { Issue.record("expected an error"); return }
        #expect(e2.message.contains("needs \"command\""))
    }

    @Test func serversCanComeFromAConfigFile() async throws {
        let dir = TestSupport.temporaryDirectory("mcpcfg")
        let file = dir + "/mcp.json"
        let config: JSONValue = ["mcpServers": ["filed": ["command": .string(TestSupport.python), "args": [.string(TestSupport.fixtures + "/mcp_server.py")]]]]
        try config.pretty.write(toFile: file, atomically: true, encoding: .utf8)
        let fileTools = ExternalTools(mcpConfigFile: file, cacheDirectory: dir)
        defer { fileTools.shutdown() }
        let e = try TestSupport.executor(fileTools, kind: "mcp", ["server": "filed", "tool": "echo"], context: SessionContext(baseDirectory: "/"))
        #expect(await TestSupport.call(e, ["zebra": "z", "apple": 2]).content == "zz")
    }
}
