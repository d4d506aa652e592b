import ArgumentParser
import Foundation
import ToolscopeEngine
import ToolscopeEval

/// `toolscope case-from-session SESSION [--turn N]`: a regression case from what a session
/// did — the turn's prompt and the calls the model made, arguments exact — printed as suite
/// JSON to edit and paste into a suite's `cases`.
struct CaseFromSessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case-from-session",
        abstract: "Print a suite case whose expectation is the calls observed in one turn of a session.",
        discussion: """
            The case carries the turn's prompt (or the messages up to it), the session's enabled tools, and expects
            the calls of that turn with their arguments exactly (several rounds: scope "turn"; no call: no_call).
            Loosen it by hand: an argument may become a matcher ({"$regex": …}, {"$oneOf": […]}), see docs/experiments.md.
            Exit codes: 0 printed, 2 unreadable session or no such turn.
            """)

    @Argument(help: "The session file.")
    var session: String

    @Option(name: .long, help: "Which turn, counting user messages from 1 (default: the last).")
    var turn: Int?

    @Option(name: .long, help: "The case id (default: from the session's title and the turn).")
    var id: String?

    func run() throws {
        let loaded: Session
        do { loaded = try SessionFile.load(path: session) } catch { throw CLIExit.fail(error.description) }
        let json: JSONValue
        do { json = try SessionCase.make(from: loaded, turn: turn, id: id) } catch {
            throw CLIExit.fail("\(session): \(error.message)")
        }
        Console.out(json.pretty + "\n")
    }
}
