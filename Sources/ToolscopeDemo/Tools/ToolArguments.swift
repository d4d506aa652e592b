import Foundation
import ToolscopeEngine

extension BuiltinTools {
    /// Typed access to the arguments of one built-in call. The dispatcher has already validated
    /// them against the schema, but a user may have edited that schema, so every read still
    /// checks the type and answers a wrong one with a sentence the model can act on.
    struct ToolArguments {
        private let object: JSONObject

        /// Accepts an object (or `null`, read as no arguments) whose keys are all in `allowed`.
        init(_ value: JSONValue, allowed: [String]) throws(ToolFailure) {
            switch value {
            case .object(let o): object = o
            case .null: object = [:]
            default:
                throw ToolFailure("Arguments must be a JSON object, got \(value.typeName) \(Self.preview(value)).")
            }
            if let unknown = object.keys.first(where: { !allowed.contains($0) }) {
                let list = allowed.map { "\"\($0)\"" }.joined(separator: ", ")
                throw ToolFailure("Unexpected argument \"\(unknown)\"; this tool accepts \(list).")
            }
        }

        /// The value under `key`; an explicit `null` counts as absent, since strict-mode
        /// schemas make optional parameters nullable and models then send `null`.
        private func value(_ key: String) -> JSONValue? {
            guard let v = object[key], !v.isNull else { return nil }
            return v
        }

        func requiredString(_ key: String) throws(ToolFailure) -> String {
            guard let s = try optionalString(key) else { throw missing(key, "a string") }
            return s
        }

        func optionalString(_ key: String) throws(ToolFailure) -> String? {
            guard let v = value(key) else { return nil }
            guard let s = v.stringValue else { throw wrongType(key, "a string", v) }
            return s
        }

        func requiredNumber(_ key: String) throws(ToolFailure) -> Double {
            guard let v = value(key) else { throw missing(key, "a number") }
            guard let n = v.doubleValue else { throw wrongType(key, "a number", v) }
            return n
        }

        func optionalNumber(_ key: String) throws(ToolFailure) -> Double? {
            guard let v = value(key) else { return nil }
            guard let n = v.doubleValue else { throw wrongType(key, "a number", v) }
            return n
        }

        func optionalBool(_ key: String) throws(ToolFailure) -> Bool? {
            guard let v = value(key) else { return nil }
            guard let b = v.boolValue else { throw wrongType(key, "true or false", v) }
            return b
        }

        func optionalInteger(_ key: String, in range: ClosedRange<Int>) throws(ToolFailure) -> Int? {
            guard let v = value(key) else { return nil }
            let expected = "an integer from \(range.lowerBound) to \(range.upperBound)"
            guard let n = v.intValue, range.contains(n) else { throw wrongType(key, expected, v) }
            return n
        }

        /// A string that must be one of `choices`, compared without regard to case; returns the
        /// canonical spelling from `choices`.
        func optionalChoice(_ key: String, among choices: [String]) throws(ToolFailure) -> String? {
            guard let text = try optionalString(key) else { return nil }
            let folded = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            guard let match = choices.first(where: { $0.lowercased() == folded }) else {
                let list = choices.map { "\"\($0)\"" }.joined(separator: ", ")
                throw ToolFailure("Argument \"\(key)\" must be one of \(list), got \"\(text)\".")
            }
            return match
        }

        func requiredChoice(_ key: String, among choices: [String]) throws(ToolFailure) -> String {
            guard let choice = try optionalChoice(key, among: choices) else {
                throw missing(key, "one of " + choices.map { "\"\($0)\"" }.joined(separator: ", "))
            }
            return choice
        }

        private func missing(_ key: String, _ expected: String) -> ToolFailure {
            ToolFailure("Missing required argument \"\(key)\" (\(expected)).")
        }

        private func wrongType(_ key: String, _ expected: String, _ got: JSONValue) -> ToolFailure {
            ToolFailure("Argument \"\(key)\" must be \(expected), got \(got.typeName) \(Self.preview(got)).")
        }

        /// The value as compact JSON, cut short so a huge wrong argument cannot flood the reply.
        static func preview(_ value: JSONValue) -> String {
            let text = value.compact
            return text.count > 40 ? String(text.prefix(37)) + "..." : text
        }
    }
}
