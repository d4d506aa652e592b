import Foundation
import ToolscopeEngine

/// Reads suites strictly: unknown keys, wrong types, duplicate ids and bad matchers are
/// errors naming file:line:column, because a suite that loads "mostly" silently tests less.
///
/// A `.jsonl` file holds one case per line; its first line may instead be a header object
/// with `"format"` and the suite-level keys (`name`, `tools`, `defaults`).
public enum SuiteLoader {
    static let suiteKeys = ["format", "name", "tools", "defaults", "cases"]
    static let headerKeys = ["format", "name", "tools", "defaults"]
    static let defaultsKeys = ["system", "expect", "mocks", "category"]
    static let caseKeys = ["id", "prompt", "messages", "system", "tools", "mocks", "expect", "category", "note"]

    public static func load(path: String) throws(SuiteError) -> Suite {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw SuiteError(file: path, message: "cannot read: \(error.localizedDescription)")
        }
        return try parse(text, file: path, jsonLines: path.hasSuffix(".jsonl"))
    }

    public static func parse(_ text: String, file: String, jsonLines: Bool) throws(SuiteError) -> Suite {
        jsonLines ? try parseLines(text, file: file) : try parseDocument(text, file: file)
    }

    /// What the suite-level keys say, shared by both file forms.
    struct Header {
        var name: String?
        var tools: [ToolDefinition] = []
        var defaults = Defaults()
    }

    struct Defaults {
        var system: String?
        var expect: JSONObject = [:]
        var mocks: OrderedDictionary<String, JSONValue> = [:]
        var category: String?
    }

    static func parseDocument(_ text: String, file: String) throws(SuiteError) -> Suite {
        let json: JSONValue
        do { json = try JSONParser.parse(text) } catch {
            throw SuiteError(file: file, line: error.line, column: error.column, message: "invalid JSON: \(error.message)")
        }
        func place(_ e: SchemaShapeError) -> SuiteError { located(e, in: text, file: file, lineOffset: 0) }
        do throws(SchemaShapeError) {
            let f = try JSONFields(json, path: "", what: "a suite")
            if let found = try f.string("format"), found != Suite.formatName {
                throw SchemaShapeError(path: "/format", message: "unknown format \"\(found)\"; expected \"\(Suite.formatName)\"")
            } else if f.value("format") == nil {
                throw SchemaShapeError(path: "", message: "not a toolscope suite: add \"format\": \"\(Suite.formatName)\" (see docs/experiments.md)")
            }
            try f.refuseUnknown(suiteKeys, what: "a suite")
            let header = try readHeader(f)
            guard let items = try f.array("cases", expected: "an array of cases") else {
                throw SchemaShapeError(path: "", message: "a suite needs \"cases\": [ … ]")
            }
            var cases: [Case] = []
            var seen: [String: Int] = [:]
            let lines = JSONPointerLocator.elementLines(ofArrayAt: "/cases", in: text)
            for (i, item) in items.enumerated() {
                let path = JSONPointer.appending("/cases", i)
                var c = try readCase(item, path: path, header: header)
                if let first = seen[c.id] {
                    throw SchemaShapeError(path: JSONPointer.appending(path, "id"), message: "duplicate case id \"\(c.id)\" (first used by case #\(first + 1))")
                }
                seen[c.id] = i
                let line = lines.flatMap { i < $0.count ? $0[i] : nil }
                c.location = line.map { "\(file):\($0)" } ?? file
                cases.append(c)
            }
            return Suite(name: header.name, path: file, tools: header.tools, cases: cases)
        } catch {
            throw place(error)
        }
    }

    static func parseLines(_ text: String, file: String) throws(SuiteError) -> Suite {
        var header = Header()
        var cases: [Case] = []
        var seen: [String: Int] = [:]
        var sawContent = false
        for (n, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = n + 1
            let line = String(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine)
            if line.allSatisfy(\.isWhitespace) { continue }
            let json: JSONValue
            do { json = try JSONParser.parse(line) } catch {
                throw SuiteError(file: file, line: lineNumber, column: error.column, message: "invalid JSON: \(error.message)")
            }
            do throws(SchemaShapeError) {
                let f = try JSONFields(json, path: "", what: "a line of a .jsonl suite (a case, or a first-line header)")
                if f.object["format"] != nil {
                    guard !sawContent else { throw SchemaShapeError(path: "/format", message: "only the first line may be a suite header (with \"format\")") }
                    let found = try f.requiredString("format", owner: "a suite header")
                    guard found == Suite.formatName else {
                        throw SchemaShapeError(path: "/format", message: "unknown format \"\(found)\"; expected \"\(Suite.formatName)\"")
                    }
                    try f.refuseUnknown(headerKeys, what: "a suite header")
                    header = try readHeader(f)
                } else {
                    var c = try readCase(json, path: "", header: header)
                    if let first = seen[c.id] {
                        throw SchemaShapeError(path: "/id", message: "duplicate case id \"\(c.id)\" (first used on line \(first))")
                    }
                    seen[c.id] = lineNumber
                    c.location = "\(file):\(lineNumber)"
                    cases.append(c)
                }
                sawContent = true
            } catch {
                throw located(error, in: line, file: file, lineOffset: n)
            }
        }
        return Suite(name: header.name, path: file, tools: header.tools, cases: cases)
    }

    /// A shape error placed at its line and column (a pointer that cannot be found in the text
    /// falls back to its closest parent that can).
    static func located(_ error: SchemaShapeError, in text: String, file: String, lineOffset: Int) -> SuiteError {
        var pointer = error.path
        while true {
            if let position = JSONPointerLocator.position(of: pointer, in: text) {
                return SuiteError(file: file, line: position.line + lineOffset, column: position.column, message: error.description)
            }
            guard let slash = pointer.lastIndex(of: "/") else { break }
            pointer = String(pointer[..<slash])
        }
        return SuiteError(file: file, line: lineOffset + 1, column: 1, message: error.description)
    }

    static func readHeader(_ f: JSONFields) throws(SchemaShapeError) -> Header {
        var header = Header()
        header.name = try f.string("name")
        if let tools = try f.array("tools", expected: "an array of tool definitions") {
            header.tools = try readTools(tools, path: f.pointer("tools"))
            var names = Set<String>()
            for (i, tool) in header.tools.enumerated() where !names.insert(tool.name).inserted {
                throw SchemaShapeError(path: JSONPointer.appending(f.pointer("tools"), i), message: "duplicate tool name \"\(tool.name)\"")
            }
        }
        if let d = f.value("defaults") {
            let df = try JSONFields(d, path: f.pointer("defaults"), what: "defaults")
            try df.refuseUnknown(defaultsKeys, what: "defaults")
            header.defaults.system = try df.string("system")
            header.defaults.category = try df.string("category")
            if let expect = try df.object("expect") {
                _ = try Expectation(suiteJSON: .object(expect), path: df.pointer("expect"))  // report mistakes where they are written
                header.defaults.expect = expect
            }
            header.defaults.mocks = try df.object("mocks", expected: "an object of tool name → result") ?? [:]
        }
        return header
    }

    static func readTools(_ items: [JSONValue], path: String) throws(SchemaShapeError) -> [ToolDefinition] {
        var out: [ToolDefinition] = []
        for (i, item) in items.enumerated() {
            let p = JSONPointer.appending(path, i)
            guard case .object = item else {
                throw SchemaShapeError(path: p, message: "a tool definition must be an object like {\"type\": \"function\", \"function\": {\"name\": …}}, not \(item.kindDescription)")
            }
            let tool = ToolDefinition(raw: ToolDefinition.normalized(item))
            guard !tool.name.isEmpty else { throw SchemaShapeError(path: p, message: "a tool definition needs a function name") }
            out.append(tool)
        }
        return out
    }

    static func readCase(_ json: JSONValue, path: String, header: Header) throws(SchemaShapeError) -> Case {
        let f = try JSONFields(json, path: path, what: "a case")
        try f.refuseUnknown(caseKeys, what: "a case")
        let id = try f.requiredString("id", owner: "a case")
        guard !id.isEmpty else { throw SchemaShapeError(path: f.pointer("id"), message: "a case id must not be empty") }

        var messages: [Message] = []
        if let system = try f.string("system") ?? header.defaults.system { messages.append(.system(system)) }
        switch (try f.string("prompt"), try f.array("messages", expected: "an array of messages")) {
        case (let prompt?, nil):
            messages.append(.user(prompt))
        case (nil, let items?):
            guard !items.isEmpty else { throw SchemaShapeError(path: f.pointer("messages"), message: "messages must not be empty") }
            for (i, item) in items.enumerated() {
                messages.append(try Message(json: item, path: JSONPointer.appending(f.pointer("messages"), i)))
            }
        case (.some, .some):
            throw SchemaShapeError(path: f.pointer("messages"), message: "a case has either \"prompt\" or \"messages\", not both")
        case (nil, nil):
            throw SchemaShapeError(path: path, message: "case \"\(id)\" needs \"prompt\": \"…\" or \"messages\": [ … ]")
        }

        var toolNames: [String]?
        var ownTools: [ToolDefinition] = []
        if let items = try f.array("tools", expected: "an array of tool names or tool definitions") {
            var names: [String] = []
            for (i, item) in items.enumerated() {
                let p = JSONPointer.appending(f.pointer("tools"), i)
                switch item {
                case .string(let name):
                    if !header.tools.isEmpty, !header.tools.contains(where: { $0.name == name }) {
                        throw SchemaShapeError(path: p, message: "no tool \"\(name)\" in the suite's tools (\(header.tools.map(\.name).joined(separator: ", ")))")
                    }
                    names.append(name)
                case .object:
                    ownTools += try readTools([item], path: p)
                default:
                    throw SchemaShapeError(path: p, message: "a tool is a name (string) or a definition (object), not \(item.kindDescription)")
                }
            }
            toolNames = names.isEmpty && !ownTools.isEmpty ? nil : names
        }

        var mocks = header.defaults.mocks
        if let own = try f.object("mocks", expected: "an object of tool name → result") {
            for (k, v) in own { mocks[k] = v }
        }

        // The case's expect overrides the defaults key by key.
        var expectObject = header.defaults.expect
        if let own = try f.object("expect") { for (k, v) in own { expectObject[k] = v } }
        let expectation = try Expectation(suiteJSON: .object(expectObject), path: f.object["expect"] == nil ? path : f.pointer("expect"))
        _ = try f.string("note")
        return Case(id: id, messages: messages, toolNames: toolNames, ownTools: ownTools, mocks: mocks,
                    expectation: expectation, category: try f.string("category") ?? header.defaults.category)
    }
}
