import Foundation
import Testing
@testable import ToolscopeEngine
@testable import ToolscopeTUI

/// Issue 10 in the workbench: a file that was not fully understood is never saved over.
@Suite("Session safety (reducer)")
struct SessionSafetyTests {
    @Test func aFileThatFailsToOpenIsShownAndProtectedInEverySpelling() {
        var s = TestSupport.state()
        s.sessionPath = "sessions/mine.json"
        let error = "dir/broken.json:3:15: /messages: messages must be an array of messages, not a string"
        _ = Reducer.reduce(&s, .sessionLoadFailed(path: "dir/broken.json", message: error))
        #expect(s.notice?.text.hasPrefix(error) == true)
        #expect(s.notice?.text.contains("will not be saved over") == true)
        #expect(s.notice?.kind == .error)
        #expect(s.isProtected("dir/broken.json"))
        #expect(s.isProtected("./dir/../dir/broken.json"))
        #expect(s.isProtected(FileManager.default.currentDirectoryPath + "/dir/broken.json"))
        #expect(!s.isProtected("dir/other.json"))
        // The session that was open stays the save target.
        #expect(s.sessionPath == "sessions/mine.json")
        #expect(TestSupport.press(&s, .ctrl("s")) == [.save(path: "sessions/mine.json")])
    }

    @Test func saveAsOntoAProtectedFileKeepsThePromptAndSavesNothing() {
        var s = TestSupport.state()
        _ = Reducer.reduce(&s, .sessionLoadFailed(path: "broken.json", message: "broken.json:1:1: invalid JSON"))
        #expect(TestSupport.press(&s, .ctrl("s")).isEmpty)
        guard case .prompt(var p)? = s.modal else { Issue.record("expected the save-as prompt"); return }
        p.input = LineEditor(text: "./broken.json")
        s.modal = .prompt(p)
        #expect(TestSupport.press(&s, .enter).isEmpty)
        guard case .prompt(let still)? = s.modal else { Issue.record("the prompt should stay open"); return }
        #expect(still.input.text == "./broken.json")
        #expect(s.notice?.text.contains("not overwritten") == true)
        // Another name goes through.
        s.modal = .prompt(PromptState(purpose: .saveAs, title: "Save session as", input: LineEditor(text: "fixed.json")))
        #expect(TestSupport.press(&s, .enter) == [.save(path: "fixed.json")])
    }

    @Test func aRefusedSaveProtectsThePathAndKeepsTheChangesUnsaved() {
        var s = TestSupport.state()
        s.unsaved = false
        let why = "newer.json: written by a newer toolscope (format toolscope.session/2)"
        _ = Reducer.reduce(&s, .saveRefused(path: "newer.json", message: why))
        #expect(s.isProtected("newer.json"))
        #expect(s.unsaved)
        #expect(s.notice?.text.contains(why) == true)
        #expect(s.notice?.text.contains("newer.json is not overwritten") == true)
        #expect(s.sessionPath == nil)
    }

    @Test func aTurnOnAProtectedPathDoesNotCountAsSaved() {
        var s = TestSupport.state()
        s.sessionPath = "broken.json"
        s.protect("broken.json")
        s.unsaved = true
        _ = Reducer.reduce(&s, .turnFinished(TurnResult(reason: .answered, finalText: "ok", rounds: 1, detail: nil, session: s.session)))
        #expect(s.unsaved)
    }

    @Test func theRecoveryPathIsBesideTheFileAndNeverTaken() {
        var taken: Set<String> = ["dir/s.recovered-1.json", "dir/s.recovered-2.json"]
        #expect(SessionNaming.recoveredPath(for: "dir/s.json") { taken.contains($0) } == "dir/s.recovered-3.json")
        taken = []
        #expect(SessionNaming.recoveredPath(for: "s.json") { taken.contains($0) } == "s.recovered-1.json")
        #expect(SessionNaming.recoveredPath(for: "/a/b/notes") { taken.contains($0) } == "/a/b/notes.recovered-1.json")
    }
}
