import Testing
@testable import ToolscopeEngine

private func convert(_ text: String) throws -> ToolDialectConversion {
    let conversion = ToolDialect.convert(try JSONValue(parsing: text))
    return try #require(conversion)
}

private func compact(_ value: JSONValue) -> String { JSONPrinter.print(value, pretty: false) }

@Suite struct ToolDialectTests {
    @Test func openAIToolsAreUnchanged() throws {
        let text = #"[{"type":"function","function":{"name":"get_weather","description":"Weather.","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]"#
        let c = try convert(text)
        #expect(c.dialect == .openAI)
        #expect(c.notes.isEmpty)
        #expect(c.openAITools == (try JSONValue(parsing: text)))
        #expect(c.originalPointer(for: "/0/function/parameters/properties/city") == "/0/function/parameters/properties/city")
    }

    @Test func bareFunctionsListAndWrappers() throws {
        let bare = #"[{"name":"get_weather","description":"Weather for a city.","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]"#
        let c = try convert(bare)
        #expect(c.dialect == .bareFunctions)
        #expect(compact(c.openAITools) == #"[{"type":"function","function":{"name":"get_weather","description":"Weather for a city.","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]"#)
        #expect(c.originalPointer(for: "/0/function/parameters/required/0") == "/0/parameters/required/0")
        let wrapped = try convert(#"{"functions":\#(bare)}"#)
        #expect(wrapped.dialect == .bareFunctions)
        #expect(wrapped.originalPointer(for: "/0/function/name") == "/functions/0/name")
        let single = try convert(#"{"name":"ping","description":"Checks the host.","parameters":{"type":"object","properties":{}}}"#)
        #expect(single.dialect == .bareFunctions)
        #expect(single.originalPointer(for: "/0/function/parameters/properties") == "/parameters/properties")
        let tools = try convert(#"{"tools":[{"type":"function","function":{"name":"ping","parameters":{"type":"object"}}}]}"#)
        #expect(tools.dialect == .openAI)
        #expect(tools.originalPointer(for: "/0/function/name") == "/tools/0/function/name")
    }

    /// BFCL's documented shape: Python-style types, dotted names.
    @Test func bfclTypesAndDottedNames() throws {
        let c = try convert(#"""
        [{"name": "math.hypot", "description": "Calculate the Euclidean norm, sqrt(sum(squares)), the length of the vector from the origin to point (x, y).",
          "parameters": {"type": "dict", "properties": {
            "x": {"type": "integer", "description": "The x-coordinate value."},
            "y": {"type": "float", "description": "The y-coordinate value."},
            "point": {"type": "tuple", "items": {"type": "float"}, "description": "Optional point."},
            "extra": {"type": "any", "description": "Anything."}},
           "required": ["x", "y"]}}]
        """#)
        #expect(c.dialect == .bfcl)
        let tool = try #require(c.tools.first)
        #expect(tool.definition.name == "math_hypot")
        #expect(tool.originalName == "math.hypot")
        let p = try #require(tool.definition.parameters)
        #expect(p["type"] == "object")
        #expect(p["properties"]?["x"]?["type"] == "integer")
        #expect(p["properties"]?["y"]?["type"] == "number")
        #expect(p["properties"]?["point"]?["type"] == "array")
        #expect(p["properties"]?["point"]?["items"]?["type"] == "number")
        #expect(p["properties"]?["extra"]?["type"] == nil)
        #expect(p["properties"]?["extra"]?["description"] == "Anything.")
        #expect(c.notes.contains(#"/0/parameters/type: BFCL "dict" → "object""#))
        #expect(c.notes.contains(#"/0/parameters/properties/extra/type: BFCL "any" → no type constraint"#))
        #expect(c.notes.contains { $0.hasPrefix(#"/0/name: dotted name "math.hypot" → "math_hypot""#) })
    }

    /// Anthropic Messages API `tools` entries.
    @Test func anthropicInputSchema() throws {
        let c = try convert(#"""
        {"tools": [{"name": "get_stock_price", "description": "Retrieves the current stock price for a given ticker symbol.",
          "input_schema": {"type": "object", "properties": {"ticker": {"type": "string", "description": "The stock ticker symbol, e.g. AAPL"}}, "required": ["ticker"]}}]}
        """#)
        #expect(c.dialect == .anthropic)
        #expect(c.tools[0].definition.parameters?["required"] == .array(["ticker"]))
        #expect(c.notes == [#"/tools/0/input_schema: "input_schema" → "parameters""#])
        #expect(c.originalPointer(for: "/0/function/parameters/properties/ticker") == "/tools/0/input_schema/properties/ticker")
    }

    /// Gemini `tools[].functionDeclarations` with OpenAPI upper-case types.
    @Test func geminiFunctionDeclarations() throws {
        let text = #"""
        {"tools": [{"functionDeclarations": [{"name": "find_movies", "description": "find movie titles currently playing in theaters based on any description, genre, title words, etc.",
          "parameters": {"type": "OBJECT", "properties": {
            "location": {"type": "STRING", "description": "The city and state, e.g. San Francisco, CA"},
            "genre": {"type": "STRING", "enum": ["comedy", "drama"], "nullable": true},
            "when": {"type": "STRING", "format": "date-time"},
            "seats": {"type": "INTEGER"}, "imax": {"type": "BOOLEAN"}, "rating": {"type": "NUMBER"},
            "tags": {"type": "ARRAY", "items": {"type": "STRING"}}},
           "required": ["location"]}}]}]}
        """#
        let c = try convert(text)
        #expect(c.dialect == .gemini)
        let p = try #require(c.tools.first?.definition.parameters)
        #expect(p["type"] == "object")
        #expect(p["properties"]?["genre"]?["type"] == .array(["string", "null"]))
        #expect(p["properties"]?["genre"]?["nullable"] == nil)
        #expect(p["properties"]?["genre"]?["enum"] == .array(["comedy", "drama"]))
        #expect(p["properties"]?["when"]?["format"] == "date-time")
        #expect(p["properties"]?["seats"]?["type"] == "integer")
        #expect(p["properties"]?["tags"]?["items"]?["type"] == "string")
        #expect(c.notes.contains(#"/tools/0/functionDeclarations/0/parameters/type: OpenAPI "OBJECT" → "object""#))
        #expect(c.originalPointer(for: "/0/function/parameters/properties/seats") == "/tools/0/functionDeclarations/0/parameters/properties/seats")
        let flat = try convert(#"{"functionDeclarations":[{"name":"a","parameters":{"type":"OBJECT"}}]}"#)
        #expect(flat.dialect == .gemini)
        #expect(flat.tools[0].sourcePointer == "/functionDeclarations/0")
        let bare = try convert(#"[{"name":"a","parameters":{"type":"OBJECT","properties":{}}}]"#)
        #expect(bare.dialect == .gemini)
    }

    /// An MCP `tools/list` result, and its bare tools array.
    @Test func mcpToolsList() throws {
        let text = #"""
        {"tools": [{"name": "get_weather", "title": "Weather Information Provider", "description": "Get current weather information for a location",
          "inputSchema": {"type": "object", "properties": {"location": {"type": "string", "description": "City name or zip code"}}, "required": ["location"]}}],
         "nextCursor": "next-page-cursor"}
        """#
        let c = try convert(text)
        #expect(c.dialect == .mcp)
        #expect(c.tools[0].definition.name == "get_weather")
        #expect(c.tools[0].definition.parameters?["required"] == .array(["location"]))
        #expect(c.notes.contains { $0.hasPrefix(#"/tools/0/title: dropped "title""#) })
        let bare = try convert(#"[{"name":"x","inputSchema":{"type":"object"}}]"#)
        #expect(bare.dialect == .mcp)
        #expect(bare.originalPointer(for: "/0/function/parameters/type") == "/0/inputSchema/type")
    }

    @Test func sessionsAndScalarsAreNotConverted() throws {
        #expect(ToolDialect.convert(try JSONValue(parsing: #"{"format":"toolscope.session/1","tools":[]}"#)) == nil)
        #expect(ToolDialect.convert(try JSONValue(parsing: "42")) == nil)
        #expect(ToolDialect.convert(try JSONValue(parsing: #"{"x":1}"#)) == nil)
    }
}
