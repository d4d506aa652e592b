import Foundation
import ToolscopeEngine

/// Turns one turn of a session into a regression case: the turn's prompt (with the messages
/// before it), and an expectation that the calls observed in that turn are made again with
/// exactly these arguments. Written as suite JSON, ready to edit (loosen an argument to a
/// matcher, drop a call) and paste into a suite.
public enum SessionCase {
    /// The case for turn `turn` (1-based, counting user messages; nil = the last turn).
    public static func make(from session: Session, turn: Int? = nil, id: String? = nil) throws(SuiteError) -> JSONValue {
        let userIndices = session.messages.indices.filter { session.messages[$0].role == .user }
        guard !userIndices.isEmpty else { throw SuiteError(file: "session", message: "the session has no user message, so no turn to make a case of") }
        let number = turn ?? userIndices.count
        guard number >= 1, number <= userIndices.count else {
            throw SuiteError(file: "session", message: "--turn \(number): the session has \(userIndices.count) turn\(userIndices.count == 1 ? "" : "s") (1…\(userIndices.count))")
        }
        let promptIndex = userIndices[number - 1]
        let end = number < userIndices.count ? userIndices[number] : session.messages.count
        let turnMessages = session.messages[(promptIndex + 1)..<end]
        let rounds = turnMessages.filter { $0.role == .assistant && !$0.toolCalls.isEmpty }.map(\.toolCalls)

        var object = JSONObject()
        object["id"] = .string(id ?? "\(slug(session.title))-turn-\(number)")
        let before = session.messages[..<promptIndex]
        if before.allSatisfy({ $0.role == .system }) {
            if let system = before.first?.content { object["system"] = .string(system) }
            object["prompt"] = .string(session.messages[promptIndex].content ?? "")
        } else {
            object["messages"] = .array(session.messages[...promptIndex].map(\.json))
        }
        object["tools"] = .array(session.tools.filter(\.enabled).map { $0.definition.raw })
        var expect = JSONObject()
        if rounds.isEmpty {
            expect["no_call"] = true
        } else {
            if rounds.count > 1 { expect["scope"] = "turn" }
            let calls = rounds.flatMap { $0 }
            expect["calls"] = .array(calls.map(expectedCall))
            let odd = calls.filter { arguments(of: $0) == nil }
            if !odd.isEmpty {
                object["note"] = .string("arguments that were not a JSON object are left unchecked: " + odd.map { "\($0.name)(\($0.arguments))" }.joined(separator: "; "))
            }
        }
        object["expect"] = .object(expect)
        return .object(object)
    }

    /// `{"name", "arguments"}` with every argument expected exactly as it came; a value that
    /// looks like a matcher (an object with `$` keys) is wrapped in `$eq`. Arguments that were
    /// not a JSON object are left unchecked (the case's note says so).
    static func expectedCall(_ call: ToolCall) -> JSONValue {
        var o: JSONObject = ["name": .string(call.name)]
        guard let args = arguments(of: call) else { return .object(o) }
        var expected = JSONObject()
        for (key, value) in args { expected[key] = looksLikeMatcher(value) ? ["$eq": value] : value }
        o["arguments"] = .object(expected)
        return .object(o)
    }

    private static func arguments(of call: ToolCall) -> JSONObject? {
        let text = call.arguments.allSatisfy(\.isWhitespace) ? "{}" : call.arguments
        guard case .object(let args)? = try? JSONParser.parse(text) else { return nil }
        return args
    }

    private static func looksLikeMatcher(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let o): return o.keys.contains { $0.hasPrefix("$") } || o.values.contains(where: looksLikeMatcher)
        case .array(let a): return a.contains(where: looksLikeMatcher)
        default: return false
        }
    }

    private static func slug(_ title: String) -> String {
        let lowered = title.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        let collapsed = String(lowered).split(separator: "-").joined(separator: "-")
        return collapsed.isEmpty ? "session" : String(collapsed.prefix(40))
    }
}
