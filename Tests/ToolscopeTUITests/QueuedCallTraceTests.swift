import Testing
import ToolscopeEngine
@testable import ToolscopeTUI

/// A call waiting for a process slot shows as queued, with its wait, in the trace pane; and
/// bidi controls in untrusted text are neutralised like other controls.
@Suite("Trace: queued calls and bidi controls")
struct QueuedCallTraceTests {
    func stateWithACall() -> AppState {
        var state = TestSupport.state()
        TestSupport.event(&state, .turnStarted(userMessage: "go"), round: 0, time: 1)
        TestSupport.event(&state, .callStarted(callID: "call_q", name: "py_slow", arguments: "{}"), time: 10)
        return state
    }

    func callRowText(_ state: AppState) -> String {
        let row = TraceRow.build(state).first { if case .call = $0 { return true }; return false }
        return row.map { $0.line(in: state).text } ?? "<no call row>"
    }

    @Test func aQueuedCallShowsHowLongItHasWaitedThenRunsAsUsual() {
        var state = stateWithACall()
        TestSupport.event(&state, .callQueued(callID: "call_q", name: "py_slow"), time: 10)
        state.now = 12.5
        #expect(state.trace.call(id: "call_q")?.queuedSince == 10)
        #expect(callRowText(state).contains("⏳ queued 2.5s"), "\(callRowText(state))")

        TestSupport.event(&state, .callDequeued(callID: "call_q", waited: 3), time: 13)
        state.now = 13.5
        let call = state.trace.call(id: "call_q")
        #expect(call?.queuedSince == nil)
        #expect(call?.waited == 3)
        #expect(!callRowText(state).contains("queued"), "\(callRowText(state))")
        #expect(TraceDetail.callLines(call!).map(\.text).contains("queued for: 3.0s (included in the duration)"))
    }

    @Test func aCallEndedWhileQueuedKeepsItsWait() {
        var state = stateWithACall()
        TestSupport.event(&state, .callQueued(callID: "call_q", name: "py_slow"), time: 10)
        TestSupport.event(&state, .callFinished(callID: "call_q", name: "py_slow", duration: 4,
                                                outcome: .error("Cancelled by the user while py_slow was queued")), time: 14)
        let call = state.trace.call(id: "call_q")
        #expect(call?.queuedSince == nil)
        #expect(call?.waited == 4)
    }

    @Test func everyBidiControlIsNeutralised() {
        for scalar: UInt32 in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C] {
            let text = "file\(Character(Unicode.Scalar(scalar)!))txt.exe"
            #expect(TextSanitizer.clean(text) == "file\u{FFFD}txt.exe", "U+\(String(scalar, radix: 16))")
        }
        #expect(TextSanitizer.clean("plain العربية text") == "plain العربية text", "right-to-left letters themselves stay")
    }
}
