import ArgumentParser
import Foundation
import ToolscopeEngine
import ToolscopeExternalTools

/// `toolscope replay FILE`: plays a saved session's assistant turns, runs the tools again and
/// reports every tool result that differs from the recording.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a saved session, re-executing its tools, and report differing tool results.",
        discussion: "Exit codes: 0 replayed (with --check: and identical), 1 with --check when any tool result differs, 2 bad input.")

    @Argument(help: "The session file to replay.")
    var file: String

    @Flag(name: .long, help: "Exit 1 when any re-executed tool result differs from the recording, printing a diff.")
    var check = false

    @Flag(name: .long, help: "Print trace events as JSON lines.")
    var json = false

    @Flag(name: .long, help: "Print only the summary and differences, not the trace.")
    var quiet = false

    @Option(name: .long, help: "Save the replayed session to this file.")
    var save: String?

    @Flag(name: .long, help: "Trust this session file: enable its python, command and MCP bindings.")
    var trust = false

    func run() throws {
        let recording: Session
        do {
            recording = try SessionFile.load(path: file)
        } catch {
            throw CLIExit.fail(error.description)
        }
        try SessionSetup.checkSaveTarget(save, loadedFrom: file)
        let external = ExternalTools()
        defer { external.shutdown() }
        let trusted = try TrustDecision.decide(sessionPath: file, session: recording, trustFlag: trust)
        let registry = ToolRegistry(tools: recording.tools, context: SessionSetup.context(for: recording, sessionPath: file),
                                    external: external, trusted: trusted, manual: StdinManualResultProvider())
        let printer = TracePrinter(style: json ? .jsonLines : .readable)
        let quiet = self.quiet
        let report = SessionReplayer(recording: recording).run(registry: registry) { event in
            if !quiet { printer.handle(event) }
        }
        if let save {
            do { try SessionFile.save(report.session, to: save) } catch { throw CLIExit.fail(error.description) }
        }
        let turns = recording.messages.filter { $0.role == .user }.count
        for problem in report.problems { Console.out("✗ \(problem)\n") }
        if report.differences.isEmpty {
            Console.out("replayed \(turns) turn\(turns == 1 ? "" : "s"), \(report.toolCalls) tool call\(report.toolCalls == 1 ? "" : "s"): every tool result matches the recording\n")
        } else {
            Console.out("replayed \(turns) turn\(turns == 1 ? "" : "s"), \(report.toolCalls) tool calls: \(report.differences.count) result\(report.differences.count == 1 ? " differs" : "s differ") from the recording\n")
            for difference in report.differences { Console.out(Sanitizer.clean(difference.diffText)) }
        }
        if check && !report.isClean { throw ExitCode(CLIExit.unanswered) }
    }
}
