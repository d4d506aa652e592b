import ArgumentParser
import Foundation
import ToolscopeEngine

/// `toolscope lint FILE`: checks tool definitions (a tools array, one tool, or a session)
/// against OpenAI's rules and good practice, and estimates what they cost per request.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint tool definitions: a tools array, a single tool, or a session file.",
        discussion: """
            Prints one `path: severity: message` line per finding (path is a JSON pointer into the file),
            then a summary with the estimated tokens the definitions add to every request (an estimate; see docs/lint.md).
            Exit codes: 0 clean, 1 warnings only, 2 errors (including an unreadable or invalid JSON file).
            """)

    @Argument(help: "The JSON file to lint.")
    var file: String

    func run() throws {
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
        let findings = ToolLinter.lint(document: document)
        for finding in findings {
            let at = JSONPointerLocator.position(of: finding.path, in: text).map { " (line \($0.line), column \($0.column))" } ?? ""
            Console.out("\(finding.path.isEmpty ? "/" : finding.path): \(finding.severity.rawValue): \(finding.message)\(at)\n")
        }
        let tools = Self.definitions(in: document)
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
