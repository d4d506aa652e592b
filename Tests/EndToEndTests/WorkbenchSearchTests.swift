import Foundation
import Testing
import ToolscopeTestSupport

/// `/` in a round's raw view, as a person uses it: type a query, Enter, read "1 of N", `n`.
@Suite("Workbench raw view search (end to end)", .serialized)
struct WorkbenchSearchTests {
    @Test func searchTheRawViewOfARound() throws {
        let t = try WorkbenchTmux()
        try t.askTheDemo()
        try t.send("Tab")
        try t.send("Home")
        try t.send("Down")
        try t.send("Enter")
        try t.waitFor(text: "── Request")
        try t.type("/")
        try t.waitFor(text: "Enter find")
        try t.type("get_weather")
        try t.send("Enter")
        let found = try t.waitFor(text: "/get_weather: 1 of ")
        #expect(found.contains("n/N next/previous"))
        try t.type("n")
        try t.waitFor(text: "/get_weather: 2 of ")
        try t.send("Escape")
        try t.waitFor(text: "/ search · Esc close")
        try t.send("Escape")
        try t.send("C-q")
        _ = try t.waitFor(text: "TOOLSCOPE-EXITED-0")
    }
}
