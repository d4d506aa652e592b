import ArgumentParser
import Foundation
import Logging
import ToolscopeEngine

/// The `toolscope` command: the workbench by default, and a headless companion for scripts and CI.
@main
struct Toolscope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toolscope",
        abstract: "A terminal workbench for LLM function calling: watch the tool loop, edit and try tool schemas, replay sessions.",
        discussion: """
            With no subcommand, opens the workbench on the embedded demo (scripted model, built-in tools; no API key needed).

            Exit codes (headless commands):
              0  success (the turn was answered; replay matched; lint clean)
              1  the turn ended without an answer (max rounds, repeated call); replay --check diverged; lint warnings
              2  bad input: unreadable or invalid session/script/tools file, bad option; lint errors;
                 run/replay of an untrusted session that binds code (see `toolscope audit FILE`)
              3  the model provider failed (HTTP error, connection, timeout, truncated stream)
              130 cancelled with Ctrl-C

            Set TOOLSCOPE_LOG=FILE to log what toolscope does to a file (it never logs to the terminal).
            """,
        version: "0.1.0",
        subcommands: [
            WorkbenchCommand.self,
            RunCommand.self,
            ReplayCommand.self,
            LintCommand.self,
            ValidateCommand.self,
            ImportPythonCommand.self,
            AuditCommand.self,
            ConvertCommand.self,
            ExportCommand.self,
            EvalCommand.self, ImportBFCLCommand.self,
            CaseFromSessionCommand.self,
        ],
        defaultSubcommand: WorkbenchCommand.self
    )

    /// Logging goes to the file named by TOOLSCOPE_LOG, or nowhere: never to the terminal,
    /// which belongs to the workbench (swift-log's default would write to stderr).
    static func main() {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["TOOLSCOPE_LOG"], !path.isEmpty, let factory = FileLogHandler.makeFactory(path: path, level: .debug) {
            LoggingSystem.bootstrap(factory)
        } else {
            LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
        }
        Self.main(nil)
    }
}
