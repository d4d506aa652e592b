import Testing
@testable import ToolscopeEngine

/// The unified diffs `lint --fix` and the editor's dialect conversion show before anything changes.
@Suite("Dialect diff")
struct UnifiedDiffTests {
    @Test func sameTextHasNoDiff() {
        #expect(UnifiedDiff.lines(old: "a\nb\n", new: "a\nb\n").isEmpty)
        #expect(UnifiedDiff.text(old: "a", new: "a", oldName: "x", newName: "y") == "")
    }

    @Test func oneChangedLineWithContext() {
        let old = (1...10).map(String.init).joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "\n5\n", with: "\nfive\n")
        let diff = UnifiedDiff.text(old: old, new: new, oldName: "a/f", newName: "b/f")
        #expect(diff == """
            --- a/f
            +++ b/f
            @@ -2,7 +2,7 @@
             2
             3
             4
            -5
            +five
             6
             7
             8

            """)
    }

    @Test func farApartChangesAreSeparateHunksAndCloseOnesMerge() {
        let old = (1...30).map(String.init).joined(separator: "\n")
        var lines = old.split(separator: "\n").map(String.init)
        lines[1] = "two"
        lines[27] = "twenty-eight"
        let far = UnifiedDiff.lines(old: old, new: lines.joined(separator: "\n"))
        #expect(far.filter { if case .hunk = $0 { true } else { false } }.count == 2)
        lines[27] = "28"
        lines[5] = "six"
        let close = UnifiedDiff.lines(old: old, new: lines.joined(separator: "\n"))
        #expect(close.filter { if case .hunk = $0 { true } else { false } }.count == 1)
        #expect(close.first == .hunk("@@ -1,9 +1,9 @@"))
    }

    @Test func insertionsAndDeletionsCountRight() {
        let diff = UnifiedDiff.lines(old: "a\nb\nc", new: "a\nx\ny\nc\nd")
        #expect(diff == [.hunk("@@ -1,3 +1,5 @@"), .context("a"), .removed("b"), .added("x"), .added("y"), .context("c"), .added("d")])
        #expect(UnifiedDiff.lines(old: "", new: "new") == [.hunk("@@ -0,0 +1,1 @@"), .added("new")])
    }

    @Test func anAnthropicToolConvertedShowsTheChange() throws {
        let original = try JSONParser.parse("""
            [{"name": "get_stock_price", "description": "Retrieves the current stock price for a ticker symbol.",
              "input_schema": {"type": "object", "properties": {"ticker": {"type": "string", "description": "The stock ticker"}}, "required": ["ticker"]}}]
            """)
        let converted = try #require(ToolDialect.convert(original))
        let diff = UnifiedDiff.lines(old: JSONPrinter.print(original, pretty: true), new: JSONPrinter.print(converted.openAITools, pretty: true))
        let added = diff.compactMap { if case .added(let s) = $0 { s } else { nil } }
        let removed = diff.compactMap { if case .removed(let s) = $0 { s } else { nil } }
        #expect(added.contains { $0.contains(#""type": "function""#) })
        #expect(removed.contains { $0.contains(#""input_schema""#) })
        #expect(diff.contains(.context("[")), "the unchanged array bracket is context: \(diff)")
    }

    /// The whole documents with their changes marked, for the Experiments screen's difference.
    @Test func allLinesKeepsEveryLineInOrder() {
        #expect(UnifiedDiff.allLines(old: "a\nb\nc\nd", new: "a\nB\nc\nd\ne")
                == [.context("a"), .removed("b"), .added("B"), .context("c"), .context("d"), .added("e")])
        #expect(UnifiedDiff.allLines(old: "x", new: "x") == [.context("x")])
        #expect(UnifiedDiff.allLines(old: "", new: "") == [])
    }
}
