import Foundation
import Testing

/// Binding tools to the user's own code from inside the workbench: import a Python file's
/// functions from the tools list, then run one with "try a tool".
@Suite("Workbench imports the user's functions", .serialized)
struct WorkbenchImportTests {
    static let sample = "Tests/ToolscopeExternalToolsTests/Fixtures/sample_tools.py"

    /// Focus moves conversation → trace → tools.
    func focusTools(_ t: WorkbenchTmux) throws {
        try t.send("Tab")
        try t.send("Tab")
        try t.waitFor(text: "▶ Tools")
    }

    @Test func importAPythonFunctionAndTryIt() throws {
        let t = try WorkbenchTmux()
        try t.waitFor(text: "▶ Conversation")
        try focusTools(t)
        try t.send("p")
        try t.waitFor(text: "Import tools from Python functions")
        try t.type("\(Self.sample):add")
        try t.send("Enter")
        let imported = try t.waitFor(text: "imported 1 tool from", timeout: 30)
        #expect(imported.contains("add"))
        // A new session needs no trust question: the user made these bindings.
        #expect(!imported.contains("binds tools that run code"))
        try t.send("t")
        try t.waitFor(text: "Try add")
        try t.send("F5")
        let tried = try t.waitFor(text: "tried add: ok", timeout: 30)
        #expect(tried.contains("add"))
    }

    @Test func aBrokenImportIsReportedAndNothingChanges() throws {
        let t = try WorkbenchTmux()
        try t.waitFor(text: "▶ Conversation")
        try focusTools(t)
        try t.send("p")
        try t.type("no/such/file.py")
        try t.send("Enter")
        let screen = try t.waitFor("an import error") { $0.contains("no/such/file.py:") && !$0.contains("importing") }
        #expect(!screen.contains("imported"))
    }

    @Test func bindingPromptBindsAToolToACommand() throws {
        let t = try WorkbenchTmux()
        try t.waitFor(text: "▶ Conversation")
        try focusTools(t)
        try t.send("b")
        try t.waitFor(text: "Binding of get_weather")
        try t.send("C-u")
        try t.type(#"command /bin/echo {"sky": "clear"}"#)
        try t.send("Enter")
        try t.waitFor(text: "get_weather → command")
        try t.send("t")
        try t.waitFor(text: "Try get_weather")
        try t.send("F5")
        try t.waitFor(text: "tried get_weather: ok", timeout: 30)
    }

    /// `m` with a server command adds the server to the session, imports its tools (notes
    /// name each tool) and calls one through MCP. Needs the venv's Python with `mcp`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["TOOLSCOPE_TEST_PYTHON"].map { !$0.isEmpty } ?? false))
    func importAnMCPServersToolsAndTryOne() throws {
        let python = ProcessInfo.processInfo.environment["TOOLSCOPE_TEST_PYTHON"]!
        let server = WorkbenchTmux.repoRoot + "/Tests/ToolscopeExternalToolsTests/Fixtures/mcp_server.py"
        let t = try WorkbenchTmux()
        try t.waitFor(text: "▶ Conversation")
        try focusTools(t)
        try t.send("m")
        try t.waitFor(text: "Import tools from an MCP server")
        try t.send("C-u")
        try t.type("demo \(python) \(server)")
        try t.send("Enter")
        let notes = try t.waitFor(text: "imported 5 tools from MCP server demo", timeout: 30)
        #expect(notes.contains("echo: parameters/properties/zebra: warning"))
        try t.send("Escape")
        try t.send("t")
        try t.waitFor(text: "Try echo")
        try t.send("F5")
        try t.waitFor(text: "tried echo: ok", timeout: 30)
    }
}
