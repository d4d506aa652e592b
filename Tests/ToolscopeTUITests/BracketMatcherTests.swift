import Testing
@testable import ToolscopeTUI

@Suite("Editor bracket matcher")
struct EditorBracketMatcherTests {
    private func pos(_ line: Int, _ column: Int) -> TextPosition { TextPosition(line: line, column: column) }

    @Test func structuralBracketsSkipStringsAndEscapes() {
        let found = BracketMatcher.structuralBrackets(in: #"{"a}": "\"[", "b": [1]}"#)
        #expect(found.map(\.column) == [0, 19, 21, 22])
        #expect(found.map(\.character) == ["{", "[", "]", "}"])
    }

    @Test func matchesAcrossLinesBothWays() {
        let lines = ["{", "  \"a\": [", "    1", "  ],", "  \"b\": {}", "}"]
        #expect(BracketMatcher.match(in: lines, at: pos(0, 0)) == pos(5, 0))
        #expect(BracketMatcher.match(in: lines, at: pos(5, 0)) == pos(0, 0))
        #expect(BracketMatcher.match(in: lines, at: pos(1, 7)) == pos(3, 2))
        #expect(BracketMatcher.match(in: lines, at: pos(3, 2)) == pos(1, 7))
        #expect(BracketMatcher.match(in: lines, at: pos(4, 8)) == pos(4, 7))
    }

    @Test func bracketInsideStringIsNotMatched() {
        let lines = [#"["x]", 1]"#]
        #expect(BracketMatcher.match(in: lines, at: pos(0, 3)) == nil)
        #expect(BracketMatcher.match(in: lines, at: pos(0, 0)) == pos(0, 8))
    }

    @Test func unbalancedAndOutOfRangeGiveNil() {
        #expect(BracketMatcher.match(in: ["{ [ ]"], at: pos(0, 0)) == nil)
        #expect(BracketMatcher.match(in: ["]"], at: pos(0, 0)) == nil)
        #expect(BracketMatcher.match(in: ["{}"], at: pos(3, 0)) == nil)
        #expect(BracketMatcher.match(in: ["{}"], at: pos(0, 9)) == nil)
        #expect(BracketMatcher.match(in: [""], near: pos(0, 0)) == nil)
    }

    @Test func mismatchedKindsAreIgnoredWhileCounting() {
        #expect(BracketMatcher.match(in: ["{ [ } ]"], at: pos(0, 0)) == pos(0, 4))
    }

    @Test func nearPrefersBracketAtCursor() {
        let lines = ["[[]]"]
        #expect(BracketMatcher.match(in: lines, near: pos(0, 1)) == pos(0, 2))
        #expect(BracketMatcher.match(in: lines, near: pos(0, 4)) == pos(0, 0))
    }

    @Test func quoteWithCombiningMarkStillOpensAString() {
        // The parser sees a quote byte here; the matcher must agree that "]" is string content.
        let lines = ["[\"\u{301}]\", 1]"]
        #expect(BracketMatcher.match(in: lines, at: pos(0, 0)) == pos(0, 7))
    }
}
