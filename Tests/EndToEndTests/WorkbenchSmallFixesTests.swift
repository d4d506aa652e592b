import Foundation
import Testing
import ToolscopeTestSupport

/// Issue 12's small workbench fixes, as a person meets them in a terminal.
@Suite("Workbench small fixes (end to end)", .serialized)
struct WorkbenchSmallFixesTests {
    @Test func helpWrapsAt80Columns() throws {
        let t = try WorkbenchTmux(width: 80, height: 40)
        try t.waitFor(text: "▶ Conversation")
        try t.send("F1")
        // The F2 line is longer than the dialog: it wraps instead of being cut. (Waiting for its
        // end also waits out a capture taken in the middle of drawing the frame.)
        let screen = try t.waitFor("the help with the F2 line wrapped") { $0.contains("Help — every key") && $0.contains("store and history on responses") }
        #expect(screen.contains("provider, api (chat, responses, anthropic)"), "\(screen)")
        for line in screen.split(separator: "\n") { #expect(line.count <= 80) }
    }

    @Test func thePickerOpensATypedPathAndExplainsBadOnes() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let corrupt = dir.appendingPathComponent("corrupt.json").path
        try "{\"format\": \"toolscope.session/1\",\n  \"messages\": [,]}".write(toFile: corrupt, atomically: true, encoding: .utf8)
        let t = try WorkbenchTmux()
        try t.waitFor(text: "▶ Conversation")
        try t.send("C-o")
        try t.waitFor(text: "Open a session")
        try t.send("Tab")
        try t.type(dir.appendingPathComponent("missing.json").path)
        try t.send("Enter")
        try t.waitFor(text: "no such file")
        try t.send("C-u")
        try t.type(corrupt)
        try t.send("Enter")
        let broken = try t.waitFor(text: "corrupt.json:2:")
        #expect(broken.contains("Open a session"), "the picker stays open with the reason:\n\(broken)")
        try t.send("C-u")
        try t.type(WorkbenchTmux.repoRoot + "/sessions/parallel-weather.json")
        try t.send("Enter")
        let opened = try t.waitFor(text: "opened parallel-weather.json")
        #expect(!opened.contains("Open a session"), "\(opened)")
    }

    @Test func aTryLeavesTheFocusInTheToolsList() throws {
        let t = try WorkbenchTmux()
        try t.focusToolsList()
        try t.send("t")
        try t.waitFor(text: "— arguments")
        try t.send("F5")
        let screen = try t.waitFor(text: "tried ")
        #expect(screen.contains("▶ Tools"), "the focus stays on the tools list:\n\(screen)")
        #expect(!screen.contains("▶ Trace"), "\(screen)")
        #expect(screen.contains("b built-in"), "the list's legend explains the tags:\n\(screen)")
    }
}

/// Tools in another dialect, in the workbench: pasted into the editor, or in a session file.
@Suite("Workbench dialect conversion (end to end)", .serialized)
struct WorkbenchDialectTests {
    @Test func anAnthropicToolTypedIntoTheEditorIsConvertedAfterTheDiff() throws {
        let t = try WorkbenchTmux()
        try t.focusToolsList()
        try t.send("Enter")
        try t.send("C-a")
        try t.type(#"{"name": "get_stock_price", "description": "Retrieves the current stock price for a ticker symbol.", "input_schema": {"type": "object", "properties": {"ticker": {"type": "string", "description": "The stock ticker"}}}}"#)
        try t.waitFor(text: "F5 converts to OpenAI")
        try t.send("F5")
        let diff = try t.waitFor(text: "Convert Anthropic (input_schema) to 1 OpenAI tool")
        #expect(diff.contains("+++ OpenAI tools"), "\(diff)")
        #expect(diff.contains(#"+  "type": "function","#), "\(diff)")
        try t.send("y")
        let applied = try t.waitFor(text: "converted to OpenAI: get_stock")
        #expect(applied.contains("Tools · get_stock_price"), "the edited tool is the converted one:\n\(applied)")
    }

    @Test func aSessionWithMCPToolsIsConvertedOnLoadWithANotice() throws {
        let path = BinaryRunner.temporaryDirectory().appendingPathComponent("mcp.json").path
        try """
            {"format": "toolscope.session/1", "title": "mcp", "settings": {"model": "m", "provider": {"kind": "scripted"}},
             "tools": [{"name": "read_file", "description": "Read a text file from the workspace.",
                        "inputSchema": {"type": "object", "properties": {"path": {"type": "string", "description": "The file to read"}}},
                        "binding": {"kind": "mock", "result": {"text": "hi"}}}],
             "messages": []}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let t = try WorkbenchTmux(arguments: [path], width: 250)
        let screen = try t.waitFor(text: "mcp.json: tools converted to OpenAI form")
        #expect(screen.contains(#"/tools/0/inputSchema: "inputSchema" → "parameters""#), "\(screen)")
    }
}
