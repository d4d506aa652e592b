import Testing
import ToolscopeEngine
@testable import ToolscopeEval

@Suite struct MatcherTests {
    @Test func plainValuesAreJSONEqualityWithNumbersByValue() throws {
        let m = try matcher("5")
        #expect(m.matches(.number(5)))
        #expect(m.matches(try JSONValue(parsing: "5.0")))
        #expect(m.matches(try JSONValue(parsing: "5e0")))
        #expect(!m.matches(.string("5")))
        #expect(!m.matches(.number(5.5)))
        let o = try matcher(#"{"a": 1, "b": [1, 2]}"#)
        #expect(o.matches(try JSONValue(parsing: #"{"b": [1.0, 2], "a": 1}"#)))
        #expect(!o.matches(try JSONValue(parsing: #"{"a": 1, "b": [2, 1]}"#)))
        #expect(!o.matches(try JSONValue(parsing: #"{"a": 1, "b": [1, 2], "c": 3}"#)))
    }

    @Test func allowedValuesWithEmptyStringMeaningOmittable() throws {
        let m = try matcher(#"{"$oneOf": ["Paris", "Lyon", ""]}"#)
        #expect(m.matches(.string("Lyon")))
        #expect(m.matches(nil))
        #expect(!m.matches(.string("")) )
        #expect(!m.matches(.string("Nice")))
        let required = try matcher(#"{"$oneOf": ["Paris"]}"#)
        #expect(!required.matches(nil))
        let mismatch = required.mismatches(nil, at: "/city")
        #expect(mismatch == [ArgumentMismatch(path: "/city", expected: #"one of ["Paris"]"#, actual: nil)])
    }

    @Test func normalisationOnlyOnRequest() throws {
        #expect(!(try matcher(#""New York""#)).matches(.string("new york")))
        let all = try matcher(#"{"$eq": "New York, NY", "$normalize": true}"#)
        #expect(all.matches(.string("new york ny")))
        #expect(all.matches(.string("NEWYORK-NY!")))
        let caseOnly = try matcher(#"{"$eq": "New York", "$normalize": ["case"]}"#)
        #expect(caseOnly.matches(.string("NEW YORK")))
        #expect(!caseOnly.matches(.string("NewYork")))
        let bfcl = try matcher(#"{"$oneOf": ["April 1, 2024"], "$normalize": "bfcl"}"#)
        #expect(bfcl.matches(.string("april 1 2024")))
        #expect(!bfcl.matches(.string("April 1, 2024!")))
        // Normalisation reaches strings inside arrays too, as BFCL's list checker does.
        let list = try matcher(#"{"$oneOf": [["New York", "Los Angeles"]], "$normalize": ["case", "whitespace"]}"#)
        #expect(list.matches(try JSONValue(parsing: #"["new york", "LOS ANGELES"]"#)))
    }

    @Test func regexMatchesStringsOnly() throws {
        let m = try matcher(#"{"$regex": "^\\d{4}-\\d{2}-\\d{2}$"}"#)
        #expect(m.matches(.string("2026-12-02")))
        #expect(!m.matches(.string("02/12/2026")))
        let wrongType = m.mismatches(.number(2026), at: "/date")
        #expect(wrongType.first?.reason == "expected a string, got an integer")
        #expect(try matcher(#"{"$regex": "paris", "$ignoreCase": true}"#).matches(.string("PARIS")))
    }

    @Test func numericRangeAndTolerance() throws {
        let range = try matcher(#"{"$min": 1, "$max": 5}"#)
        #expect(range.matches(.number(1)) && range.matches(.number(5)) && range.matches(.number(3.5)))
        #expect(!range.matches(.number(0.99)) && !range.matches(.number(5.01)) && !range.matches(.string("3")))
        #expect(try matcher(#"{"$min": 0}"#).matches(.number(1e9)))
        let approx = try matcher(#"{"$approx": 3.14, "$tolerance": 0.01}"#)
        #expect(approx.matches(.number(3.145)) && approx.matches(.number(3.13)))
        #expect(!approx.matches(.number(3.16)))
    }

    @Test func schemaFragmentUsesTheEngineValidator() throws {
        let m = try matcher(#"{"$schema": {"type": "array", "items": {"type": "integer"}, "minItems": 2}}"#)
        #expect(m.matches(try JSONValue(parsing: "[1, 2]")))
        let bad = m.mismatches(try JSONValue(parsing: "[1]"), at: "/ids")
        #expect(bad.count == 1)
        #expect(bad.first?.path == "/ids")
        #expect(bad.first?.reason != nil)
    }

    @Test func presentAbsentAny() throws {
        let present = try matcher(#"{"$present": true}"#), absent = try matcher(#"{"$absent": true}"#), any = try matcher(#"{"$any": true}"#)
        #expect(present.matches(.null) && !present.matches(nil))
        #expect(absent.matches(nil) && !absent.matches(.number(1)))
        #expect(any.matches(nil) && any.matches(.string("x")))
    }

    @Test func nestedMatchersReportTheirPath() throws {
        let m = try matcher(#"{"location": {"city": {"$regex": "^Par"}, "zip": {"$present": true}}}"#)
        let found = m.mismatches(try JSONValue(parsing: #"{"location": {"city": "Lyon", "country": "FR"}}"#), at: "")
        #expect(found.map(\.path) == ["/location/city", "/location/zip", "/location/country"])
        #expect(found[0].actual == #""Lyon""#)
        #expect(found[1].actual == nil)
        #expect(found[2].reason == "unexpected argument")
    }

    @Test func badMatchersAreRefusedWithTheirPointer() throws {
        func refusal(_ text: String) -> SchemaShapeError? {
            do { _ = try ArgumentMatcher(suiteJSON: try JSONValue(parsing: text), path: "/calls/0/arguments/x"); return nil } catch let e as SchemaShapeError { return e } catch { return nil }
        }
        #expect(refusal(#"{"$regx": "a"}"#)?.path == "/calls/0/arguments/x/$regx")
        #expect(refusal(#"{"$regex": "("}"#)?.message.contains("not a valid regular expression") == true)
        #expect(refusal(#"{"$regex": "a", "$oneOf": ["a"]}"#)?.message.contains("one matcher per object") == true)
        #expect(refusal(#"{"$min": 5, "$max": 1}"#) != nil)
        #expect(refusal(#"{"$approx": 1}"#)?.message.contains("$tolerance") == true)
        #expect(refusal(#"{"$oneOf": []}"#) != nil)
        #expect(refusal(#"{"$eq": 1, "$normalize": ["lower"]}"#)?.path == "/calls/0/arguments/x/$normalize/0")
        #expect(refusal(#"{"$regex": "a", "city": 1}"#)?.message.contains("$eq") == true)
    }

    @Test func matchersRoundTripThroughSuiteJSON() throws {
        for text in [#"{"$oneOf":["a",1,""]}"#, #"{"$eq":"A","$normalize":["case"]}"#, #"{"$regex":"x","$ignoreCase":true}"#,
                     #"{"$min":1,"$max":2}"#, #"{"$approx":1,"$tolerance":0.5}"#, #"{"k":[1,{"$any":true}]}"#, #"{"$eq":{"$x":1}}"#] {
            let m = try matcher(text)
            #expect(try ArgumentMatcher(suiteJSON: m.suiteJSON, path: "") == m, "\(text)")
        }
    }
}
