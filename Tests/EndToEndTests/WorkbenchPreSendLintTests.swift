import Foundation
import Testing
import ToolscopeTestSupport

/// The workbench lints the tools before it sends them: errors open a dialog, the message stays
/// in the input line, and only a deliberate S sends anyway.
@Suite("Workbench pre-send lint (end to end)", .serialized)
struct WorkbenchPreSendLintTests {
    @Test func toolErrorsStopTheSendUntilTheUserSendsAnyway() throws {
        let path = BinaryRunner.temporaryDirectory().appendingPathComponent("bfcl.json").path
        try RunPreSendLintTests.bfclSession.write(toFile: path, atomically: true, encoding: .utf8)
        let t = try WorkbenchTmux(arguments: [path])
        try t.waitFor(text: "▶ Conversation")
        try t.type("What is 3 factorial?")
        try t.send("Enter")
        // The whole dialog, down to its footer: a capture can land mid-frame.
        let dialog = try t.waitFor("the whole dialog") { $0.contains("Not sent: the tools have") && $0.contains("back (the message stays in the input line)") }
        #expect(dialog.contains("/tools/0/function/name"), "\(dialog)")
        #expect(dialog.contains("S send anyway"), "\(dialog)")
        try t.send("Escape")
        let back = try t.waitFor("the dialog to close") { !$0.contains("Not sent: the tools have") }
        #expect(back.contains("What is 3 factorial?"), "the message stays in the input line:\n\(back)")
        #expect(!back.contains("round 1"), "nothing was sent:\n\(back)")
        try t.send("Enter")
        try t.waitFor(text: "Not sent: the tools have")
        try t.send("S")
        let sent = try t.waitFor("the turn to end", timeout: 30) { $0.contains(" idle ") && $0.contains("round 1") }
        #expect(!sent.contains("Not sent: the tools have"), "\(sent)")
        #expect(sent.contains("tool check"), "the errors sent anyway are in the trace:\n\(sent)")
    }
}
