import Foundation
import Testing
import ToolscopeDemo
import ToolscopeEngine
@testable import ToolscopeEval

/// `Experiment`, the orchestration the CLI and the workbench share, and appending a case made
/// from a session turn to a suite file.
@Suite("Experiment")
struct ExperimentTests {
    static let root = RunDemoSuiteTests.root

    static func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "experiment-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func runsTheDemoSuiteThroughTheFactoryAndReportsEveryRun() throws {
        let suitePath = Self.root + "/suites/demo.json"
        let variants = try Experiment.variants(forSuite: suitePath)
        #expect(variants.map(\.name) == ["vague", "precise"])
        let plan = ExperimentPlan(suite: try SuiteLoader.load(path: suitePath), variants: variants, repeats: 1, baseSettings: SessionSettings())
        let asked = Locked<[String]>([])
        let experiment = try Experiment(suitePath: suitePath, plan: plan, store: try ExperimentStore(), concurrency: 3,
                                        makeProvider: { _, variant in
                                            asked.withLock { $0.append(variant.name) }
                                            return (ScriptProvider.demo(delay: 0), "scripted (demo): \(Experiment.scriptedLabel)")
                                        }, external: nil, trusted: false)
        #expect(asked.current == ["vague", "precise"])
        #expect(experiment.modelLabel.contains("not a language model"))
        let seen = Locked<[String]>([])
        let counts = try experiment.run(fresh: false, cancellation: CancellationToken()) { run, _ in
            seen.withLock { $0.append("\(run.caseID)/\(run.variant)") }
        }
        #expect(counts.done == 18 && counts.passed == 12 && counts.failed == 6)
        #expect(seen.current.count == 18)
        #expect(try experiment.store.experiment(experiment.id)?.state == .finished)

        let records = try Experiment.records(try experiment.store.runs(of: experiment.id), scoring: experiment.scoring, order: ["precise", "vague"])
        #expect(records.first?.variant == "precise" && records.first?.caseID == "tokyo-in-F")
        #expect(records.filter { $0.variant == "vague" }.filter(\.passed).count == 3)
    }

    @Test func onlyTheNamedCasesRunAndIdenticalRunsAreReused() throws {
        let suitePath = Self.root + "/suites/demo.json"
        let plan = ExperimentPlan(suite: try SuiteLoader.load(path: suitePath), variants: try Experiment.variants(forSuite: suitePath),
                                  repeats: 2, baseSettings: SessionSettings())
        let store = try ExperimentStore()
        let factory: Experiment.ProviderFactory = { _, _ in (ScriptProvider.demo(delay: 0), "scripted") }
        let first = try Experiment(suitePath: suitePath, plan: plan, store: store, concurrency: 2, makeProvider: factory, external: nil, trusted: false)
        let one = try first.run(only: ["rome-in-F"], fresh: false, cancellation: CancellationToken()) { _, _ in }
        #expect(one.total == 4 && one.done == 4 && one.reused == 0)
        let second = try Experiment(suitePath: suitePath, plan: plan, store: store, concurrency: 2, makeProvider: factory, external: nil, trusted: false)
        let again = try second.run(only: ["rome-in-F"], fresh: false, cancellation: CancellationToken()) { _, _ in }
        #expect(again.reused == 4)
        #expect(second.id != first.id)
    }

    @Test func aFactoryErrorIsThrownBeforeAnythingIsRecorded() throws {
        struct NoServer: Error {}
        let suitePath = Self.root + "/suites/demo.json"
        let plan = ExperimentPlan(suite: try SuiteLoader.load(path: suitePath), variants: try Experiment.variants(forSuite: suitePath),
                                  repeats: 1, baseSettings: SessionSettings())
        let store = try ExperimentStore()
        #expect(throws: NoServer.self) {
            _ = try Experiment(suitePath: suitePath, plan: plan, store: store, concurrency: 1, makeProvider: { _, _ in throw NoServer() },
                               external: nil, trusted: false)
        }
        #expect(try store.experiments().isEmpty)
    }

    @Test func defaultDatabaseSitsBesideTheSuite() {
        #expect(Experiment.defaultDatabase(forSuite: "/data/suites/demo.json") == "/data/suites/demo.toolscope.sqlite")
        #expect(Experiment.defaultDatabase(forSuite: "suites/demo.json") == "suites/demo.toolscope.sqlite")
    }

    @Test func aCaseFromATurnIsAppendedToANewOrExistingSuite() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var session = Session(title: "Weather check", tools: [SessionTool(definition: BuiltinTools.definition(named: "get_weather")!, binding: .builtin("get_weather"))])
        session.messages = [.user("Weather in Oslo?"),
                            .assistant(nil, toolCalls: [ToolCall(id: "c1", name: "get_weather", arguments: #"{"city":"Oslo"}"#)]),
                            .tool(callID: "c1", content: "{}"), .assistant("Cold.")]
        let made = try SessionCase.make(from: session)

        let path = dir + "/new/regressions.json"
        let first = try SessionCase.append(made, toSuite: path)
        #expect(first.id == "weather-check-turn-1" && first.count == 1)
        let second = try SessionCase.append(made, toSuite: path)
        #expect(second.id == "weather-check-turn-1-2" && second.count == 2)
        let suite = try SuiteLoader.load(path: path)
        #expect(suite.cases.map(\.id) == ["weather-check-turn-1", "weather-check-turn-1-2"])

        let lines = dir + "/big.jsonl"
        #expect(try SessionCase.append(made, toSuite: lines).count == 1)
        #expect(try SessionCase.append(made, toSuite: lines).count == 2)
    }

    @Test func aFileThatIsNotASuiteIsLeftAsItIs() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/notes.json"
        let text = #"{"notes": ["keep me"]}"# + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let made: JSONValue = ["id": "x", "prompt": "hi", "expect": ["no_call": true]]
        #expect { _ = try SessionCase.append(made, toSuite: path) } throws: { error in
            "\(error)".contains(path) && "\(error)".contains("nothing was appended")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }
}
