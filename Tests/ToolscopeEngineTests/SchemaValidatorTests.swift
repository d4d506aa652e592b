import Foundation
import Testing
@testable import ToolscopeEngine

private func parse(_ text: String) throws -> JSONValue { try JSONValue(parsing: text) }

/// Validates `value` (JSON text) against `schema` (JSON text).
private func violations(_ value: String, _ schema: String) throws -> [SchemaViolation] {
    SchemaValidator.validate(try parse(value), schema: try parse(schema))
}

private func messages(_ value: String, _ schema: String) throws -> [String] {
    try violations(value, schema).map(\.description)
}

@Suite struct SchemaValidatorTests {
    // MARK: type

    @Test func typeMismatchNamesFieldExpectedAndGot() throws {
        let schema = #"{"type":"object","properties":{"count":{"type":"integer"}}}"#
        #expect(try messages(#"{"count":"3"}"#, schema) == [#"/count: count must be an integer; got the string "3""#])
        #expect(try messages(#"{"count":3}"#, schema).isEmpty)
    }

    @Test func integerAcceptsIntegralNumbersOnly() throws {
        let schema = #"{"type":"integer"}"#
        #expect(try violations("3", schema).isEmpty)
        #expect(try violations("3.0", schema).isEmpty)
        #expect(try violations("-0", schema).isEmpty)
        #expect(try messages("3.5", schema) == ["the value must be an integer; got the number 3.5"])
    }

    @Test func numberAcceptsIntegers() throws {
        #expect(try violations("7", #"{"type":"number"}"#).isEmpty)
        #expect(try violations("7.25", #"{"type":"number"}"#).isEmpty)
        #expect(try violations("true", #"{"type":"number"}"#).count == 1)
    }

    @Test func typeListWithNull() throws {
        let schema = #"{"type":["string","null"]}"#
        #expect(try violations("null", schema).isEmpty)
        #expect(try violations(#""x""#, schema).isEmpty)
        #expect(try messages("1", schema) == ["the value must be a string or null; got the number 1"])
        #expect(try messages("1", #"{"type":["string","boolean","null"]}"#)
            == ["the value must be one of the types string, boolean, null; got the number 1"])
    }

    @Test(arguments: [
        ("null", "null", true), ("boolean", "false", true), ("string", #""""#, true), ("array", "[]", true),
        ("object", "{}", true), ("null", "0", false), ("boolean", "0", false), ("string", "[]", false),
        ("array", "{}", false), ("object", "[]", false),
    ])
    func eachTypeName(type: String, value: String, valid: Bool) throws {
        #expect(try violations(value, #"{"type":"\#(type)"}"#).isEmpty == valid)
    }

    @Test func unknownTypeNameIsASchemaProblemNotAValueProblem() throws {
        let found = try messages("1", #"{"type":"str"}"#)
        #expect(found.count == 1)
        #expect(found[0].contains("cannot check"))
        #expect(found[0].contains("\"str\""))
    }

    @Test func nullableFromOpenAPIAcceptsNull() throws {
        #expect(try violations("null", #"{"type":"string","nullable":true}"#).isEmpty)
        #expect(try violations("null", #"{"type":"string"}"#).count == 1)
    }

    // MARK: objects

    @Test func missingRequiredProperty() throws {
        let schema = #"{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"#
        let found = try violations("{}", schema)
        #expect(found == [SchemaViolation(path: "", message: #"missing required property "city""#)])
        #expect(found[0].description == #"missing required property "city""#)
    }

    @Test func missingRequiredInNestedObjectPointsAtThatObject() throws {
        let schema = #"""
        {"type":"object","properties":{"address":{"type":"object","properties":{"zip":{"type":"string"}},"required":["zip"]}}}
        """#
        #expect(try messages(#"{"address":{}}"#, schema) == [#"/address: missing required property "zip""#])
    }

    @Test func additionalPropertiesFalseListsAllowedAndSuggests() throws {
        let schema = #"""
        {"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string"}},"additionalProperties":false}
        """#
        #expect(try messages(#"{"city":"Oslo","units":"c"}"#, schema) == [
            #"/units: property "units" is not allowed (additionalProperties is false); allowed: city, unit; did you mean "unit"?"#,
        ])
        #expect(try messages(#"{"zzz":1}"#, schema) == [
            #"/zzz: property "zzz" is not allowed (additionalProperties is false); allowed: city, unit"#,
        ])
        #expect(try violations(#"{"city":"Oslo"}"#, schema).isEmpty)
    }

    @Test func additionalPropertiesSchemaValidatesExtras() throws {
        let schema = #"{"type":"object","properties":{"a":{}},"additionalProperties":{"type":"number"}}"#
        #expect(try violations(#"{"a":"x","b":2}"#, schema).isEmpty)
        #expect(try messages(#"{"b":"2"}"#, schema) == [#"/b: b must be a number; got the string "2""#])
    }

    @Test func patternPropertiesCountAsDeclared() throws {
        let schema = #"{"type":"object","patternProperties":{"^x-":{"type":"string"}},"additionalProperties":false}"#
        #expect(try violations(#"{"x-trace":"1"}"#, schema).isEmpty)
        #expect(try messages(#"{"x-trace":1}"#, schema) == ["/x-trace: x-trace must be a string; got the number 1"])
        #expect(try violations(#"{"y":"1"}"#, schema).count == 1)
    }

    @Test func propertyCountsAndDependentRequired() throws {
        #expect(try violations(#"{"a":1}"#, #"{"minProperties":2}"#).count == 1)
        #expect(try violations(#"{"a":1,"b":2}"#, #"{"maxProperties":1}"#).count == 1)
        let dependent = #"{"dependentRequired":{"card":["cvv"]}}"#
        #expect(try messages(#"{"card":"4111"}"#, dependent) == [#"missing property "cvv", which is required when "card" is present"#])
        #expect(try violations(#"{"other":1}"#, dependent).isEmpty)
    }

    @Test func keysNeedingEscapesAppearEscapedInPaths() throws {
        let schema = #"{"properties":{"a/b":{"type":"string"},"m~n":{"type":"string"}}}"#
        let paths = try violations(#"{"a/b":1,"m~n":2}"#, schema).map(\.path)
        #expect(paths == ["/a~1b", "/m~0n"])
    }

    // MARK: enum and const

    @Test func enumMessageListsValues() throws {
        let schema = #"{"type":"object","properties":{"unit":{"type":"string","enum":["celsius","fahrenheit"]}}}"#
        #expect(try messages(#"{"unit":"kelvin"}"#, schema) == [#"/unit: unit must be one of "celsius", "fahrenheit"; got "kelvin""#])
        #expect(try violations(#"{"unit":"celsius"}"#, schema).isEmpty)
    }

    @Test func enumComparesNumbersByValueAndObjectsIgnoringKeyOrder() throws {
        #expect(try violations("2.0", #"{"enum":[1,2]}"#).isEmpty)
        #expect(try violations(#"{"b":2,"a":1}"#, #"{"enum":[{"a":1,"b":2}]}"#).isEmpty)
        #expect(try violations("3", #"{"enum":[1,2]}"#).count == 1)
    }

    @Test func typeMismatchIsNotReportedTwiceByEnum() throws {
        #expect(try violations("5", #"{"type":"string","enum":["a"]}"#).count == 1)
    }

    @Test func longEnumIsAbbreviated() throws {
        let values = (1...20).map { "\"v\($0)\"" }.joined(separator: ",")
        let found = try messages(#""x""#, #"{"enum":[\#(values)]}"#)
        #expect(found.count == 1)
        #expect(found[0].contains("(and 8 more)"))
    }

    @Test func constant() throws {
        #expect(try violations(#""on""#, #"{"const":"on"}"#).isEmpty)
        #expect(try messages(#""off""#, #"{"const":"on"}"#) == [#"the value must be exactly "on"; got "off""#])
    }

    // MARK: arrays

    @Test func nestedArrayPaths() throws {
        let schema = #"""
        {"type":"object","properties":{"items":{"type":"array","items":{"type":"object",
         "properties":{"price":{"type":"number","minimum":0}},"required":["price"]}}}}
        """#
        let value = #"{"items":[{"price":1},{"price":2},{"price":-5},{}]}"#
        #expect(try messages(value, schema) == [
            "/items/2/price: price must be at least 0; got -5",
            #"/items/3: missing required property "price""#,
        ])
    }

    @Test func arraysOfArraysNameTheIndices() throws {
        let schema = #"{"properties":{"rows":{"items":{"items":{"type":"integer"}}}}}"#
        #expect(try messages(#"{"rows":[[1],[2,"x"]]}"#, schema) == [#"/rows/1/1: rows[1][1] must be an integer; got the string "x""#])
        #expect(try messages(#"[1,"x"]"#, #"{"items":{"type":"integer"}}"#) == [#"/1: item 1 must be an integer; got the string "x""#])
    }

    @Test func minAndMaxItems() throws {
        let schema = #"{"type":"array","minItems":1,"maxItems":2}"#
        #expect(try messages("[]", schema) == ["the value must have at least 1 item; got 0"])
        #expect(try messages("[1,2,3]", schema) == ["the value must have at most 2 items; got 3"])
        #expect(try violations("[1]", schema).isEmpty)
    }

    @Test func tupleFormsAndUniqueItems() throws {
        let prefix = #"{"prefixItems":[{"type":"string"},{"type":"number"}],"items":false}"#
        #expect(try violations(#"["a",1]"#, prefix).isEmpty)
        #expect(try messages(#"[1,1]"#, prefix) == ["/0: item 0 must be a string; got the number 1"])
        #expect(try violations(#"["a",1,2]"#, prefix).map(\.path) == ["/2"])
        let draft4 = #"{"items":[{"type":"string"}],"additionalItems":{"type":"boolean"}}"#
        #expect(try violations(#"["a",true,false]"#, draft4).isEmpty)
        #expect(try violations(#"["a",3]"#, draft4).map(\.path) == ["/1"])
        #expect(try messages("[1,2,1]", #"{"uniqueItems":true}"#) == ["the value must not contain duplicates; items 0 and 2 are both 1"])
        #expect(try violations("[1,2]", #"{"uniqueItems":true}"#).isEmpty)
    }

    // MARK: numbers

    @Test func bounds() throws {
        let schema = #"{"minimum":1,"maximum":10}"#
        #expect(try violations("1", schema).isEmpty)
        #expect(try violations("10", schema).isEmpty)
        #expect(try messages("0", schema) == ["the value must be at least 1; got 0"])
        #expect(try messages("10.5", schema) == ["the value must be at most 10; got 10.5"])
    }

    @Test func exclusiveBoundsInBothDrafts() throws {
        let modern = #"{"exclusiveMinimum":0,"exclusiveMaximum":1}"#
        #expect(try violations("0.5", modern).isEmpty)
        #expect(try messages("0", modern) == ["the value must be greater than 0; got 0"])
        #expect(try messages("1", modern) == ["the value must be less than 1; got 1"])
        let draft4 = #"{"minimum":0,"exclusiveMinimum":true,"maximum":1,"exclusiveMaximum":true}"#
        #expect(try violations("0.5", draft4).isEmpty)
        #expect(try violations("0", draft4).count == 1)
        #expect(try violations("1", draft4).count == 1)
    }

    @Test func multipleOfToleratesBinaryFractions() throws {
        #expect(try violations("0.3", #"{"multipleOf":0.1}"#).isEmpty)
        #expect(try violations("4.5", #"{"multipleOf":1.5}"#).isEmpty)
        #expect(try messages("7", #"{"multipleOf":2}"#) == ["the value must be a multiple of 2; got 7"])
        #expect(try violations("0.35", #"{"multipleOf":0.1}"#).count == 1)
        #expect(try messages("1", #"{"multipleOf":0}"#).first?.contains("cannot check") == true)
    }

    // MARK: strings

    @Test func lengthsCountCodePoints() throws {
        let schema = #"{"minLength":2,"maxLength":3}"#
        #expect(try violations(#""ab""#, schema).isEmpty)
        #expect(try violations(#""😀😀""#, schema).isEmpty)
        #expect(try messages(#""a""#, schema) == ["the value must be at least 2 characters long; got 1 character"])
        #expect(try messages(#""abcd""#, schema) == ["the value must be at most 3 characters long; got 4 characters"])
    }

    @Test func patternIsAnUnanchoredSearch() throws {
        #expect(try violations(#""xabcx""#, #"{"pattern":"abc"}"#).isEmpty)
        #expect(try violations(#""ab""#, #"{"pattern":"^a$"}"#).count == 1)
        let schema = #"{"properties":{"code":{"pattern":"^[A-Z]{3}$"}}}"#
        #expect(try messages(#"{"code":"usd"}"#, schema) == [#"/code: code must match the pattern ^[A-Z]{3}$; got "usd""#])
        #expect(try violations(#"{"code":"USD"}"#, schema).isEmpty)
    }

    @Test func invalidPatternIsReportedNotCrashed() throws {
        let found = try messages(#""x""#, #"{"pattern":"[unclosed"}"#)
        #expect(found.count == 1)
        #expect(found[0].contains("not a valid regular expression"))
        // Cached failure: the second call gives the same answer.
        #expect(try messages(#""y""#, #"{"pattern":"[unclosed"}"#) == found)
    }

    @Test func regexCacheIsSafeAcrossThreads() throws {
        let schema = try parse(#"{"type":"array","items":{"type":"string","pattern":"^id-[0-9]+$"}}"#)
        let good = try parse(#"["id-1","id-22"]"#)
        let bad = try parse(#"["id-1","nope"]"#)
        let failures = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 200) { i in
            let ok = SchemaValidator.validate(good, schema: schema).isEmpty
            let caught = SchemaValidator.validate(bad, schema: schema).map(\.path) == ["/1"]
            if !ok || !caught || i < 0 { failures.withLock { $0 += 1 } }
        }
        #expect(failures.current == 0)
    }

    // MARK: formats

    @Test(arguments: [
        ("date-time", "2024-05-01T14:30:00Z"), ("date-time", "2024-02-29T00:00:00.123+05:30"),
        ("date-time", "1998-12-31T23:59:60Z"), ("date-time", "1998-12-31t18:59:60-05:00"),
        ("date", "2000-02-29"), ("date", "2023-12-31"),
        ("time", "14:30:00Z"), ("time", "08:15:30.5-03:00"),
        ("duration", "P3DT4H30M"), ("duration", "P2W"), ("duration", "PT5S"),
        ("duration", "P1Y"),
        ("email", "ada@example.com"), ("email", "first.last+tag@mail.example.org"), ("email", "user@[192.168.0.1]"),
        ("uuid", "123e4567-e89b-12d3-a456-426614174000"), ("uuid", "ABCDEF01-2345-6789-ABCD-EF0123456789"),
        ("ipv4", "192.168.0.1"), ("ipv4", "0.0.0.0"), ("ipv4", "255.255.255.255"),
        ("ipv6", "::1"), ("ipv6", "::"), ("ipv6", "2001:db8::8a2e:370:7334"), ("ipv6", "fe80::"),
        ("ipv6", "2001:0db8:0000:0000:0000:ff00:0042:8329"), ("ipv6", "::ffff:192.0.2.128"),
        ("hostname", "example.com"), ("hostname", "a-b.c-d.example"), ("hostname", "localhost"),
        ("hostname", String(repeating: "a", count: 63) + ".com"),
        ("unknown-format", "anything at all"),
    ])
    func validFormat(format: String, text: String) throws {
        let found = SchemaValidator.validate(.string(text), schema: ["format": .string(format)])
        #expect(found.isEmpty, "\(text) should be a valid \(format): \(found)")
    }

    @Test(arguments: [
        ("date-time", "2024-05-01 14:30:00Z"), ("date-time", "2024-05-01T14:30:00"), ("date-time", "2024-13-01T00:00:00Z"),
        ("date-time", "2023-02-29T00:00:00Z"), ("date-time", "2024-05-01T24:00:00Z"), ("date-time", "2024-05-01T12:00:60Z"),
        ("date-time", "yesterday"), ("date-time", "2024-05-01T14:30:00+25:00"),
        ("date", "2024-04-31"), ("date", "24-04-01"), ("date", "2024-4-01"), ("date", "1900-02-29"),
        ("time", "14:30:00"), ("time", "14:60:00Z"), ("time", "2:30:00Z"), ("time", "14:30:00.Z"),
        ("duration", "P"), ("duration", "PT"), ("duration", "3D"), ("duration", "P1W2D"), ("duration", "P1D2Y"),
        ("email", "no-at-sign"), ("email", "@example.com"), ("email", "ada@"), ("email", "a..b@example.com"),
        ("email", "ada@exa mple.com"), ("email", ".ada@example.com"),
        ("uuid", "123e4567e89b12d3a456426614174000"), ("uuid", "123e4567-e89b-12d3-a456-42661417400g"),
        ("uuid", "123e4567-e89b-12d3-a456_426614174000"),
        ("ipv4", "256.1.1.1"), ("ipv4", "1.2.3"), ("ipv4", "01.2.3.4"), ("ipv4", "1.2.3.4.5"), ("ipv4", "a.b.c.d"),
        ("ipv6", "1::2::3"), ("ipv6", "12345::"), ("ipv6", "1:2:3:4:5:6:7"), ("ipv6", "1:2:3:4:5:6:7:8:9"),
        ("ipv6", ":1:2:3:4:5:6:7"), ("ipv6", "::ffff:999.0.2.128"), ("ipv6", "192.168.0.1"), ("ipv6", "1:2:3:4:5:6:7:8::"),
        ("hostname", "-bad.example"), ("hostname", "bad-.example"), ("hostname", "a..b"), ("hostname", "under_score.com"),
        ("hostname", String(repeating: "a", count: 64) + ".com"),
        ("hostname", Array(repeating: String(repeating: "a", count: 50), count: 6).joined(separator: ".")),
        ("hostname", ""),
    ])
    func invalidFormat(format: String, text: String) throws {
        let found = SchemaValidator.validate(.string(text), schema: ["format": .string(format)])
        #expect(found.count == 1, "\(text) should not be a valid \(format)")
        #expect(found.first?.message.contains("must be a valid \(format)") == true)
    }

    @Test func formatMessageGivesExampleAndReason() throws {
        let schema = #"{"properties":{"when":{"type":"string","format":"date"}}}"#
        #expect(try messages(#"{"when":"2024-02-30"}"#, schema) == [
            #"/when: when must be a valid date such as "2024-05-01"; got "2024-02-30" (day 30 does not exist in month 2 of 2024)"#,
        ])
    }

    @Test func formatAppliesOnlyToStrings() throws {
        #expect(try violations("42", #"{"format":"email"}"#).isEmpty)
    }

    // MARK: combinators

    @Test func anyOfPassesWhenOneBranchMatches() throws {
        let schema = #"{"anyOf":[{"type":"string"},{"type":"integer","minimum":0}]}"#
        #expect(try violations(#""x""#, schema).isEmpty)
        #expect(try violations("4", schema).isEmpty)
    }

    @Test func anyOfWithOnlyTypeMismatchesSaysWhichTypes() throws {
        let schema = #"{"properties":{"note":{"anyOf":[{"type":"string"},{"type":"null"}]}}}"#
        #expect(try messages(#"{"note":5}"#, schema) == ["/note: note must be a string or null; got the number 5"])
    }

    @Test func anyOfSummarisesTheClosestBranch() throws {
        let schema = #"""
        {"properties":{"target":{"anyOf":[
          {"type":"string"},
          {"type":"object","properties":{"lat":{"type":"number"},"lon":{"type":"number"}},"required":["lat","lon"]},
          {"type":"object","properties":{"city":{"type":"string"}},"required":["city","country"]}
        ]}}}
        """#
        let found = try violations(#"{"target":{"lat":1}}"#, schema)
        #expect(found.count == 1)
        #expect(found[0].path == "/target")
        #expect(found[0].message == #"target does not match any of the 3 allowed shapes (anyOf); the closest is shape 2, which fails because missing required property "lon""#)
    }

    @Test func oneOfNeedsExactlyOne() throws {
        let schema = #"{"oneOf":[{"type":"integer"},{"type":"number","minimum":10}]}"#
        #expect(try violations("3", schema).isEmpty)
        #expect(try violations("10.5", schema).isEmpty)
        #expect(try messages("12", schema) == ["the value matches alternatives 1, 2 of oneOf, but it must match exactly one"])
        #expect(try violations(#""x""#, schema).count == 1)
    }

    @Test func allOfNotAndConditionals() throws {
        #expect(try violations("5", #"{"allOf":[{"minimum":1},{"maximum":3}]}"#).count == 1)
        #expect(try messages("5", #"{"not":{"const":5}}"#) == ["the value must not match the schema under \"not\"; got 5"])
        #expect(try violations("6", #"{"not":{"const":5}}"#).isEmpty)
        let conditional = #"{"if":{"properties":{"kind":{"const":"card"}}},"then":{"required":["number"]},"else":{"required":["iban"]}}"#
        #expect(try violations(#"{"kind":"card","number":"4111"}"#, conditional).isEmpty)
        #expect(try messages(#"{"kind":"card"}"#, conditional) == [#"missing required property "number""#])
        #expect(try messages(#"{"kind":"bank"}"#, conditional) == [#"missing required property "iban""#])
    }

    // MARK: $ref

    private static let tree = #"""
    {"$ref":"#/$defs/node","$defs":{"node":{"type":"object","properties":{
      "value":{"type":"integer"},
      "children":{"type":"array","items":{"$ref":"#/$defs/node"}}},
      "required":["value"],"additionalProperties":false}}}
    """#

    @Test func recursiveTreeValidates() throws {
        let value = #"{"value":1,"children":[{"value":2,"children":[{"value":3,"children":[]}]},{"value":4}]}"#
        #expect(try violations(value, Self.tree).isEmpty)
    }

    @Test func recursiveTreeReportsDeepPaths() throws {
        let value = #"{"value":1,"children":[{"value":2},{"value":3,"children":[{"value":"four"},{"label":5}]}]}"#
        #expect(try messages(value, Self.tree) == [
            #"/children/1/children/0/value: value must be an integer; got the string "four""#,
            #"/children/1/children/1: missing required property "value""#,
            #"/children/1/children/1/label: property "label" is not allowed (additionalProperties is false); allowed: value, children"#,
        ])
    }

    @Test func definitionsAndPointerReferences() throws {
        let schema = #"""
        {"properties":{"a":{"$ref":"#/definitions/pos"},"b":{"$ref":"#/properties/a"},
         "c":{"$ref":"#/$defs/a~1b"},"d":{"$ref":"#/$defs/sp%20ace"}},
         "definitions":{"pos":{"type":"number","exclusiveMinimum":0}},
         "$defs":{"a/b":{"type":"string"},"sp ace":{"type":"boolean"}}}
        """#
        #expect(try violations(#"{"a":1,"b":2,"c":"x","d":true}"#, schema).isEmpty)
        #expect(try violations(#"{"a":0,"b":-1,"c":3,"d":"no"}"#, schema).map(\.path) == ["/a", "/b", "/c", "/d"])
    }

    @Test func rootReferenceRecursion() throws {
        let schema = ##"{"type":"array","items":{"anyOf":[{"type":"integer"},{"$ref":"#"}]}}"##
        #expect(try violations("[1,[2,[3,[]]]]", schema).isEmpty)
        #expect(try violations(#"[1,[2,["x"]]]"#, schema).count == 1)
    }

    @Test func selfReferenceWithoutProgressIsReportedNotLooped() throws {
        let schema = ##"{"$ref":"#/$defs/a","$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}}}"##
        let found = try messages("{}", schema)
        #expect(found.count == 1)
        #expect(found[0].contains("refers back to itself"))
        let branching = ##"{"$defs":{"a":{"anyOf":[{"$ref":"#/$defs/a"},{"$ref":"#/$defs/a"}]}},"$ref":"#/$defs/a"}"##
        #expect(try violations("1", branching).isEmpty == false)
    }

    @Test func unresolvableReference() throws {
        let found = try messages(#"{"x":1}"#, ##"{"properties":{"x":{"$ref":"#/$defs/missing"}}}"##)
        #expect(found.count == 1)
        #expect(found[0].hasPrefix("/x: cannot check x: the schema's $ref \"#/$defs/missing\" does not point to anything"))
        // Another document is never fetched: not a violation, not a silent pass, but a note.
        let remote = SchemaValidator.check(1, schema: try parse(#"{"$ref":"https://example.com/schema.json"}"#))
        #expect(remote.violations.isEmpty)
        #expect(remote.notes.map(\.message) == [#"$ref "https://example.com/schema.json" refers to another document, which toolscope does not fetch; the value was not checked against it"#])
    }

    // MARK: boolean schemas, unknown keywords, descriptions

    @Test func booleanSchemas() throws {
        #expect(try violations(#"{"any":[1]}"#, "true").isEmpty)
        #expect(try messages("1", "false") == ["the value is not allowed here (the schema accepts no value); got 1"])
        #expect(try messages(#"{"secret":1}"#, #"{"properties":{"secret":false}}"#) == [#"/secret: property "secret" is not allowed here; remove it"#])
    }

    @Test func unknownKeywordsAreIgnored() throws {
        #expect(try violations(#""x""#, #"{"type":"string","x-widget":"textarea","title":"T","examples":["a"]}"#).isEmpty)
    }

    @Test func nonSchemaIsReportedClearly() throws {
        let found = try messages(#"{"a":1}"#, #"{"properties":{"a":"string"}}"#)
        #expect(found == [#"/a: cannot check a: the schema here is a string, not an object or a boolean"#])
    }

    @Test func longValuesAreShortenedInMessages() throws {
        let long = String(repeating: "x", count: 500)
        let found = try messages("\"\(long)\"", #"{"enum":["a","b"]}"#)
        #expect(found.count == 1)
        #expect(found[0].count < 120)
    }

    @Test func validatesManyCallsQuickly() throws {
        let schema = try parse(#"""
        {"type":"object","properties":{"city":{"type":"string","pattern":"^[A-Za-z ]+$"},
         "unit":{"enum":["celsius","fahrenheit"]},"days":{"type":"integer","minimum":1,"maximum":14},
         "when":{"type":"string","format":"date"}},"required":["city","unit"],"additionalProperties":false}
        """#)
        let value = try parse(#"{"city":"San Francisco","unit":"celsius","days":3,"when":"2024-05-01"}"#)
        let clock = ContinuousClock()
        var total = 0
        let elapsed = clock.measure {
            for _ in 0..<10_000 { total += SchemaValidator.validate(value, schema: schema).count }
        }
        #expect(total == 0)
        // Generous bound for a shared 2-core debug build; typical is far below (see report).
        #expect(elapsed < .seconds(10))
    }
}
