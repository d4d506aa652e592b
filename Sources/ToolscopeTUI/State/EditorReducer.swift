import Foundation
import ToolscopeEngine

/// Keys for the schema editor: the tool list (add, duplicate, rename, delete, binding, try)
/// and the JSON text (editing, selection, undo, apply).
enum EditorReducer {
    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        if state.editor.listFocused {
            guard let command = state.command(for: key, in: .toolsList) else { return [] }
            return listCommand(&state, command)
        }
        return textKey(&state, key)
    }

    // MARK: Tool list

    /// Runs a command of the `toolsList` scope.
    static func listCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
        let count = state.session.tools.count
        switch command {
        case .moveUp:
            select(&state, state.editor.selected - 1)
        case .moveDown:
            select(&state, state.editor.selected + 1)
        case .editJSON:
            if count > 0 { state.editor.listFocused = false }
        case .addTool:
            return addTool(&state)
        case .duplicateTool:
            return duplicateTool(&state)
        case .renameTool:
            guard count > 0 else { return [] }
            let name = state.session.tools[state.editor.selected].name
            state.modal = .prompt(PromptState(purpose: .renameTool(state.editor.selected), title: "Rename tool", input: LineEditor(text: name)))
        case .deleteTool:
            guard count > 0 else { return [] }
            let name = state.session.tools[state.editor.selected].name
            state.modal = .confirm(ConfirmState(purpose: .deleteTool(state.editor.selected), question: "Delete tool \(name)? (y/n)"))
        case .binding:
            return ToolBindingReducer.openBindingPrompt(&state)
        case .importPython:
            return ToolBindingReducer.openPythonImport(&state)
        case .importMCP:
            return ToolBindingReducer.openMCPImport(&state)
        case .toggleTool:
            guard count > 0 else { return [] }
            state.session.tools[state.editor.selected].enabled.toggle()
            state.unsaved = true
            return [.configure(tools: state.session.tools, settings: state.session.settings)]
        case .tryTool:
            return openTry(&state)
        case .apply:
            return apply(&state)
        default: break
        }
        return []
    }

    static func select(_ state: inout AppState, _ index: Int) {
        guard !state.session.tools.isEmpty else { return }
        saveDraft(&state)
        state.editor.selected = min(max(0, index), state.session.tools.count - 1)
        state.loadEditorBuffer()
    }

    static func saveDraft(_ state: inout AppState) {
        guard !state.session.tools.isEmpty else { return }
        if state.editor.buffer.isModified {
            state.editor.drafts[state.editor.selected] = state.editor.buffer
        } else {
            state.editor.drafts[state.editor.selected] = nil
        }
    }

    static func uniqueName(_ base: String, in tools: [SessionTool]) -> String {
        let names = Set(tools.map(\.name))
        if !names.contains(base) { return base }
        var n = 2
        while names.contains("\(base)_\(n)") { n += 1 }
        return "\(base)_\(n)"
    }

    static func addTool(_ state: inout AppState) -> [Effect] {
        saveDraft(&state)
        let name = uniqueName("new_tool", in: state.session.tools)
        let definition = ToolDefinition(name: name, description: "Describe when the model should call this tool.",
                                        parameters: ["type": "object", "properties": [:], "required": [], "additionalProperties": false],
                                        strict: true)
        state.session.tools.append(SessionTool(definition: definition, binding: .mock(["ok": true])))
        return afterToolListChange(&state, select: state.session.tools.count - 1, notice: "added \(name) (mock result); edit its JSON and press \(state.keymap.keyName(.apply, in: .jsonEditor, usual: .function(5)))")
    }

    static func duplicateTool(_ state: inout AppState) -> [Effect] {
        guard !state.session.tools.isEmpty else { return [] }
        saveDraft(&state)
        var copy = state.session.tools[state.editor.selected]
        let name = uniqueName(copy.name + "_copy", in: state.session.tools)
        copy.definition = copy.definition.renamed(name)
        state.session.tools.insert(copy, at: state.editor.selected + 1)
        return afterToolListChange(&state, select: state.editor.selected + 1, notice: "duplicated as \(name)")
    }

    static func rename(_ state: inout AppState, index: Int, to newName: String) -> [Effect] {
        let name = newName.trimmingCharacters(in: .whitespaces)
        guard index < state.session.tools.count else { return [] }
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }), name.count <= 64 else {
            state.notice = Notice("a tool name must be 1–64 letters, digits, _ or -", kind: .error)
            return []
        }
        if state.session.tools.enumerated().contains(where: { $0.offset != index && $0.element.name == name }) {
            state.notice = Notice("a tool named \(name) already exists", kind: .error)
            return []
        }
        state.session.tools[index].definition = state.session.tools[index].definition.renamed(name)
        state.editor.drafts[index] = nil
        return afterToolListChange(&state, select: index, notice: "renamed to \(name)")
    }

    static func delete(_ state: inout AppState, index: Int) -> [Effect] {
        guard index < state.session.tools.count else { return [] }
        let name = state.session.tools.remove(at: index).name
        if case .function(name) = state.session.settings.toolChoice { state.session.settings.toolChoice = .auto }
        return afterToolListChange(&state, select: max(0, index - 1), notice: "deleted \(name)")
    }

    static func afterToolListChange(_ state: inout AppState, select index: Int, notice: String) -> [Effect] {
        state.editor.drafts = [:]
        state.editor.selected = index
        state.editor.listFocused = true
        state.loadEditorBuffer()
        state.unsaved = true
        state.notice = Notice(notice, kind: .success)
        return [.configure(tools: state.session.tools, settings: state.session.settings)]
    }

    // MARK: Apply and try

    static func apply(_ state: inout AppState) -> [Effect] {
        guard !state.session.tools.isEmpty else { return [] }
        let analysis = EditorState.analyse(state.editor.buffer.text, api: state.session.settings.provider.api)
        state.editor.analysis = analysis
        if let conversion = analysis.conversion {
            // Another dialect is never applied as written: its OpenAI form is shown first.
            // One tool is shown as the editor will hold it; several as the tools array they become.
            let converted = conversion.tools.count == 1 ? conversion.definitions[0].raw.pretty
                                                        : JSONPrinter.print(conversion.openAITools, pretty: true)
            state.modal = .convertTools(ConvertToolsState(toolIndex: state.editor.selected, conversion: conversion,
                                                          diff: UnifiedDiff.lines(old: state.editor.buffer.text, new: converted)))
            return []
        }
        if let problem = analysis.blockingProblem {
            state.notice = Notice("not applied: " + problem, kind: .error)
            return []
        }
        guard let parsed = analysis.parsed else { return [] }
        let definition = ToolDefinition(raw: ToolDefinition.normalized(parsed))
        let i = state.editor.selected
        if state.session.tools.enumerated().contains(where: { $0.offset != i && $0.element.name == definition.name }) {
            state.notice = Notice("not applied: another tool is already named \(definition.name)", kind: .error)
            return []
        }
        state.session.tools[i].definition = definition
        state.editor.buffer.markSaved()
        state.editor.drafts[i] = nil
        state.unsaved = true
        state.notice = Notice("applied \(definition.name): the next request uses it", kind: .success)
        return [.configure(tools: state.session.tools, settings: state.session.settings)]
    }

    /// Applies a shown conversion: the first tool replaces the edited one (keeping its binding),
    /// the others are added after it with a mock result (renamed when a name is taken).
    static func applyConversion(_ state: inout AppState, _ c: ConvertToolsState) -> [Effect] {
        guard c.toolIndex < state.session.tools.count, let first = c.conversion.definitions.first else { return [] }
        var others = state.session.tools
        others.remove(at: c.toolIndex)
        var replaced = first
        if others.contains(where: { $0.name == first.name }) { replaced = first.renamed(uniqueName(first.name, in: others)) }
        state.session.tools[c.toolIndex].definition = replaced
        var insertAt = c.toolIndex + 1
        for definition in c.conversion.definitions.dropFirst() {
            let name = uniqueName(definition.name, in: state.session.tools)
            state.session.tools.insert(SessionTool(definition: name == definition.name ? definition : definition.renamed(name),
                                                   binding: .mock(["ok": true])), at: insertAt)
            insertAt += 1
        }
        let count = c.conversion.tools.count
        let added = count > 1 ? "; \(count - 1) more added after it with a mock result (b binds them)" : ""
        let effects = afterToolListChange(&state, select: c.toolIndex,
                                          notice: "converted to OpenAI: \(replaced.name)\(added) (was \(c.conversion.dialect.rawValue))")
        state.editor.listFocused = false
        return effects
    }

    static func openTry(_ state: inout AppState) -> [Effect] {
        guard !state.session.tools.isEmpty else { return [] }
        let tool = state.session.tools[state.editor.selected]
        let schema = tool.definition.parameters ?? ["type": "object"]
        var buffer = TextBuffer(text: ArgumentSkeleton.make(for: schema).pretty)
        buffer.moveDocumentStart()
        var tryState = TryToolState(toolIndex: state.editor.selected, toolName: tool.name, schema: schema, buffer: buffer)
        ModalReducer.validateTry(&tryState)
        state.modal = .tryTool(tryState)
        if state.editor.buffer.isModified {
            state.notice = Notice("trying the applied definition; press \(state.keymap.keyName(.apply, in: .jsonEditor, usual: .function(5))) in the editor to apply your edits", kind: .warning)
        }
        return []
    }

    // MARK: Text

    /// Keys in the JSON text: the `jsonEditor` scope, then the shared `textArea` one; a
    /// printable key not bound in either is typed.
    static func textKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        if let command = state.command(for: key, in: .jsonEditor, .textArea) { return textCommand(&state, command) }
        var b = state.editor.buffer
        guard BufferKeys.type(key, into: &b) else { return [] }
        commit(&state, b)
        return []
    }

    /// Runs a command of the `jsonEditor` or `textArea` scope on the JSON text.
    static func textCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
        var b = state.editor.buffer
        let page = max(1, state.layout.editorContent.height - 4)
        switch command {
        case .apply: return apply(&state)
        case .tryTool: return openTry(&state)
        case .find: FindBar.open(&state, .editor); return []
        case .backToList: state.editor.listFocused = true; return []
        case .selectLineStart: b.moveLineStart(selecting: true)
        case .selectLineEnd: b.moveLineEnd(selecting: true)
        case .documentStart: b.moveDocumentStart()
        case .documentEnd: b.moveDocumentEnd()
        case .pageUp: b.movePage(up: true, rows: page)
        case .pageDown: b.movePage(up: false, rows: page)
        case .indent: b.indentSelection()
        case .dedent: b.dedentSelection()
        case .undo: if !b.undo() { state.notice = Notice("nothing to undo") }
        case .redo: if !b.redo() { state.notice = Notice("nothing to redo") }
        case .selectLine: b.selectLine()
        case .copy: if let copied = b.selectedText() { state.clipboard = copied; state.notice = Notice("copied") }
        case .duplicateLine: b.duplicateLine()
        case .deleteLine: b.deleteLine()
        case .moveLineUp: b.moveLine(up: true)
        case .moveLineDown: b.moveLine(up: false)
        case .matchBracket:
            if let match = b.matchingBracket() { b.moveTo(match) } else { state.notice = Notice("no bracket at the cursor") }
        default:
            guard BufferKeys.apply(command, to: &b, clipboard: &state.clipboard) else { return [] }
        }
        commit(&state, b)
        return []
    }

    /// Puts the edited text back: keeps the cursor in view and, when the text changed, lints
    /// it again and keeps it as the tool's draft.
    static func commit(_ state: inout AppState, _ b: TextBuffer) {
        let changed = b.text != state.editor.buffer.text
        state.editor.buffer = b
        state.editor.scrollTop = EditorScroll.top(current: state.editor.scrollTop, cursorLine: b.cursor.line,
                                                  height: max(1, state.layout.editorContent.height - 2), lineCount: b.lines.count)
        if changed {
            state.editor.analysis = EditorState.analyse(b.text, api: state.session.settings.provider.api)
            state.editor.drafts[state.editor.selected] = b.isModified ? b : nil
        }
    }
}

/// Short descriptions of bindings for the list and notices.
enum BindingLabel {
    static func describe(_ binding: ToolBindingSpec) -> String {
        switch binding {
        case .builtin(let name): return "built-in \(name)"
        case .mock: return "mock result"
        case .manual: return "manual (you answer)"
        case .external(let kind, _): return kind
        }
    }

    static func short(_ binding: ToolBindingSpec) -> String {
        switch binding {
        case .builtin: return "built-in"
        case .mock: return "mock"
        case .manual: return "manual"
        case .external(let kind, _): return kind
        }
    }
}
