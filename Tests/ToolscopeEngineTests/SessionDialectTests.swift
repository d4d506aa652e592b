import Testing
@testable import ToolscopeEngine

/// Sessions whose tools are written in another dialect are converted on load, with notes.
@Suite("Dialect on session load")
struct SessionDialectTests {
    private func session(tools: String) throws -> Session {
        try SessionFile.decode(#"{"format": "toolscope.session/1", "title": "t", "tools": [\#(tools)], "messages": []}"#)
    }

    @Test func anAnthropicToolBecomesAnOpenAIToolWithItsBinding() throws {
        let s = try session(tools: """
            {"name": "get_stock_price", "description": "Retrieves the current stock price for a ticker symbol.",
             "input_schema": {"type": "object", "properties": {"ticker": {"type": "string"}}, "required": ["ticker"]},
             "binding": {"kind": "mock", "result": {"price": 1}}}
            """)
        let tool = try #require(s.tools.first)
        #expect(tool.definition.isFunction)
        #expect(tool.definition.parameters?["properties"]?["ticker"] != nil)
        #expect(tool.definition.function?["input_schema"] == nil)
        #expect(tool.binding == .mock(["price": 1]))
        #expect(s.loadNotes == [#"/tools/0/input_schema: "input_schema" → "parameters""#])
    }

    @Test func bfclAndMCPAndGeminiToolsAreConverted() throws {
        let s = try session(tools: """
            {"name": "math.factorial", "description": "Factorial of a number.", "parameters": {"type": "dict", "properties": {"n": {"type": "integer"}}}},
            {"name": "read_file", "description": "Read a file.", "title": "Read", "inputSchema": {"type": "object", "properties": {"path": {"type": "string"}}}},
            {"name": "find", "description": "Find a place.", "parameters": {"type": "OBJECT", "properties": {"q": {"type": "STRING", "nullable": true}}}}
            """)
        #expect(s.tools.map(\.name) == ["math_factorial", "read_file", "find"])
        #expect(s.tools[0].definition.parameters?["type"] == "object")
        #expect(s.tools[2].definition.parameters?["properties"]?["q"]?["type"] == ["string", "null"])
        #expect(s.loadNotes.contains(#"/tools/0/name: dotted name "math.factorial" → "math_factorial" (OpenAI names allow only letters, digits, _ and -)"#))
        #expect(s.loadNotes.contains { $0.hasPrefix("/tools/1/title: dropped") })
        #expect(s.loadNotes.contains { $0.hasPrefix("/tools/2/parameters/type: OpenAPI") })
        #expect(!PreSendCheck(session: s).blocks, "converted tools pass the pre-send check: \(PreSendCheck(session: s).errors)")
    }

    @Test func openAIAndBareToolsLoadWithoutNotes() throws {
        let s = try session(tools: """
            {"type": "function", "function": {"name": "a", "description": "A tool that does a.", "parameters": {"type": "object"}}},
            {"name": "b", "description": "A tool that does b.", "parameters": {"type": "object"}}
            """)
        #expect(s.loadNotes.isEmpty)
        #expect(s.tools.map(\.name) == ["a", "b"])
    }
}
