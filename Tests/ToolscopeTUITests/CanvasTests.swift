import Testing
@testable import ToolscopeTUI

@Suite("Canvas")
struct CanvasTests {
    @Test func writesPlainTextAndClipsAtLimit() {
        var c = Canvas(width: 10, height: 2)
        let end = c.put("hello world", x: 1, y: 0, style: .plain, limit: 8)
        #expect(end == 8)
        #expect(c.rowText(0) == " hello w  ")
    }

    @Test func wideCharactersTakeTwoCellsAndNeverCrossTheLimit() {
        var c = Canvas(width: 6, height: 1)
        let end = c.put("日本語", x: 0, y: 0, style: .plain)
        #expect(end == 6)
        #expect(c[1, 0].isContinuation)
        var d = Canvas(width: 5, height: 1)
        #expect(d.put("日本語", x: 0, y: 0, style: .plain) == 4)
        #expect(d.rowText(0) == "日本 ")
    }

    @Test func emojiAndCombiningMarksLineUp() {
        var c = Canvas(width: 8, height: 1)
        c.put("e\u{301}😀x", x: 0, y: 0, style: .plain)
        #expect(c[0, 0].text == "e\u{301}")
        #expect(c[1, 0].text == "😀")
        #expect(c[2, 0].isContinuation)
        #expect(c[3, 0].text == "x")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var c = Canvas(width: 4, height: 1)
        c.put("日", x: 0, y: 0, style: .plain)
        c.put("a", x: 1, y: 0, style: .plain)
        #expect(c[0, 0].text == " ")
        #expect(c[1, 0].text == "a")
    }

    @Test func controlCharactersNeverReachTheGrid() {
        var c = Canvas(width: 10, height: 1)
        c.put(TextSanitizer.clean("a\u{1B}[31mb"), x: 0, y: 0, style: .plain)
        #expect(!c.rowText(0).contains("\u{1B}"))
        #expect(c.rowText(0).hasPrefix("a␛[31mb"))
    }

    @Test func writesOutsideTheGridAreIgnored() {
        var c = Canvas(width: 3, height: 1)
        c.put("abc", x: -5, y: 0, style: .plain)
        c.put("abc", x: 0, y: 5, style: .plain)
        c.fill(Rect(x: -2, y: -2, width: 100, height: 100), style: Style(.error))
        #expect(c[0, 0].style.role == .error)
        c.box(Rect(x: 0, y: 0, width: 1, height: 1), style: .plain)
    }

    @Test func boxDrawsTitleInsideTheTopEdge() {
        var c = Canvas(width: 12, height: 3)
        c.box(c.bounds, style: .plain, title: "Trace")
        #expect(c.rowText(0) == "┌ Trace ───┐")
        #expect(c.rowText(2) == "└──────────┘")
    }
}
