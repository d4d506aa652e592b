import Foundation
import Testing
import ToolscopeEngine
@testable import ToolscopeTUI

/// Issue 12: after tools list → `t` → F5 the "▾ try" row kept spinning (`▾ try ⠹ 54.3s`)
/// while the status said idle, because the try round was judged by a model response it never gets.
@Suite("Try spinner")
struct TrySpinnerTests {
    /// The rendered "try" round row, or nil when there is none.
    func tryRow(_ s: AppState) -> String? {
        TestSupport.render(s).text.split(separator: "\n").map(String.init).first { $0.contains("▾ try") }
    }

    func containsSpinner(_ text: String) -> Bool {
        Spinner.frames.contains { text.contains($0) }
    }

    @Test func theTryRowStopsSpinningOnceTheResultArrives() {
        var s = TestSupport.state()
        s.focus = .editor
        TestSupport.press(&s, .char("t"))
        let effects = TestSupport.press(&s, .function(5))
        guard case .tryTool(let call)? = effects.first else { Issue.record("no dispatch"); return }
        _ = Reducer.reduce(&s, .tick(now: 1.0))
        TestSupport.event(&s, .callStarted(callID: call.id, name: call.name, arguments: call.arguments), round: 0, time: 1.0)
        // While the call runs, the row spins and the model knows ticks are needed.
        let running = tryRow(s)
        #expect(running.map(containsSpinner) == true)
        #expect(s.trace.hasRunningCalls)
        TestSupport.event(&s, .callFinished(callID: call.id, name: call.name, duration: 0.2, outcome: ToolOutcome(content: "{\"ok\":1}")),
                          round: 0, time: 1.2)
        _ = Reducer.reduce(&s, .tryFinished(callID: call.id, outcome: ToolOutcome(content: "{\"ok\":1}")))
        _ = Reducer.reduce(&s, .tick(now: 55.0))
        #expect(s.runState == .idle)
        #expect(!s.trace.hasRunningCalls)
        guard let done = tryRow(s) else { Issue.record("no try row on screen"); return }
        #expect(!containsSpinner(done), "still spinning: \(done)")
        #expect(!done.contains(Format.seconds(55)) && !done.contains(Format.seconds(54)), "elapsed time still counting: \(done)")
    }

    @Test func aModelRoundWithoutAResponseStillSpins() {
        var round = TraceModel.Round(number: 1, startedAt: 0)
        var call = TraceModel.Call(id: "c1", name: "f", arguments: "{}", startedAt: 0)
        call.outcome = ToolOutcome(content: "x")
        round.calls = [call]
        #expect(!round.isTry)
        #expect(!round.finished)
    }
}
