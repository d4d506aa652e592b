import Testing
@testable import ToolscopeTUI

/// An editor holding `text` with the cursor at `cursor` (default: the end).
private func editor(_ text: String, cursor: Int? = nil, history: [String] = []) -> LineEditor {
    var e = LineEditor(history: history)
    e.insert(text)
    if let cursor {
        e.moveHome()
        for _ in 0..<cursor { e.moveRight() }
    }
    return e
}

@Suite("LineEditor: editing and motion")
struct LineEditorEditingTests {
    @Test func startsEmpty() {
        let e = LineEditor()
        #expect(e.text == "")
        #expect(e.cursor == 0)
        #expect(e.history.isEmpty)
    }

    @Test func prefilledTextPutsCursorAtEnd() {
        let e = LineEditor(text: "gpt-4o\nmini", history: ["x"])
        #expect(e.text == "gpt-4o mini")
        #expect(e.cursor == 11)
        #expect(e.history == ["x"])
    }

    @Test func insertAtCursor() {
        var e = editor("helo", cursor: 3)
        e.insert("l")
        #expect(e.text == "hello")
        #expect(e.cursor == 4)
    }

    @Test func pastedLineBreaksAndControlsAreNeutralised() {
        var e = LineEditor()
        e.insert("a\nb\r\nc\td\u{1B}[31me\u{7}")
        #expect(e.text == "a b c d[31me")
        #expect(e.cursor == 12)
        e.insert("\u{1B}")
        #expect(e.cursor == 12)
    }

    @Test func deleteBackwardAndForwardAtEdgesAreHarmless() {
        var e = editor("ab", cursor: 0)
        e.deleteBackward()
        #expect(e.text == "ab")
        e.moveEnd()
        e.deleteForward()
        #expect(e.text == "ab")
        e.deleteBackward()
        #expect(e.text == "a")
        e.moveHome()
        e.deleteForward()
        #expect(e.text == "")
        e.deleteForward()
        e.deleteBackward()
        #expect(e.cursor == 0)
    }

    @Test func cursorStopsAtEnds() {
        var e = editor("ab")
        e.moveRight()
        #expect(e.cursor == 2)
        e.moveHome()
        e.moveLeft()
        #expect(e.cursor == 0)
        e.moveEnd()
        #expect(e.cursor == 2)
    }

    @Test func graphemeClustersAreSingleSteps() {
        var e = editor("a👍🏽e\u{301}")
        #expect(e.cursor == 3)
        e.moveLeft()
        e.deleteBackward()
        #expect(e.text == "ae\u{301}")
    }

    @Test func wordMotion() {
        var e = editor("call get_weather(city)", cursor: 0)
        e.moveWordRight()
        #expect(e.cursor == 4)
        e.moveWordRight()
        #expect(e.cursor == 16)
        e.moveWordRight()
        #expect(e.cursor == 17)
        e.moveEnd()
        e.moveWordLeft()
        #expect(e.cursor == 21)
        e.moveWordLeft()
        #expect(e.cursor == 17)
        e.moveWordLeft()
        e.moveWordLeft()
        #expect(e.cursor == 5)
    }

    @Test func killToStartKeepsTextAfterCursor() {
        var e = editor("hello world", cursor: 6)
        e.killToStart()
        #expect(e.text == "world")
        #expect(e.cursor == 0)
        e.killToStart()
        #expect(e.text == "world")
    }

    @Test func killToEndKeepsTextBeforeCursor() {
        var e = editor("hello world", cursor: 5)
        e.killToEnd()
        #expect(e.text == "hello")
        e.killToEnd()
        #expect(e.text == "hello")
    }

    @Test func killWordBackwardIsWhitespaceDelimited() {
        var e = editor("run --city=Paris  ")
        e.killWordBackward()
        #expect(e.text == "run ")
        e.killWordBackward()
        #expect(e.text == "")
        e.killWordBackward()
        #expect(e.text == "")
        var middle = editor("one two three", cursor: 7)
        middle.killWordBackward()
        #expect(middle.text == "one  three")
        #expect(middle.cursor == 4)
    }
}

@Suite("LineEditor: history and submit")
struct LineEditorHistoryTests {
    @Test func submitReturnsTextRecordsAndClears() {
        var e = editor("hi")
        let submit1 = e.submit()
        #expect(submit1 == "hi")
        #expect(e.text == "")
        #expect(e.cursor == 0)
        #expect(e.history == ["hi"])
    }

    @Test func submitSkipsBlankAndRepeatedEntries() {
        var e = LineEditor(history: ["a"])
        e.insert("a")
        let submit2 = e.submit()
        #expect(submit2 == "a")
        e.insert("   ")
        let submit3 = e.submit()
        #expect(submit3 == "   ")
        let submit4 = e.submit()
        #expect(submit4 == "")
        e.insert("b")
        _ = e.submit()
        e.insert("a")
        _ = e.submit()
        #expect(e.history == ["a", "b", "a"])
    }

    @Test func browsingKeepsAndRestoresTheDraft() {
        var e = editor("dra", history: ["one", "two"])
        e.historyPrevious()
        #expect(e.text == "two")
        #expect(e.cursor == 3)
        e.historyPrevious()
        #expect(e.text == "one")
        e.historyPrevious()
        #expect(e.text == "one")
        e.historyNext()
        #expect(e.text == "two")
        e.historyNext()
        #expect(e.text == "dra")
        #expect(e.cursor == 3)
        e.historyNext()
        #expect(e.text == "dra")
    }

    @Test func emptyHistoryDoesNothing() {
        var e = editor("x")
        e.historyPrevious()
        e.historyNext()
        #expect(e.text == "x")
    }

    @Test func editingARecalledEntryMakesItTheDraft() {
        var e = LineEditor(history: ["one", "two"])
        e.historyPrevious()
        e.historyPrevious()
        e.insert("!")
        e.historyNext()
        #expect(e.text == "one!")
        e.historyPrevious()
        #expect(e.text == "two")
        e.historyNext()
        #expect(e.text == "one!")
        #expect(e.history == ["one", "two"])
        let submit5 = e.submit()
        #expect(submit5 == "one!")
        #expect(e.history == ["one", "two", "one!"])
    }
}

@Suite("LineEditor: viewport")
struct LineEditorViewportTests {
    @Test func shortTextIsShownWhole() {
        let e = editor("hello", cursor: 2)
        #expect(e.viewport(width: 10) == ("hello", 2))
        #expect(LineEditor().viewport(width: 5) == ("", 0))
    }

    @Test func nonPositiveWidthIsEmpty() {
        #expect(editor("abc").viewport(width: 0) == ("", 0))
        #expect(editor("abc").viewport(width: -4) == ("", 0))
    }

    @Test func cursorAtEndShowsTheTailWithRoomForCursor() {
        let e = editor("abcdefghij")
        let view = e.viewport(width: 5)
        #expect(view.text == "ghij")
        #expect(view.cursorColumn == 4)
    }

    @Test func cursorAtStartShowsTheHead() {
        let e = editor("abcdefghij", cursor: 0)
        #expect(e.viewport(width: 4) == ("abcd", 0))
    }

    @Test func cursorInMiddleKeepsLeftContext() {
        let e = editor(String(repeating: "x", count: 10) + "ABCDEFGH" + String(repeating: "y", count: 20), cursor: 12)
        let view = e.viewport(width: 8)
        #expect(view.cursorColumn == 2)
        #expect(view.text == "ABCDEFGH")
    }

    @Test func cursorIsAlwaysInsideTheField() {
        let text = "日本語のテキストとemoji🙂と more ascii text"
        for width in 1...12 {
            for cursor in 0...text.count {
                let view = editor(text, cursor: cursor).viewport(width: width)
                #expect(view.cursorColumn >= 0 && view.cursorColumn < width)
                #expect(DisplayWidth.of(view.text) <= width)
            }
        }
    }

    @Test func wideCharactersAreNotSplit() {
        let e = editor("日本語テキスト", cursor: 0)
        let view = e.viewport(width: 5)
        #expect(view.text == "日本")
        #expect(view.cursorColumn == 0)
        let end = editor("日本語テキスト").viewport(width: 5)
        #expect(end.text == "スト")
        #expect(end.cursorColumn == 4)
    }

    @Test func cursorColumnCountsCells() {
        let e = editor("日本a", cursor: 2)
        #expect(e.viewport(width: 20) == ("日本a", 4))
    }
}

@Suite("Editor display width")
struct EditorDisplayWidthTests {
    @Test func asciiIsOneCell() {
        #expect(DisplayWidth.of("a") == 1)
        #expect(DisplayWidth.of("hello, world") == 12)
        #expect(DisplayWidth.of("") == 0)
    }

    @Test func controlCharactersAreZero() {
        #expect(DisplayWidth.of("\u{7}") == 0)
        #expect(DisplayWidth.of("\t") == 0)
        #expect(DisplayWidth.of("\r\n") == 0)
        #expect(DisplayWidth.of("\u{85}") == 0)
    }

    @Test func cjkHangulAndFullwidthAreTwo() {
        #expect(DisplayWidth.of("日") == 2)
        #expect(DisplayWidth.of("한") == 2)
        #expect(DisplayWidth.of("ア") == 2)
        #expect(DisplayWidth.of("Ａ") == 2)
        #expect(DisplayWidth.of("、") == 2)
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("ｱ") == 1)
    }

    @Test func emojiAreTwo() {
        #expect(DisplayWidth.of("🙂") == 2)
        #expect(DisplayWidth.of("🚀") == 2)
        #expect(DisplayWidth.of("👍🏽") == 2)
        #expect(DisplayWidth.of("👩‍💻") == 2)
        #expect(DisplayWidth.of("👨‍👩‍👧") == 2)
        #expect(DisplayWidth.of("🇫🇷") == 2)
        #expect(DisplayWidth.of("❤️") == 2)
        #expect(DisplayWidth.of("⌚") == 2)
    }

    @Test func textPresentationSymbolsAreOne() {
        #expect(DisplayWidth.of("❤") == 1)
        #expect(DisplayWidth.of("©") == 1)
        #expect(DisplayWidth.of("→") == 1)
        #expect(DisplayWidth.of("│") == 1)
    }

    @Test func combiningMarksAddNothing() {
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("e\u{301}\u{308}x") == 2)
        #expect(DisplayWidth.of(Character("\u{301}")) == 0)
        #expect(DisplayWidth.of("\u{200B}") == 0)
        #expect(DisplayWidth.of("\u{AD}") == 1)
    }

    @Test func decomposedHangulIsOneWideSyllable() {
        #expect(DisplayWidth.of("\u{1112}\u{1161}\u{11AB}") == 2)
    }

    @Test func widthOfScalarMatchesWcwidthConventions() {
        #expect(DisplayWidth.width(of: "A") == 1)
        #expect(DisplayWidth.width(of: "\u{0}") == 0)
        #expect(DisplayWidth.width(of: "\u{7F}") == 0)
        #expect(DisplayWidth.width(of: "\u{300}") == 0)
        #expect(DisplayWidth.width(of: "\u{4E00}") == 2)
        #expect(DisplayWidth.width(of: "\u{20000}") == 2)
        #expect(DisplayWidth.width(of: "\u{1F600}") == 2)
        #expect(DisplayWidth.width(of: "\u{E000}") == 1)
    }
}
