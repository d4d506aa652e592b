import ArgumentParser
import Foundation
import ToolscopeEngine

/// `toolscope lint FILE`: checks tool definitions (a tools array, one tool, or a session)
/// against OpenAI's rules and good practice, and estimates what they cost per request.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint tool definitions in any dialect (OpenAI, legacy functions, BFCL, Anthropic, Gemini, MCP) or a session file.",
        discussion: """
            Prints one `FILE:LINE:COLUMN: severity: POINTER: message` line per finding (POINTER is a JSON pointer
            into the file as written), then a summary with the estimated tokens the definitions add to every request
            (an estimate; see docs/lint.md). Tools in another dialect are converted to OpenAI form first; stderr says
            which dialect was read. `--fix` prints one note per change and a unified diff from the file to the converted
            OpenAI tools, and writes nothing; `--fix --write` replaces the file with them.
            Exit codes: 0 clean, 1 warnings only, 2 errors (including an unreadable or invalid JSON file).
            """)

    @Argument(help: "The JSON file to lint.")
    var file: String

    @Flag(help: "Show the conversion to OpenAI format as a unified diff instead of linting; writes nothing without --write.")
    var fix = false

    @Flag(help: "With --fix: replace the file with the converted OpenAI tools (atomically).")
    var write = false

    func run() throws {
        if write && !fix { throw CLIExit.fail("--write only goes with --fix") }
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw CLIExit.fail("\(file): cannot read (\(FileManager.default.fileExists(atPath: file) ? "not UTF-8 text or not readable" : "no such file"))")
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(text)
        } catch {
            Console.out("\(file):\(error.line):\(error.column): error: invalid JSON: \(error.message)\n")
            throw ExitCode(CLIExit.badInput)
        }
        let conversion = ToolDialect.convert(document).flatMap { $0.dialect == .openAI ? nil : $0 }
        if fix { return try runFix(conversion, text: text, document: document) }
        let findings: [LintFinding]
        let tools: [ToolDefinition]
        if let conversion {
            Console.err("\(file): read as \(conversion.dialect.rawValue); linting the \(conversion.tools.count) tool\(conversion.tools.count == 1 ? "" : "s") converted to OpenAI form (see `toolscope lint --fix`)\n")
            findings = ToolLinter.lint(conversion.definitions).map {
                LintFinding(path: conversion.originalPointer(for: $0.path), severity: $0.severity, message: $0.message, rule: $0.rule)
            }
            tools = conversion.definitions
        } else {
            findings = ToolLinter.lint(document: document)
            tools = Self.definitions(in: document)
        }
        for finding in findings {
            let at = Self.position(of: finding.path, in: text)
            Console.out("\(file):\(at.line):\(at.column): \(finding.severity.rawValue): \(finding.path.isEmpty ? "/" : finding.path): \(finding.message)\n")
        }
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.count - errors
        var summary = "\(tools.count) tool\(tools.count == 1 ? "" : "s"): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        if !tools.isEmpty {
            let perTool = tools.map { "\($0.name) ≈\(TokenEstimator.estimate($0))" }.joined(separator: ", ")
            summary += "; estimated tokens added to every request ≈\(TokenEstimator.estimate(tools)) (\(perTool); an estimate)"
        }
        Console.err(summary + "\n")
        if errors > 0 { throw ExitCode(CLIExit.badInput) }
        if warnings > 0 { throw ExitCode(CLIExit.unanswered) }
    }

    /// `--fix`: shows as a unified diff (or with `--write`, writes) the OpenAI form of a file in
    /// another dialect.
    private func runFix(_ conversion: ToolDialectConversion?, text: String, document: JSONValue) throws {
        guard let conversion else {
            Console.err("\(file): already OpenAI tools (or a session); nothing to convert\n")
            return
        }
        let converted = JSONPrinter.print(conversion.openAITools, pretty: true) + "\n"
        if write {
            do {
                try SessionFile.writeAtomically(converted, to: file)
            } catch {
                throw CLIExit.fail("\(file): cannot write (\(error.message))")
            }
            Console.err("\(file): read as \(conversion.dialect.rawValue); wrote \(conversion.tools.count) OpenAI tool\(conversion.tools.count == 1 ? "" : "s") to \(file) (\(conversion.notes.count) change\(conversion.notes.count == 1 ? "" : "s"))\n")
            return
        }
        Console.out("# \(file): read as \(conversion.dialect.rawValue); the OpenAI tools as a diff (nothing written; add --write)\n")
        for note in conversion.notes { Console.out("# \(note)\n") }
        Console.out(Self.diff(original: text, document: document, converted: converted, file: file))
    }

    /// The unified diff from the file to `converted`. A file written in another layout (one
    /// line, tabs) is compared in toolscope's own indentation, so the diff shows what the
    /// conversion changes rather than every line; the header says so.
    static func diff(original text: String, document: JSONValue, converted: String, file: String) -> String {
        let pretty = JSONPrinter.print(document, pretty: true) + "\n"
        let sameLayout = pretty == text || pretty == text + "\n"
        // git's a/ b/ prefixes, without doubling the slash of an absolute path.
        let name = file.hasPrefix("/") ? String(file.dropFirst()) : file
        let oldName = sameLayout ? "a/\(name)" : "a/\(name) (re-indented)"
        return UnifiedDiff.text(old: sameLayout ? text : pretty, new: converted, oldName: oldName, newName: "b/\(name) (OpenAI tools)")
    }

    /// Where `pointer` is written in `text`; a pointer to something the file lacks (a missing
    /// `required` entry's parent, a converted-away key) falls back to its nearest written ancestor.
    static func position(of pointer: String, in text: String) -> (line: Int, column: Int) {
        var segments = JSONPointer.segments(pointer) ?? []
        while true {
            let candidate = segments.map { "/" + JSONPointer.escape($0) }.joined()
            if let at = JSONPointerLocator.position(of: candidate, in: text) { return at }
            if segments.isEmpty { return (1, 1) }
            segments.removeLast()
        }
    }

    /// The definitions in any of the three accepted shapes, for the token estimate.
    static func definitions(in document: JSONValue) -> [ToolDefinition] {
        func tool(_ v: JSONValue) -> ToolDefinition? {
            guard case .object(var o) = ToolDefinition.normalized(v) else { return nil }
            o.removeValue(forKey: "binding")
            o.removeValue(forKey: "enabled")
            let d = ToolDefinition(raw: .object(o))
            return d.name.isEmpty ? nil : d
        }
        if let array = document.arrayValue { return array.compactMap(tool) }
        if document["format"] != nil, let array = document["tools"]?.arrayValue { return array.compactMap(tool) }
        return tool(document).map { [$0] } ?? []
    }
}
