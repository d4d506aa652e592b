import Testing
import ToolscopeDemo
import ToolscopeEngine
@testable import ToolscopeTUI

/// The session picker (Ctrl-O) takes a typed path too.
@Suite("Picker path")
struct PickerPathTests {
    private func openPicker() -> AppState {
        var s = TestSupport.state()
        _ = Reducer.reduce(&s, .sessionList([SessionListEntry(path: "sessions/a.json", label: "A", isRecent: false)]))
        return s
    }

    @Test func tabThenAPathAndEnterOpensIt() {
        var s = openPicker()
        TestSupport.press(&s, .tab)
        TestSupport.type(&s, "other/run.json")
        #expect(TestSupport.press(&s, .enter) == [.open(path: "other/run.json", replay: false)])
        guard case .picker(let p)? = s.modal else { Issue.record("the picker waits for the file to load"); return }
        #expect(p.opening == "other/run.json")
        _ = Reducer.reduce(&s, .sessionLoaded(Session.embeddedDefault(), path: "other/run.json", replay: false))
        #expect(s.modal == nil)
    }

    @Test func typingAPathCharacterStartsTheField() {
        var s = openPicker()
        TestSupport.type(&s, "~/x.json")
        guard case .picker(let p)? = s.modal else { Issue.record("no picker"); return }
        #expect(p.path?.text == "~/x.json")
        // r and n type into the field now instead of replaying or starting a new session.
        TestSupport.type(&s, "rn")
        guard case .picker(let q)? = s.modal else { Issue.record("no picker"); return }
        #expect(q.path?.text == "~/x.jsonrn")
    }

    @Test func aMissingFileIsExplainedInThePicker() {
        var s = openPicker()
        TestSupport.press(&s, .tab)
        TestSupport.type(&s, "missing.json")
        TestSupport.press(&s, .enter)
        _ = Reducer.reduce(&s, .sessionLoadFailed(path: "missing.json", message: "missing.json: cannot read: no such file"))
        guard case .picker(let p)? = s.modal else { Issue.record("the picker stays open"); return }
        #expect(p.error == "missing.json: cannot read: no such file")
        #expect(p.path?.text == "missing.json", "the path stays to be fixed")
        #expect(TestSupport.render(s).text.contains("✖ missing.json: cannot read: no such file"))
    }

    @Test func anEmptyPathSaysWhatToType() {
        var s = openPicker()
        TestSupport.press(&s, .tab)
        #expect(TestSupport.press(&s, .enter).isEmpty)
        guard case .picker(let p)? = s.modal else { Issue.record("no picker"); return }
        #expect(p.error?.contains("type the path of a session file") == true)
        TestSupport.press(&s, .tab)
        guard case .picker(let q)? = s.modal else { Issue.record("no picker"); return }
        #expect(q.path == nil, "Tab goes back to the list")
    }
}
