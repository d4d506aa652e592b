import Testing
@testable import ToolscopeTUI

@Suite("Text sanitizing and wrapping")
struct TextTests {
    let wrapper = WordWrapper(measure: .swift)

    @Test func escapeSequencesBecomeVisibleSymbols() {
        let cleaned = TextSanitizer.clean("\u{1B}]0;pwned\u{07}ok\r\n\u{9B}2J\u{202E}x")
        #expect(!cleaned.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(cleaned.contains("␛"))
        #expect(cleaned.contains("␇"))
        #expect(!cleaned.contains("\u{9B}"))
        #expect(!cleaned.contains("\u{202E}"))
        #expect(TextSanitizer.singleLine("a\nb") == "a⏎b")
    }

    @Test func wrapsAtSpacesAndSplitsLongWords() {
        #expect(wrapper.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(wrapper.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(wrapper.wrap("a\n\nb", width: 5) == ["a", "", "b"])
    }

    @Test func wideCharactersWrapByCells() {
        let rows = wrapper.wrap("東京の天気は晴れ", width: 6)
        #expect(rows == ["東京の", "天気は", "晴れ"])
        for row in rows { #expect(wrapper.width(of: row) <= 6) }
    }

    @Test func truncateAddsEllipsisWithinWidth() {
        #expect(wrapper.truncate("hello world", width: 6) == "hello…")
        #expect(wrapper.width(of: wrapper.truncate("日本語日本語", width: 5)) <= 5)
        #expect(wrapper.truncate("x", width: 0) == "")
    }

    @Test func formatsDurationsAndCounts() {
        #expect(Format.seconds(0.0123) == "12ms")
        #expect(Format.seconds(1.26) == "1.3s")
        #expect(Format.seconds(125) == "2m05s")
        #expect(Format.count(12_345) == "12.3k")
    }
}
