import Foundation
import ToolscopeTestSupport
import Testing

/// Binding tools to the user's own code from inside the workbench: import a Python file's
/// functions from the tools list, then run one with "try a tool".
@Suite("Workbench imports the user's functions", .serialized)
struct WorkbenchImportTests {
    static let sample = "Tests/ToolscopeExternalToolsTests/Fixtures/sample_tools.py"

    /// A fresh workbench with the focus on the tools list (conversation → trace → tools).
    func openToolsList() throws -> WorkbenchTmux {
        let t = try WorkbenchTmux()
        try t.focusToolsList()
        return t
    }

    /// Runs the selected tool with "try" and its generated arguments; waits for success.
    @discardableResult
    func trySelected(_ t: WorkbenchTmux, named name: String) throws -> String {
        try t.send("t")
        try t.waitFor(text: "Try \(name)")
        try t.send("F5")
        return try t.waitFor(text: "tried \(name): ok", timeout: 30)
    }

    @Test func importAPythonFunctionAndTryIt() throws {
        let t = try openToolsList()
        try t.answerPrompt(key: "p", title: "Import tools from Python functions", with: "\(Self.sample):add")
        let imported = try t.waitFor(text: "imported 1 tool from", timeout: 30)
        #expect(imported.contains("add"))
        // A new session needs no trust question: the user made these bindings.
        #expect(!imported.contains("binds tools that run code"))
        try trySelected(t, named: "add")
    }

    @Test("on a Responses session the import's lint notes say what strict means there, as toolscope lint does")
    func importNotesLintForTheSessionsWire() throws {
        // Port 9 is closed; nothing is sent: importing needs no server.
        let t = try WorkbenchTmux(arguments: ["workbench", "--api", "responses", "--base-url", "http://127.0.0.1:9/v1"])
        try t.focusToolsList()
        try t.answerPrompt(key: "p", title: "Import tools from Python functions", with: "\(Self.sample):add")
        let imported = try t.waitFor(text: "imported 1 tool from", timeout: 30)
        #expect(imported.contains("add: warning: on Responses a tool without"), "\(imported)")
    }

    @Test func aBrokenImportIsReportedAndNothingChanges() throws {
        let t = try openToolsList()
        try t.answerPrompt(key: "p", title: "Import tools from Python functions", with: "no/such/file.py")
        let screen = try t.waitFor("an import error") { $0.contains("no/such/file.py:") && !$0.contains("importing") }
        #expect(!screen.contains("imported"))
    }

    @Test func bindingPromptBindsAToolToACommand() throws {
        let t = try openToolsList()
        try t.answerPrompt(key: "b", title: "Binding of get_weather", with: #"command /bin/echo {"sky": "clear"}"#)
        try t.waitFor(text: "get_weather → command")
        try trySelected(t, named: "get_weather")
    }

    /// `m` with a server command adds the server to the session, imports its tools (notes
    /// name each tool) and calls one through MCP. Needs the venv's Python with `mcp`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["TOOLSCOPE_TEST_PYTHON"].map { !$0.isEmpty } ?? false))
    func importAnMCPServersToolsAndTryOne() throws {
        let python = ProcessInfo.processInfo.environment["TOOLSCOPE_TEST_PYTHON"]!
        let server = WorkbenchTmux.repoRoot + "/Tests/ToolscopeExternalToolsTests/Fixtures/mcp_server.py"
        let t = try openToolsList()
        try t.answerPrompt(key: "m", title: "Import tools from an MCP server", with: "demo \(python) \(server)")
        let notes = try t.waitFor(text: "imported 5 tools from MCP server demo", timeout: 30)
        #expect(notes.contains("echo: parameters/properties/zebra: warning"))
        try t.send("Escape")
        try trySelected(t, named: "echo")
    }
}
