import ArgumentParser
import Foundation
import ToolscopeEngine

/// `toolscope export SESSION --as FORMAT`: the workbench's "Copy as" without a terminal. Prints
/// the export (or writes it with -o); the key is never in it (docs/export.md).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a session, a round's request, a message or a call: JSON, curl, Python, arguments, result.",
        discussion: """
            Formats (--as):
              json       the messages array; with --message N that message; with --round N that round's answer;
                         with --call ID that call (exactly OpenAI chat shapes)
              arguments  a call's arguments, pretty-printed (--call ID; default: the newest call)
              result     a call's result, the tool message's content (--call ID; default: the newest call)
              curl       a round's whole request as a curl command for the session's wire (--round N; default:
                         the latest); the key as $OPENAI_API_KEY (the session's key variable), never its value
              python     a runnable Python script (official openai SDK) that reproduces the last turn's tool loop
            Round N is the request that produced the N-th assistant message; a request the model never answered
            (a failed turn) is the round after the last. Exit codes: 0 written, 2 bad input (the message says why).
            """)

    @Argument(help: "The session file.")
    var session: String

    @Option(name: .customLong("as"), help: "json, arguments, result, curl or python.")
    var format: String

    @Option(name: .long, help: "The round (1-based): the request that produced the N-th assistant message.")
    var round: Int?

    @Option(name: .long, help: "A tool call's id (tool_call_id).")
    var call: String?

    @Option(name: .long, help: "A message's position in the session (1-based), for --as json.")
    var message: Int?

    @Option(name: [.short, .long], help: "Write to FILE instead of stdout.")
    var output: String?

    func run() throws {
        guard let kind = ExportFormat(rawValue: format.lowercased()) else {
            throw CLIExit.fail("unknown --as \"\(format)\"; expected one of \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let round, round < 1 { throw CLIExit.fail("--round counts from 1, not \(round)") }
        if let message, message < 1 { throw CLIExit.fail("--message counts from 1, not \(message)") }
        if [round != nil, call != nil, message != nil].filter({ $0 }).count > 1 {
            throw CLIExit.fail("name one thing: --round, --call or --message, not several")
        }
        if message != nil, kind != .json { throw CLIExit.fail("--message goes with --as json (a message has no arguments, result or request of its own)") }
        let loaded: Session
        do {
            loaded = try SessionFile.load(path: session)
        } catch {
            throw CLIExit.fail(error.description)
        }
        let text: String
        do {
            text = try SessionExport.text(loaded, as: kind, target: ExportTarget(round: round, callID: call, message: message),
                                          environment: ProcessInfo.processInfo.environment)
        } catch {
            throw CLIExit.fail("\(VisibleText.make(session)): \(error.description)")
        }
        let final = text.hasSuffix("\n") ? text : text + "\n"
        guard let output else { return Console.out(final) }
        do {
            try Data(final.utf8).write(to: URL(fileURLWithPath: output))
            if kind == .python {
                // The script starts with #!/usr/bin/env python3: make it runnable like `chmod +x`.
                try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: output)
            }
        } catch {
            throw CLIExit.fail("cannot write \(VisibleText.make(output)): \(error.localizedDescription)")
        }
        Console.err("wrote \(VisibleText.make(output)) (\(final.utf8.count) bytes)\n")
    }
}
