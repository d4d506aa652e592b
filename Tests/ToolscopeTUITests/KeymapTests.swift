import Foundation
import Testing
@testable import ToolscopeEngine
@testable import ToolscopeTUI

/// The binding table is the one source of keys: no key does two things in a scope, every
/// command has a key, and the help shows every binding.
@Suite("Binding table")
struct BindingTableTests {
    @Test func noKeyIsBoundTwiceInAScope() {
        for scope in KeyScope.allCases {
            var seen: [Key: [KeyCondition?]] = [:]
            for binding in Keymap.defaults.bindings(in: scope) {
                for key in binding.keys {
                    // One key may have a conditional binding before its plain one ("Esc clears the
                    // search, else closes"), never two with the same condition.
                    #expect(!(seen[key] ?? []).contains(binding.condition),
                            "\(key.name) is bound twice in \(scope.name) (\(binding.command.name))")
                    seen[key, default: []].append(binding.condition)
                }
            }
        }
    }

    @Test func everyCommandHasABinding() {
        let bound = Set(Keymap.defaults.bindings.filter { !$0.keys.isEmpty }.map(\.command))
        let unbound = Command.allCases.filter { !bound.contains($0) }
        #expect(unbound.isEmpty, "commands no key runs: \(unbound.map(\.name))")
    }

    @Test func everyScopeHasBindingsAndATitle() {
        for scope in KeyScope.allCases {
            #expect(!Keymap.defaults.bindings(in: scope).isEmpty, "\(scope.name) has no keys")
            #expect(KeyScope.named(scope.name) == scope)
        }
    }

    @Test func theHelpShowsEveryBindingWithItsKeys() {
        let text = KeyHelp.lines(width: 200).map(\.text).joined(separator: "\n")
        for binding in Keymap.defaults.bindings {
            #expect(text.contains(binding.helpText), "missing from the help: \(binding.helpText)")
            #expect(text.contains(binding.keys.map(\.label).joined(separator: ", ")), "keys of \(binding.command.name) missing")
        }
        for scope in KeyScope.allCases { #expect(text.contains(scope.title)) }
    }

    @Test func keyNamesRoundTrip() {
        for binding in Keymap.defaults.bindings {
            for key in binding.keys { #expect(Key(name: key.name) == key, "\(key.name) does not read back") }
        }
        let examples: [(String, Key)] = [("ctrl-s", .ctrl("s")), ("f5", .function(5)), ("shift-f9", .function(21)),
                                         ("shift-tab", .backTab), ("enter", .enter), ("esc", .escape), ("pgdn", .pageDown),
                                         ("a", .char("a")), ("A", .char("A")), ("space", .char(" ")), ("ctrl-up", .ctrlUp)]
        for (name, key) in examples {
            #expect(Key(name: name) == key, "\(name)")
            #expect(key.name == name)
        }
        #expect(Key(name: "CTRL-S") == .ctrl("s"))
        #expect(Key(name: "escape") == .escape)
        for bad in ["ctrl-qq", "f13", "shift-f0", "hyper-x", "", "ctrl-1"] { #expect(Key(name: bad) == nil, "\(bad) read as a key") }
    }

    @Test func commandNamesAreKebabCase() {
        #expect(Command.focusNext.name == "focus-next")
        #expect(Command.named("kill-to-end") == .killToEnd)
        #expect(KeyScope.toolsList.name == "tools-list")
        for command in Command.allCases { #expect(Command.named(command.name) == command) }
    }

    /// A keys.conf written before approval mode was renamed from "step mode" keeps working.
    @Test func aFormerCommandNameStillReads() {
        #expect(Command.approvalMode.name == "approval-mode")
        #expect(Command.named("step-mode") == .approvalMode)
        #expect(Command.named("Step-Mode") == .approvalMode)
    }

    @Test func theStatusLineShowsTheTablesHints() {
        let s = TestSupport.state(width: 120, height: 30)
        let bottom = TestSupport.render(s).text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(bottom.contains("F1 help Tab focus ^S save ^Q quit"), "\(bottom)")
    }

    @Test func theFocusedPanesHintsComeFirstWhereTheyFit() {
        var s = TestSupport.state(width: 200, height: 30)
        s.focus = .trace
        let wide = TestSupport.render(s).text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(wide.contains("/ search Enter details F1 help Tab focus ^S save ^Q quit"), "\(wide)")
        s.width = 80
        let narrow = TestSupport.render(s).text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(!narrow.contains("search"), "at 80 columns only the global hints: \(narrow)")
    }
}

/// `keys.conf` in the config directory: good lines apply, bad ones are named by file and line.
@Suite("Keymap file")
struct KeymapFileTests {
    let path = "~/.config/toolscope/keys.conf"

    @Test func aGoodFileRemapsAndUnbinds() {
        let text = """
        # my keys
        global   save   f5 ctrl-s   # F5 saves too
        trace    move-down  down ctrl-p
        global   zoom   none

        """
        let result = KeymapFile.parse(text, path: path)
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.keymap.command(for: .function(5), in: .global) == .save)
        #expect(result.keymap.command(for: .ctrl("s"), in: .global) == .save)
        #expect(result.keymap.command(for: .ctrl("p"), in: .trace) == .moveDown)
        #expect(result.keymap.command(for: .char("j"), in: .trace) == nil, "the listed keys replace the old ones")
        #expect(result.keymap.command(for: .function(7), in: .global) == nil)
        #expect(!KeyHelp.lines(width: 200, keymap: result.keymap).contains { $0.text.contains("zoom the focused pane") })
    }

    @Test func anUnknownKeyNamesTheFileAndLineAndTheRestApplies() {
        let text = "global save f5\n\n# comment\nglobal quit ctrl-qq\ntrace first home\n"
        let result = KeymapFile.parse(text, path: path)
        #expect(result.problems == ["~/.config/toolscope/keys.conf:4: \"ctrl-qq\" is not a key (keys are named like ctrl-s, f5, shift-tab, esc, pgdn, a)"])
        #expect(result.keymap.command(for: .function(5), in: .global) == .save)
        #expect(result.keymap.command(for: .ctrl("q"), in: .global) == .quit, "the bad line leaves quit as it was")
        #expect(result.keymap.command(for: .char("g"), in: .trace) == nil)
    }

    @Test func unknownCommandsAndScopesAreNamed() {
        let text = "global sav f5\nglobals save f5\ntrace save f5\nglobal save\n"
        let problems = KeymapFile.parse(text, path: path).problems
        #expect(problems.count == 4)
        #expect(problems[0].hasPrefix(path + ":1: \"sav\" is not a command"))
        #expect(problems[1].hasPrefix(path + ":2: \"globals\" is not a scope"))
        #expect(problems[2] == path + ":3: save is not a command of trace (it is one of global)")
        #expect(problems[3].hasPrefix(path + ":4: expected SCOPE COMMAND KEY…"))
    }

    @Test func aKeyBoundTwiceInAScopeIsReportedWithBothLines() {
        let text = "global save f5\nglobal zoom f5\ndetail close f5\n"
        let result = KeymapFile.parse(text, path: path)
        #expect(result.problems == [path + ":2: f5 is bound twice in global (line 1 binds it already)"])
        #expect(result.keymap.command(for: .function(5), in: .global) == .save)
        #expect(result.keymap.command(for: .function(7), in: .global) == .zoom, "the refused line changes nothing")
        #expect(result.keymap.command(for: .function(5), in: .detail) == .close, "another scope may use the key")
    }

    @Test func aPaneKeyThatGlobalTakesFirstIsNamed() {
        let text = "tools-list move-down ctrl-n\nglobal new-session f5\ntools-list move-down ctrl-n\n"
        let result = KeymapFile.parse(text, path: path)
        #expect(result.problems == [path + ":1: ctrl-n is global's new-session key, which is looked up before tools-list; remap new-session first"])
        #expect(result.keymap.command(for: .ctrl("n"), in: .toolsList) == .moveDown, "line 3 applies once global lets the key go")
    }

    @Test func theFileIsReadFromTheConfigDirectory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("keymap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("toolscope"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "global save f5\nglobal quit hyper-q\n".write(to: dir.appendingPathComponent("toolscope/keys.conf"), atomically: true, encoding: .utf8)
        let env = ["XDG_CONFIG_HOME": dir.path, "HOME": "/nonexistent"]
        #expect(KeymapFile.path(environment: env) == dir.path + "/toolscope/keys.conf")
        let result = KeymapFile.load(environment: env)
        #expect(result.keymap.command(for: .function(5), in: .global) == .save)
        #expect(result.problems.count == 1 && result.problems[0].hasPrefix(dir.path + "/toolscope/keys.conf:2: \"hyper-q\""))
        #expect(KeymapFile.load(environment: ["HOME": dir.path + "/none"]).problems.isEmpty, "no file: the defaults, silently")
    }
}

/// The reducers follow the table in `AppState`, not fixed keys.
@Suite("Remapped keys")
struct RemapTests {
    @Test func savingMovesToTheNewKey() {
        var s = TestSupport.state()
        s.keymap = KeymapFile.parse("global save shift-f5\n", path: "keys.conf").keymap
        TestSupport.press(&s, .ctrl("s"))
        #expect(s.modal == nil, "Ctrl-S no longer saves")
        TestSupport.press(&s, .function(17))
        guard case .prompt(let p)? = s.modal else { Issue.record("Shift-F5 did not ask where to save"); return }
        #expect(p.purpose == .saveAs)
        s.modal = nil
        s.sessionPath = "/tmp/x.json"
        #expect(TestSupport.press(&s, .function(17)).contains { if case .save(path: "/tmp/x.json") = $0 { return true }; return false })
        let bottom = TestSupport.render(s).text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(bottom.contains("Shift-F5 save"), "the status line shows the new key: \(bottom)")
    }

    @Test func aFieldKeyRemapsInEveryField() {
        var s = TestSupport.state()
        s.keymap = KeymapFile.parse("line-field kill-to-start ctrl-x\n", path: "keys.conf").keymap
        TestSupport.type(&s, "hello")
        TestSupport.press(&s, .ctrl("x"))
        #expect(s.input.text.isEmpty)
        TestSupport.press(&s, .ctrl("s"))
        guard case .prompt(var p)? = s.modal else { Issue.record("no save prompt"); return }
        TestSupport.press(&s, .ctrl("x"))
        if case .prompt(let q)? = s.modal { p = q }
        #expect(p.input.text.isEmpty, "the dialog's field follows the same remap")
    }

    @Test func theMouseFollowsCommandsNotKeys() {
        var s = TestSupport.state()
        // Even with Down taken from the tools list, the wheel still moves in it.
        s.keymap = KeymapFile.parse("tools-list move-down n\n", path: "keys.conf").keymap
        s.focus = .editor
        #expect(s.session.tools.count >= 3)
        _ = MouseReducer.repeatCommand(&s, .moveDown, 1)
        #expect(s.editor.selected == 1)
        TestSupport.press(&s, .down)
        #expect(s.editor.selected == 1, "Down is no longer bound in the tools list")
        TestSupport.press(&s, .char("n"))
        #expect(s.editor.selected == 2)
    }
}

/// One line-field component: the same key does the same in the input line and in every dialog.
@Suite("Line field")
struct LineFieldTests {
    /// Types `text`, then presses `keys`, in the input line and in the rename dialog's field.
    private func both(_ text: String, _ keys: [Key]) -> (input: LineEditor, dialog: LineEditor) {
        var s = TestSupport.state()
        TestSupport.type(&s, text)
        for key in keys { TestSupport.press(&s, key) }
        var d = TestSupport.state()
        d.modal = .prompt(PromptState(purpose: .renameTool(0), title: "Rename tool", input: LineEditor()))
        TestSupport.type(&d, text)
        for key in keys { TestSupport.press(&d, key) }
        guard case .prompt(let p)? = d.modal else { return (s.input, LineEditor(text: "<closed>")) }
        return (s.input, p.input)
    }

    @Test(arguments: [
        [Key.left, .left, .ctrl("d")],
        [.home, .ctrl("d"), .delete],
        [.ctrl("a"), .right, .backspace],
        [.ctrlLeft, .ctrl("k")],
        [.ctrl("w")],
        [.left, .left, .left, .ctrl("u")],
        [.ctrl("a"), .ctrlRight, .char("X"), .ctrl("e"), .char("!")],
    ])
    func theSameKeysEditTheSameWay(keys: [Key]) {
        let (input, dialog) = both("say hello world", keys)
        #expect(input.text == dialog.text, "\(keys.map(\.name)): \(input.text) vs \(dialog.text)")
        #expect(input.cursor == dialog.cursor)
    }

    @Test func ctrlDDeletesForwardInADialogToo() {
        let (input, dialog) = both("abc", [.home, .ctrl("d")])
        #expect(input.text == "bc")
        #expect(dialog.text == "bc")
    }

    @Test func enterAndEscAreTheOwnersToActOn() {
        var line = LineEditor(text: "x")
        #expect(LineField.update(&line, .enter, keymap: .defaults) == .submit)
        #expect(LineField.update(&line, .escape, keymap: .defaults) == .cancel)
        #expect(LineField.update(&line, .function(3), keymap: .defaults) == .ignored)
        #expect(LineField.update(&line, .char("y"), keymap: .defaults) == .edited)
        #expect(line.text == "xy")
    }
}

/// docs/keys.md is generated from the table; a stale copy fails here with how to fix it.
@Suite("Keys document")
struct KeyDocsTests {
    static let docPath: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/", !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("docs/keys.md").path
    }()

    @Test func docsKeysMatchesTheBindingTable() throws {
        let text = try String(contentsOfFile: Self.docPath, encoding: .utf8)
        let fresh = try KeyDocs.updated(text)
        if ProcessInfo.processInfo.environment["TOOLSCOPE_UPDATE_KEYS_DOC"] == "1", fresh != text {
            try fresh.write(toFile: Self.docPath, atomically: true, encoding: .utf8)
            return
        }
        #expect(fresh == text, "docs/keys.md is stale: regenerate it with `TOOLSCOPE_UPDATE_KEYS_DOC=1 swift test --filter KeyDocsTests`")
    }

    @Test func theGeneratedSectionHasEveryScope() {
        let tables = KeyDocs.tables()
        for scope in KeyScope.allCases { #expect(tables.contains("## " + scope.title)) }
        #expect(tables.contains("| F1 | this help |"))
        #expect(tables.contains("| Delete, Ctrl-D | delete the character at the cursor |"))
    }

    @Test func aDocumentWithoutMarkersIsRefused() {
        #expect(throws: KeyDocs.Failure.self) { try KeyDocs.updated("# Keys\nno markers here\n") }
    }
}
