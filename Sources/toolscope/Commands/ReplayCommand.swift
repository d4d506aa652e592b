import ArgumentParser
import Foundation
import ToolscopeDemo
import ToolscopeEngine
import ToolscopeExternalTools

/// `toolscope replay FILE`: plays a saved session's assistant turns, runs the tools again and
/// reports every tool result that differs from the recording.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a saved session, re-executing its tools, and report differing tool results.",
        discussion: """
            Replaying re-runs the tools: an untrusted session that binds python, command or MCP tools is refused
            (exit 2) with a listing of what it would run, unless --trust or --no-code-tools is given.
            Exit codes: 0 replayed (with --check: and identical), 1 with --check when any tool result differs, 2 bad input or an untrusted session.
            """)

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

    @Flag(name: .long, help: "Replay an untrusted session anyway, with every python, command and MCP tool answering a \"disabled\" error.")
    var noCodeTools = false

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
        let trusted = try TrustDecision.decide(sessionPath: file, session: recording, trustFlag: trust,
                                               noCodeTools: noCodeTools, command: "replay")
        let registry = ToolRegistry(tools: recording.tools, context: SessionSetup.context(for: recording, sessionPath: file),
                                    builtins: BuiltinTools.toolSet, external: external, trusted: trusted, manual: StdinManualResultProvider())
        let printer = TracePrinter(style: json ? .jsonLines : .readable)
        let quiet = self.quiet
        let report = SessionReplayer(recording: recording).run(registry: registry, masker: SecretMasker.forSession(recording, environment: ProcessInfo.processInfo.environment)) { event in
            if !quiet { printer.handle(event) }
        }
        if let save {
            do { try SessionFile.save(report.session, to: save) } catch { throw CLIExit.fail(error.description) }
        }
        let turns = recording.messages.filter { $0.role == .user }.count
        for problem in report.problems { Console.out("✗ \(Sanitizer.clean(problem))\n") }
        var calls = "\(report.toolCalls) tool call\(report.toolCalls == 1 ? "" : "s")"
        var byUser: [String] = []
        if report.editedCalls > 0 { byUser.append("\(report.editedCalls) with arguments edited by the user, re-run as edited") }
        if report.typedResults > 0 { byUser.append("\(report.typedResults) result\(report.typedResults == 1 ? "" : "s") typed by the user, replayed as typed") }
        if !byUser.isEmpty { calls += " (" + byUser.joined(separator: "; ") + ")" }
        if report.differences.isEmpty {
            Console.out("replayed \(turns) turn\(turns == 1 ? "" : "s"), \(calls): every tool result matches the recording\n")
        } else {
            Console.out("replayed \(turns) turn\(turns == 1 ? "" : "s"), \(calls): \(report.differences.count) result\(report.differences.count == 1 ? " differs" : "s differ") from the recording\n")
            for difference in report.differences { Console.out(Sanitizer.clean(difference.diffText)) }
        }
        if check && !report.isClean { throw ExitCode(CLIExit.unanswered) }
    }
}
