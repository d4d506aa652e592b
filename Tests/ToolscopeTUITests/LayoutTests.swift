import Testing
@testable import ToolscopeTUI

@Suite("Layout")
struct LayoutTests {
    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func panesTileTheScreenWithoutOverlap(width: Int, height: Int) {
        let l = Layout(width: width, height: height, splitPercent: 50, traceSplitPercent: 45, zoomed: nil)
        #expect(!l.tooSmall)
        #expect(l.conversation.x == 0 && l.conversation.maxX == l.trace.x)
        #expect(l.trace.maxX == width && l.editor.maxX == width)
        #expect(l.trace.maxY == l.editor.y)
        #expect(l.editor.maxY == height - 1)
        #expect(l.input.y == l.conversation.maxY && l.input.maxY == height - 1)
        #expect(l.status.y == height - 1 && l.status.width == width)
        #expect(l.trace.height >= 6 && l.editor.height >= 8)
    }

    @Test func belowTheMinimumNothingIsLaidOut() {
        let l = Layout(width: 79, height: 30, splitPercent: 50, traceSplitPercent: 45, zoomed: nil)
        #expect(l.tooSmall)
        #expect(l.conversation.isEmpty && l.trace.isEmpty)
        #expect(Layout(width: 0, height: 0, splitPercent: 50, traceSplitPercent: 45, zoomed: nil).status.isEmpty)
    }

    @Test func zoomGivesTheFocusedPaneTheWholeBody() {
        let l = Layout(width: 100, height: 30, splitPercent: 50, traceSplitPercent: 45, zoomed: .editor)
        #expect(l.editor == Rect(x: 0, y: 0, width: 100, height: 29))
        #expect(l.conversation.isEmpty && l.trace.isEmpty)
    }

    @Test func extremeSplitsStayUsable() {
        for split in [-100, 0, 100, 500] {
            let l = Layout(width: 80, height: 24, splitPercent: split, traceSplitPercent: split, zoomed: nil)
            #expect(l.conversation.width >= 30 && l.trace.width >= 40)
        }
    }
}
