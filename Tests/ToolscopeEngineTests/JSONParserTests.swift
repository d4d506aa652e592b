import Testing
@testable import ToolscopeEngine

@Suite("JSON parser and printer")
struct JSONParserTests {
    @Test func parsesAllValueKindsAndKeepsKeyOrder() throws {
        let v = try JSONParser.parse(#"{"z": 1, "a": [true, false, null, -1.5e2, "x"], "m": {"b": 2, "a": 1}}"#)
        #expect(Array(v.objectValue!.keys) == ["z", "a", "m"])
        #expect(Array(v["m"]!.objectValue!.keys) == ["b", "a"])
        #expect(v["a"]!.arrayValue!.count == 5)
        #expect(v["a"]!.arrayValue![3] == .number(-150))
        #expect(v.compact == #"{"z":1,"a":[true,false,null,-150,"x"],"m":{"b":2,"a":1}}"#)
    }

    @Test func prettyPrintingIsStableAndRoundTrips() throws {
        let text = #"{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"#
        let v = try JSONParser.parse(text)
        let pretty = v.pretty
        #expect(pretty == """
            {
              "type": "object",
              "properties": {
                "city": {
                  "type": "string"
                }
              },
              "required": [
                "city"
              ]
            }
            """)
        #expect(try JSONParser.parse(pretty) == v)
        #expect(try JSONParser.parse(v.compact).compact == text)
    }

    @Test func unicodeEscapesIncludingSurrogatePairs() throws {
        let v = try JSONParser.parse(#""\u00e9\ud83d\ude00\n\t\"\\\/""#)
        #expect(v == .string("é😀\n\t\"\\/"))
        #expect(JSONValue.string("a\u{1}b\"").compact == #""a\u0001b\"""#)
        #expect(JSONValue.string("東京 😀").compact == "\"東京 😀\"")
    }

    @Test(arguments: [
        (#"{"a": 1,}"#, 1, 9, "trailing comma"),
        (#"[1, 2,]"#, 1, 7, "trailing comma"),
        ("{\n  \"a\": 1,\n  \"a\": 2\n}", 3, 3, "duplicate key \"a\""),
        (#"{"a": 1 // note"#, 1, 9, "comment"),
        ("{'a': 1}", 1, 2, "single quote"),
        (#"[01]"#, 1, 3, "leading zeros"),
        (#""\ud83d""#, 1, 8, "lone high surrogate"),
        (#""\x""#, 1, 3, "invalid escape"),
        ("\"a\tb\"", 1, 3, "control character"),
        (#"{"a" 1}"#, 1, 6, "expected ':'"),
        ("", 1, 1, "empty"),
        (#"{"a": tru}"#, 1, 7, "did you mean true"),
        (#"[1] 2"#, 1, 5, "after the end"),
        (#"{"a": "x"#, 1, 7, "unterminated string"),
    ])
    func rejectsInvalidJSONWithLineAndColumn(text: String, line: Int, column: Int, fragment: String) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.line == line, "\(text): \(error)")
            #expect(error.column == column, "\(text): \(error)")
            #expect(error.message.contains(fragment), "\(text): \(error)")
        }
    }

    @Test func columnsCountCharactersNotBytes() {
        do {
            _ = try JSONParser.parse("{\"東京\": x}")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 1)
            #expect(error.column == 8)
        }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test func numbersPrintWithoutNeedlessFractions() throws {
        #expect(try JSONParser.parse("[1.0, 2.5, -0, 1e3, 123456789012]").compact == "[1,2.5,0,1000,123456789012]")
        #expect(JSONValue.number(3).typeName == "integer")
        #expect(JSONValue.number(3.5).typeName == "number")
    }

    @Test func jsonEqualsIgnoresKeyOrder() throws {
        let a = try JSONParser.parse(#"{"a":1,"b":[1,{"c":2,"d":3}]}"#)
        let b = try JSONParser.parse(#"{"b":[1,{"d":3,"c":2}],"a":1.0}"#)
        #expect(a.jsonEquals(b))
        #expect(a != b)
    }

    @Test func pointerLocatorFindsNestedValues() {
        let text = "{\n  \"tools\": [\n    {\"name\": \"a\"},\n    {\"name\": \"b\", \"binding\": {\"kind\": 3}}\n  ]\n}"
        let pos = JSONPointerLocator.position(of: "/tools/1/binding/kind", in: text)
        #expect(pos?.line == 4)
        #expect(pos?.column == 39)
        #expect(JSONPointerLocator.position(of: "/tools/7", in: text) == nil)
    }

    /// A model passing an order ID beyond 2^53 must not see it changed on its way to the tool.
    @Test func largeIntegersKeepEveryDigit() throws {
        let text = #"{"order_id":12345678901234567890,"neg":-9007199254740993,"edge":9007199254740991,"big_float":1.5e300}"#
        let value = try JSONParser.parse(text)
        #expect(value["order_id"] == .bigInteger("12345678901234567890"))
        #expect(value["neg"] == .bigInteger("-9007199254740993"))
        #expect(value["edge"] == .number(9_007_199_254_740_991))
        #expect(value.compact == text.replacingOccurrences(of: "1.5e300", with: "1.5e+300"))
        #expect(value["edge"]?.compact == "9007199254740991")
        #expect(JSONValue.number(1e15).compact == "1000000000000000")
        #expect(value["order_id"]?.typeName == "integer")
        let schema: JSONValue = ["type": "object", "properties": ["order_id": ["type": "integer", "minimum": 0], "neg": ["type": "number"]]]
        #expect(SchemaValidator.validate(value, schema: schema).isEmpty)
        let tooSmall: JSONValue = ["type": "object", "properties": ["neg": ["type": "integer", "minimum": 0]]]
        #expect(SchemaValidator.validate(value, schema: tooSmall).count == 1)
    }
}

/// Keys compare by code point, as JSON does; `JSONObject` cannot hold two canonically
/// equivalent keys, so such a pair is refused with both keys' code points.
@Suite("JSON pointer locator: every element of an array in one pass")
struct JSONPointerElementLinesTests {
    @Test func linesOfEachElementMatchTheOneByOnePositions() {
        let text = "{\"name\": \"s\",\n \"cases\": [\n  {\"id\": \"a\", \"x\": [1, \"]\"]},\n\n  {\"id\": \"b\"}, \"text\",\n  [3]\n ]}"
        let lines = JSONPointerLocator.elementLines(ofArrayAt: "/cases", in: text)
        #expect(lines == [3, 5, 5, 6])
        for (i, line) in (lines ?? []).enumerated() {
            #expect(JSONPointerLocator.position(of: "/cases/\(i)", in: text)?.line == line)
        }
        #expect(JSONPointerLocator.elementLines(ofArrayAt: "/name", in: text) == nil, "not an array")
        #expect(JSONPointerLocator.elementLines(ofArrayAt: "/missing", in: text) == nil)
        #expect(JSONPointerLocator.elementLines(ofArrayAt: "", in: "[]") == [])
    }
}

@Suite struct JSONParserDuplicateKeyTests {
    @Test func exactDuplicatesAreRefusedWhereTheSecondStarts() {
        #expect(throws: JSONParseError(line: 1, column: 10, offset: 9, message: #"duplicate key "a" in object"#)) {
            try JSONParser.parse(#"{"a": 1, "a": 2}"#)
        }
    }

    @Test func keysDifferingOnlyByNormalisationAreRefusedPrecisely() throws {
        let text = "{\n  \"caf\u{E9}\": 1,\n  \"cafe\u{301}\": 2\n}"
        do {
            _ = try JSONParser.parse(text)
            Issue.record("parsed two canonically equivalent keys")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 3)
            #expect(error.message.contains("U+0063 U+0061 U+0066 U+00E9"))
            #expect(error.message.contains("U+0063 U+0061 U+0066 U+0065 U+0301"))
            #expect(error.message.contains("differ only by Unicode normalisation"))
            #expect(error.message.contains("cannot keep both"))
        }
        // In different objects both spellings are fine, and stay distinct.
        let value = try JSONParser.parse("[{\"caf\u{E9}\": 1}, {\"cafe\u{301}\": 1}]")
        #expect(value.arrayValue![0].jsonEquals(value.arrayValue![1]) == false)
    }
}

@Suite("JSON parser: one member of a document")
struct JSONParserMembersTests {
    @Test func keepsOnlyTheNamedTopLevelMembersAndSkipsTheRest() throws {
        let text = #"{"trace": [{"kind": "x", "text": "a \"quoted\" \\ \u00e9 ]}", "n": -1.5e3, "ok": [true, false, null]}], "messages": [{"role": "user", "content": "hi"}], "tail": {"deep": {"er": []}}}"#
        let full = try JSONParser.parse(text)
        let kept = try JSONParser.parse(text, members: ["messages"])
        #expect(kept == .object(["messages": full["messages"]!]))
        #expect(try JSONParser.parse("[1, 2]", members: ["messages"]) == [1, 2])
    }

    @Test func aBrokenSkippedMemberIsStillAnError() {
        for broken in [#"{"trace": [1, 2, "messages": []}"#, #"{"trace": "open, "messages": []}"#, #"{"trace": {"a" 1}, "messages": []}"#,
                       #"{"trace": [tru], "messages": []}"#, "{\"trace\": \"raw\ncontrol\", \"messages\": []}", #"{"trace": [1,], "messages": []}"#] {
            #expect(throws: JSONParseError.self, "\(broken)") { try JSONParser.parse(broken, members: ["messages"]) }
        }
    }
}
