import Foundation
import Testing
import ToolscopeEngine
@testable import ToolscopeTUI

/// "Copy as": the menu the keys open, what each choice exports, OSC 52 and the file fallback.
/// The tmux journey (the text arriving in tmux's paste buffer) is in EndToEndTests.
@Suite("Copy")
struct CopyTests {
    static let calls = [ToolCall(id: "c1", name: "get_weather", arguments: #"{"city":"Tokyo"}"#),
                        ToolCall(id: "c2", name: "get_weather", arguments: #"{"city":"London"}"#)]

    /// One answered turn: a round with two calls and their results, then a round with the answer.
    static func ranState() -> AppState {
        var s = TestSupport.state()
        TestSupport.event(&s, .turnStarted(userMessage: "weather?"))
        TestSupport.event(&s, .messageAppended(.user("weather?")))
        let assistant = Message.assistant(nil, toolCalls: calls)
        TestSupport.event(&s, .assistantMessage(assistant, finishReason: "tool_calls", latency: 0.2, timeToFirstToken: nil, rawBody: nil))
        TestSupport.event(&s, .messageAppended(assistant))
        for (call, temperature) in zip(calls, [18, 11]) {
            TestSupport.event(&s, .callStarted(callID: call.id, name: call.name, arguments: call.arguments))
            TestSupport.event(&s, .callFinished(callID: call.id, name: call.name, duration: 0.01, outcome: ToolOutcome(content: #"{"t":\#(temperature)}"#)))
            TestSupport.event(&s, .messageAppended(.tool(callID: call.id, content: #"{"t":\#(temperature)}"#)))
        }
        let answer = Message.assistant("Tokyo 18, London 11.")
        TestSupport.event(&s, .assistantMessage(answer, finishReason: "stop", latency: 0.1, timeToFirstToken: nil, rawBody: nil), round: 2)
        TestSupport.event(&s, .messageAppended(answer), round: 2)
        TestSupport.event(&s, .turnFinished(reason: "answered"), round: 2)
        return s
    }

    static func menu(_ s: AppState) -> CopyMenuState? {
        if case .copyMenu(let m)? = s.modal { return m }
        return nil
    }

    @Test("Ctrl-Y in the conversation: the newest message, the newest call, the latest round, all messages, Python")
    func conversationMenu() throws {
        var s = Self.ranState()
        TestSupport.type(&s, "draft")
        TestSupport.press(&s, .ctrl("y"))
        let menu = try #require(Self.menu(s))
        #expect(menu.choices.map(\.key) == ["m", "j", "a", "r", "c", "s", "p"])
        #expect(menu.choices.first?.target == ExportTarget(message: 6))
        #expect(menu.choices[1].target == ExportTarget(callID: "c2"))
        #expect(menu.choices[4].label == "request of round 2 as curl")
        // The draft in the input line is untouched, and a letter picks its choice.
        #expect(s.input.text == "draft")
        let effects = TestSupport.press(&s, .char("c"))
        #expect(effects == [.copy(.curl, ExportTarget(round: 2), what: "request of round 2 as curl")])
        #expect(s.modal == nil)
    }

    @Test("y on a trace call row: that call's JSON, arguments and result, its round's answer and request")
    func traceCallMenu() throws {
        var s = Self.ranState()
        TestSupport.press(&s, .tab)
        let rows = TraceRow.build(s)
        s.traceSelection = try #require(rows.firstIndex(of: .call(turn: 0, entry: 0, call: 0)))
        TestSupport.press(&s, .char("y"))
        let menu = try #require(Self.menu(s))
        #expect(menu.subject == "call get_weather c1")
        #expect(menu.choices.map(\.label) == ["message JSON (message 3)", "call JSON (c1)", "arguments", "result",
                                              "request of round 1 as curl", "all messages JSON", "session as a Python script (openai SDK)"])
        TestSupport.press(&s, .down, .down)
        #expect(TestSupport.press(&s, .enter) == [.copy(.arguments, ExportTarget(callID: "c1"), what: "arguments")])
        let text = try SessionExport.text(s.session, as: .arguments, target: ExportTarget(callID: "c1"), environment: [:])
        #expect(text == "{\n  \"city\": \"Tokyo\"\n}")
    }

    @Test("y on a round row: its answer and request; Esc closes; Ctrl-Y in the JSON editor stays redo")
    func roundRowAndEditor() throws {
        var s = Self.ranState()
        TestSupport.press(&s, .tab)
        let rows = TraceRow.build(s)
        s.traceSelection = try #require(rows.firstIndex(of: .round(turn: 0, entry: 1)))
        TestSupport.press(&s, .char("y"))
        let menu = try #require(Self.menu(s))
        #expect(menu.subject == "round 2")
        #expect(menu.choices.map(\.key) == ["m", "c", "s", "p"])
        TestSupport.press(&s, .escape)
        #expect(s.modal == nil)
        s.focus = .editor
        s.editor.listFocused = false
        TestSupport.press(&s, .ctrl("y"))
        #expect(s.modal == nil)
    }

    @Test("the menu draws its subject and choices")
    func drawn() {
        var s = Self.ranState()
        TestSupport.press(&s, .ctrl("y"))
        let text = TestSupport.render(s).text
        #expect(text.contains("Copy as — the newest message"))
        #expect(text.contains(" p  session as a Python script (openai SDK)"))
    }

    @Test("OSC 52: ESC ] 52 ; c ; base64 of the UTF-8 text, BEL")
    func osc52() {
        #expect(OSC52.sequence(for: "hello") == Array("\u{1B}]52;c;aGVsbG8=\u{07}".utf8))
        #expect(OSC52.sequence(for: "é→") == Array("\u{1B}]52;c;w6nihpI=\u{07}".utf8))
        #expect(OSC52.fits(String(repeating: "a", count: 75_000)))
        #expect(!OSC52.fits(String(repeating: "a", count: 75_001)))
    }

    @Test("clipboard mode: the setting wins; auto uses OSC 52 except on terminals without it")
    func mode() {
        #expect(ClipboardMode.resolve(environment: ["TERM": "xterm-256color"]).mode == .osc52)
        #expect(ClipboardMode.resolve(environment: ["TERM": "linux"]).mode == .file)
        #expect(ClipboardMode.resolve(environment: ["TERM": "linux"]).why == "TERM=linux does not take OSC 52")
        #expect(ClipboardMode.resolve(environment: [:]).mode == .file)
        #expect(ClipboardMode.resolve(environment: ["TERM": "linux", "TOOLSCOPE_CLIPBOARD": "osc52"]).mode == .osc52)
        #expect(ClipboardMode.resolve(environment: ["TERM": "tmux-256color", "TOOLSCOPE_CLIPBOARD": "FILE"]).mode == .file)
        let bad = ClipboardMode.resolve(environment: ["TERM": "xterm", "TOOLSCOPE_CLIPBOARD": "pbcopy"])
        #expect(bad.mode == .osc52)
        #expect(bad.problem == "TOOLSCOPE_CLIPBOARD=pbcopy is not osc52, file or auto; using osc52")
    }

    @Test("the clipboard writes OSC 52 to the terminal, or the file when told to, too big, or the terminal fails; the notice says which")
    func clipboard() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("toolscope-copy-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var written: [UInt8] = []
        let osc = Clipboard(mode: .osc52, why: "TERM=xterm", directory: dir)
        let sent = osc.copy("{}", what: "arguments", fileExtension: "json") { written = $0; return true }
        #expect(written == OSC52.sequence(for: "{}"))
        #expect(sent == Notice("copied 2 bytes to the clipboard (OSC 52)", kind: .success))
        let failed = osc.copy("x", what: "result", fileExtension: "txt") { _ in false }
        #expect(failed.text == "written to \(dir)/copied.txt · 1 byte · the terminal could not be written")
        #expect(try String(contentsOfFile: dir + "/copied.txt", encoding: .utf8) == "x")
        let big = String(repeating: "b", count: 80_000)
        #expect(osc.copy(big, what: "python", fileExtension: "py") { _ in Issue.record("a too big copy reached the terminal"); return true }
            .text.hasSuffix("· too big for OSC 52"))
        let file = Clipboard(mode: .file, why: "TOOLSCOPE_CLIPBOARD=file", directory: dir)
        let notice = file.copy("curl x", what: "curl", fileExtension: "sh") { _ in Issue.record("file mode wrote to the terminal"); return true }
        #expect(notice.text == "written to \(dir)/copied.sh · 6 bytes · TOOLSCOPE_CLIPBOARD=file")
        #expect(try String(contentsOfFile: dir + "/copied.sh", encoding: .utf8) == "curl x")
    }
}
