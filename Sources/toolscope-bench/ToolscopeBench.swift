import ArgumentParser
import Logging

/// `toolscope-bench`: the benchmarks behind BENCHMARKS.md, a program of their own so that the
/// user's `toolscope --help` lists only what a user runs. Each subcommand keeps the name and
/// flags it had as a `toolscope` subcommand.
@main
struct ToolscopeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toolscope-bench",
        abstract: "Benchmarks of toolscope: engine, tool bindings, HTTP client, workbench and scoring (see BENCHMARKS.md).",
        version: "0.1.0",
        subcommands: [
            BenchEngineCommand.self,
            BenchBindingsCommand.self,
            BenchClientCommand.self,
            BenchTUICommand.self,
            BenchScoreCommand.self,
        ]
    )

    /// Nothing is logged: swift-log's default handler would write to stderr, in the middle of
    /// the figures (and bench-tui's child workbench owns its terminal).
    static func main() {
        LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
        Self.main(nil)
    }
}
