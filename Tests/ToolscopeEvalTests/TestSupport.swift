import Foundation
import ToolscopeEngine
@testable import ToolscopeEval

enum Fixtures {
    static let directory: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures"
    static func path(_ name: String) -> String { directory + "/" + name }
}

/// A matcher read from suite JSON text, as a user writes it.
func matcher(_ text: String) throws -> ArgumentMatcher {
    try ArgumentMatcher(suiteJSON: try JSONValue(parsing: text), path: "")
}

/// An expectation read from suite JSON text.
func expectation(_ text: String) throws -> ToolscopeEval.Expectation {
    try Expectation(suiteJSON: try JSONValue(parsing: text), path: "")
}

/// One round of calls given as (name, arguments JSON text).
func run(_ calls: [(String, String)], answer: String? = nil) -> RunObservation {
    RunObservation(rounds: [calls.map { ObservedCall(name: $0.0, argumentsText: $0.1) }] + (answer == nil ? [] : [[]]), answer: answer)
}
