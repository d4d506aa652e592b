import Foundation
import Testing
@testable import ToolscopeEngine

private func parse(_ text: String) throws -> JSONValue { try JSONValue(parsing: text) }

private func messages(_ value: String, _ schema: String) throws -> [String] {
    SchemaValidator.validate(try parse(value), schema: try parse(schema)).map(\.description)
}

private func valid(_ value: String, _ schema: String) throws -> Bool {
    try messages(value, schema).isEmpty
}

/// The JSON Schema 2020-12 keywords beyond the function-calling subset: contains,
/// dependentSchemas, propertyNames, unevaluated*, identifiers, dynamic references, and
/// exact comparison of strings and numbers. Expected outcomes follow the specification.
@Suite struct SchemaVocabularyTests {
    // MARK: contains

    @Test func containsNeedsOneMatchingItem() throws {
        let schema = #"{"contains":{"type":"integer","minimum":5}}"#
        #expect(try valid("[1, 7, 2]", schema))
        #expect(try messages("[1, 2]", schema) == [#"the value must contain an item matching the "contains" schema; none of its 2 items does"#])
        #expect(try messages("[]", schema) == [#"the value must contain an item matching the "contains" schema; it is empty"#])
        #expect(try valid(#"{"not":"an array"}"#, schema))
    }

    @Test func minAndMaxContainsCountMatches() throws {
        let schema = #"{"type":"object","properties":{"tags":{"contains":{"const":"x"},"minContains":2,"maxContains":3}}}"#
        #expect(try valid(#"{"tags":["x","y","x"]}"#, schema))
        #expect(try messages(#"{"tags":["x","y"]}"#, schema)
            == [#"/tags: tags must contain at least 2 items matching the "contains" schema (minContains); got 1"#])
        #expect(try messages(#"{"tags":["x","x","x","x"]}"#, schema)
            == [#"/tags: tags must contain at most 3 items matching the "contains" schema (maxContains); got 4 (items 0, 1, 2, 3)"#])
        // minContains 0 makes contains always pass; maxContains alone still counts.
        #expect(try valid("[1, 2]", #"{"contains":{"type":"string"},"minContains":0}"#))
        #expect(try valid("[]", #"{"contains":{"type":"string"},"maxContains":1}"#) == false)
    }

    // MARK: dependentSchemas, dependencies, propertyNames

    @Test func dependentSchemasApplyWhenTheTriggerIsPresent() throws {
        let schema = #"{"type":"object","properties":{"card":{"type":"string"},"billing":{"type":"string"}},"dependentSchemas":{"card":{"required":["billing"]}}}"#
        #expect(try valid(#"{"billing":"x"}"#, schema))
        #expect(try valid(#"{"card":"4111","billing":"x"}"#, schema))
        #expect(try messages(#"{"card":"4111"}"#, schema) == [#"missing required property "billing""#])
    }

    @Test func draft7DependenciesInBothForms() throws {
        let schema = #"{"dependencies":{"a":["b"],"c":{"properties":{"d":{"type":"integer"}}}}}"#
        #expect(try messages(#"{"a":1}"#, schema) == [#"missing property "b", which is required when "a" is present"#])
        #expect(try valid(#"{"a":1,"b":2}"#, schema))
        #expect(try messages(#"{"c":1,"d":"x"}"#, schema) == [#"/d: d must be an integer; got the string "x""#])
        #expect(try valid(#"{"d":"x"}"#, schema))
    }

    @Test func propertyNamesCheckEveryKey() throws {
        let schema = #"{"propertyNames":{"pattern":"^[a-z_]+$","maxLength":8}}"#
        #expect(try valid(#"{"city":1,"zip_code":2}"#, schema))
        #expect(try messages(#"{"City":1}"#, schema) == [#"/City: the property name "City" must match the pattern ^[a-z_]+$; got "City""#])
        #expect(try messages(#"{"temperature":1}"#, schema)
            == [#"/temperature: the property name "temperature" must be at most 8 characters long; got 11 characters"#])
        #expect(try messages(#"{"a":1}"#, #"{"propertyNames":false}"#)
            == [#"/a: the property name "a" is not allowed here (the schema accepts no value); got "a""#])
    }

    // MARK: unevaluatedProperties

    @Test func unevaluatedPropertiesSeesSiblingKeywords() throws {
        let schema = #"{"type":"object","properties":{"a":{}},"patternProperties":{"^x-":{}},"unevaluatedProperties":false}"#
        #expect(try valid(#"{"a":1,"x-trace":2}"#, schema))
        let extra = try messages(#"{"a":1,"b":2}"#, schema)
        #expect(extra.count == 1)
        #expect(extra[0].hasPrefix(#"/b: property "b" is not allowed (unevaluatedProperties is false); allowed: a"#))
        // A schema instead of false checks the leftovers.
        #expect(try messages(#"{"a":1,"b":2}"#, #"{"properties":{"a":{}},"unevaluatedProperties":{"type":"string"}}"#)
            == [#"/b: b must be a string; got the number 2"#])
        // additionalProperties evaluates everything it sees, so nothing is left over.
        #expect(try valid(#"{"b":2}"#, #"{"additionalProperties":true,"unevaluatedProperties":false}"#))
    }

    @Test func unevaluatedPropertiesThroughAllOf() throws {
        // The case additionalProperties cannot express: properties declared in a subschema.
        let schema = #"{"allOf":[{"properties":{"a":{"type":"integer"}}}],"properties":{"b":{}},"unevaluatedProperties":false}"#
        #expect(try valid(#"{"a":1,"b":2}"#, schema))
        #expect(try messages(#"{"a":1,"c":3}"#, schema).count == 1)
        #expect(try messages(#"{"a":1,"c":3}"#, schema)[0].hasPrefix(#"/c: property "c" is not allowed (unevaluatedProperties is false)"#))
        #expect(try valid(#"{"a":1}"#, #"{"allOf":[{"properties":{"a":{}}}],"additionalProperties":false}"#) == false)
    }

    @Test func unevaluatedPropertiesCountsOnlyPassingAnyOfBranches() throws {
        let schema = #"""
        {"anyOf":[{"properties":{"kind":{"const":"a"},"x":{}},"required":["kind"]},
                  {"properties":{"kind":{"const":"b"},"y":{}},"required":["kind"]}],
         "unevaluatedProperties":false}
        """#
        #expect(try valid(#"{"kind":"a","x":1}"#, schema))
        #expect(try valid(#"{"kind":"b","y":1}"#, schema))
        // "y" was declared by the failing branch only, so it is unevaluated.
        #expect(try messages(#"{"kind":"a","y":1}"#, schema).map { $0.components(separatedBy: ";")[0] }
            == [#"/y: property "y" is not allowed (unevaluatedProperties is false)"#])
    }

    @Test func unevaluatedPropertiesThroughOneOfIfAndNot() throws {
        let oneOf = #"{"oneOf":[{"properties":{"a":{}},"required":["a"]},{"properties":{"b":{}},"required":["b"]}],"unevaluatedProperties":false}"#
        #expect(try valid(#"{"a":1}"#, oneOf))
        #expect(try valid(#"{"a":1,"c":1}"#, oneOf) == false)
        let conditional = #"""
        {"if":{"properties":{"kind":{"const":"car"}},"required":["kind"]},
         "then":{"properties":{"wheels":{"type":"integer"}}},
         "else":{"properties":{"wings":{"type":"integer"}}},
         "unevaluatedProperties":false}
        """#
        #expect(try valid(#"{"kind":"car","wheels":4}"#, conditional))
        #expect(try valid(#"{"kind":"plane","wings":2}"#, conditional) == false)  // "kind" is evaluated only when `if` passes
        #expect(try valid(#"{"wings":2}"#, conditional))
        #expect(try valid(#"{"kind":"car","wings":2}"#, conditional) == false)
        // `not` never evaluates anything.
        #expect(try valid(#"{"a":1}"#, #"{"not":{"not":{"properties":{"a":{}}}},"unevaluatedProperties":false}"#) == false)
    }

    @Test func unevaluatedPropertiesThroughRefAndDependentSchemas() throws {
        let viaRef = ##"{"$ref":"#/$defs/base","properties":{"extra":{}},"unevaluatedProperties":false,"$defs":{"base":{"properties":{"id":{}}}}}"##
        #expect(try valid(#"{"id":1,"extra":2}"#, viaRef))
        #expect(try valid(#"{"id":1,"other":2}"#, viaRef) == false)
        let dependent = #"{"properties":{"card":{}},"dependentSchemas":{"card":{"properties":{"cvv":{}}}},"unevaluatedProperties":false}"#
        #expect(try valid(#"{"card":1,"cvv":2}"#, dependent))
        #expect(try valid(#"{"cvv":2}"#, dependent) == false)
    }

    @Test func unevaluatedPropertiesDoesNotSeeIntoChildren() throws {
        // Annotations belong to one value: the nested object's "a" says nothing about the outer one.
        let schema = #"{"properties":{"inner":{"properties":{"a":{}}}},"unevaluatedProperties":false}"#
        #expect(try valid(#"{"inner":{"a":1}}"#, schema))
        #expect(try valid(#"{"inner":{},"a":1}"#, schema) == false)
        let nested = #"{"properties":{"inner":{"unevaluatedProperties":false}},"allOf":[{"properties":{"inner":{"properties":{"x":{}}}}}]}"#
        #expect(try valid(#"{"inner":{"x":1}}"#, nested) == false)  // the allOf evaluates "x" in a different schema object
    }

    // MARK: unevaluatedItems

    @Test func unevaluatedItemsAfterPrefixItemsAndItems() throws {
        let schema = #"{"prefixItems":[{"type":"string"}],"unevaluatedItems":false}"#
        #expect(try valid(#"["a"]"#, schema))
        #expect(try messages(#"["a", 2]"#, schema) == ["/1: the value must not have item 1: no schema here describes it (unevaluatedItems is false)"])
        #expect(try valid(#"["a", 2]"#, #"{"prefixItems":[{}],"items":{},"unevaluatedItems":false}"#))
        #expect(try messages(#"[1, "x"]"#, #"{"prefixItems":[{}],"unevaluatedItems":{"type":"integer"}}"#) == [#"/1: item 1 must be an integer; got the string "x""#])
    }

    @Test func unevaluatedItemsThroughAllOfAnyOfIfAndRef() throws {
        let allOf = #"{"allOf":[{"prefixItems":[{},{}]}],"unevaluatedItems":false}"#
        #expect(try valid("[1, 2]", allOf))
        #expect(try valid("[1, 2, 3]", allOf) == false)
        let anyOf = #"{"anyOf":[{"prefixItems":[{"const":"a"},{}]},{"prefixItems":[{"const":"b"}]}],"unevaluatedItems":false}"#
        #expect(try valid(#"["a", 1]"#, anyOf))
        #expect(try valid(#"["b", 1]"#, anyOf) == false)
        let conditional = #"{"if":{"prefixItems":[{"const":"pair"}]},"then":{"prefixItems":[{},{}]},"unevaluatedItems":false}"#
        #expect(try valid(#"["pair", 2]"#, conditional))
        #expect(try valid(#"["pair", 2, 3]"#, conditional) == false)
        let viaRef = ##"{"$ref":"#/$defs/two","unevaluatedItems":false,"$defs":{"two":{"prefixItems":[{},{}]}}}"##
        #expect(try valid("[1, 2]", viaRef))
        #expect(try valid("[1, 2, 3]", viaRef) == false)
    }

    @Test func unevaluatedItemsSeesContainsMatches() throws {
        let schema = #"{"contains":{"type":"string"},"unevaluatedItems":{"type":"integer"}}"#
        #expect(try valid(#"["a", 1, "b"]"#, schema))
        #expect(try valid(#"["a", 1.5]"#, schema) == false)
    }

    // MARK: identifiers and references

    @Test func referencesByIdResolveAgainstTheEnclosingBase() throws {
        let schema = #"""
        {"$id":"https://example.com/root.json","type":"object",
         "properties":{"address":{"$ref":"address.json"},"zip":{"$ref":"address.json#/properties/zip"}},
         "$defs":{"addr":{"$id":"address.json","type":"object","properties":{"zip":{"type":"string","pattern":"^[0-9]{5}$"}},"required":["zip"]}}}
        """#
        #expect(try valid(#"{"address":{"zip":"12345"},"zip":"54321"}"#, schema))
        #expect(try messages(#"{"address":{}}"#, schema) == [#"/address: missing required property "zip""#])
        #expect(try messages(#"{"zip":"1"}"#, schema) == [#"/zip: zip must match the pattern ^[0-9]{5}$; got "1""#])
        // Inside the embedded resource, "#/…" is relative to it, not to the root.
        let nested = #"""
        {"$id":"https://example.com/a/root.json","$ref":"b/item.json",
         "$defs":{"item":{"$id":"b/item.json","$ref":"#/$defs/leaf","$defs":{"leaf":{"type":"integer"}}},
                  "leaf":{"type":"string"}}}
        """#
        #expect(try valid("3", nested))
        #expect(try valid(#""x""#, nested) == false)
    }

    @Test func anchorsAndDraft7PlainNameIds() throws {
        let anchored = ##"{"properties":{"n":{"$ref":"#count"}},"$defs":{"c":{"$anchor":"count","type":"integer","minimum":0}}}"##
        #expect(try valid(#"{"n":2}"#, anchored))
        #expect(try messages(#"{"n":-1}"#, anchored) == ["/n: n must be at least 0; got -1"])
        let draft7 = ##"{"properties":{"n":{"$ref":"#count"}},"definitions":{"c":{"$id":"#count","type":"integer"}}}"##
        #expect(try valid(#"{"n":"x"}"#, draft7) == false)
        #expect(try messages(#"{"n":1}"#, ##"{"properties":{"n":{"$ref":"#nowhere"}}}"##).count == 1)
    }

    @Test func pointerReferencesUnescapeTildesSlashesAndPercents() throws {
        let schema = ##"{"properties":{"a":{"$ref":"#/$defs/x~1y"},"b":{"$ref":"#/$defs/t~0z"},"c":{"$ref":"#/$defs/per%25cent"}},"$defs":{"x/y":{"type":"integer"},"t~z":{"type":"string"},"per%cent":{"type":"boolean"}}}"##
        #expect(try valid(#"{"a":1,"b":"s","c":true}"#, schema))
        #expect(try messages(#"{"a":"1","b":2,"c":0}"#, schema).count == 3)
    }

    @Test func dynamicRefFindsTheOutermostDynamicAnchor() throws {
        // The specification's extensible tree: "strict-tree" reuses "tree", and its
        // $dynamicAnchor makes tree's children strict too.
        let schema = #"""
        {"$id":"https://example.com/strict-tree","$dynamicAnchor":"node","$ref":"tree","unevaluatedProperties":false,
         "$defs":{"tree":{"$id":"https://example.com/tree","$dynamicAnchor":"node","type":"object",
                          "properties":{"data":true,"children":{"type":"array","items":{"$dynamicRef":"#node"}}}}}}
        """#
        #expect(try valid(#"{"children":[{"data":1}]}"#, schema))
        #expect(try messages(#"{"children":[{"daat":1}]}"#, schema).map { $0.components(separatedBy: ";")[0] }
            == [#"/children/0/daat: property "daat" is not allowed (unevaluatedProperties is false)"#])
        // Used on its own, tree's children are not strict.
        let tree = try parse(schema)["$defs"]!["tree"]!
        #expect(SchemaValidator.validate(try parse(#"{"children":[{"daat":1}]}"#), schema: tree).isEmpty)
    }

    @Test func dynamicRefWithoutAMatchingAnchorActsAsRef() throws {
        let schema = ##"{"$defs":{"n":{"type":"integer"}},"properties":{"a":{"$dynamicRef":"#/$defs/n"}}}"##
        #expect(try valid(#"{"a":1}"#, schema))
        #expect(try valid(#"{"a":"1"}"#, schema) == false)
    }

    // MARK: not enforced: listed and noted, never silent

    @Test func unenforcedKeywordsAreListed() throws {
        let schema = try parse(#"""
        {"type":"object","properties":{
          "site":{"type":"string","format":"uri"},
          "when":{"type":"string","format":"date"},
          "blob":{"type":"string","contentMediaType":"application/json"},
          "addr":{"$ref":"https://example.com/address.json"},
          "local":{"$ref":"#/$defs/x"}},
         "$defs":{"x":{"type":"integer"}}}
        """#)
        let listed = SchemaValidator.unenforced(in: schema)
        #expect(listed.map(\.path) == ["/properties/addr/$ref", "/properties/blob/contentMediaType", "/properties/site/format"])
        #expect(listed[2].reason.hasPrefix(#"format "uri" is not checked (toolscope checks date, date-time, duration"#))
        #expect(listed[0].reason.hasPrefix(#"$ref "https://example.com/address.json" refers to another document"#))
        let outcome = SchemaValidator.check(try parse(#"{"site":"not a uri","addr":{"street":1},"when":"2024-01-01"}"#), schema: schema)
        #expect(outcome.isValid)
        #expect(outcome.notes.map(\.path) == ["/site", "/addr"])
        #expect(SchemaValidator.unenforced(in: try parse(#"{"type":"string","x-widget":"textarea"}"#)).isEmpty)
    }

    // MARK: strings by code point

    @Test func stringsCompareByCodePoint() throws {
        let precomposed = "\u{E9}"      // é
        let decomposed = "e\u{301}"     // e + combining acute accent
        #expect(precomposed == decomposed)  // Swift: canonically equivalent
        let schema: JSONValue = ["enum": [.string(precomposed)]]
        #expect(SchemaValidator.validate(.string(decomposed), schema: schema).count == 1)
        #expect(SchemaValidator.validate(.string(precomposed), schema: schema).isEmpty)
        #expect(SchemaValidator.validate(.string(decomposed), schema: ["const": .string(precomposed)]).count == 1)
        #expect(SchemaValidator.validate([.string(precomposed), .string(decomposed)], schema: ["uniqueItems": true]).isEmpty)
        #expect(SchemaValidator.validate([.string(decomposed), .string(decomposed)], schema: ["uniqueItems": true]).count == 1)
        // Property names too: "é" declared does not match "é" sent decomposed.
        let object: JSONValue = .object([decomposed: 1])
        #expect(SchemaValidator.validate(object, schema: ["properties": .object([precomposed: false])]).isEmpty)
        #expect(SchemaValidator.validate(object, schema: ["required": [.string(precomposed)]]).count == 1)
        #expect(JSONValue.object([precomposed: 1]).jsonEquals(object) == false)
    }

    // MARK: numbers by value

    @Test func numbersCompareByMathematicalValue() throws {
        let twoTo53 = try parse("9007199254740992.0")
        #expect(twoTo53 == .number(9_007_199_254_740_992))
        #expect(try valid("9007199254740992", #"{"const":9007199254740992.0}"#))
        #expect(try valid("9007199254740992.0", #"{"const":9007199254740992}"#))
        #expect(try valid("9007199254740993", #"{"const":9007199254740992.0}"#) == false)
        #expect(try valid("9007199254740992.0", #"{"enum":[1,9007199254740992]}"#))
        #expect(try valid("1.0", #"{"const":1}"#))
        #expect(try messages("[9007199254740992, 9007199254740992.0]", #"{"uniqueItems":true}"#)
            == ["the value must not contain duplicates; items 0 and 1 are both 9007199254740992"])
        #expect(try valid("[9007199254740993, 9007199254740992.0, 1, 1.5]", #"{"uniqueItems":true}"#))
        #expect(try valid(#"[{"a":1,"b":[2.0]},{"b":[2],"a":1.0}]"#, #"{"uniqueItems":true}"#) == false)
    }

    @Test func boundsWithBigIntegersAreExactAndPrintedAsWritten() throws {
        let schema = #"{"maximum":9007199254740993}"#
        #expect(try valid("9007199254740993", schema))
        #expect(try messages("9007199254740994", schema) == ["the value must be at most 9007199254740993; got 9007199254740994"])
        #expect(try valid("9007199254740992.0", schema))
        #expect(try messages("12345678901234567890", #"{"exclusiveMaximum":12345678901234567890}"#)
            == ["the value must be less than 12345678901234567890; got 12345678901234567890"])
        #expect(try messages("-9007199254740994", #"{"minimum":-9007199254740993}"#)
            == ["the value must be at least -9007199254740993; got -9007199254740994"])
        // The Double nearest 9007199254740992.5 is 9007199254740992: what a schema can hold.
        #expect(try valid("9007199254740993", #"{"minimum":9007199254740992.5}"#))
        #expect(try valid("9007199254740993", #"{"exclusiveMinimum":9007199254740992}"#))
    }

    @Test func multipleOfWithBigIntegersIsExact() throws {
        #expect(try valid("9007199254740993", #"{"multipleOf":3}"#))     // 3 × 3002399751580331
        #expect(try messages("9007199254740994", #"{"multipleOf":3}"#) == ["the value must be a multiple of 3; got 9007199254740994"])
        #expect(try valid("12345678901234567890", #"{"multipleOf":0.5}"#))
        #expect(try valid("18014398509481986", #"{"multipleOf":9007199254740993}"#))
        #expect(try valid("18014398509481987", #"{"multipleOf":9007199254740993}"#) == false)
        #expect(try valid("4.5", #"{"multipleOf":9007199254740993}"#) == false)
    }

    @Test func exactDecimalArithmetic() {
        func d(_ s: String) -> ExactDecimal { ExactDecimal(numberText: s) }
        #expect(d("1.50") == d("15e-1"))
        #expect(d("-0") == d("0.0"))
        #expect(ExactDecimal.compare(d("9007199254740993"), d("9007199254740992")) == 1)
        #expect(ExactDecimal.compare(d("-2"), d("1")) == -1)
        #expect(ExactDecimal.compare(d("-2"), d("-10")) == 1)
        #expect(ExactDecimal.compare(d("0.1"), d("0.09")) == 1)
        #expect(d("0.3").isMultiple(of: d("0.1")))
        #expect(d("1e300").isMultiple(of: d("7")) == false)
        #expect(d("7e300").isMultiple(of: d("7")))
        #expect(d("100").isMultiple(of: d("0.01")))
        #expect(d("0.011").isMultiple(of: d("0.01")) == false)
    }

    // MARK: size

    @Test func largePlainArraysValidate() throws {
        let items = (0..<250_000).map { JSONValue.number(Double($0)) }
        let value: JSONValue = ["ids": .array(items)]
        let schema = try parse(##"{"type":"object","properties":{"ids":{"type":"array","items":{"$ref":"#/$defs/id"},"uniqueItems":true,"contains":{"const":7}}},"$defs":{"id":{"anyOf":[{"type":"integer","minimum":0},{"type":"string"}]}}}"##)
        let clock = ContinuousClock()
        var found: [SchemaViolation] = []
        let elapsed = clock.measure { found = SchemaValidator.validate(value, schema: schema) }
        #expect(found.isEmpty)
        // Loose: a shared 2-core machine running a debug build.
        #expect(elapsed < .seconds(60))
        var withDuplicate = items
        withDuplicate[249_999] = .number(3)
        #expect(SchemaValidator.validate(["ids": .array(withDuplicate)], schema: schema).map(\.description)
            == ["/ids: ids must not contain duplicates; items 3 and 249999 are both 3"])
    }

    @Test func exponentialSchemasStillStop() throws {
        // Both branches recurse into the same items: 2^depth evaluations.
        let schema = ##"{"$defs":{"t":{"anyOf":[{"type":"array","items":{"$ref":"#/$defs/t"},"minItems":2},{"type":"array","items":{"$ref":"#/$defs/t"}}]}},"$ref":"#/$defs/t"}"##
        var value: JSONValue = []
        for _ in 0..<40 { value = [value] }
        let found = SchemaValidator.validate(value, schema: try parse(schema))
        #expect(found.last?.message.contains("the schema is too complex (nested anyOf over recursive $refs)") == true)
    }

    // MARK: URI references

    @Test(arguments: [
        ("address.json", "https://example.com/schemas/root.json", "https://example.com/schemas/address.json"),
        ("../common.json#/x", "https://example.com/schemas/root.json", "https://example.com/common.json#/x"),
        ("#frag", "https://example.com/a.json", "https://example.com/a.json#frag"),
        ("/abs.json", "https://example.com/a/b.json", "https://example.com/abs.json"),
        ("urn:uuid:1234", "https://example.com/a.json", "urn:uuid:1234"),
        ("item.json", "toolscope:///parameters.json", "toolscope:///item.json"),
    ])
    func uriResolution(reference: String, base: String, expected: String) {
        #expect(URIReference(parsing: reference).resolved(against: URIReference(parsing: base)).text == expected)
    }
}
