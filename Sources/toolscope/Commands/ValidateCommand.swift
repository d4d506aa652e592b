import ArgumentParser
import Foundation
import ToolscopeEngine

/// `toolscope validate SCHEMA INSTANCE...`: checks recorded arguments (or any JSON) against a
/// JSON Schema or a tool's `parameters`, one verdict per instance, for CI.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate JSON instances against a JSON Schema, or against a tool's parameters.",
        discussion: """
            SCHEMA is a JSON Schema file, or a tools/session file (or one tool) with --tool NAME. \
            Each INSTANCE is a JSON file, or JSON Lines (one instance per line) when it ends in .jsonl \
            or --jsonl is given; - reads standard input.

            Prints `instance: valid` or `instance: invalid` per instance (instance is `file` or `file:line`), \
            then one `/pointer: message` line per violation and `note: …` for anything not checked.

            Exit codes: 0 all valid, 1 some invalid, 2 bad input (unreadable file, invalid JSON, unknown tool). \
            See docs/validate.md.
            """)

    @Argument(help: "The JSON Schema file, or a tools/session file with --tool.")
    var schema: String

    @Argument(help: "JSON or JSON Lines files holding the instances to check (- for standard input).")
    var instances: [String]

    @Option(help: "The tool whose parameters are the schema, when SCHEMA is a tools or session file.")
    var tool: String?

    @Flag(help: "Read every instance file as JSON Lines, one instance per line.")
    var jsonl = false

    @Flag(help: "Print one JSON object per instance instead of text.")
    var json = false

    func validate() throws {
        if instances.isEmpty { throw ValidationError("give at least one instance file (or - for standard input)") }
    }

    func run() throws {
        let schemaValue = try Self.loadSchema(schema, tool: tool)
        var invalid = 0
        var valid = 0
        var badInput = 0
        for source in instances {
            for item in readInstances(source) {
                switch item.value {
                case .failure(let failure):
                    badInput += 1
                    if json {
                        Console.out(JSONValue.object(["instance": .string(item.label), "error": .string(failure.message)]).compact + "\n")
                    } else {
                        Console.out("\(failure.message)\n")
                    }
                case .success(let value):
                    let outcome = SchemaValidator.check(value, schema: schemaValue)
                    if outcome.isValid { valid += 1 } else { invalid += 1 }
                    print(item.label, outcome)
                }
            }
        }
        let total = valid + invalid + badInput
        var summary = "\(total) instance\(total == 1 ? "" : "s"): \(valid) valid, \(invalid) invalid"
        if badInput > 0 { summary += ", \(badInput) unreadable" }
        Console.err(summary + "\n")
        if badInput > 0 { throw ExitCode(CLIExit.badInput) }
        if invalid > 0 { throw ExitCode(1) }
    }

    private func print(_ label: String, _ outcome: SchemaValidator.Outcome) {
        func pointer(_ path: String) -> String { path.isEmpty ? "/" : path }
        if json {
            func list(_ items: [SchemaViolation]) -> JSONValue {
                .array(items.map { .object(["path": .string($0.path), "message": .string($0.message)]) })
            }
            let line: JSONValue = .object(["instance": .string(label), "valid": .bool(outcome.isValid),
                                           "violations": list(outcome.violations), "notes": list(outcome.notes)])
            Console.out(line.compact + "\n")
            return
        }
        var text = "\(label): \(outcome.isValid ? "valid" : "invalid")\n"
        for violation in outcome.violations { text += "  \(pointer(violation.path)): \(violation.message)\n" }
        for note in outcome.notes { text += "  note: \(pointer(note.path)): \(note.message)\n" }
        Console.out(text)
    }

    /// One instance to check, or why it could not be read, named `file` or `file:line`.
    struct Instance {
        var label: String
        var value: Result<JSONValue, Failure>
    }

    struct Failure: Error { var message: String }

    private func readInstances(_ source: String) -> [Instance] {
        let name = source == "-" ? "stdin" : source
        let text: String
        do {
            text = try Self.readText(source)
        } catch {
            return [Instance(label: name, value: .failure(Failure(message: "\(name): error: \(error.message)")))]
        }
        let lines = jsonl || source.hasSuffix(".jsonl")
        if !lines {
            do {
                return [Instance(label: name, value: .success(try JSONParser.parse(text)))]
            } catch {
                return [Instance(label: name, value: .failure(Failure(message: "\(name):\(error.line):\(error.column): error: invalid JSON: \(error.message)")))]
            }
        }
        var out: [Instance] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let body = line.hasSuffix("\r") ? line.dropLast() : line
            guard !body.allSatisfy({ $0 == " " || $0 == "\t" }) else { continue }
            let label = "\(name):\(offset + 1)"
            do {
                out.append(Instance(label: label, value: .success(try JSONParser.parse(String(body)))))
            } catch {
                // In JSON Lines a value is one line, so the error's column is on this line.
                out.append(Instance(label: label, value: .failure(Failure(message: "\(name):\(offset + 1):\(error.column): error: invalid JSON: \(error.message)"))))
            }
        }
        if out.isEmpty {
            out.append(Instance(label: name, value: .failure(Failure(message: "\(name): error: no instances (the JSON Lines input is empty)"))))
        }
        return out
    }

    static func readText(_ source: String) throws(Failure) -> String {
        if source == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard let text = String(data: data, encoding: .utf8) else { throw Failure(message: "standard input is not UTF-8 text") }
            return text
        }
        guard let data = FileManager.default.contents(atPath: source) else {
            throw Failure(message: FileManager.default.fileExists(atPath: source) ? "cannot read the file" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw Failure(message: "not UTF-8 text") }
        return text
    }

    /// The schema in `path`: the document itself, or the `parameters` of the tool named `tool`
    /// in a tools array, a session or a single tool.
    static func loadSchema(_ path: String, tool: String?) throws -> JSONValue {
        let text: String
        do {
            text = try readText(path)
        } catch {
            throw CLIExit.fail("\(path): \(error.message)")
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(text)
        } catch {
            throw CLIExit.fail("\(path):\(error.line):\(error.column): invalid JSON: \(error.message)")
        }
        let isToolFile = document.arrayValue != nil || document["format"] != nil || document["function"] != nil
        guard let tool else {
            guard isToolFile else { return document }
            let tools = LintCommand.definitions(in: document)
            if document["function"] != nil, let only = tools.first, tools.count == 1 { return only.parameters ?? ["type": "object"] }
            throw CLIExit.fail("\(path) holds tool definitions, not a schema; choose one with --tool NAME (tools: \(tools.map(\.name).joined(separator: ", ")))")
        }
        guard isToolFile || document["name"] != nil else {
            throw CLIExit.fail("\(path) is not a tools array, a session or a tool, so --tool \(tool) has nothing to pick from")
        }
        let tools = LintCommand.definitions(in: document)
        guard let definition = tools.first(where: { $0.name == tool }) else {
            throw CLIExit.fail("\(path) has no tool named \(JSONPrinter.quoted(tool)) (tools: \(tools.map(\.name).joined(separator: ", ")))")
        }
        return definition.parameters ?? ["type": "object"]
    }
}
