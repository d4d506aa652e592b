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

extension SessionCase {
    /// Appends `caseJSON` to the suite at `path`: a JSON suite gets it at the end of `cases`, a
    /// JSON Lines suite (`.jsonl`) one more line, and a file that does not exist becomes a new
    /// suite. An id already in the suite gets `-2`, `-3`… The result must load as a suite, or
    /// the file is put back as it was. Returns the id written and how many cases there are.
    public static func append(_ caseJSON: JSONValue, toSuite path: String) throws(SuiteError) -> (id: String, count: Int) {
        guard case .object(var object) = caseJSON else { throw SuiteError(file: path, message: "a case must be a JSON object") }
        let existing = FileManager.default.fileExists(atPath: path) ? (try? String(contentsOfFile: path, encoding: .utf8)) : nil
        if FileManager.default.fileExists(atPath: path), existing == nil { throw SuiteError(file: path, message: "cannot read the suite file") }
        var ids = Set<String>()
        if existing != nil {
            do { ids = Set(try SuiteLoader.load(path: path).cases.map(\.id)) } catch {
                throw SuiteError(file: path, message: "the suite does not load, so nothing was appended: \(error.description)")
            }
        }
        let base = object["id"]?.stringValue ?? "case"
        var id = base
        var n = 2
        while ids.contains(id) { id = "\(base)-\(n)"; n += 1 }
        object["id"] = .string(id)

        let text: String
        if let existing, path.hasSuffix(".jsonl") {
            text = existing + (existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n") + JSONValue.object(object).compact + "\n"
        } else if let existing {
            let parsed: JSONValue
            do { parsed = try JSONParser.parse(existing) } catch {
                throw SuiteError(file: path, line: error.line, column: error.column, message: "invalid JSON: \(error.message)")
            }
            guard case .object(var suite) = parsed, case .array(var cases)? = suite["cases"] else {
                throw SuiteError(file: path, message: "not a suite with a \"cases\" array; nothing was appended")
            }
            cases.append(.object(object))
            suite["cases"] = .array(cases)
            text = JSONValue.object(suite).pretty + "\n"
        } else if path.hasSuffix(".jsonl") {
            text = JSONValue.object(["format": .string(Suite.formatName)]).compact + "\n" + JSONValue.object(object).compact + "\n"
        } else {
            text = JSONValue.object(["format": .string(Suite.formatName), "cases": [.object(object)]]).pretty + "\n"
        }
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw SuiteError(file: path, message: "cannot write: \(error.localizedDescription)")
        }
        do {
            return (id, try SuiteLoader.load(path: path).cases.count)
        } catch {
            if let existing { try? Data(existing.utf8).write(to: url, options: .atomic) } else { try? FileManager.default.removeItem(at: url) }
            throw SuiteError(file: path, message: "the case made the suite unreadable, so the file was put back: \(error.description)")
        }
    }
}
