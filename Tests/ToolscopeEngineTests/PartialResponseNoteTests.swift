import Testing
import ToolscopeEngine

/// Issue 12: "kept what arrived before the failure: , 1 partial tool call(s)" had an empty slot.
@Suite("Partial response note")
struct PartialResponseNoteTests {
    @Test func onlyAToolCallLeavesNoEmptySlot() {
        let note = PartialResponseNote.sentence(text: "", toolCallCount: 1)
        #expect(note == "kept what arrived before the failure: 1 partial tool call; it was not used")
        #expect(note?.contains(": ,") == false)
    }

    @Test func textAndCallsAreBothNamed() {
        #expect(PartialResponseNote.sentence(text: "Let me check", toolCallCount: 2)
                == "kept what arrived before the failure: text \"Let me check\" and 2 partial tool calls; it was not used")
    }

    @Test func onlyText() {
        #expect(PartialResponseNote.sentence(text: "Hel", toolCallCount: 0)
                == "kept what arrived before the failure: text \"Hel\"; it was not used")
    }

    @Test func whitespaceOnlyTextAndNoCallsSayNothing() {
        #expect(PartialResponseNote.sentence(text: " \n", toolCallCount: 0) == nil)
        #expect(PartialResponseNote.sentence(text: "", toolCallCount: 0) == nil)
    }
}
