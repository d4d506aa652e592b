import Testing
@testable import ToolscopeTUI

/// A buffer opened on `marked` with the cursor placed where `‸` is written.
private func buffer(_ marked: String) -> TextBuffer {
    var lines = marked.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var position = TextPosition.zero
    for (index, line) in lines.enumerated() {
        if let caret = line.firstIndex(of: "‸") {
            position = TextPosition(line: index, column: line.distance(from: line.startIndex, to: caret))
            lines[index].remove(at: caret)
        }
    }
    var result = TextBuffer(text: lines.joined(separator: "\n"))
    result.moveTo(position)
    return result
}

/// The buffer's text with `‸` written at the cursor.
private func show(_ b: TextBuffer) -> String {
    var lines = b.lines
    var chars = Array(lines[b.cursor.line])
    chars.insert("‸", at: b.cursor.column)
    lines[b.cursor.line] = String(chars)
    return lines.joined(separator: "\n")
}

private func pos(_ line: Int, _ column: Int) -> TextPosition { TextPosition(line: line, column: column) }

@Suite("TextBuffer: storage and basic edits")
struct TextBufferBasicsTests {
    @Test func emptyTextIsOneEmptyLine() {
        let b = TextBuffer(text: "")
        #expect(b.lines == [""])
        #expect(b.text == "")
        #expect(b.cursor == .zero)
        #expect(b.selection == nil)
        #expect(!b.isModified)
    }

    @Test func lineEndingsAreNormalised() {
        let b = TextBuffer(text: "a\r\nb\rc\n")
        #expect(b.lines == ["a", "b", "c", ""])
        #expect(b.text == "a\nb\nc\n")
    }

    @Test func positionsOrderByLineThenColumn() {
        #expect(pos(0, 9) < pos(1, 0))
        #expect(pos(2, 1) < pos(2, 3))
        #expect(!(pos(2, 3) < pos(2, 3)))
        #expect(pos(4, 2).description == "5:3")
    }

    @Test func insertPlainTextAdvancesCursor() {
        var b = buffer("ab‸cd")
        b.insert("XY")
        #expect(show(b) == "abXY‸cd")
        #expect(b.isModified)
    }

    @Test func multiLinePasteSplitsLinesAndEndsAfterIt() {
        var b = buffer("[‸]")
        b.insert("1,\r\n2,\n3")
        #expect(b.lines == ["[1,", "2,", "3]"])
        #expect(b.cursor == pos(2, 1))
    }

    @Test func insertReplacesSelection() {
        var b = buffer("hello ‸world")
        b.moveLineEnd(selecting: true)
        b.insert("there")
        #expect(show(b) == "hello there‸")
        #expect(b.selection == nil)
    }

    @Test func emptyInsertWithoutSelectionChangesNothing() {
        var b = buffer("ab‸")
        b.insert("")
        #expect(!b.isModified)
        let undo1 = b.undo()
        #expect(!undo1)
    }

    @Test func deleteBackwardRemovesCharacterAndJoinsLines() {
        var b = buffer("ab\n‸cd")
        b.deleteBackward()
        #expect(show(b) == "ab‸cd")
        b.deleteBackward()
        #expect(show(b) == "a‸cd")
    }

    @Test func deleteBackwardAtDocumentStartIsHarmless() {
        var b = buffer("‸x")
        b.deleteBackward()
        #expect(show(b) == "‸x")
        var empty = TextBuffer(text: "")
        empty.deleteBackward()
        empty.deleteForward()
        #expect(empty.lines == [""])
        #expect(!empty.isModified)
    }

    @Test func backspaceInIndentationRemovesOneLevel() {
        var b = buffer("    ‸\"a\"")
        b.deleteBackward()
        #expect(show(b) == "  ‸\"a\"")
        var odd = buffer("   ‸x")
        odd.deleteBackward()
        #expect(show(odd) == "  ‸x")
    }

    @Test func backspaceBetweenEmptyPairRemovesBoth() {
        var b = buffer("{‸}")
        b.deleteBackward()
        #expect(show(b) == "‸")
        var quotes = buffer("\"a\": \"‸\"")
        quotes.deleteBackward()
        #expect(show(quotes) == "\"a\": ‸")
    }

    @Test func deleteForwardRemovesCharacterAndJoinsNextLine() {
        var b = buffer("a‸b\nc")
        b.deleteForward()
        #expect(show(b) == "a‸\nc")
        b.deleteForward()
        #expect(show(b) == "a‸c")
        b.moveDocumentEnd()
        b.deleteForward()
        #expect(b.text == "ac")
    }

    @Test func multiLineSelectionDeleteJoinsTheEnds() {
        var b = buffer("one\ntw‸o\nthree\nfour")
        b.moveDown(selecting: true)
        b.moveDown(selecting: true)
        #expect(b.selection == pos(1, 2)..<pos(3, 2))
        #expect(b.selectedText() == "o\nthree\nfo")
        b.deleteBackward()
        #expect(show(b) == "one\ntw‸ur")
    }

    @Test func deleteForwardRemovesBackwardSelection() {
        var b = buffer("abc\nde‸f")
        b.moveUp(selecting: true)
        #expect(b.selection == pos(0, 2)..<pos(1, 2))
        b.deleteForward()
        #expect(show(b) == "ab‸f")
    }

    @Test func wideAndCombiningCharactersAreOneColumnEach() {
        var b = buffer("日本‸語")
        b.deleteBackward()
        #expect(show(b) == "日‸語")
        var accent = TextBuffer(text: "e\u{301}x")
        accent.moveRight()
        #expect(accent.cursor == pos(0, 1))
        accent.deleteBackward()
        #expect(accent.text == "x")
    }

    @Test func markSavedAndUndoToSavedText() {
        var b = buffer("a‸")
        b.insertCharacter("b")
        #expect(b.isModified)
        b.markSaved()
        #expect(!b.isModified)
        b.insertCharacter("c")
        #expect(b.isModified)
        let undo2 = b.undo()
        #expect(undo2)
        #expect(!b.isModified)
    }

    @Test func replaceAllIsOneUndoStepAndClampsCursor() {
        var b = buffer("{\"a\":1,\"b\":2}‸")
        b.replaceAll(with: "{\n  \"a\": 1\n}")
        #expect(b.lines == ["{", "  \"a\": 1", "}"])
        #expect(b.cursor == pos(0, 1))
        let undo3 = b.undo()
        #expect(undo3)
        #expect(b.text == "{\"a\":1,\"b\":2}")
        #expect(b.cursor == pos(0, 13))
        let undo4 = b.undo()
        #expect(!undo4)
    }

    @Test func twoThousandLinesEditQuickly() {
        let text = (0..<2000).map { "  \"key\($0)\": \($0)," }.joined(separator: "\n")
        var b = TextBuffer(text: text)
        b.moveTo(pos(1000, 5))
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<500 { b.insertCharacter("x") }
            for _ in 0..<200 {
                b.insertNewline()
                _ = b.undo()
            }
        }
        #expect(b.lines.count == 2000)
        #expect(b.lines[1000].hasPrefix("  \"ke" + String(repeating: "x", count: 500)))
        #expect(elapsed < .seconds(5))
    }
}

@Suite("TextBuffer: typing helpers")
struct TextBufferTypingTests {
    @Test func newlineCopiesIndentation() {
        var b = buffer("    \"a\": 1,‸")
        b.insertNewline()
        #expect(show(b) == "    \"a\": 1,\n    ‸")
    }

    @Test func newlineAfterOpenerIndentsOneLevel() {
        var b = buffer("  \"p\": {‸")
        b.insertNewline()
        #expect(show(b) == "  \"p\": {\n    ‸")
    }

    @Test func newlineBetweenPairPutsCloserOnItsOwnLine() {
        var b = buffer("  \"items\": [‸]")
        b.insertNewline()
        #expect(show(b) == "  \"items\": [\n    ‸\n  ]")
    }

    @Test func newlineDropsSpacesAfterCursor() {
        var b = buffer("  \"a\": 1,‸   \"b\": 2")
        b.insertNewline()
        #expect(show(b) == "  \"a\": 1,\n  ‸\"b\": 2")
    }

    @Test func newlineInsideIndentationDoesNotDoubleIt() {
        var b = buffer("  ‸  x")
        b.insertNewline()
        #expect(b.lines == ["  ", "  x"])
        #expect(b.cursor == pos(1, 2))
    }

    @Test func newlineAfterBraceInsideStringDoesNotIndent() {
        var b = buffer("\"a{‸")
        b.insertNewline()
        #expect(b.lines == ["\"a{", ""])
    }

    @Test func newlineCharacterIsRoutedToInsertNewline() {
        var b = buffer("{‸}")
        b.insertCharacter("\n")
        #expect(b.lines == ["{", "  ", "}"])
    }

    @Test func openersAutoClose() {
        var b = buffer("‸")
        b.insertCharacter("{")
        #expect(show(b) == "{‸}")
        b.insertCharacter("\"")
        #expect(show(b) == "{\"‸\"}")
        b.insertCharacter("a")
        b.insertCharacter("\"")
        #expect(show(b) == "{\"a\"‸}")
        b.insertCharacter(":")
        b.insertCharacter(" ")
        b.insertCharacter("[")
        #expect(show(b) == "{\"a\": [‸]}")
        b.insertCharacter("]")
        b.insertCharacter("}")
        #expect(show(b) == "{\"a\": []}‸")
    }

    @Test func noAutoCloseBeforeWordOrInsideString() {
        var b = buffer("‸abc")
        b.insertCharacter("\"")
        #expect(show(b) == "\"‸abc")
        var inString = buffer("\"x‸ y\"")
        inString.insertCharacter("{")
        #expect(show(inString) == "\"x{‸ y\"")
        inString.insertCharacter("}")
        #expect(show(inString) == "\"x{}‸ y\"")
    }

    @Test func escapedQuoteIsInsertedNotSkipped() {
        var b = buffer("\"a\\‸\"")
        b.insertCharacter("\"")
        #expect(show(b) == "\"a\\\"‸\"")
    }

    @Test func closerOnBlankLineTakesOpenersIndentation() {
        var b = buffer("  \"p\": {\n    \"a\": 1\n      ‸")
        b.insertCharacter("}")
        #expect(show(b) == "  \"p\": {\n    \"a\": 1\n  }‸")
    }

    @Test func unmatchedCloserOnBlankLineDedentsOneLevel() {
        var b = buffer("    ‸")
        b.insertCharacter("]")
        #expect(show(b) == "  ]‸")
    }

    @Test func typingReplacesSelection() {
        var b = buffer("‸abc")
        b.moveRight(selecting: true)
        b.moveRight(selecting: true)
        b.insertCharacter("Z")
        #expect(show(b) == "Z‸c")
        let undo5 = b.undo()
        #expect(undo5)
        #expect(b.text == "abc")
    }
}

@Suite("TextBuffer: cursor motion")
struct TextBufferMotionTests {
    @Test func leftAndRightWrapAcrossLines() {
        var b = buffer("ab\n‸cd")
        b.moveLeft()
        #expect(b.cursor == pos(0, 2))
        b.moveRight()
        #expect(b.cursor == pos(1, 0))
    }

    @Test func motionStopsAtDocumentEnds() {
        var b = buffer("‸ab")
        b.moveLeft()
        b.moveUp()
        #expect(b.cursor == .zero)
        b.moveDocumentEnd()
        b.moveRight()
        b.moveDown()
        #expect(b.cursor == pos(0, 2))
    }

    @Test func upOnFirstLineGoesToStartAndDownOnLastGoesToEnd() {
        var b = buffer("ab‸cd\nef")
        b.moveUp()
        #expect(b.cursor == pos(0, 0))
        b.moveTo(pos(1, 1))
        b.moveDown()
        #expect(b.cursor == pos(1, 2))
    }

    @Test func verticalMotionKeepsGoalColumnAcrossShortLine() {
        var b = buffer("abcdef‸\nab\nabcdefgh")
        b.moveDown()
        #expect(b.cursor == pos(1, 2))
        b.moveDown()
        #expect(b.cursor == pos(2, 6))
        b.moveUp()
        b.moveUp()
        #expect(b.cursor == pos(0, 6))
    }

    @Test func verticalMotionUsesDisplayColumnsOverWideCharacters() {
        var b = buffer("日本‸\nabcdef")
        b.moveDown()
        #expect(b.cursor == pos(1, 4))
        b.moveTo(pos(1, 3))
        b.moveUp()
        #expect(b.cursor == pos(0, 1))
    }

    @Test func collapsingSelectionWithArrows() {
        var b = buffer("ab‸cd")
        b.moveRight(selecting: true)
        b.moveRight(selecting: true)
        b.moveLeft()
        #expect(b.cursor == pos(0, 2))
        #expect(b.selection == nil)
        b.moveLeft(selecting: true)
        b.moveRight()
        #expect(b.cursor == pos(0, 2))
    }

    @Test func wordMotion() {
        var b = buffer("‸  \"name\": \"get_weather\"")
        b.moveWordRight()
        #expect(b.cursor == pos(0, 3))
        b.moveWordRight()
        #expect(b.cursor == pos(0, 7))
        b.moveWordRight()
        #expect(b.cursor == pos(0, 9))
        b.moveWordRight()
        #expect(b.cursor == pos(0, 11))
        b.moveWordRight()
        #expect(b.cursor == pos(0, 22))
        b.moveWordLeft()
        #expect(b.cursor == pos(0, 11))
    }

    @Test func wordMotionCrossesLineBreaks() {
        var b = buffer("ab‸\ncd")
        b.moveWordRight()
        #expect(b.cursor == pos(1, 0))
        b.moveWordLeft()
        #expect(b.cursor == pos(0, 2))
        b.moveWordLeft()
        #expect(b.cursor == pos(0, 0))
    }

    @Test func smartHomeTogglesBetweenFirstNonBlankAndColumnZero() {
        var b = buffer("    \"a\": ‸1")
        b.moveLineStart()
        #expect(b.cursor == pos(0, 4))
        b.moveLineStart()
        #expect(b.cursor == pos(0, 0))
        b.moveLineStart()
        #expect(b.cursor == pos(0, 4))
        b.moveLineEnd()
        #expect(b.cursor == pos(0, 10))
    }

    @Test func smartHomeOnBlankLine() {
        var b = buffer("   ‸")
        b.moveLineStart()
        #expect(b.cursor == pos(0, 0))
        b.moveLineStart()
        #expect(b.cursor == pos(0, 3))
    }

    @Test func documentStartAndEndWithSelection() {
        var b = buffer("ab\nc‸d\nef")
        b.moveDocumentEnd(selecting: true)
        #expect(b.selectedText() == "d\nef")
        b.moveDocumentStart(selecting: true)
        #expect(b.selectedText() == "ab\nc")
    }

    @Test func pageMotionMovesByRowsAndClamps() {
        var b = TextBuffer(text: (0..<50).map { "line \($0)" }.joined(separator: "\n"))
        b.moveTo(pos(0, 3))
        b.movePage(up: false, rows: 20, selecting: false)
        #expect(b.cursor == pos(20, 3))
        b.movePage(up: false, rows: 40, selecting: false)
        #expect(b.cursor == pos(49, 7))
        b.movePage(up: true, rows: 0, selecting: true)
        #expect(b.cursor == pos(48, 7))
        #expect(b.selection != nil)
        b.movePage(up: true, rows: 100, selecting: false)
        #expect(b.cursor == .zero)
    }

    @Test func moveToClampsOutOfRangePositions() {
        var b = buffer("ab\ncd")
        b.moveTo(pos(9, 9))
        #expect(b.cursor == pos(1, 2))
        b.moveTo(pos(-3, -1))
        #expect(b.cursor == .zero)
        b.moveTo(pos(0, 40), selecting: true)
        #expect(b.selection == pos(0, 0)..<pos(0, 2))
    }
}

@Suite("TextBuffer: selection and line operations")
struct TextBufferLineOperationTests {
    @Test func selectAllAndSelectedText() {
        var b = buffer("a\n‸b")
        b.selectAll()
        #expect(b.selectedText() == "a\nb")
        #expect(b.cursor == pos(1, 1))
        var empty = TextBuffer(text: "")
        empty.selectAll()
        #expect(empty.selection == nil)
        #expect(empty.selectedText() == nil)
    }

    @Test func selectLineGrowsByWholeLines() {
        var b = buffer("one\nt‸wo\nthree")
        b.selectLine()
        #expect(b.selectedText() == "two\n")
        b.selectLine()
        #expect(b.selectedText() == "two\nthree")
        b.selectLine()
        #expect(b.selectedText() == "two\nthree")
    }

    @Test func cutSelectionReturnsIt() {
        var b = buffer("ab‸cd")
        b.moveLineEnd(selecting: true)
        let cut6 = b.cut()
        #expect(cut6 == "cd")
        #expect(show(b) == "ab‸")
    }

    @Test func cutWithoutSelectionTakesTheLine() {
        var b = buffer("one\ntw‸o\nthree")
        let cut7 = b.cut()
        #expect(cut7 == "two\n")
        #expect(show(b) == "one\nth‸ree")
        var single = buffer("on‸ly")
        let cut8 = single.cut()
        #expect(cut8 == "only\n")
        #expect(single.lines == [""])
        let cut9 = single.cut()
        #expect(cut9 == nil)
    }

    @Test func deleteLineAtEndMovesCursorUp() {
        var b = buffer("a\nbb\ncc‸c")
        b.deleteLine()
        #expect(show(b) == "a\nbb‸")
    }

    @Test func deleteLinesOfSelectionExcludesLineEndingAtColumnZero() {
        var b = buffer("a\n‸b\nc\nd")
        b.moveDown(selecting: true)
        b.moveDown(selecting: true)
        b.deleteLine()
        #expect(b.lines == ["a", "d"])
    }

    @Test func duplicateLineMovesCursorToCopy() {
        var b = buffer("x\nab‸c\ny")
        b.duplicateLine()
        #expect(show(b) == "x\nabc\nab‸c\ny")
    }

    @Test func duplicateSelectedBlock() {
        var b = buffer("‸a\nb\nc")
        b.moveDown(selecting: true)
        b.moveLineEnd(selecting: true)
        b.duplicateLine()
        #expect(b.lines == ["a", "b", "a", "b", "c"])
        #expect(b.selectedText() == "a\nb")
    }

    @Test func moveLineUpAndDownCarriesCursor() {
        var b = buffer("a\nb‸b\nc")
        b.moveLine(up: true)
        #expect(show(b) == "b‸b\na\nc")
        b.moveLine(up: true)
        #expect(show(b) == "b‸b\na\nc")
        b = buffer("a\nb‸b\nc")
        b.moveLine(up: false)
        #expect(show(b) == "a\nc\nb‸b")
        b.moveLine(up: false)
        #expect(show(b) == "a\nc\nb‸b")
    }

    @Test func indentAndDedentSelection() {
        var b = buffer("‸\"a\": 1,\n\n\"b\": 2")
        b.moveDocumentEnd(selecting: true)
        b.indentSelection()
        #expect(b.lines == ["  \"a\": 1,", "", "  \"b\": 2"])
        #expect(b.selection == pos(0, 0)..<pos(2, 8))
        b.dedentSelection()
        b.dedentSelection()
        #expect(b.lines == ["\"a\": 1,", "", "\"b\": 2"])
    }

    @Test func indentWithoutSelectionMovesCursorWithText() {
        var b = buffer("x‸y")
        b.indentSelection()
        #expect(show(b) == "  x‸y")
        b.dedentSelection()
        #expect(show(b) == "x‸y")
        var tab = buffer("\t‸z")
        tab.dedentSelection()
        #expect(show(tab) == "‸z")
    }
}

@Suite("TextBuffer: undo and redo")
struct TextBufferUndoTests {
    @Test func typingRunIsOneStepAndRestoresCursor() {
        var b = buffer("x‸")
        for c in "hello" { b.insertCharacter(c) }
        #expect(b.text == "xhello")
        let undo10 = b.undo()
        #expect(undo10)
        #expect(show(b) == "x‸")
        let redo11 = b.redo()
        #expect(redo11)
        #expect(show(b) == "xhello‸")
    }

    @Test func motionSplitsTypingRuns() {
        var b = buffer("‸")
        b.insertCharacter("a")
        b.insertCharacter("b")
        b.moveLeft()
        b.insertCharacter("c")
        #expect(b.text == "acb")
        let undo12 = b.undo()
        #expect(undo12)
        #expect(show(b) == "a‸b")
        let undo13 = b.undo()
        #expect(undo13)
        #expect(show(b) == "‸")
        let undo14 = b.undo()
        #expect(!undo14)
    }

    @Test func otherEditsAreEachTheirOwnStep() {
        var b = buffer("abc‸")
        b.deleteBackward()
        b.deleteBackward()
        b.insertNewline()
        #expect(b.lines == ["a", ""])
        let undo15 = b.undo()
        #expect(undo15)
        #expect(b.text == "a")
        let undo16 = b.undo()
        #expect(undo16)
        #expect(b.text == "ab")
        let undo17 = b.undo()
        #expect(undo17)
        #expect(b.text == "abc")
    }

    @Test func undoAfterPasteRemovesThePaste() {
        var b = buffer("[‸]")
        b.insertCharacter("1")
        b.insert(",\n2,\n3")
        #expect(b.lines.count == 3)
        let undo18 = b.undo()
        #expect(undo18)
        #expect(show(b) == "[1‸]")
        let undo19 = b.undo()
        #expect(undo19)
        #expect(show(b) == "[‸]")
    }

    @Test func redoIsClearedByANewEdit() {
        var b = buffer("‸")
        b.insertCharacter("a")
        let undo20 = b.undo()
        #expect(undo20)
        #expect(b.canRedo)
        b.insertCharacter("b")
        #expect(!b.canRedo)
        let redo21 = b.redo()
        #expect(!redo21)
        #expect(b.text == "b")
    }

    @Test func undoAndRedoOfSelectionRestoreSelection() {
        var b = buffer("‸abc")
        b.selectAll()
        b.deleteBackward()
        #expect(b.text == "")
        let undo22 = b.undo()
        #expect(undo22)
        #expect(b.text == "abc")
        #expect(b.selection == pos(0, 0)..<pos(0, 3))
        let redo23 = b.redo()
        #expect(redo23)
        #expect(b.text == "")
        #expect(b.selection == nil)
    }

    @Test func noOpEditsLeaveNoUndoStep() {
        var b = buffer("‸a")
        b.deleteBackward()
        b.moveLine(up: true)
        b.dedentSelection()
        #expect(!b.canUndo)
        let undo24 = b.undo()
        #expect(!undo24)
        let redo25 = b.redo()
        #expect(!redo25)
    }

    @Test func undoLineOperations() {
        var b = buffer("a\n‸b\nc")
        b.duplicateLine()
        b.moveLine(up: false)
        #expect(b.lines == ["a", "b", "c", "b"])
        b.deleteLine()
        let undo26 = b.undo()
        #expect(undo26)
        let undo27 = b.undo()
        #expect(undo27)
        let undo28 = b.undo()
        #expect(undo28)
        #expect(b.text == "a\nb\nc")
        #expect(b.cursor == pos(1, 0))
    }

    @Test func historyIsBounded() {
        var b = buffer("‸")
        for _ in 0..<(UndoHistory.limit + 20) { b.insertNewline() }
        var steps = 0
        while b.undo() { steps += 1 }
        #expect(steps == UndoHistory.limit)
    }
}

@Suite("TextBuffer: bracket matching")
struct TextBufferBracketTests {
    @Test func matchesAtAndBeforeCursor() {
        let at = buffer("‸{\"a\": [1, 2]}")
        #expect(at.matchingBracket() == pos(0, 12))
        let atCloser = buffer("{\"a\": [1, 2]‸}")
        #expect(atCloser.matchingBracket() == pos(0, 0))
        let before = buffer("[1, [2]‸, 3]")
        #expect(before.matchingBracket() == pos(0, 4))
        let after = buffer("{\"a\": [1, 2]}‸")
        #expect(after.matchingBracket() == pos(0, 0))
        let none = buffer("{\"a\": ‸1}")
        #expect(none.matchingBracket() == nil)
    }
}

@Suite("TextBuffer: edge cases")
struct TextBufferEdgeCaseTests {
    @Test func newlineReplacesSelection() {
        var b = buffer("  \"a\": ‸xyz")
        b.moveLineEnd(selecting: true)
        b.insertNewline()
        #expect(show(b) == "  \"a\": \n  ‸")
    }

    @Test func pasteOverMultiLineSelection() {
        var b = buffer("one\nt‸wo\nthree")
        b.moveDown(selecting: true)
        b.insert("X\nY")
        #expect(b.lines == ["one", "tX", "Yhree"])
        #expect(b.cursor == pos(2, 1))
        let undone = b.undo()
        #expect(undone)
        #expect(b.text == "one\ntwo\nthree")
    }

    @Test func absurdPageSizesAndHugeLinesDoNotCrash() {
        var b = TextBuffer(text: String(repeating: "x", count: 100_000) + "\nend")
        b.movePage(up: false, rows: Int.max, selecting: false)
        #expect(b.cursor == pos(1, 3))
        b.movePage(up: true, rows: Int.max, selecting: true)
        #expect(b.cursor == .zero)
        b.moveLineEnd()
        #expect(b.cursor == pos(0, 100_000))
        b.insertCharacter("{")
        #expect(b.lines[0].count == 100_002)
    }

    @Test func unchangedTextAfterEditsIsNotModified() {
        var b = buffer("ab‸")
        b.insertCharacter("c")
        b.deleteBackward()
        #expect(!b.isModified)
        #expect(b.canUndo)
    }

    @Test func selectionSurvivesSelectingMotionsAndCollapsesAtAnchor() {
        var b = buffer("ab‸cd")
        b.moveRight(selecting: true)
        b.moveLeft(selecting: true)
        #expect(b.selection == nil)
        b.moveLeft(selecting: true)
        #expect(b.selectedText() == "b")
    }
}
