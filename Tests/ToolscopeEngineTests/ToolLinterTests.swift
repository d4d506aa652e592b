import Testing
@testable import ToolscopeEngine

private func parse(_ text: String) throws -> JSONValue { try JSONValue(parsing: text) }

private func lint(_ document: String) throws -> [LintFinding] {
    ToolLinter.lint(document: try parse(document))
}

/// A well-described tool around `parameters` (JSON text), strict or not.
private func tool(_ parameters: String, name: String = "get_weather", strict: Bool? = nil) throws -> ToolDefinition {
    ToolDefinition(name: name, description: "Get the current weather for a city, in the requested unit.",
                   parameters: try parse(parameters), strict: strict)
}

private func rules(_ findings: [LintFinding]) -> [String] { findings.map(\.rule) }

/// A schema that passes every rule, strict ones included.
private let cleanStrictParameters = #"""
{"type":"object","properties":{
  "city":{"type":"string","description":"City name, e.g. Paris"},
  "unit":{"type":["string","null"],"enum":["celsius","fahrenheit",null],"description":"Temperature unit; null for the local default"}},
 "required":["city","unit"],"additionalProperties":false}
"""#

@Suite struct ToolLinterTests {
    @Test func cleanToolHasNoFindings() throws {
        #expect(ToolLinter.lint([try tool(cleanStrictParameters)]).isEmpty)
        #expect(ToolLinter.lint([try tool(cleanStrictParameters, strict: true)]).isEmpty)
    }

    // MARK: names

    @Test(arguments: ["get_weather", "a", "A-9_z", String(repeating: "n", count: 64)])
    func validNames(name: String) throws {
        #expect(ToolLinter.lint([try tool(cleanStrictParameters, name: name)]).isEmpty)
    }

    @Test(arguments: ["get weather", "", "wetter.jetzt", "météo", String(repeating: "n", count: 65)])
    func invalidNames(name: String) throws {
        let findings = ToolLinter.lint([try tool(cleanStrictParameters, name: name)])
        #expect(findings.count == 1)
        #expect(findings.first?.rule == "name-pattern")
        #expect(findings.first?.severity == .error)
        #expect(findings.first?.path == "/0/function/name")
    }

    @Test func nameMessageSaysWhatIsWrong() throws {
        let findings = ToolLinter.lint([try tool(cleanStrictParameters, name: "get weather")])
        #expect(findings.first?.message == #"the name "get weather" contains a space; only letters a-z and A-Z, digits, _ and - are allowed"#)
        let long = ToolLinter.lint([try tool(cleanStrictParameters, name: String(repeating: "n", count: 70))])
        #expect(long.first?.message.contains("is 70 characters long; at most 64") == true)
    }

    @Test func duplicateNamesAreErrorsOnTheLaterOnes() throws {
        let t = try tool(cleanStrictParameters)
        let findings = ToolLinter.lint([t, try tool(cleanStrictParameters, name: "other"), t, t])
        #expect(findings.map(\.path) == ["/2/function/name", "/3/function/name"])
        #expect(findings.allSatisfy { $0.rule == "duplicate-name" && $0.severity == .error })
        #expect(findings[0].message.contains("first defined at /0/function/name"))
    }

    @Test func atMost128Tools() throws {
        let base = try tool(cleanStrictParameters)
        let tools128 = (0..<128).map { base.renamed("tool_\($0)") }
        #expect(ToolLinter.lint(tools128).isEmpty)
        let findings = ToolLinter.lint(tools128 + [base.renamed("one_more")], pathPrefix: "/tools")
        #expect(findings.count == 1)
        #expect(findings[0].path == "/tools")
        #expect(findings[0].rule == "too-many-tools")
        #expect(findings[0].message.contains("129 tools"))
    }

    // MARK: parameters root

    @Test func parametersRootMustBeAnObjectSchema() throws {
        let array = ToolLinter.lint([try tool(#"{"type":"array","items":{"type":"string"}}"#)])
        #expect(rules(array) == ["parameters-root"])
        #expect(array[0].path == "/0/function/parameters")
        #expect(array[0].severity == .error)
        let notObject = ToolLinter.lint([try tool(#"["city"]"#)])
        #expect(rules(notObject) == ["parameters-root"])
        let untyped = ToolLinter.lint([try tool(#"{"properties":{}}"#)])
        #expect(untyped.first?.message.contains("there is no \"type\"") == true)
        #expect(ToolLinter.lint([ToolDefinition(name: "ping", description: "Check that the service answers.", parameters: nil)]).isEmpty)
    }

    // MARK: structure

    @Test func arrayWithoutItemsIsAWarningOrAStrictError() throws {
        let parameters = #"{"type":"object","properties":{"tags":{"type":"array","description":"Tags to attach"}},"required":["tags"],"additionalProperties":false}"#
        let loose = ToolLinter.lint([try tool(parameters)])
        #expect(loose.map(\.rule) == ["array-items"])
        #expect(loose[0].severity == .warning)
        #expect(loose[0].path == "/0/function/parameters/properties/tags")
        let strict = ToolLinter.lint([try tool(parameters, strict: true)])
        #expect(strict.map(\.rule) == ["array-items"])
        #expect(strict[0].severity == .error)
        let withItems = #"{"type":"object","properties":{"tags":{"type":"array","items":{"type":"string"},"description":"Tags to attach"}}}"#
        #expect(ToolLinter.lint([try tool(withItems)]).isEmpty)
    }

    @Test func requiredNamingAnUnknownPropertyIsAnError() throws {
        let parameters = #"{"type":"object","properties":{"city":{"type":"string","description":"City name"}},"required":["city","cty","zip"]}"#
        let findings = ToolLinter.lint([try tool(parameters)])
        #expect(findings.map(\.path) == ["/0/function/parameters/required/1", "/0/function/parameters/required/2"])
        #expect(findings.allSatisfy { $0.rule == "required-unknown" && $0.severity == .error })
        #expect(findings[0].message == #""required" names "cty", which is not in "properties" (known: city); did you mean "city"?"#)
    }

    @Test func enumValuesMustFitTheDeclaredType() throws {
        let parameters = #"""
        {"type":"object","properties":{
          "unit":{"type":"string","enum":["c",3,null],"description":"Temperature unit"},
          "days":{"type":"integer","enum":[1,2.5],"description":"Days to forecast"},
          "any":{"enum":[1,"x"],"description":"Untyped value"},
          "mode":{"type":"string","const":4,"description":"Fixed mode"}}}
        """#
        let findings = ToolLinter.lint([try tool(parameters)])
        #expect(findings.map(\.path) == [
            "/0/function/parameters/properties/days/enum/1",
            "/0/function/parameters/properties/mode/const",
            "/0/function/parameters/properties/unit/enum/1",
            "/0/function/parameters/properties/unit/enum/2",
        ])
        #expect(findings.allSatisfy { $0.rule == "enum-type" && $0.severity == .error })
        #expect(findings[2].message == #"enum value 3 is an integer, but the declared type is "string"; no valid value can equal it"#)
    }

    @Test func schemaMistakesAreErrors() throws {
        let parameters = #"""
        {"type":"object","properties":{
          "a":{"type":"str","description":"First value"},
          "b":{"$ref":"#/$defs/missing"},
          "c":{"type":"string","pattern":"([a-z]","description":"Lowercase code"},
          "d":{"type":"integer","minimum":5,"maximum":1,"description":"A bounded number"},
          "e":"string"}}
        """#
        let findings = ToolLinter.lint([try tool(parameters)])
        #expect(Set(rules(findings)) == ["type-unknown", "ref-unresolved", "pattern-invalid", "bounds-contradict", "schema-shape"])
        #expect(findings.first { $0.rule == "type-unknown" }?.message.contains(#"did you mean "string""#) == true)
        #expect(findings.count == 5)
        #expect(findings.allSatisfy { $0.severity == .error })
    }

    // MARK: descriptions

    @Test func missingToolDescriptionIsAWarning() throws {
        let findings = ToolLinter.lint([ToolDefinition(name: "x", description: nil, parameters: try parse(cleanStrictParameters))])
        #expect(rules(findings) == ["tool-description"])
        #expect(findings[0].severity == .warning)
        #expect(findings[0].path == "/0/function")
    }

    @Test(arguments: ["Weather", "Gets it", "Does stuff with the weather", "Handles THINGS for the city", "get_weather",
                      "Returns something about weather", "Weather lookup, misc options"])
    func vagueToolDescriptions(text: String) throws {
        let t = ToolDefinition(name: "get_weather", description: text, parameters: try parse(cleanStrictParameters))
        let findings = ToolLinter.lint([t])
        #expect(rules(findings) == ["tool-description"], "\(text)")
        #expect(findings.first?.path == "/0/function/description")
    }

    @Test(arguments: ["Get the current weather for a city.", "Do not call this for historical data; it returns today's forecast.",
                      "Queries the Thingsboard device registry by id.", "Lists stuffed animals in the toy catalogue."])
    func acceptableToolDescriptions(text: String) throws {
        let t = ToolDefinition(name: "get_weather", description: text, parameters: try parse(cleanStrictParameters))
        #expect(ToolLinter.lint([t]).isEmpty, "\(text)")
    }

    @Test func parameterDescriptions() throws {
        let parameters = #"""
        {"type":"object","properties":{
          "city":{"type":"string"},
          "unit":{"type":"string","description":"Unit"},
          "extra":{"type":"string","description":"Some stuff for later"},
          "place":{"type":"object","properties":{"lat":{"type":"number"},"lon":{"type":"number","description":"the thing"}}}}}
        """#
        let findings = ToolLinter.lint([try tool(parameters)])
        #expect(findings.map(\.path) == [
            "/0/function/parameters/properties/city",
            "/0/function/parameters/properties/extra/description",
            "/0/function/parameters/properties/place",
            "/0/function/parameters/properties/place/properties/lon/description",
            "/0/function/parameters/properties/unit/description",
        ])
        #expect(findings.allSatisfy { $0.rule == "parameter-description" && $0.severity == .warning })
        #expect(findings[1].message.contains(#"vague word "stuff""#))
    }

    @Test func unknownFunctionKeyIsAWarning() throws {
        let findings = try lint(#"{"type":"function","function":{"name":"f","description":"Fetch the latest report.","parameter":{}}}"#)
        #expect(rules(findings) == ["function-unknown-key"])
        #expect(findings[0].path == "/function/parameter")
        #expect(findings[0].message.contains(#"did you mean "parameters""#))
    }

    // MARK: strict mode

    @Test func strictObjectsNeedAdditionalPropertiesFalseAndEveryPropertyRequired() throws {
        let parameters = #"""
        {"type":"object","properties":{
          "city":{"type":"string","description":"City name"},
          "when":{"type":"object","description":"Forecast window","properties":{"days":{"type":"integer","description":"Days ahead"}},
                  "required":["days"],"additionalProperties":true}},
         "required":["city"]}
        """#
        let findings = ToolLinter.lint([try tool(parameters, strict: true)])
        #expect(findings.map(\.path) == [
            "/0/function/parameters",
            "/0/function/parameters/properties/when",
            "/0/function/parameters/properties/when/additionalProperties",
        ])
        #expect(rules(findings) == ["strict-additional-properties", "strict-required", "strict-additional-properties"])
        #expect(findings.allSatisfy { $0.severity == .error })
        // The same schema without strict has nothing to complain about.
        #expect(ToolLinter.lint([try tool(parameters)]).isEmpty)
    }

    @Test func strictRootMustNotBeAnyOf() throws {
        let findings = ToolLinter.lint([try tool(#"{"anyOf":[{"type":"object"},{"type":"string"}]}"#, strict: true)])
        #expect(findings.contains { $0.rule == "strict-root-anyof" && $0.path == "/0/function/parameters/anyOf" })
    }

    @Test(arguments: ["allOf", "not", "if", "then", "else", "dependentRequired", "dependentSchemas", "oneOf", "patternProperties", "minLength", "uniqueItems"])
    func strictUnsupportedKeywords(keyword: String) throws {
        let value = ["dependentRequired", "dependentSchemas", "patternProperties"].contains(keyword) ? "{}"
            : ["minLength"].contains(keyword) ? "1" : keyword == "uniqueItems" ? "true"
            : ["allOf", "oneOf"].contains(keyword) ? #"[{"type":"string"}]"# : #"{"type":"string"}"#
        let parameters = #"{"type":"object","properties":{"v":{"type":"string","description":"A value","\#(keyword)":\#(value)}},"required":["v"],"additionalProperties":false}"#
        let strict = ToolLinter.lint([try tool(parameters, strict: true)])
        #expect(strict.contains { $0.rule == "strict-unsupported-keyword" && $0.path == "/0/function/parameters/properties/v/\(keyword)" }, "\(strict)")
        #expect(!ToolLinter.lint([try tool(parameters)]).contains { $0.rule.hasPrefix("strict") })
    }

    @Test func strictSupportedFormatsOnly() throws {
        func findings(_ format: String) throws -> [LintFinding] {
            ToolLinter.lint([try tool(#"{"type":"object","properties":{"v":{"type":"string","format":"\#(format)","description":"A value"}},"required":["v"],"additionalProperties":false}"#, strict: true)])
        }
        #expect(try findings("date-time").isEmpty)
        #expect(try findings("duration").isEmpty)
        // OpenAI rejects it (error), and toolscope would not check it either (warning).
        #expect(try rules(findings("uri")) == ["strict-unsupported-keyword", "not-enforced"])
    }

    @Test func strictLimitOnEnumValues() throws {
        let values = (0..<1_001).map { "\"v\($0)\"" }.joined(separator: ",")
        let parameters = #"{"type":"object","properties":{"v":{"type":"string","enum":[\#(values)],"description":"A value"}},"required":["v"],"additionalProperties":false}"#
        let findings = ToolLinter.lint([try tool(parameters, strict: true)])
        #expect(findings.contains { $0.rule == "strict-limit" && $0.message.contains("1001 enum values") })
        #expect(ToolLinter.lint([try tool(parameters)]).isEmpty)
    }

    @Test func strictLimitOnLargeStringEnum() throws {
        let values = (0..<251).map { "\"\(String(repeating: "x", count: 60))\($0)\"" }.joined(separator: ",")
        let parameters = #"{"type":"object","properties":{"v":{"type":"string","enum":[\#(values)],"description":"A value"}},"required":["v"],"additionalProperties":false}"#
        let findings = ToolLinter.lint([try tool(parameters, strict: true)])
        #expect(findings.map(\.path) == ["/0/function/parameters/properties/v/enum"])
        #expect(findings.first?.message.contains("at most 15000 characters") == true)
        let small = (0..<251).map { "\"v\($0)\"" }.joined(separator: ",")
        let fine = #"{"type":"object","properties":{"v":{"type":"string","enum":[\#(small)],"description":"A value"}},"required":["v"],"additionalProperties":false}"#
        #expect(ToolLinter.lint([try tool(fine, strict: true)]).isEmpty)
    }

    @Test func strictLimitOnNesting() throws {
        func nested(_ levels: Int) -> String {
            var schema = #"{"type":"string","description":"Leaf value"}"#
            for _ in 0..<levels - 1 {
                schema = #"{"type":"object","description":"One level","properties":{"n":\#(schema)},"required":["n"],"additionalProperties":false}"#
            }
            return #"{"type":"object","properties":{"n":\#(schema)},"required":["n"],"additionalProperties":false}"#
        }
        #expect(ToolLinter.lint([try tool(nested(10), strict: true)]).isEmpty)
        let deep = ToolLinter.lint([try tool(nested(11), strict: true)])
        #expect(rules(deep) == ["strict-limit"])
        #expect(deep[0].message.contains("11 levels"))
    }

    @Test func strictLimitsOnPropertiesAndCharacters() throws {
        var properties = JSONObject()
        for i in 0..<5_001 { properties["p\(i)"] = ["type": "boolean", "description": "A flag value"] }
        let parameters: JSONValue = ["type": "object", "properties": .object(properties),
                                     "required": .array(properties.keys.map { .string($0) }), "additionalProperties": false]
        let t = ToolDefinition(name: "big", description: "A tool with very many flags.", parameters: parameters, strict: true)
        let messages = ToolLinter.lint([t]).filter { $0.rule == "strict-limit" }.map(\.message)
        #expect(messages.count == 1)
        #expect(messages.first?.contains("5001 properties") == true)
        var longEnum: [JSONValue] = []
        for i in 0..<500 { longEnum.append(.string(String(repeating: "y", count: 250) + "\(i)")) }
        let wide: JSONValue = ["type": "object", "properties": ["v": ["type": "string", "enum": .array(longEnum), "description": "Long codes"]],
                               "required": ["v"], "additionalProperties": false]
        let findings = ToolLinter.lint([ToolDefinition(name: "wide", description: "A tool with long enum codes.", parameters: wide, strict: true)])
        #expect(findings.contains { $0.message.contains("characters; strict mode allows at most 120000") })
    }

    @Test func strictValueMustBeBoolean() throws {
        let findings = try lint(#"{"name":"f","description":"Fetch the latest report.","strict":"yes"}"#)
        #expect(rules(findings) == ["strict-shape"])
        #expect(findings[0].path == "/strict")
    }

    // MARK: document detection

    @Test func detectsToolsArray() throws {
        let findings = try lint(#"[{"type":"function","function":{"name":"ok_tool","description":"Return the status of the service."}},{"type":"function","function":{"name":"bad name"}}]"#)
        #expect(findings.map(\.path) == ["/1/function", "/1/function/name"])
        #expect(findings.map(\.severity) == [.warning, .error])
    }

    @Test func detectsSingleFullTool() throws {
        let findings = try lint(#"{"type":"function","function":{"name":"f","description":"Fetch the latest report.","parameters":{"type":"string"}}}"#)
        #expect(findings.map(\.path) == ["/function/parameters"])
    }

    @Test func detectsBareFunctionObject() throws {
        let findings = try lint(#"{"name":"f","parameters":{"type":"object","properties":{"tags":{"type":"array"}}}}"#)
        #expect(findings.map(\.path) == ["", "/parameters/properties/tags", "/parameters/properties/tags"])
        #expect(findings.map(\.rule) == ["tool-description", "array-items", "parameter-description"])
    }

    @Test func detectsSessionAndIgnoresBindings() throws {
        let session = #"""
        {"format":"toolscope.session/1","messages":[],
         "tools":[{"type":"function","function":{"name":"get_weather","description":"Get the weather for a city today."},"binding":{"kind":"builtin","name":"weather"}},
                  {"type":"function","function":{"name":"get_weather","description":"Get the weather for a city today."},"binding":{"kind":"manual"},"enabled":false}]}
        """#
        let findings = try lint(session)
        #expect(findings.map(\.description) == [
            #"/tools/1/function/name: error: duplicate tool name "get_weather" (first defined at /tools/0/function/name); tool names must be unique"#,
        ])
        #expect(try lint(#"{"format":"toolscope.session/1"}"#).isEmpty)
        #expect(try rules(lint(#"{"format":"toolscope.session/9","tools":[]}"#)) == ["document-shape"])
        #expect(try lint(#"{"format":"toolscope.session/1","tools":{}}"#).map(\.path) == ["/tools"])
    }

    @Test(arguments: [#""tools""#, "42", #"{"model":"gpt-4o"}"#, "null"])
    func unrecognisedDocumentExplainsTheAcceptedShapes(text: String) throws {
        let findings = try lint(text)
        #expect(findings.count == 1)
        #expect(findings[0].path == "")
        #expect(findings[0].severity == .error)
        #expect(findings[0].message.contains("tools array"))
        #expect(findings[0].message.contains("single tool"))
        #expect(findings[0].message.contains("toolscope.session/1"))
    }

    @Test func toolShapeProblems() throws {
        #expect(try rules(lint(#"[42]"#)) == ["tool-shape"])
        #expect(try lint(#"[{"type":"tool","function":{}}]"#).map(\.path) == ["/0/type"])
        let misplaced = try lint(#"[{"type":"function","name":"f"}]"#)
        #expect(misplaced.first?.message.contains("belong inside \"function\"") == true)
        #expect(try lint(#"[{"type":"custom","custom":{"name":"free_text"}}]"#).isEmpty)
    }

    // MARK: ordering and text

    @Test func findingsAreSortedByPathThenSeverity() throws {
        let good = try tool(cleanStrictParameters)
        var tools = (0..<12).map { good.renamed("t\($0)") }
        tools[10] = ToolDefinition(name: "bad name", description: nil, parameters: nil)
        tools[2] = ToolDefinition(name: "t2", description: "stuff", parameters: try parse(#"{"type":"object","required":["x"]}"#))
        let findings = ToolLinter.lint(tools)
        #expect(findings.map(\.path) == [
            "/2/function/description", "/2/function/parameters/required/0", "/10/function", "/10/function/name",
        ])
        #expect(findings == LintFinding.sorted(findings.reversed()))
        let samePath = LintFinding.sorted([
            LintFinding(path: "/a", severity: .warning, message: "w"), LintFinding(path: "/a", severity: .error, message: "e"),
        ])
        #expect(samePath.map(\.severity) == [.error, .warning])
        #expect(LintFinding.Severity.warning < .error)
    }

    @Test func descriptionFormat() {
        #expect(LintFinding(path: "/0/function/name", severity: .error, message: "bad").description == "/0/function/name: error: bad")
        #expect(LintFinding(path: "", severity: .warning, message: "hm").description == "warning: hm")
    }
}

/// Lint rules that must see a whole schema family (subschemas applied in place) and the
/// keywords the validator cannot enforce.
@Suite struct ToolLinterVocabularyTests {
    private func findings(_ parameters: String) throws -> [LintFinding] {
        ToolLinter.lint([try tool(parameters)])
    }

    @Test func requiredInsideDependentSchemasNamesTheParentsProperties() throws {
        let parameters = #"""
        {"type":"object","properties":{"card":{"type":"string","description":"Card number to charge"},
                                       "billing":{"type":"string","description":"Billing address line"}},
         "dependentSchemas":{"card":{"required":["billing"]}}}
        """#
        #expect(try findings(parameters).isEmpty)
        let typo = parameters.replacingOccurrences(of: #"["billing"]"#, with: #"["biling"]"#)
        let found = try findings(typo)
        #expect(rules(found) == ["required-unknown"])
        #expect(found[0].path == "/0/function/parameters/dependentSchemas/card/required/0")
        #expect(found[0].message.contains(#"did you mean "billing"?"#))
    }

    @Test func requiredSeesPropertiesDeclaredInAllOfAnyOfIfAndRef() throws {
        let parameters = ##"""
        {"type":"object","allOf":[{"$ref":"#/$defs/named"}],
         "anyOf":[{"required":["city"]},{"required":["zip"]}],
         "if":{"required":["zip"]},"then":{"properties":{"country":{"type":"string"}},"required":["country"]},
         "properties":{"city":{"type":"string","description":"City name, e.g. Paris"},"zip":{"type":"string","description":"Postal code of the place"}},
         "required":["name"],
         "$defs":{"named":{"properties":{"name":{"type":"string","description":"Display name of the place"}}}}}
        """##
        #expect(try findings(parameters).isEmpty)
    }

    @Test func arrayItemsMayComeFromAnAllOf() throws {
        let parameters = #"""
        {"type":"object","properties":{"tags":{"type":"array","description":"Tags to filter by","allOf":[{"items":{"type":"string"}}]}}}
        """#
        #expect(try findings(parameters).isEmpty)
    }

    @Test func unenforcedKeywordsAreWarnings() throws {
        let parameters = ##"""
        {"type":"object","properties":{
          "site":{"type":"string","format":"uri","description":"Web site to fetch"},
          "addr":{"$ref":"https://example.com/address.json","description":"Postal address"},
          "id":{"$ref":"#ident","description":"Record identifier"}},
         "$defs":{"i":{"$anchor":"ident","type":"string"}}}
        """##
        let found = try findings(parameters)
        #expect(found.map(\.path) == ["/0/function/parameters/properties/addr/$ref", "/0/function/parameters/properties/site/format"])
        #expect(found.allSatisfy { $0.rule == "not-enforced" && $0.severity == .warning })
        #expect(found[1].message.hasSuffix("arguments that break it reach the tool"))
        // A local reference to nothing is still an error.
        #expect(rules(try findings(##"{"type":"object","properties":{"a":{"$ref":"#nowhere","description":"Identifier of the record"}}}"##)) == ["ref-unresolved"])
    }
}

/// Issue 12: the strict-required hint said `["string", "null"]` for every field, an integer
/// field included. It now follows the field's own type, and says how for a `$ref` or no type.
@Suite("Strict-mode optional hint")
struct StrictOptionalHintTests {
    private func message(for property: String) throws -> String {
        let parameters = #"{"type":"object","properties":{"p":"# + property + #"},"required":[],"additionalProperties":false}"#
        let findings = ToolLinter.lint([try tool(parameters, strict: true)])
        let found = findings.filter { $0.rule == "strict-required" }
        #expect(found.count == 1)
        return found.first?.message ?? ""
    }

    @Test func anIntegerFieldIsToldToAllowIntegerOrNull() throws {
        let text = try message(for: #"{"type":"integer","description":"n"}"#)
        #expect(text.contains(#""type": ["integer", "null"]"#))
        #expect(!text.contains("\"string\""))
    }

    @Test func aUnionKeepsItsTypesAndAddsNull() throws {
        let text = try message(for: #"{"type":["integer","boolean"],"description":"n"}"#)
        #expect(text.contains(#""type": ["integer", "boolean", "null"]"#))
    }

    @Test func aRefIsWrappedInAnyOf() throws {
        let text = try message(for: ##"{"$ref":"#/$defs/Point"}"##)
        #expect(text.contains(##""anyOf": [{"$ref": "#/$defs/Point"}, {"type": "null"}]"##))
        #expect(!text.contains(#""type": ["#))
    }

    @Test func aFieldWithoutATypeIsToldHow() throws {
        let text = try message(for: #"{"description":"anything"}"#)
        #expect(text.contains("give it a \"type\" that includes \"null\""))
        #expect(!text.contains(#"["string", "null"]"#))
    }

    @Test func aNullableFieldOnlyNeedsListing() throws {
        let text = try message(for: #"{"type":["string","null"],"description":"s"}"#)
        #expect(text.contains("already allows null"))
    }
}
