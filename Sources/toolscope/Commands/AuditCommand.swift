import ArgumentParser
import Foundation
import ToolscopeEngine
import ToolscopeExternalTools

/// `toolscope audit FILE`: prints everything a session file would run, in full, and whether
/// it is trusted, without running anything. The same listing as the workbench's trust dialog,
/// for reading before trusting and for scripts (`--json`).
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Print everything a session file would run (tools, commands, interpreters, MCP servers, env) and whether it is trusted.",
        discussion: """
            Lists every python, command and mcp binding field by field (argv element by element, quoted), every
            MCP server, every environment variable with its value (those named in secret_env only by length), and
            keys this version does not use. Control characters and unusual whitespace are shown as marks
            (␍ for a carriage return, ␣×150 for 150 spaces, ⟨U+202E⟩ for invisible characters). Runs nothing.
            Exit codes: 0 listed (also when the file runs no code), 2 an unreadable or invalid session file.
            """)

    @Argument(help: "The session file to audit.")
    var file: String

    @Flag(name: .long, help: "Print one JSON object: file, trusted, runs_code, entries.")
    var json = false

    func run() throws {
        let session: Session
        do {
            session = try SessionFile.load(path: file)
        } catch {
            throw CLIExit.fail(error.description)
        }
        let listing = TrustStore.listing(for: session, path: file)
        let trusted = TrustStore.isTrusted(path: file)
        if json {
            let document: JSONValue = [
                "file": .string(file),
                "trusted": .bool(trusted),
                "trust_store": .string(TrustStore.storePath),
                "runs_code": .bool(!listing.runsNothing),
                "entries": listing.json,
            ]
            Console.out(document.pretty + "\n")
            return
        }
        guard !listing.runsNothing else {
            Console.out("\(VisibleText.make(file)): runs no code (no python, command or mcp binding, no MCP server)\n")
            return
        }
        let status = trusted ? "trusted" : "not trusted"
        Console.out("\(VisibleText.make(file)): \(status) (trust is kept in \(TrustStore.storePath))\n")
        Console.out(listing.text)
        if !trusted {
            Console.out("Nothing runs until you trust it: toolscope run --session \(VisibleText.make(file)) --trust …, or the workbench's trust dialog.\n")
        }
    }
}
