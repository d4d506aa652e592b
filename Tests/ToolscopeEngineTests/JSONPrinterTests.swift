import Foundation
import Testing
@testable import ToolscopeEngine

@Suite("JSON printer")
struct JSONPrinterTests {
    @Test func escapesExactlyWhatMustBeEscaped() {
        #expect(JSONPrinter.quoted("plain ascii") == #""plain ascii""#)
        #expect(JSONPrinter.quoted(#"{"city":"Paris"}"#) == #""{\"city\":\"Paris\"}""#)
        #expect(JSONPrinter.quoted("a\\b\n\r\t\u{08}\u{0C}") == #""a\\b\n\r\t\b\f""#)
        // C0 controls and DEL as \u escapes, lower-case hex, four digits.
        #expect(JSONPrinter.quoted("\u{1B}[31m\u{7F}\u{00}") == #""\u001b[31m\u007f\u0000""#)
        // Non-ASCII text is kept as is, also beside escapes and across multi-byte scalars.
        #expect(JSONPrinter.quoted("Zürich \"東京\" 🌧️ ok") == "\"Zürich \\\"東京\\\" 🌧️ ok\"")
        // C1 controls and the invisible bidi controls are escaped, the text around them kept.
        #expect(JSONPrinter.quoted("é\u{85}x\u{9B}") == #""é\u0085x\u009b""#)
        #expect(JSONPrinter.quoted("safe\u{202E}txt\u{2066}\u{200F}\u{61C}.sh") == #""safe\u202etxt\u2066\u200f\u061c.sh""#)
        #expect(JSONPrinter.quoted("") == #""""#)
    }

    @Test func compactAndPrettyRoundTripThroughTheParser() throws {
        let value: JSONValue = ["s": "a\"b\\c\u{1}é🌧️\u{202E}", "n": 2.5, "i": 42, "big": .bigInteger("123456789012345678901234567890"),
                                "a": [true, false, .null, [:], []], "o": ["k\n": "v"]]
        #expect(value.compact == #"{"s":"a\"b\\c\u0001é🌧️\u202e","n":2.5,"i":42,"big":123456789012345678901234567890,"a":[true,false,null,{},[]],"o":{"k\n":"v"}}"#)
        #expect(try JSONParser.parse(value.compact) == value)
        #expect(try JSONParser.parse(value.pretty) == value)
        #expect(JSONValue.object(["a": [1, ["b": .null]]]).pretty == "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ]\n}")
    }

    @Test func timestampsAreRFC3339InUTCAndReadBack() {
        let date = Date(timeIntervalSince1970: 1_764_768_000)
        #expect(ISO8601.format(date) == "2025-12-03T13:20:00Z")
        #expect(ISO8601.parse("2025-12-03T13:20:00Z") == date)
        #expect(ISO8601.parse("2025-12-03T15:20:00+02:00") == date)
        #expect(ISO8601.parse("2025-12-03T13:20:00.250Z") == date.addingTimeInterval(0.25))
        #expect(ISO8601.parse("yesterday") == nil)
        #expect(ISO8601.parse("2025-12-03 13:20:00") == nil)
    }
}
