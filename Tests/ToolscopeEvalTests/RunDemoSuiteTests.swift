import Foundation
import Testing
import ToolscopeDemo
import ToolscopeEngine
@testable import ToolscopeEval

/// The shipped offline suite (suites/demo.json with its two variants) on the scripted demo
/// model: the vague unit description is misread, the precise one is not.
@Suite("Demo suite")
struct RunDemoSuiteTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    @Test func thePreciseDescriptionFixesTheUnitCasesAndTheDifferenceIsSignificant() throws {
        let suitePath = Self.root + "/suites/demo.json"
        let suite = try SuiteLoader.load(path: suitePath)
        let variants = try VariantLoader.load(file: VariantLoader.sidecarPath(forSuite: suitePath))
        #expect(variants.map(\.name) == ["vague", "precise"])
        let plan = ExperimentPlan(suite: suite, variants: variants, repeats: 2, baseSettings: SessionSettings())
        let store = try ExperimentStore()
        let experiment = try store.beginExperiment(suite: suitePath, repeats: 2, model: "scripted", variants: variants.map { ($0.name, $0.spec) })
        let scoring = ExperimentScoring(suite: suite)
        let execution = RunExecutor(provider: ScriptProvider.demo(delay: 0), external: nil, context: SessionContext(baseDirectory: "."), trusted: true)
        let progress = try ExperimentRunner(store: store, experimentID: experiment, concurrency: 4, execution: { _ in execution },
                                            score: { scoring.runVerdict(caseID: $0.caseID, $1) })
            .run(plan.runs, fresh: false, cancellation: CancellationToken())
        #expect(progress.errored == 0 && progress.done == 36)

        let records = try store.runs(of: experiment).compactMap { try scoring.record($0) }
        let summary = ResultSummary(runs: records)
        let rates = Dictionary(uniqueKeysWithValues: summary.variants.map { ($0.variant, $0.passes) })
        #expect(rates == ["vague": 6, "precise": 18])
        let comparison = summary.compare(baseline: "vague", candidate: "precise")
        #expect(Set(comparison.nowPassing) == ["tokyo-in-F", "paris-in-C", "madrid-forecast-in-F", "new-york-in-F", "berlin-in-C", "rome-in-F"])
        #expect(comparison.nowFailing.isEmpty)
        // Exact McNemar with 6 discordant pairs all one way: 2 × 0.5^6 = 0.03125.
        #expect(abs(comparison.pValue - 0.03125) < 1e-9)

        // The vague variant failed for the reason the demo is about: "F" where "fahrenheit" was expected.
        let tokyo = try #require(try store.runs(of: experiment).first { $0.caseID == "tokyo-in-F" && $0.variant == "vague" })
        let verdict = scoring.verdict(caseID: "tokyo-in-F", try RunTranscript(stored: tokyo))
        #expect(verdict.explanation.contains("/unit: expected \"fahrenheit\", got \"F\""))
    }

    @Test func variantsReadFromSpecsFilesAndInlineJSON() throws {
        let precise = Self.root + "/suites/demo-tools-precise.json"
        let fromFile = try VariantLoader.load(argument: precise)
        #expect(fromFile.map(\.name) == ["demo-tools-precise"])
        #expect(fromFile.first?.tools?.map(\.name) == ["get_weather"])
        let spec = try VariantLoader.load(argument: "name=hot,tools=\(precise),temperature=0.7,parallel_tool_calls=false,strict=true,tool_choice=required")
        let hot = try #require(spec.first)
        #expect(hot.name == "hot" && hot.temperature == 0.7 && hot.parallelToolCalls == false && hot.strict == true && hot.toolChoice == .required)
        var settings = SessionSettings()
        hot.apply(to: &settings)
        #expect(settings.temperature == 0.7 && settings.toolChoice == .required)
        #expect(hot.adjust(try #require(hot.tools?.first)).isStrict)
        let inline = try VariantLoader.load(argument: #"{"name": "big", "model": "gpt-4o", "system": "Be brief, precise."}"#)
        #expect(inline.first?.model == "gpt-4o" && inline.first?.system == "Be brief, precise.")
    }

    @Test("api is a variant dimension: inline and JSON forms, applied through the wire switch, part of the inputs hash")
    func variantAPI() throws {
        let inline = try #require(try VariantLoader.load(argument: "name=resp,api=responses").first)
        #expect(inline.name == "resp" && inline.api == .responses)
        let json = try #require(try VariantLoader.load(argument: #"{"name": "claude", "api": "anthropic", "base_url": "http://127.0.0.1:9/anthropic"}"#).first)
        #expect(json.api == .anthropic && json.baseURL == "http://127.0.0.1:9/anthropic")
        #expect(json.spec["api"] == "anthropic")

        var settings = SessionSettings()
        json.apply(to: &settings)
        #expect(settings.provider.api == .anthropic)
        // The default key variable follows the wire; one the user named stays.
        #expect(settings.provider.apiKeyEnv == "ANTHROPIC_API_KEY")
        var named = SessionSettings()
        named.provider.apiKeyEnv = "MY_GATEWAY_KEY"
        json.apply(to: &named)
        #expect(named.provider.apiKeyEnv == "MY_GATEWAY_KEY" && named.provider.api == .anthropic)
        // Without api the command line's wire stays.
        var fromCommandLine = SessionSettings()
        fromCommandLine.provider.switchWire(to: .responses)
        Variant(name: "plain", model: "m").apply(to: &fromCommandLine)
        #expect(fromCommandLine.provider.api == .responses)

        // The same case on two wires is two different runs, never one reused for the other.
        let suite = try SuiteLoader.parse(#"{"format": "toolscope.suite/1", "cases": [{"id": "a", "prompt": "hi", "expect": {"no_call": true}}]}"#,
                                          file: "s.json", jsonLines: false)
        let plan = ExperimentPlan(suite: suite, variants: [Variant(name: "chat", api: .chat), Variant(name: "responses", api: .responses)],
                                  repeats: 1, baseSettings: SessionSettings())
        let hashes = plan.runs.map(\.inputs.hash)
        #expect(hashes.count == 2 && hashes[0] != hashes[1])
    }

    @Test("an unknown api is refused with the wires it could be, at its line and column")
    func variantAPIMistakes() throws {
        #expect { _ = try VariantLoader.load(argument: "name=a,api=grpc") } throws: { error in
            "\(error)".contains("unknown api \"grpc\"") && "\(error)".contains("chat, responses, anthropic")
        }
        let dir = NSTemporaryDirectory() + "variants-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/v.json"
        try "{\"variants\": [\n  {\"name\": \"a\", \"api\": \"chat\"},\n  {\"name\": \"b\", \"api\": 3}\n]}\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect { _ = try VariantLoader.load(file: file) } throws: { error in
            "\(error)".hasPrefix(file + ":3:24") && "\(error)".contains("api")
        }
    }

    @Test func variantMistakesNameTheFileLineAndColumn() throws {
        let dir = NSTemporaryDirectory() + "variants-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/v.json"
        try "{\n  \"name\": \"a\",\n  \"temperature\": \"hot\"\n}\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect { _ = try VariantLoader.load(file: file) } throws: { error in
            "\(error)".hasPrefix(file + ":3:18") && "\(error)".contains("temperature")
        }
        try "{\n  \"name\": \"a\",\n  \"tools\": \"missing.json\"\n}\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect { _ = try VariantLoader.load(file: file) } throws: { error in
            "\(error)".hasPrefix(file + ":3:12") && "\(error)".contains("no such tools file")
        }
        #expect { _ = try VariantLoader.load(argument: "name=a,colour=red") } throws: { error in
            "\(error)".contains("colour=red")
        }
    }

    @Test func aVariantSystemPromptReplacesTheCasesAndMocksBindTools() throws {
        let suite = try SuiteLoader.parse("""
            {"format": "toolscope.suite/1", "tools": [{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object"}}}],
             "defaults": {"system": "old"},
             "cases": [{"id": "a", "prompt": "hi", "mocks": {"lookup": {"found": 1}}, "expect": {"no_call": true}},
                       {"id": "b", "prompt": "hey", "expect": {"no_call": true}}]}
            """, file: "s.json", jsonLines: false)
        let plan = ExperimentPlan(suite: suite, variants: [Variant(name: "v", system: "new")], repeats: 1, baseSettings: SessionSettings())
        let runs = plan.runs
        #expect(runs.map(\.inputs.history) == [[.system("new")], [.system("new")]])
        #expect(runs[0].inputs.tools.first?.binding == .mock(["found": 1]))
        // No mock, no binding of its own, no built-in of that name: an error result that says what to do.
        guard case .mock(let result)? = runs[1].inputs.tools.first?.binding else { Issue.record("expected a mock binding"); return }
        #expect(result["error"]?.stringValue?.contains("give the case a mocked result") == true)
    }
}
