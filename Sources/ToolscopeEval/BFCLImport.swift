import Foundation
import ToolscopeEngine

/// Turns BFCL v4 files (a questions file and its `possible_answer` file, both JSON Lines) into
/// a toolscope suite, so outputs from any harness score with BFCL's rules:
///
/// - tools go to the provider in OpenAI form (`dict`→object, `float`→number, `tuple`→array,
///   `any`→no type, dotted names→underscores: the engine's `ToolDialect` conversion), while the
///   expectations keep BFCL's original names; a call under either name scores the same;
/// - each parameter's allowed values become `$oneOf` (with `""` = may be omitted, except for
///   required parameters, which BFCL checks first), strings normalised as BFCL's
///   `standardize_string` does, numbers by value (so an integer is accepted for a float);
/// - dictionaries and lists of dictionaries are matched key by key, with no unexpected key;
/// - calls must be exactly the expected ones, parallel calls order-free; unexpected
///   parameters fail; irrelevance categories expect no call, live_relevance at least one.
///
/// Java and JavaScript categories (where BFCL asks for every value as a string) accept the
/// typed value or its plain string form ("true", "50", the string itself); BFCL's conversion
/// of Java/JS collection literals ("new ArrayList<>(…)", "{a: 1}") is not reproduced.
public enum BFCLImport {
    public static func load(questions: String, answers: String?) throws(SuiteError) -> JSONValue {
        let q = try read(questions)
        let a: String?
        if let answers { a = try read(answers) } else { a = nil }
        return try convert(questionsText: q, questionsFile: questions, answersText: a, answersFile: answers)
    }

    static func read(_ path: String) throws(SuiteError) -> String {
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw SuiteError(file: path, message: "cannot read: \(error.localizedDescription)")
        }
    }

    /// The category of a BFCL id: "simple_python_12" → "simple_python", "live_multiple_3-1-0" → "live_multiple".
    public static func category(of id: String) -> String {
        var scalars = Array(id.unicodeScalars)
        while let last = scalars.last, (last >= "0" && last <= "9") || last == "-" { scalars.removeLast() }
        if scalars.last == "_" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Non-empty lines as (1-based line number, parsed object).
    static func lines(_ text: String, file: String) throws(SuiteError) -> [(Int, JSONValue)] {
        var out: [(Int, JSONValue)] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.allSatisfy(\.isWhitespace) { continue }
            do { out.append((n + 1, try JSONParser.parse(line))) } catch {
                throw SuiteError(file: file, line: n + 1, column: error.column, message: "invalid JSON: \(error.message)")
            }
        }
        return out
    }

    public static func convert(questionsText: String, questionsFile: String, answersText: String?, answersFile: String?) throws(SuiteError) -> JSONValue {
        var groundTruth: [String: (line: Int, calls: [JSONValue])] = [:]
        if let answersText, let answersFile {
            for (line, json) in try lines(answersText, file: answersFile) {
                guard let id = json["id"]?.stringValue else { throw SuiteError(file: answersFile, line: line, column: 1, message: "an answer line needs a string \"id\"") }
                guard case .array(let calls)? = json["ground_truth"] else {
                    throw SuiteError(file: answersFile, line: line, column: 1, message: "answer \"\(id)\" needs \"ground_truth\": [{FUNCTION: {PARAM: [allowed values]}}]")
                }
                groundTruth[id] = (line, calls)
            }
        }
        var cases: [JSONValue] = []
        var categories: [String] = []
        var used = Set<String>()
        for (line, json) in try lines(questionsText, file: questionsFile) {
            func fail(_ message: String) -> SuiteError { SuiteError(file: questionsFile, line: line, column: 1, message: message) }
            guard let id = json["id"]?.stringValue else { throw fail("a question line needs a string \"id\"") }
            let category = category(of: id)
            if !categories.contains(category) { categories.append(category) }
            guard case .array(let functions)? = json["function"] else { throw fail("question \"\(id)\" needs \"function\": [ … ]") }
            let messages = try questionMessages(json["question"], id: id, fail: fail)
            let language: Language = category.hasSuffix("java") ? .java : category.hasSuffix("javascript") ? .javascript : .python
            var tools: [JSONValue] = []
            if !functions.isEmpty {
                guard let conversion = ToolDialect.convert(.array(functions)) else { throw fail("question \"\(id)\": \"function\" is not a list of functions") }
                tools = conversion.definitions.map { language == .python ? $0.raw : stringTyped($0.raw, language: language) }
            }
            var expect = JSONObject()
            if category.contains("irrelevance") {
                expect["no_call"] = true
            } else if category.contains("relevance") {
                expect["some_call"] = true
            } else {
                guard let answer = groundTruth[id] else {
                    if answersFile == nil { throw fail("question \"\(id)\" (\(category)) needs its possible_answer file: toolscope import-bfcl QUESTIONS ANSWERS") }
                    throw fail("no answer for \"\(id)\" in \(answersFile!)")
                }
                used.insert(id)
                var calls: [JSONValue] = []
                for (i, call) in answer.calls.enumerated() {
                    do throws(SchemaShapeError) {
                        calls.append(try expectedCall(call, functions: functions, language: language))
                    } catch {
                        throw SuiteError(file: answersFile!, line: answer.line, column: 1, message: "\(id): ground_truth[\(i)]: \(error.message)")
                    }
                }
                expect["calls"] = .array(calls)
            }
            var c: JSONObject = ["id": .string(id), "category": .string(category)]
            if messages.count == 1, messages[0]["role"] == "user", let text = messages[0]["content"]?.stringValue {
                c["prompt"] = .string(text)
            } else {
                c["messages"] = .array(messages)
            }
            c["tools"] = .array(tools)
            c["expect"] = .object(expect)
            cases.append(.object(c))
        }
        if let answersFile, let extra = groundTruth.filter({ !used.contains($0.key) }).min(by: { $0.value.line < $1.value.line }) {
            throw SuiteError(file: answersFile, line: extra.value.line, column: 1, message: "answer \"\(extra.key)\" has no question in \(questionsFile)")
        }
        return ["format": .string(Suite.formatName), "name": .string("BFCL " + categories.joined(separator: ", ")), "cases": .array(cases)]
    }

    enum Language { case python, java, javascript }

    /// BFCL v4 writes `[[message, …]]` (turns of messages); single-turn questions only.
    static func questionMessages(_ question: JSONValue?, id: String, fail: (String) -> SuiteError) throws(SuiteError) -> [JSONValue] {
        guard case .array(let outer)? = question, !outer.isEmpty else { throw fail("question \"\(id)\" needs \"question\": [[{\"role\": \"user\", \"content\": …}]]") }
        let turn: [JSONValue]
        if case .array(let first) = outer[0] {
            guard outer.count == 1 else { throw fail("question \"\(id)\" has \(outer.count) turns: multi-turn categories are not imported") }
            turn = first
        } else {
            turn = outer
        }
        for (i, m) in turn.enumerated() {
            do throws(SchemaShapeError) { _ = try Message(json: m, path: "/question/0/\(i)") } catch { throw fail("question \"\(id)\": \(error.description)") }
        }
        return turn
    }

    /// BFCL's Java/JavaScript pre-processing: every parameter is sent as a string, its
    /// language type named in the description.
    static func stringTyped(_ tool: JSONValue, language: Language) -> JSONValue {
        guard case .object(var o) = tool, case .object(var fn)? = o["function"], case .object(var params)? = fn["parameters"],
              case .object(let properties)? = params["properties"] else { return tool }
        var converted = JSONObject()
        let languageName = language == .java ? "Java" : "JavaScript"
        for (name, schema) in properties {
            guard case .object(var s) = schema else { converted[name] = schema; continue }
            let original = s["type"]?.stringValue ?? "any"
            s["type"] = "string"
            s.removeValue(forKey: "items")
            let note = "This is \(languageName) \(original) type parameter in string representation."
            s["description"] = .string([s["description"]?.stringValue, note].compactMap { $0 }.joined(separator: " "))
            converted[name] = .object(s)
        }
        params["properties"] = .object(converted)
        fn["parameters"] = .object(params)
        o["function"] = .object(fn)
        return .object(o)
    }

    /// One `{FUNCTION: {PARAM: [allowed…]}}` as an expected call in suite JSON.
    static func expectedCall(_ call: JSONValue, functions: [JSONValue], language: Language) throws(SchemaShapeError) -> JSONValue {
        guard case .object(let o) = call, o.count == 1, let (name, paramsValue) = o.elements.first, case .object(let params) = paramsValue else {
            throw SchemaShapeError(path: "", message: "each ground truth entry must be {FUNCTION: {PARAM: [allowed values]}}")
        }
        let function = functions.first { $0["name"]?.stringValue == name }
        let properties = function?["parameters"]?["properties"]?.objectValue ?? [:]
        let required = Set(function?["parameters"]?["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        var arguments = OrderedDictionary<String, ArgumentMatcher>()
        for (param, allowedValue) in params {
            guard case .array(let allowed) = allowedValue else {
                throw SchemaShapeError(path: "", message: "\(name).\(param): allowed values must be a list")
            }
            let schema = properties[param]
            var alternatives: [ArgumentMatcher] = []
            var omittable = false
            for v in allowed {
                if v == .string("") { omittable = true; continue }
                alternatives += try alternativesFor(v, schema: schema, language: language)
            }
            if required.contains(param) { omittable = false }
            // Only "" listed: omitted if optional; if required, BFCL accepts nothing but "" itself.
            let matcher: ArgumentMatcher = alternatives.isEmpty ? (omittable ? .absent : .equals("")) : .oneOf(alternatives, omittable: omittable)
            arguments[param] = .normalized(.bfclStandard, matcher)
        }
        // A parameter the function declares but the answer does not list may not be sent:
        // BFCL fails "unexpected parameter" for it, which extra_arguments: fail does.
        return CallExpectation(name: name, arguments: arguments).suiteJSON
    }

    /// The matchers one allowed value stands for, by the parameter's BFCL type.
    static func alternativesFor(_ v: JSONValue, schema: JSONValue?, language: Language) throws(SchemaShapeError) -> [ArgumentMatcher] {
        let type = schema?["type"]?.stringValue
        let itemType = schema?["items"]?["type"]?.stringValue
        var out: [ArgumentMatcher]
        if case .object(let dict) = v, type == "dict" || type == nil {
            out = [try dictMatcher(dict)]
        } else if case .array(let items) = v, itemType == "dict", items.allSatisfy({ $0.objectValue != nil }) {
            out = [.array(try items.map { (item) throws(SchemaShapeError) -> ArgumentMatcher in try dictMatcher(item.objectValue!) })]
        } else {
            out = [.equals(v)]
        }
        if language != .python {
            switch v {
            case .bool(let b): out.append(.equals(.string(b ? "true" : "false")))
            case .number, .bigInteger: out.append(.equals(.string(v.compact)))
            default: break
            }
        }
        return out
    }

    /// A possible dictionary: each key's allowed values, no other key (BFCL's dict_checker).
    static func dictMatcher(_ dict: JSONObject) throws(SchemaShapeError) -> ArgumentMatcher {
        var members = OrderedDictionary<String, ArgumentMatcher>()
        for (k, allowedValue) in dict {
            guard case .array(let allowed) = allowedValue else {
                // Not in BFCL's nested form: the value itself.
                members[k] = .equals(allowedValue)
                continue
            }
            let omittable = allowed.contains(.string(""))
            members[k] = .oneOf(allowed.filter { $0 != .string("") }.map { .equals($0) }, omittable: omittable)
        }
        return .object(members)
    }
}
