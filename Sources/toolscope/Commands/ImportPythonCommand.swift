import ArgumentParser
import Foundation
import ToolscopeEngine
import ToolscopeExternalTools

/// `toolscope import-python FILE`: tool definitions generated from a Python file's function
/// signatures, type hints and docstrings; printed as a tools array, or added to a session
/// bound to their functions.
struct ImportPythonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-python",
        abstract: "Generate tool definitions from Python functions (signatures, type hints, docstrings).",
        discussion: """
            Without --session, prints the tools array as JSON on stdout. With --session, adds the tools (bound to
            their functions) to that session file, replacing tools of the same name, and creates the file if needed.
            What the generator could not express and what the linter finds go to stderr.
            The file is imported by Python to read it, so its top-level code runs. See docs/bindings.md.
            Exit codes: 0 done, 1 done with lint warnings or notes, 2 bad input.
            """)

    @Argument(help: "A Python file (module.py) or a dotted module name importable from the current directory.")
    var file: String

    @Option(name: .long, help: "Only this function (default: every public function defined in the file).")
    var function: String?

    @Option(name: .long, help: "Add the tools to this session file instead of printing them.")
    var session: String?

    @Option(name: .long, help: "Python interpreter that will run the functions (e.g. .venv/bin/python).")
    var interpreter: String = "python3"

    func run() throws {
        let external = ExternalTools()
        defer { external.shutdown() }
        let cwd = FileManager.default.currentDirectoryPath
        let sessionPath = session.map { $0.hasPrefix("/") ? $0 : cwd + "/" + $0 }
        let base = sessionPath.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } ?? cwd
        let modulePath = file.hasSuffix(".py") && !file.hasPrefix("/") ? cwd + "/" + file : file
        let interpreterPath = interpreter.contains("/") && !interpreter.hasPrefix("/") ? cwd + "/" + interpreter : interpreter

        let imported: PythonImport
        do {
            imported = try external.importPython(file: modulePath, function: function, interpreter: interpreterPath,
                                                 session: SessionContext(baseDirectory: base))
        } catch {
            throw CLIExit.fail(error.description)
        }
        for note in imported.notes { Console.err("note: \(note)\n") }
        let findings = ToolLinter.lint(imported.tools.map(\.definition))
        for finding in findings { Console.err("lint: \(finding)\n") }

        if let sessionPath {
            try addToSession(imported.tools, path: sessionPath)
        } else {
            Console.out(imported.definitionsJSON.pretty + "\n")
        }
        if findings.contains(where: { $0.severity == .error }) { throw ExitCode(CLIExit.badInput) }
        if !findings.isEmpty || !imported.notes.isEmpty { throw ExitCode(CLIExit.unanswered) }
    }

    /// Adds or replaces tools by name. A new session, or one already trusted, stays trusted:
    /// the user just chose these bindings. An untrusted one stays untrusted.
    private func addToSession(_ tools: [SessionTool], path: String) throws {
        let exists = FileManager.default.fileExists(atPath: path)
        var target: Session
        if exists {
            do { target = try SessionFile.load(path: path) } catch { throw CLIExit.fail(error.description) }
        } else {
            target = Session(title: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
        }
        let keepTrust = !exists || TrustStore.isTrusted(path: path)
        for tool in tools {
            if let index = target.tools.firstIndex(where: { $0.name == tool.name }) {
                target.tools[index] = tool
            } else {
                target.tools.append(tool)
            }
        }
        do { try SessionFile.save(target, to: path) } catch { throw CLIExit.fail(error.description) }
        if keepTrust {
            do { try TrustStore.trust(path: path) } catch { Console.err("toolscope: warning: could not remember trust for \(path): \(error)\n") }
        }
        Console.err("added \(tools.count) tool\(tools.count == 1 ? "" : "s") to \(path): \(tools.map(\.name).joined(separator: ", "))"
                    + (keepTrust ? "\n" : " (the session is not trusted; run it with --trust to enable them)\n"))
    }
}
