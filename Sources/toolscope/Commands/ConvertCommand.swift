import ArgumentParser
import Foundation
import ToolscopeEngine

/// `toolscope convert FILE --api WIRE`: moves a session to another wire. Says exactly what would
/// be lost (reasoning items, thinking blocks, citations…) and writes nothing when something would
/// be, unless `--allow-loss` says that is intended.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Move a session to another wire (chat, responses, anthropic), listing anything that would be lost.",
        discussion: """
            The session's messages carry what every wire can express; turns recorded on a non-chat wire also keep
            that wire's native items. Moving converts the messages and drops native items of other wires: what they
            alone held (Responses reasoning items, Anthropic thinking blocks, citations, built-in tool items) is
            listed first. Exit codes: 0 converted (or nothing would be lost with --dry-run), 1 something would be lost
            and --allow-loss was not given (nothing written), 2 bad input.
            """)

    @Argument(help: "The session file.")
    var file: String

    @Option(name: .long, help: "The wire to move to: chat, responses or anthropic.")
    var api: String

    @Option(name: [.short, .long], help: "Where to write the converted session (default: FILE itself).")
    var output: String?

    @Flag(name: .long, help: "Write even when something would be lost.")
    var allowLoss = false

    @Flag(name: .long, help: "Only list what would be lost; write nothing.")
    var dryRun = false

    func validate() throws {
        guard WireAPI(rawValue: api.lowercased()) != nil else {
            throw ValidationError("unknown --api \"\(api)\"; expected one of \(WireAPI.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let target = WireAPI(rawValue: api.lowercased())!
        var session: Session
        do {
            session = try SessionFile.load(path: file)
        } catch {
            throw CLIExit.fail(error.description)
        }
        let from = session.settings.provider.api
        let losses = WireMove.losses(session.messages, to: target)
        if losses.isEmpty {
            Console.out("\(VisibleText.make(file)): \(from.rawValue) → \(target.rawValue) loses nothing\n")
        } else {
            Console.out("\(VisibleText.make(file)): \(from.rawValue) → \(target.rawValue) would lose \(losses.count) thing(s):\n")
            for loss in losses { Console.out("  - \(loss)\n") }
        }
        if dryRun { if !losses.isEmpty { throw ExitCode(1) }; return }
        if !losses.isEmpty && !allowLoss {
            Console.err("nothing written: give --allow-loss to convert anyway\n")
            throw ExitCode(1)
        }
        if target != from {
            session.settings.provider.switchWire(to: target)
            // A base URL belongs to the old wire's server (OpenAI's /v1 is not Anthropic's); the user names the new one.
            if session.settings.provider.baseURL != nil, from == .anthropic || target == .anthropic {
                Console.out("note: the base URL \(session.settings.provider.baseURL!) was for \(from.label); it is kept — change it with --base-url or F2 if the new wire's server differs\n")
            }
        }
        session.messages = WireMove.moved(session.messages, to: target)
        let destination = output ?? file
        do {
            try SessionFile.save(session, to: destination)
        } catch {
            throw CLIExit.fail(error.description)
        }
        Console.out("wrote \(VisibleText.make(destination))\n")
    }
}
