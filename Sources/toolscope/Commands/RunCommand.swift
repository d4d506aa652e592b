import ArgumentParser
import Dispatch
import Foundation
import ToolscopeDemo
import ToolscopeEngine
import ToolscopeExternalTools

/// `toolscope run`: one turn of the tool loop from the command line, with a readable trace
/// (or JSON lines), optional save. Ctrl-C cancels the turn at once.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the tool loop for one prompt and print the trace.",
        discussion: """
            Without --session, uses the embedded default: the built-in demo tools and the scripted demo model
            (or a real model when OPENAI_API_KEY, OPENAI_BASE_URL, --base-url or --preset is set).
            A session file that binds python, command or MCP tools and is not trusted is refused (exit 2, nothing runs,
            the model is not called) with a listing of what it would run: pass --trust or --no-code-tools.
            Before sending, the tools are checked as `toolscope lint` checks them (plus a strict tool with parallel tool calls on,
            and a tool_choice that names no sent tool): every finding goes to stderr as `toolscope: tool check: error|warning: POINTER: …`;
            errors stop the run (exit 2, the model is not called) unless --send-anyway is given. Warnings are also trace warnings.
            Exit codes: 0 answered, 1 stopped by a guard, 2 bad input, tool errors or an untrusted session, 3 provider failure, 130 cancelled.
            """)

    @Option(name: .long, help: "Session file to start from (its tools, settings and messages).")
    var session: String?

    @Option(name: .long, help: "Script file for the scripted model (see docs/script-format.md).")
    var script: String?

    @Option(name: .long, help: "The user message to send.")
    var prompt: String

    @Flag(name: .long, help: "Print trace events as JSON lines instead of the readable trace.")
    var json = false

    @Option(name: .long, help: "Save the session to this file (after every round and at the end).")
    var save: String?

    @Option(name: .long, help: "Title for the session (shown in the workbench, saved with --save).")
    var title: String?

    @Flag(name: .long, help: "Trust this session file: enable its python, command and MCP bindings (remembered by content hash).")
    var trust = false

    @Flag(name: .long, help: "Run an untrusted session anyway, with every python, command and MCP tool answering a \"disabled\" error.")
    var noCodeTools = false

    @Option(name: .long, help: "Stop after this many model requests (default: the session's max_rounds, 10).")
    var maxRounds: Int?

    @Option(name: .long, help: "tool_choice: auto, none, required, or the name of an enabled tool.")
    var toolChoice: String?

    @Option(name: .long, help: "parallel_tool_calls: true or false (default: the session's setting; unset leaves it to the API).")
    var parallelToolCalls: String?

    @Option(name: .long, help: "Seconds each tool call may run (default: the session's tool_timeout, 30).")
    var toolTimeout: Double?

    @Option(name: .long, help: "Responses API: full (send the whole history, default) or previous (send previous_response_id and only the new items).")
    var responsesHistory: String?

    @Option(name: .long, help: "Responses API: store true or false (false also asks for reasoning.encrypted_content); unset sends nothing.")
    var store: String?

    @Flag(name: .long, help: "Send the tools even when the pre-send check finds errors in them (they are still printed).")
    var sendAnyway = false

    @OptionGroup var toolLimits: ToolLimitOptions

    @OptionGroup var provider: ProviderOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        var session: Session
        do {
            session = try SessionSetup.loadSession(self.session)
        } catch {
            throw CLIExit.fail(error.description)
        }
        for note in session.loadNotes {
            Console.err("toolscope: \(self.session ?? "session"): converted to an OpenAI tool: \(VisibleText.make(note))\n")
        }
        try SessionSetup.checkSaveTarget(save, loadedFrom: self.session)
        if let maxRounds {
            guard maxRounds >= 1 else { throw CLIExit.fail("--max-rounds must be at least 1") }
            session.settings.maxRounds = maxRounds
        }
        if let toolTimeout {
            guard toolTimeout > 0 else { throw CLIExit.fail("--tool-timeout must be positive") }
            session.settings.toolTimeout = toolTimeout
        }
        toolLimits.apply(to: &session.settings)
        if let toolChoice {
            session.settings.toolChoice = try Self.parseToolChoice(toolChoice, enabledTools: session.enabledDefinitions.map(\.name))
        }
        if let parallelToolCalls { session.settings.parallelToolCalls = try Self.parseParallelToolCalls(parallelToolCalls) }
        if let responsesHistory {
            guard let mode = ResponsesHistory(rawValue: responsesHistory) else {
                throw CLIExit.fail("--responses-history \(VisibleText.quoted(responsesHistory)): expected full or previous")
            }
            session.settings.responsesHistory = mode
        }
        if let store {
            guard store == "true" || store == "false" else { throw CLIExit.fail("--store \(VisibleText.quoted(store)): expected true or false") }
            session.settings.store = store == "true"
        }
        if let title { session.title = title }
        try Self.checkTools(session, sendAnyway: sendAnyway)

        let chatProvider: any ChatProvider
        do {
            chatProvider = try ProviderSelection.provider(for: &session, sessionPath: self.session, scriptPath: script,
                                                          options: provider, environment: environment)
        } catch {
            throw CLIExit.fail(String(describing: error))
        }

        let external = ExternalTools()
        defer { external.shutdown() }
        let trusted = try TrustDecision.decide(sessionPath: self.session, session: session, trustFlag: trust,
                                               noCodeTools: noCodeTools, command: "run")
        let registry = ToolRegistry(tools: session.tools, context: SessionSetup.context(for: session, sessionPath: self.session),
                                    builtins: BuiltinTools.toolSet, external: external, trusted: trusted, manual: StdinManualResultProvider())
        let loop = ToolLoop(session: session, provider: chatProvider, dispatcher: Dispatcher(registry: registry), autosavePath: save,
                            masker: SecretMasker.forSession(session, environment: environment))

        let printer = TracePrinter(style: json ? .jsonLines : .readable)
        if !json {
            Console.out("provider: \(chatProvider.displayName) · model \(session.settings.model) · \(session.enabledDefinitions.count) tools · tool_choice \(session.settings.toolChoice.label)\n")
        }
        let interrupts = InterruptHandler { loop.cancel() }
        let result = loop.sendAndWait(prompt, check: sendAnyway ? .sendAnyway : .stopOnErrors) { printer.handle($0) }
        interrupts.stop()

        if let save {
            do {
                try SessionFile.save(result.session, to: save)
                if !json { Console.out("saved \(save)\n") }
            } catch {
                throw CLIExit.fail(error.description)
            }
        }
        switch result.reason {
        case .answered: return
        case .cancelled: throw ExitCode(CLIExit.cancelled)
        case .error: throw ExitCode(CLIExit.providerFailed)
        case .maxRounds, .repeatedCall, .busy: throw ExitCode(CLIExit.unanswered)
        case .toolErrors:
            Console.err("toolscope: \(VisibleText.make(result.detail ?? "the tools have errors"))\n")
            throw ExitCode(CLIExit.badInput)
        }
    }

    /// The pre-send check, before a provider or a tool process is started: every finding to
    /// stderr, and errors end the run (exit 2) unless the user chose to send anyway.
    static func checkTools(_ session: Session, sendAnyway: Bool) throws {
        let check = PreSendCheck(session: session)
        // Tool names and descriptions are untrusted text: controls and bidi marks print as escapes.
        for finding in check.findings { Console.err("toolscope: tool check: \(VisibleText.make(PreSendCheck.line(finding)))\n") }
        guard check.blocks else { return }
        let count = check.errors.count
        if sendAnyway {
            Console.err("toolscope: --send-anyway: sending the tools with \(count) error\(count == 1 ? "" : "s")\n")
            return
        }
        Console.err("toolscope: not sent: the tools have \(count) error\(count == 1 ? "" : "s"); fix them (toolscope lint, lint --fix for other dialects) or pass --send-anyway\n")
        throw ExitCode(CLIExit.badInput)
    }

    /// A function name must be one of the session's enabled tools: the API rejects any other
    /// name with a 400, and sending it anyway cost a request and still exited 0.
    static func parseToolChoice(_ text: String, enabledTools: [String]) throws -> ToolChoice {
        switch text {
        case "auto": return .auto
        case "none": return .none
        case "required": return .required
        default:
            guard enabledTools.contains(text) else {
                let names = enabledTools.isEmpty ? "the session has no enabled tools"
                    : "its enabled tools: " + enabledTools.map { VisibleText.make($0) }.joined(separator: ", ")
                throw CLIExit.fail("--tool-choice \(VisibleText.quoted(text)): not auto, none, required or an enabled tool of this session; \(names)")
            }
            return .function(text)
        }
    }

    static func parseParallelToolCalls(_ text: String) throws -> Bool {
        switch text {
        case "true": return true
        case "false": return false
        default: throw CLIExit.fail("--parallel-tool-calls \(VisibleText.quoted(text)): expected true or false")
        }
    }
}

/// Decides whether a session's code-running bindings may run before anything else happens.
///
/// An untrusted file that binds code is refused (exit 2) with the full listing of what it
/// would run and how to proceed: running it anyway with every code tool answering "disabled"
/// called the model for nothing and exited 0, which a script could not tell from success.
/// `--trust` trusts the file (remembered for this content); `--no-code-tools` runs it with
/// those tools answering their "disabled" error, and says so. The embedded default binds no code.
enum TrustDecision {
    static func decide(sessionPath: String?, session: Session, trustFlag: Bool, noCodeTools: Bool,
                       command: String) throws -> Bool {
        if trustFlag && noCodeTools { throw CLIExit.fail("--trust and --no-code-tools contradict each other; choose one") }
        guard let sessionPath else { return true }
        let codeTools = session.tools.filter(\.binding.executesUserCode)
        guard !codeTools.isEmpty else { return true }
        if trustFlag {
            do { try TrustStore.trust(path: sessionPath) } catch {
                Console.err("toolscope: warning: could not remember trust for \(sessionPath): \(error)\n")
            }
            return true
        }
        if TrustStore.isTrusted(path: sessionPath) { return true }
        if noCodeTools {
            Console.err("toolscope: --no-code-tools: \(codeTools.count) code tool\(codeTools.count == 1 ? "" : "s") of \(sessionPath) "
                        + "(\(codeTools.map { VisibleText.make($0.name) }.joined(separator: ", "))) answer every call with a \"disabled\" error; nothing they bind runs\n")
            return false
        }
        Console.err(refusal(sessionPath: sessionPath, listing: TrustStore.listing(for: session, path: sessionPath), command: command))
        throw ExitCode(CLIExit.badInput)
    }

    /// What an untrusted file would run, then the ways forward.
    static func refusal(sessionPath: String, listing: ExecutionListing, command: String) -> String {
        var text = "toolscope: \(sessionPath) is not trusted and binds tools that run code on this machine; nothing was run.\n"
        text += "It would run:\n"
        text += listing.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "  " + $0 + "\n" }.joined()
        text += "To proceed, either:\n"
        text += "  toolscope \(command) --trust …          trust this file as it is now (remembered; a changed binding asks again)\n"
        text += "  toolscope \(command) --no-code-tools …  run with these tools answering a \"disabled\" error\n"
        text += "(toolscope audit \(sessionPath) prints this listing again.)\n"
        return text
    }
}

/// Ctrl-C (SIGINT) cancels the running turn; a second Ctrl-C exits at once.
final class InterruptHandler: @unchecked Sendable {
    private let source: DispatchSourceSignal
    private let count = Locked(0)

    init(onInterrupt: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "toolscope.sigint"))
        let count = self.count
        source.setEventHandler { @Sendable in
            let n = count.withLock { c -> Int in c += 1; return c }
            if n == 1 {
                Console.err("\ncancelling… (Ctrl-C again to quit at once)\n")
                onInterrupt()
            } else {
                exit(CLIExit.cancelled)
            }
        }
        source.resume()
    }

    func stop() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
