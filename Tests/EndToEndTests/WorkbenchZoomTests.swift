import Foundation
import Testing
import ToolscopeTestSupport

/// F7 at the smallest supported size: the schema editor takes the whole screen (every column of
/// its JSON readable) and gives it back.
@Suite("Workbench zoom (end to end)", .serialized)
struct WorkbenchZoomTests {
    @Test func theEditorZoomsToTheWholeScreenAt80x24AndBack() throws {
        let t = try WorkbenchTmux(width: 80, height: 24)
        try t.focusToolsList()
        try t.send("Enter")
        try t.send("F7")
        let zoomed = try t.waitFor("the editor on the whole screen") { $0.hasPrefix("┌─▶ Tools") && $0.contains("Get the current weather") }
        #expect(!zoomed.contains("Conversation") && !zoomed.contains("Trace"), "\(zoomed)")
        // The description, cut at half width before, is whole now.
        #expect(zoomed.contains("\"description\": \"Get the current weather"), "\(zoomed)")
        let top = zoomed.components(separatedBy: "\n").first ?? ""
        #expect(top.hasSuffix("┐") && top.count == 80, "the zoomed pane spans all 80 columns: \(top)")
        try t.send("F7")
        // The three panes again, the focus still in the editor (waiting for the whole frame).
        let back = try t.waitFor("the three panes again") { $0.contains("Conversation") && $0.contains("Trace") && $0.contains("▶ Tools") }
        #expect(!back.contains("▶ Conversation"), "the focus stays in the editor")
        try t.send("C-q")
        _ = try t.waitFor(text: "TOOLSCOPE-EXITED-0")
    }
}
