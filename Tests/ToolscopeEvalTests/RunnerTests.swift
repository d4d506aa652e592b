import Foundation
import Testing
import ToolscopeEngine
@testable import ToolscopeEval

/// A model that calls `lookup` once with the prompt as its argument, then answers "answer: PROMPT".
/// Prompts starting with "boom" fail as a provider failure would (after the provider's retries);
/// every request sleeps `delay`, and the highest number of requests in flight at once is kept.
final class CountingProvider: ChatProvider, @unchecked Sendable {
    let delay: Double
    private let state = Locked((inFlight: 0, peak: 0, requests: 0))
    init(delay: Double = 0) { self.delay = delay }

    var peak: Int { state.current.peak }
    var requests: Int { state.current.requests }
    var displayName: String { "counting (test)" }

    func send(_ request: ChatRequest, cancellation: CancellationToken, onEvent: @escaping @Sendable (TraceEvent.Kind) -> Void,
              completion: @escaping @Sendable (Result<ChatResponse, ProviderError>) -> Void) {
        state.withLock { $0.inFlight += 1; $0.peak = max($0.peak, $0.inFlight); $0.requests += 1 }
        let prompt = request.messages.last { $0.role == .user }?.content ?? ""
        let answered = request.messages.contains { $0.role == .tool }
        let delay = self.delay
        DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [state] in
            state.withLock { $0.inFlight -= 1 }
            if cancellation.isCancelled { return completion(.failure(ProviderError(kind: .cancelled, message: "cancelled"))) }
            if prompt.hasPrefix("boom") {
                return completion(.failure(ProviderError(kind: .http, message: "HTTP 500 from the test server")))
            }
            if answered {
                completion(.success(ChatResponse(message: .assistant("answer: \(prompt)"), finishReason: "stop",
                                                         usage: Usage(promptTokens: 10, completionTokens: 3))))
            } else {
                let call = ToolCall(id: "call_1", name: "lookup", arguments: JSONValue.object(["q": .string(prompt)]).compact)
                completion(.success(ChatResponse(message: .assistant(nil, toolCalls: [call]), finishReason: "tool_calls",
                                                         usage: Usage(promptTokens: 10, completionTokens: 3))))
            }
        }
    }
}

enum RunnerFixture {
    static let tool = SessionTool(definition: ToolDefinition(name: "lookup", description: "Looks a word up.",
                                                             parameters: ["type": "object", "properties": ["q": ["type": "string"]]]),
                                  binding: .mock(["found": true]))

    static func plan(prompts: [String], repeats: Int = 1, variant: String = "v") -> [PlannedRun] {
        prompts.flatMap { prompt in
            (0..<repeats).map { r in
                PlannedRun(caseID: prompt, variant: variant,
                           inputs: RunInputs(history: [.system("test")], prompt: prompt, tools: [tool], settings: SessionSettings(), repeatIndex: r))
            }
        }
    }

    /// Passes when the model looked the prompt up and the answer names it; fails for prompts starting with "wrong".
    static func score(_ run: PlannedRun, _ transcript: RunTranscript) -> RunVerdict {
        let caseID = run.caseID
        let looked = transcript.callRounds.first?.first?.name == "lookup"
        let passed = looked && !caseID.hasPrefix("wrong") && (transcript.finalText ?? "").contains(caseID)
        return RunVerdict(passed: passed, json: ["passed": .bool(passed)])
    }

    static func runner(_ store: ExperimentStore, _ experiment: Int64, _ provider: CountingProvider, concurrency: Int) -> ExperimentRunner {
        ExperimentRunner(store: store, experimentID: experiment, concurrency: concurrency,
                         execution: { _ in RunExecutor(provider: provider, external: nil, context: SessionContext(baseDirectory: "."), trusted: true) },
                         score: score)
    }
}

@Suite("Experiment runner")
struct RunnerTests {
    @Test func concurrencyIsBoundedAndEveryRunIsRecorded() throws {
        let store = try ExperimentStore()
        let experiment = try store.beginExperiment(suite: "s", repeats: 1, model: "m", variants: [])
        let provider = CountingProvider(delay: 0.03)
        let plan = RunnerFixture.plan(prompts: (0..<12).map { "p\($0)" })
        let progress = try RunnerFixture.runner(store, experiment, provider, concurrency: 3)
            .run(plan, fresh: false, cancellation: CancellationToken())
        #expect(progress.passed == 12 && progress.done == 12)
        #expect(provider.peak <= 3)
        // With 12 slow turns and 3 workers, more than one must have been in flight at some point.
        #expect(provider.peak >= 2)
        let runs = try store.runs(of: experiment)
        #expect(runs.count == 12)
        // Usage is summed over the turn's two requests.
        #expect(runs.allSatisfy { $0.tokensIn == 20 && $0.tokensOut == 6 && $0.rounds == 2 })
    }

    @Test func aProviderFailureIsErroredAndAWrongAnswerIsFailed() throws {
        let store = try ExperimentStore()
        let experiment = try store.beginExperiment(suite: "s", repeats: 1, model: "m", variants: [])
        let plan = RunnerFixture.plan(prompts: ["fine", "boom-500", "wrong-answer"])
        let progress = try RunnerFixture.runner(store, experiment, CountingProvider(), concurrency: 2)
            .run(plan, fresh: false, cancellation: CancellationToken())
        #expect(progress.passed == 1 && progress.failed == 1 && progress.errored == 1)
        let byCase = Dictionary(uniqueKeysWithValues: try store.runs(of: experiment).map { ($0.caseID, $0) })
        #expect(byCase["boom-500"]?.status == .errored)
        #expect(byCase["boom-500"]?.error?.contains("HTTP 500") == true)
        #expect(byCase["wrong-answer"]?.status == .failed)
        #expect(byCase["wrong-answer"]?.error == nil)
        // The transcript is a session the workbench opens, with the whole tool loop in it.
        let transcript = try SessionFile.decode(try #require(byCase["fine"]?.transcript))
        #expect(transcript.messages.map(\.role) == [.system, .user, .assistant, .tool, .assistant])
    }

    @Test func rerunningSkipsFinishedRunsButRetriesErroredOnesAndFreshRunsAll() throws {
        let store = try ExperimentStore()
        let plan = RunnerFixture.plan(prompts: ["a", "b", "boom"], repeats: 2)
        let first = CountingProvider()
        let e1 = try store.beginExperiment(suite: "s", repeats: 2, model: "m", variants: [])
        try RunnerFixture.runner(store, e1, first, concurrency: 2).run(plan, fresh: false, cancellation: CancellationToken())
        #expect(first.requests == 2 * 2 * 2 + 2)  // a and b: 2 repeats × 2 requests; boom: 1 failed request × 2

        let second = CountingProvider()
        let e2 = try store.beginExperiment(suite: "s", repeats: 2, model: "m", variants: [])
        let resumed = try RunnerFixture.runner(store, e2, second, concurrency: 2).run(plan, fresh: false, cancellation: CancellationToken())
        #expect(resumed.reused == 4)
        #expect(second.requests == 2)  // only the errored runs went out again
        let runs = try store.runs(of: e2)
        #expect(runs.count == 6)
        #expect(runs.filter { $0.reusedFrom != nil }.count == 4)
        #expect(Set(runs.filter { $0.reusedFrom != nil }.map(\.caseID)) == ["a", "b"])

        let third = CountingProvider()
        let e3 = try store.beginExperiment(suite: "s", repeats: 2, model: "m", variants: [])
        let fresh = try RunnerFixture.runner(store, e3, third, concurrency: 2).run(plan, fresh: true, cancellation: CancellationToken())
        #expect(fresh.reused == 0)
        #expect(third.requests == 10)
    }

    @Test func repeatsAndChangedInputsHashDifferentlyButKeyOrderDoesNot() {
        let base = RunnerFixture.plan(prompts: ["x"], repeats: 2)
        #expect(base[0].inputsHash != base[1].inputsHash)
        var inputs = base[0].inputs
        inputs.settings.temperature = 0.5
        #expect(inputs.hash != base[0].inputsHash)
        // The same tool with its schema's keys in another order is the same input.
        var reordered = base[0].inputs
        reordered.tools = [SessionTool(definition: ToolDefinition(raw: ["function": ["parameters": ["properties": ["q": ["type": "string"]], "type": "object"],
                                                                                      "description": "Looks a word up.", "name": "lookup"],
                                                                         "type": "function"]),
                                       binding: .mock(["found": true]))]
        #expect(reordered.tools[0].definition.raw.sortedKeys == base[0].inputs.tools[0].definition.raw.sortedKeys)
        #expect(reordered.hash == base[0].inputsHash)
    }

    @Test func cancellingKeepsFinishedRunsAndRecordsNoCancelledOne() throws {
        let store = try ExperimentStore()
        let experiment = try store.beginExperiment(suite: "s", repeats: 1, model: "m", variants: [])
        let provider = CountingProvider(delay: 0.05)
        let token = CancellationToken()
        let plan = RunnerFixture.plan(prompts: (0..<20).map { "p\($0)" })
        let progress = try RunnerFixture.runner(store, experiment, provider, concurrency: 2)
            .run(plan, fresh: false, cancellation: token) { _, counts in
                if counts.done == 3 { token.cancel() }
            }
        let stored = try store.runs(of: experiment)
        #expect(progress.done >= 3 && progress.done < 20)
        #expect(stored.count == progress.done)
        #expect(stored.allSatisfy { $0.status == .passed })
    }
}
