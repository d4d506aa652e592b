import Foundation
import ToolscopeEngine

/// Binding tools to code from the tools list: the binding prompt (`b`), importing a Python
/// file's functions (`p`) or an MCP server's tools (`m`), and the trust dialog that must be
/// answered before any of that code runs.
enum ToolBindingReducer {
    static let bindingHint = "builtin · mock JSON · manual · python FILE.py:FUNC · command PROG ARGS · mcp SERVER TOOL · {JSON}"
    static let pythonHint = "FILE.py or FILE.py:FUNCTION or package.module, then optionally --interpreter PATH"
    static let mcpHint = "NAME of a configured server, or NAME COMMAND ARGS… to add a stdio server and import its tools"

    static func openBindingPrompt(_ state: inout AppState) -> [Effect] {
        guard !state.session.tools.isEmpty else { return [] }
        let i = state.editor.selected
        let tool = state.session.tools[i]
        state.modal = .prompt(PromptState(purpose: .binding(i), title: "Binding of \(tool.name)",
                                          input: LineEditor(text: BindingText.format(tool.binding)), hint: bindingHint))
        return []
    }

    static func openPythonImport(_ state: inout AppState) -> [Effect] {
        state.modal = .prompt(PromptState(purpose: .importPython, title: "Import tools from Python functions",
                                          input: LineEditor(text: ""), hint: pythonHint))
        return []
    }

    static func openMCPImport(_ state: inout AppState) -> [Effect] {
        let known = state.session.mcpServers.keys.first ?? ""
        state.modal = .prompt(PromptState(purpose: .importMCP, title: "Import tools from an MCP server",
                                          input: LineEditor(text: known), hint: mcpHint))
        return []
    }

    static func setBinding(_ state: inout AppState, index: Int, text: String) -> [Effect] {
        guard index < state.session.tools.count else { return [] }
        let name = state.session.tools[index].name
        let binding: ToolBindingSpec
        do {
            binding = try BindingText.parse(text, toolName: name)
        } catch {
            state.notice = Notice("binding of \(name): \(error.description)", kind: .error)
            // Reopen with the text kept, so nothing typed is lost.
            state.modal = .prompt(PromptState(purpose: .binding(index), title: "Binding of \(name)", input: LineEditor(text: text), hint: bindingHint))
            return []
        }
        state.session.tools[index].binding = binding
        state.unsaved = true
        state.notice = Notice("\(name) → \(BindingText.format(binding))", kind: .success)
        askToTrust(&state, remember: false)
        return [.configure(tools: state.session.tools, settings: state.session.settings)]
    }

    /// `FILE[:FUNCTION] [--interpreter PATH]` → the import effect.
    static func startPythonImport(_ state: inout AppState, text: String) -> [Effect] {
        var words: [String]
        let options: [String: String]
        do {
            words = try BindingText.split(text)
            options = try BindingText.takeOptions(&words, allowed: ["--interpreter"], for: "an import")
        } catch {
            state.notice = Notice(error.description, kind: .error)
            return []
        }
        let interpreter = options["--interpreter"] ?? "python3"
        guard words.count == 1 else {
            state.notice = Notice("name one Python file or module: \(pythonHint)", kind: .error)
            return []
        }
        var file = words[0]
        var function: String?
        // "tools.py:add" or "pkg.mod:add"; a colon in a directory name is not a function separator.
        if let colon = file.lastIndex(of: ":"), !file[file.index(after: colon)...].contains("/") {
            function = String(file[file.index(after: colon)...])
            file = String(file[..<colon])
            if function?.isEmpty == true { function = nil }
        }
        state.notice = Notice("importing \(file)…")
        return [.importPython(file: file, function: function, interpreter: interpreter)]
    }

    /// `NAME` or `NAME COMMAND ARGS…` → the import effect.
    static func startMCPImport(_ state: inout AppState, text: String) -> [Effect] {
        let words: [String]
        do { words = try BindingText.split(text) } catch {
            state.notice = Notice(error.description, kind: .error)
            return []
        }
        guard let name = words.first else {
            state.notice = Notice("name an MCP server: \(mcpHint)", kind: .error)
            return []
        }
        var config: JSONValue?
        if words.count > 1 {
            config = ["command": .string(words[1]), "args": .array(words.dropFirst(2).map { .string($0) })]
        }
        state.notice = Notice("starting MCP server \(name) and listing its tools…")
        return [.importMCP(server: name, config: config)]
    }

    /// Adds imported tools: a tool with the same name is replaced (re-importing after editing
    /// the code updates it), others are appended. Notes, when there are any, open in a dialog.
    static func toolsImported(_ state: inout AppState, _ imported: ImportedTools, source: String, mcpServers: JSONObject) -> [Effect] {
        guard !imported.tools.isEmpty else {
            state.notice = Notice("\(source): no tools found" + (imported.notes.first.map { " (\($0))" } ?? ""), kind: .warning)
            return []
        }
        EditorReducer.saveDraft(&state)
        for (name, config) in mcpServers { state.session.mcpServers[name] = config }
        var replaced = 0
        var firstIndex: Int?
        for tool in imported.tools {
            if let i = state.session.tools.firstIndex(where: { $0.name == tool.name }) {
                state.session.tools[i] = tool
                replaced += 1
                firstIndex = firstIndex ?? i
            } else {
                state.session.tools.append(tool)
                firstIndex = firstIndex ?? state.session.tools.count - 1
            }
        }
        let added = imported.tools.count - replaced
        var summary = "imported \(imported.tools.count) tool\(imported.tools.count == 1 ? "" : "s") from \(source)"
        if replaced > 0 { summary += " (\(added) new, \(replaced) replaced)" }
        let effects = EditorReducer.afterToolListChange(&state, select: firstIndex ?? 0, notice: summary)
        if !imported.notes.isEmpty {
            state.notice = Notice(summary + " · \(imported.notes.count) note\(imported.notes.count == 1 ? "" : "s")", kind: .warning)
            let lines = [StyledLine(summary, Style(.success)), StyledLine("")] + imported.notes.map { StyledLine("• " + $0) }
            var notes = DetailState(title: "Import notes: what the definitions lack (fix the source, then import again)", lines: lines)
            notes.fit(screenWidth: state.width, measure: state.measure)
            state.modal = .detail(notes)
        }
        askToTrust(&state, remember: false)
        return effects
    }

    /// When the session binds code but is not trusted, asks — listing exactly what would run.
    /// Another dialog already open (import notes) is replaced only after it closes: the
    /// question is asked again on the next change, and the tools stay disabled until then.
    /// Only opens the question: trusting is the answer's effect (`answerTrust`).
    static func askToTrust(_ state: inout AppState, remember: Bool) {
        guard !state.trusted else { return }
        let listing = ExecutionListing(tools: state.session.tools, mcpServers: state.session.mcpServers,
                                       sessionDirectory: state.sessionPath.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path })
        guard !listing.runsNothing else { return }
        let question = ConfirmState(purpose: .trust(remember: remember),
                                    question: "This session binds tools that run code on this machine. Enable them? (y/n)",
                                    details: listing.lines)
        switch state.modal {
        case nil: state.modal = .confirm(question)
        case .detail(var d):
            // Show the question after the notes: it opens when the notes close.
            d.then = question
            state.modal = .detail(d)
        default: break
        }
    }

    static func answerTrust(_ state: inout AppState, yes: Bool, remember: Bool) -> [Effect] {
        guard yes else {
            state.notice = Notice("not trusted: code tools answer with an error (reopen the file or change a binding to be asked again)", kind: .warning)
            return []
        }
        state.trusted = true
        state.notice = Notice(remember && state.sessionPath != nil ? "trusted (remembered for this file): code tools enabled" : "trusted for this run: code tools enabled",
                              kind: .success)
        return [.trust(remember: remember)]
    }
}
