import Foundation
import Testing
@testable import ToolscopeTUI

/// Whole screens as text, for tests that state every row a person would read.
enum ScreenText {
    /// `state` rendered into a canvas of its size: one string per row, trailing spaces trimmed.
    static func rows(_ state: AppState) -> [String] {
        var canvas = Canvas(width: state.width, height: state.height)
        Renderer.render(state, into: &canvas)
        return (0..<canvas.height).map { y in
            var row = canvas.rowText(y)
            while row.last == " " { row.removeLast() }
            return row
        }
    }

    /// Records an issue unless `state` renders exactly `expected` (its rows joined by newlines);
    /// the issue lists the rows that differ, numbered. With `TOOLSCOPE_SCREENS_OUT=DIR` in the
    /// environment each screen is also written to DIR/NAME.txt, indented for the test file, to
    /// paste once a person has read it and agrees.
    static func expect(_ state: AppState, equals expected: String, name: String = #function,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = rows(state)
        if let dir = ProcessInfo.processInfo.environment["TOOLSCOPE_SCREENS_OUT"] {
            let file = dir + "/" + name.replacingOccurrences(of: "()", with: "") + ".txt"
            let literal = actual.map { $0.isEmpty ? "" : "        " + $0 }.joined(separator: "\n") + "\n"
            #expect(FileManager.default.createFile(atPath: file, contents: Data(literal.utf8)), "could not write \(file)")
        }
        guard let diff = difference(expected: expected.components(separatedBy: "\n"), actual: actual) else { return }
        Issue.record("screen \(state.width)x\(state.height) differs:\n\(diff)", sourceLocation: sourceLocation)
    }

    /// The differing rows as "row N" with the expected and the actual text, or nil when equal.
    static func difference(expected: [String], actual: [String]) -> String? {
        guard expected != actual else { return nil }
        var out: [String] = []
        if expected.count != actual.count { out.append("expected \(expected.count) rows, got \(actual.count)") }
        for i in 0..<max(expected.count, actual.count) {
            let e = i < expected.count ? expected[i] : nil
            let a = i < actual.count ? actual[i] : nil
            guard e != a else { continue }
            out.append("row \(i + 1) expected: " + (e.map { "|" + $0 + "|" } ?? "(none)"))
            out.append("row \(i + 1) actual:   " + (a.map { "|" + $0 + "|" } ?? "(none)"))
        }
        return out.joined(separator: "\n")
    }
}
