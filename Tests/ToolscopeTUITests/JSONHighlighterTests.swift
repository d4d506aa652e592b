import Testing
import ToolscopeEngine
@testable import ToolscopeTUI

/// Renders tokens as "kind:text" for readable expectations.
private func describe(_ line: String, _ tokens: [JSONToken]) -> [String] {
    let chars = Array(line)
    return tokens.map { "\($0.kind):\(String(chars[$0.range]))" }
}

@Suite("JSONHighlighter")
struct JSONHighlighterTests {
    @Test func coloursKeysValuesAndPunctuation() {
        let line = #"  "name": "x", "n": -1.5e3, "ok": true, "v": null}"#
        let tokens = JSONHighlighter.highlight(lines: [line])[0]
        #expect(describe(line, tokens) == [
            "whitespace:  ", "key:\"name\"", "punctuation::", "whitespace: ", "string:\"x\"",
            "punctuation:,", "whitespace: ", "key:\"n\"", "punctuation::", "whitespace: ",
            "number:-1.5e3", "punctuation:,", "whitespace: ", "key:\"ok\"", "punctuation::",
            "whitespace: ", "keyword:true", "punctuation:,", "whitespace: ", "key:\"v\"",
            "punctuation::", "whitespace: ", "keyword:null", "punctuation:}",
        ])
    }

    @Test func tokensCoverEveryCharacterWithoutGaps() {
        let lines = [#"{"a": [1, 2, "x\"y"], "日本": "🙂"}"#, "  ", "", "@@ tru 01"]
        for (line, tokens) in zip(lines, JSONHighlighter.highlight(lines: lines)) {
            var next = 0
            for token in tokens {
                #expect(token.range.lowerBound == next)
                #expect(!token.range.isEmpty)
                next = token.range.upperBound
            }
            #expect(next == line.count)
        }
    }

    @Test func keyLooksAheadAcrossWhitespaceOnly() {
        let line = #""a"   :1 "b" , "c""#
        let kinds = JSONHighlighter.highlight(lines: [line])[0].filter { $0.kind != .whitespace }.map(\.kind)
        #expect(kinds == [.key, .punctuation, .number, .string, .punctuation, .string])
    }

    @Test func escapedQuoteDoesNotEndString() {
        let line = #""a\"b": 1"#
        #expect(describe(line, JSONHighlighter.highlight(lines: [line])[0]).first == #"key:"a\"b""#)
    }

    @Test func malformedWordsAndNumbersAreErrors() {
        let line = "[tru, 01, 1., -, 1e, nul, @, 2]"
        let errors = JSONHighlighter.highlight(lines: [line])[0].filter { $0.kind == .error }
        #expect(errors.map { String(Array(line)[$0.range]) } == ["tru", "01", "1.", "-", "1e", "nul", "@"])
    }

    @Test func validNumberForms() {
        for number in ["0", "-0", "12", "0.5", "1E+2", "-3e-4", "10.25E9"] {
            #expect(JSONHighlighter.highlight(lines: [number])[0].map(\.kind) == [.number], "\(number)")
        }
    }

    @Test func unterminatedStringCarriesIntoNextLine() {
        let lines = [#"{"a": "open"#, #"still": 1"#, #""k": 2"#]
        let result = JSONHighlighter.highlight(lines: lines)
        #expect(describe(lines[0], result[0]).last == #"string:"open"#)
        #expect(describe(lines[1], result[1]).first == #"key:still""#)
        #expect(describe(lines[1], result[1]).last == "number:1")
        #expect(describe(lines[2], result[2]).first == #"key:"k""#)
    }

    @Test func emptyLineInsideStringKeepsStringOpen() {
        let result = JSONHighlighter.highlight(lines: ["\"a", "", "b\" x"])
        #expect(result[1].isEmpty)
        #expect(result[2].first == JSONToken(kind: .string, range: 0..<2))
        #expect(result[2].last?.kind == .error)
    }

    @Test func singleLineAPIReportsOpenString() {
        #expect(JSONHighlighter.highlight(line: "\"abc", startingInString: false).endsInString)
        #expect(!JSONHighlighter.highlight(line: "\"abc\"", startingInString: false).endsInString)
        #expect(!JSONHighlighter.highlight(line: "x\"", startingInString: true).endsInString)
        #expect(JSONHighlighter.highlight(line: "", startingInString: true).endsInString)
    }

    @Test func wideCharactersCountAsOneOffsetEach() {
        let line = #""日本": "é""#
        let tokens = JSONHighlighter.highlight(lines: [line])[0]
        #expect(tokens.first == JSONToken(kind: .key, range: 0..<4))
        #expect(tokens.last == JSONToken(kind: .string, range: 6..<9))
    }

    @Test func emptyDocument() {
        #expect(JSONHighlighter.highlight(lines: []).isEmpty)
        #expect(JSONHighlighter.highlight(lines: [""]) == [[]])
    }
}

@Suite("Editor JSON diagnostics")
struct EditorJSONDiagnosticsTests {
    @Test func validTextHasValueAndNoDiagnostics() {
        let result = JSONDiagnostics.syntax(of: #"{"a": [1, 2]}"#)
        #expect(result.value?["a"]?.arrayValue?.count == 2)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func syntaxErrorIsZeroBasedAtTheMistake() throws {
        let text = "{\n  \"a\": 1,\n  \"b\" 2\n}"
        let result = JSONDiagnostics.syntax(of: text)
        #expect(result.value == nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.line == 2)
        #expect(diagnostic.column == 6)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.contains("':'"))
        #expect(diagnostic.position == TextPosition(line: 2, column: 6))
    }

    @Test func trailingCommaPointsAtCloser() {
        let result = JSONDiagnostics.syntax(of: "[1,\n 2,\n]")
        #expect(result.diagnostics.map(\.line) == [2])
        #expect(result.diagnostics.map(\.column) == [0])
    }

    @Test func columnCountsCharactersNotScalars() {
        // "e" + combining acute is one editor column but two parser columns.
        let result = JSONDiagnostics.syntax(of: "[\"e\u{301}\" x]")
        #expect(result.diagnostics.first?.line == 0)
        #expect(result.diagnostics.first?.column == 5)
    }

    @Test func emptyTextIsAnError() {
        let result = JSONDiagnostics.syntax(of: "")
        #expect(result.value == nil)
        #expect(result.diagnostics.first?.line == 0)
        #expect(result.diagnostics.first?.column == 0)
    }

    @Test func pointerToNestedKey() {
        let text = """
        {
          "type": "function",
          "function": {
            "name": "get_weather",
            "parameters": {
              "type": "object",
              "properties": {
                "unit": {"type": "string"},
                "city": {"type": "string"}
              }
            }
          }
        }
        """
        #expect(JSONDiagnostics.position(ofPointer: "", in: text) == TextPosition(line: 0, column: 0))
        #expect(JSONDiagnostics.position(ofPointer: "/function", in: text) == TextPosition(line: 2, column: 2))
        #expect(JSONDiagnostics.position(ofPointer: "/function/parameters/properties/city", in: text)
            == TextPosition(line: 8, column: 8))
        #expect(JSONDiagnostics.position(ofPointer: "/function/parameters/properties/unit/type", in: text)
            == TextPosition(line: 7, column: 17))
        #expect(JSONDiagnostics.position(ofPointer: "/function/missing", in: text) == nil)
        #expect(JSONDiagnostics.position(ofPointer: "/type/deeper", in: text) == nil)
    }

    @Test func pointerWithArrayIndices() {
        let text = #"{"tools": [ {"name": "a"},  {"name": "b", "tags": ["x", ["y", "z"]]} ]}"#
        #expect(JSONDiagnostics.position(ofPointer: "/tools/0", in: text) == TextPosition(line: 0, column: 12))
        #expect(JSONDiagnostics.position(ofPointer: "/tools/1/name", in: text) == TextPosition(line: 0, column: 29))
        #expect(JSONDiagnostics.position(ofPointer: "/tools/1/tags/1/1", in: text) == TextPosition(line: 0, column: 62))
        #expect(JSONDiagnostics.position(ofPointer: "/tools/2", in: text) == nil)
        #expect(JSONDiagnostics.position(ofPointer: "/tools/01", in: text) == nil)
        #expect(JSONDiagnostics.position(ofPointer: "/tools/-", in: text) == nil)
        #expect(JSONDiagnostics.position(ofPointer: "/tools/x", in: text) == nil)
    }

    @Test func pointerWithEscapedSegments() {
        let text = "{\n \"a/b\": 1,\n \"m~n\": 2,\n \"~1\": 3,\n \"\": 4\n}"
        #expect(JSONDiagnostics.position(ofPointer: "/a~1b", in: text) == TextPosition(line: 1, column: 1))
        #expect(JSONDiagnostics.position(ofPointer: "/m~0n", in: text) == TextPosition(line: 2, column: 1))
        #expect(JSONDiagnostics.position(ofPointer: "/~01", in: text) == TextPosition(line: 3, column: 1))
        #expect(JSONDiagnostics.position(ofPointer: "/", in: text) == TextPosition(line: 4, column: 1))
        #expect(JSONDiagnostics.position(ofPointer: "/a~2b", in: text) == nil)
        #expect(JSONDiagnostics.position(ofPointer: "a", in: text) == nil)
    }

    @Test func pointerMatchesKeysWrittenWithEscapes() {
        let text = #"{"x": 0, "caf\u00e9": 1, "a\/b": 2, "\ud83d\ude00": 3}"#
        #expect(JSONDiagnostics.position(ofPointer: "/café", in: text) == TextPosition(line: 0, column: 9))
        #expect(JSONDiagnostics.position(ofPointer: "/a~1b", in: text) == TextPosition(line: 0, column: 25))
        #expect(JSONDiagnostics.position(ofPointer: "/😀", in: text) == TextPosition(line: 0, column: 36))
    }

    @Test func pointerColumnsCountWideCharactersOnce() {
        let text = "{\"日本\": 1, \"k\": 2}"
        #expect(JSONDiagnostics.position(ofPointer: "/k", in: text) == TextPosition(line: 0, column: 10))
    }

    @Test func pointerIntoBrokenOrEmptyTextIsNil() {
        #expect(JSONDiagnostics.position(ofPointer: "", in: "   ") == nil)
        #expect(JSONDiagnostics.position(ofPointer: "/a", in: "{\"a\"") == nil)
        #expect(JSONDiagnostics.position(ofPointer: "/b", in: "{\"a\": [1, 2") == nil)
        #expect(JSONDiagnostics.position(ofPointer: "/b", in: "{\"a\": \"unterminated") == nil)
        #expect(JSONDiagnostics.position(ofPointer: "/0", in: "[]") == nil)
    }
}
