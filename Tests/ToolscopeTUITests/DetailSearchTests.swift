import Testing
import ToolscopeEngine
@testable import ToolscopeTUI

/// `/` in the detail and raw views: type a query, Enter finds it, n / N walk the matches with
/// the view following, the footer says "k of n", every occurrence is marked.
@Suite("Detail search")
struct DetailSearchTests {
    static func detailState() -> AppState {
        var s = TestSupport.state(width: 80, height: 24)
        let lines = (1...60).map { i in StyledLine(i % 10 == 0 ? "event \(i): \"condition\": \"Rain\", rain again" : "event \(i): nothing") }
        var d = DetailState(title: "Raw", lines: lines)
        d.fit(screenWidth: s.width, measure: s.measure)
        s.modal = .detail(d)
        return s
    }

    static func detail(_ s: AppState) -> DetailState? {
        if case .detail(let d)? = s.modal { return d }
        return nil
    }

    @Test func slashTypesAQueryAndEnterJumpsToTheFirstMatch() {
        var s = Self.detailState()
        TestSupport.press(&s, .char("/"))
        #expect(Self.detail(s)?.searchInput != nil)
        TestSupport.type(&s, "RAIN")
        // While typing, n is text, not "next".
        TestSupport.press(&s, .enter)
        let d = Self.detail(s)
        #expect(d?.searchInput == nil)
        #expect(d?.search?.rows == [9, 19, 29, 39, 49, 59])
        #expect(d?.search?.status == "/RAIN: 1 of 6")
        let text = TestSupport.render(s).text
        #expect(text.contains("/RAIN: 1 of 6"))
        #expect(text.contains("event 10:"))
    }

    @Test func nAndCapitalNWalkTheMatchesAndTheViewFollows() {
        var s = Self.detailState()
        TestSupport.press(&s, .char("/"))
        TestSupport.type(&s, "rain")
        TestSupport.press(&s, .enter, .char("n"), .char("n"))
        #expect(Self.detail(s)?.search?.currentRow == 29)
        #expect(TestSupport.render(s).text.contains("event 30:"))
        TestSupport.press(&s, .char("N"), .char("N"), .char("N"))
        #expect(Self.detail(s)?.search?.currentRow == 59, "N before the first match wraps to the last")
        #expect(TestSupport.render(s).text.contains("event 60:"))
        // Esc clears the search first, then closes the view.
        TestSupport.press(&s, .escape)
        #expect(Self.detail(s)?.search == nil)
        TestSupport.press(&s, .escape)
        #expect(s.modal == nil)
    }

    @Test func everyOccurrenceIsMarkedAndTheCurrentOneStandsOut() {
        var s = Self.detailState()
        TestSupport.press(&s, .char("/"))
        TestSupport.type(&s, "rain")
        TestSupport.press(&s, .enter)
        guard let d = Self.detail(s) else { Issue.record("no detail"); return }
        let rows = DialogView.highlighted(d)
        let current = rows[9].runs.filter { $0.style == Style(.selection, bold: true) }.map(\.text)
        #expect(current == ["Rain", "rain"])
        let other = rows[19].runs.filter { $0.style == Style(.accent, underline: true) }.map(\.text)
        #expect(other == ["Rain", "rain"])
        #expect(rows[19].text == d.lines[19].text, "marking never changes the text")
    }

    @Test func aQueryWithNoMatchSaysSoAndAnEmptyOneClearsTheSearch() {
        var s = Self.detailState()
        TestSupport.press(&s, .char("/"))
        TestSupport.type(&s, "snow")
        TestSupport.press(&s, .enter)
        #expect(TestSupport.render(s).text.contains("/snow: no match"))
        TestSupport.press(&s, .char("/"), .ctrl("u"), .enter)
        #expect(Self.detail(s)?.search == nil)
        #expect(TextSearch.ranges(of: "ab", in: "xABxab") == [1..<3, 4..<6])
    }
}
