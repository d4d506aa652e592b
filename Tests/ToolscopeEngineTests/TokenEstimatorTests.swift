import Testing
@testable import ToolscopeEngine

private func parse(_ text: String) throws -> JSONValue { try JSONValue(parsing: text) }

private func function(_ text: String) throws -> ToolDefinition {
    ToolDefinition(raw: ToolDefinition.normalized(try parse(text)))
}

/// Requests whose real `prompt_tokens` were measured against gpt-3.5-turbo and published
/// in the test data of hmarr/openai-chat-tokens. Each pairs one function with the tokens it
/// added: the request's prompt_tokens minus 8, the measured cost of the same request's
/// single user message "hello" without functions.
private let references: [(function: String, tokens: Int)] = [
    (#"{"name":"foo","parameters":{"type":"object","properties":{}}}"#, 31 - 8),
    (#"{"name":"foo","description":"Do a foo","parameters":{"type":"object","properties":{}}}"#, 36 - 8),
    (#"{"name":"bing_bong","description":"Do a bing bong","parameters":{"type":"object","properties":{"foo":{"type":"string"}}}}"#, 49 - 8),
    (#"{"name":"bing_bong","description":"Do a bing bong","parameters":{"type":"object","properties":{"foo":{"type":"string"},"bar":{"type":"number","description":"A number"}}}}"#, 57 - 8),
    (#"{"name":"bing_bong","description":"Do a bing bong","parameters":{"type":"object","properties":{"foo":{"type":"object","properties":{"bar":{"type":"string","enum":["a","b","c"]},"baz":{"type":"boolean"}}}}}}"#, 68 - 8),
    (#"""
    {"name":"get_recipe","parameters":{"type":"object","required":["ingredients","instructions","time_to_cook"],"properties":{
     "ingredients":{"type":"array","items":{"type":"object","required":["name","unit","amount"],"properties":{
       "name":{"type":"string"},"unit":{"enum":["grams","ml","cups","pieces","teaspoons"],"type":"string"},"amount":{"type":"number"}}}},
     "instructions":{"type":"array","items":{"type":"string"},"description":"Steps to prepare the recipe (no numbering)"},
     "time_to_cook":{"type":"number","description":"Total time to prepare the recipe in minutes"}}}}
    """#, 106 - 8),
]

@Suite struct TokenEstimatorTests {
    @Test(arguments: references.indices)
    func closeToMeasuredReferenceRequests(index: Int) throws {
        let reference = references[index]
        let estimate = TokenEstimator.estimate([try function(reference.function)])
        let error = Double(estimate - reference.tokens) / Double(reference.tokens)
        #expect(abs(error) <= 0.15, "estimated \(estimate), measured \(reference.tokens)")
    }

    @Test func rendersTheTypeScriptLikeForm() throws {
        let tool = try function(#"""
        {"name":"get_weather","description":"Get the weather","parameters":{"type":"object","required":["city"],"properties":{
          "city":{"type":"string","description":"City name"},
          "unit":{"type":"string","enum":["c","f"],"default":"c"},
          "days":{"type":["integer","null"]},
          "tags":{"type":"array","items":{"type":"string"}},
          "at":{"type":"object","properties":{"lat":{"type":"number"}}}}}}
        """#)
        #expect(FunctionSignatureRenderer.render(tool) == """
            // Get the weather
            type get_weather = (_: {
            // City name
            city: string,
            // default: "c"
            unit?: "c" | "f",
            days?: number | null,
            tags?: string[],
            at?: {
            lat?: number,
            },
            }) => any;


            """)
    }

    @Test func moreSchemaCostsMoreTokens() throws {
        let small = try function(#"{"name":"f","parameters":{"type":"object","properties":{"a":{"type":"string"}}}}"#)
        let wider = try function(#"{"name":"f","parameters":{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"number"}}}}"#)
        let described = try function(#"{"name":"f","description":"Find the nearest open pharmacy to a postal address","parameters":{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"number"}}}}"#)
        let a = TokenEstimator.estimate(small), b = TokenEstimator.estimate(wider), c = TokenEstimator.estimate(described)
        #expect(a > 0)
        #expect(a < b)
        #expect(b < c)
    }

    @Test func aRequestPaysTheWrapperOnce() throws {
        let one = try function(references[2].function)
        let two = try function(references[5].function)
        #expect(TokenEstimator.estimate([]) == 0)
        #expect(TokenEstimator.estimate([one]) == TokenEstimator.requestOverhead + TokenEstimator.estimate(one))
        #expect(TokenEstimator.estimate([one, two]) == TokenEstimator.requestOverhead + TokenEstimator.estimate(one) + TokenEstimator.estimate(two))
    }

    @Test func recursiveSchemasStayFinite() throws {
        let tree = try function(#"""
        {"name":"save_tree","parameters":{"type":"object","properties":{"root":{"$ref":"#/$defs/node"}},
         "$defs":{"node":{"type":"object","properties":{"children":{"type":"array","items":{"$ref":"#/$defs/node"}}}}}}}
        """#)
        let estimate = TokenEstimator.estimate(tree)
        #expect(estimate > 10)
        #expect(estimate < 200)
    }

    @Test func heuristicCountsWordPiecesNotCharacters() {
        #expect(TokenHeuristic.count("") == 0)
        #expect(TokenHeuristic.count("hello") == 1)
        #expect(TokenHeuristic.count("hello world") == 2)
        #expect(TokenHeuristic.count("getWeather") == 2)
        #expect(TokenHeuristic.count("get_weather") == 2)
        #expect(TokenHeuristic.count("2024") == 2)
        #expect(TokenHeuristic.count("}) => any;") == 4)  // "})", " =>", " any", ";"
        #expect(TokenHeuristic.count("天气") == 2)
        // Long text grows roughly linearly: about one token per word of English.
        let sentence = "Return the current weather conditions for the requested city and unit. "
        let many = String(repeating: sentence, count: 20)
        #expect(TokenHeuristic.count(many) >= 20 * 11)
        #expect(TokenHeuristic.count(many) <= 20 * 14)
    }

    @Test func customToolsAreCountedAsText() throws {
        let custom = ToolDefinition(raw: try parse(#"{"type":"custom","custom":{"name":"sql","description":"Run one read-only SQL query"}}"#))
        #expect(TokenEstimator.estimate(custom) > 5)
    }
}
