import Foundation
import Testing
import ToolscopeTestSupport

/// Untrusted text (tool results, model text) printed by the headless commands cannot drive the
/// terminal or reorder what a person reads: controls and bidi controls are printed as escapes.
@Suite("Terminal safety of headless output (end to end)", .serialized)
struct TerminalSafetyTests {
    /// A tool result with an override (so `txt.exe` would show as `exe.txt`), an isolate, RLM,
    /// ALM, ESC, BEL and a C1 CSI.
    static let hostile = "invoice\u{202E}txt.exe \u{2067}x\u{2069} \u{200F}\u{061C} \u{1B}[2J\u{07}\u{9B}0m"
    static let rawControls: [Unicode.Scalar] = ["\u{202E}", "\u{2067}", "\u{2069}", "\u{200F}", "\u{061C}", "\u{1B}", "\u{07}", "\u{9B}"]

    /// A session whose one tool is mocked to answer `hostile`, and a script whose model calls
    /// it and a tool whose name holds an override, then answers with an override of its own.
    static func files() throws -> (session: String, script: String, directory: URL) {
        let dir = BinaryRunner.temporaryDirectory()
        let session: [String: Any] = [
            "format": "toolscope.session/1",
            "title": "hostile output",
            "tools": [[
                "type": "function",
                "function": ["name": "peek", "description": "Shows a file name.", "parameters": ["type": "object", "properties": [:]]],
                "binding": ["kind": "mock", "result": hostile],
            ], [
                // A name no model should send, but a model's text is untrusted all the same.
                "type": "function",
                "function": ["name": "evil\u{202E}name", "parameters": ["type": "object", "properties": [:]]],
                "binding": ["kind": "mock", "result": "ok"],
            ]],
        ]
        let script: [String: Any] = [
            "rules": [["match": ".", "turns": [["calls": [["name": "peek", "arguments": [:]], ["name": "evil\u{202E}name", "arguments": [:]]]]],
                       "final": "saved as \u{202E}fdp.exe"]],
        ]
        let sessionPath = dir.appendingPathComponent("hostile.json").path
        let scriptPath = dir.appendingPathComponent("script.json").path
        try JSONSerialization.data(withJSONObject: session).write(to: URL(fileURLWithPath: sessionPath))
        try JSONSerialization.data(withJSONObject: script).write(to: URL(fileURLWithPath: scriptPath))
        return (sessionPath, scriptPath, dir)
    }

    static func rawControlsIn(_ text: String) -> [String] {
        rawControls.filter { text.unicodeScalars.contains($0) }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    @Test func runPrintsBidiControlsInToolResultsAndModelTextAsEscapes() throws {
        let (session, script, dir) = try Self.files()
        let saved = dir.appendingPathComponent("saved.json").path
        let r = try BinaryRunner.run(["run", "--session", session, "--script", script, "--prompt", "show it", "--send-anyway", "--save", saved])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.rawControlsIn(r.stdout).isEmpty, "raw controls reached the terminal: \(Self.rawControlsIn(r.stdout))")
        #expect(r.stdout.contains(#"invoice\u{202e}txt.exe \u{2067}x\u{2069} \u{200f}\u{61c} \u{1b}[2J\u{7}\u{9b}0m"#), "\(r.stdout)")
        #expect(r.stdout.contains(#"saved as \u{202e}fdp.exe"#), "\(r.stdout)")
        #expect(r.stdout.contains(#"⚙ evil\u{202e}name({})"#), "\(r.stdout)")
        // The name is also a lint error, sent anyway here: the pre-send check's lines escape it too.
        #expect(r.stderr.contains("toolscope: tool check: error: /tools/1/function/name:"), "\(r.stderr)")
        #expect(Self.rawControlsIn(r.stderr).isEmpty, "raw controls on stderr: \(Self.rawControlsIn(r.stderr))")
    }

    /// `--json` lines and saved files carry the same text as JSON `\u` escapes: the same value
    /// for any JSON reader, nothing raw for a terminal that shows the line or `cat`s the file.
    @Test func jsonLinesAndSavedFilesEscapeThemAsJSON() throws {
        let (session, script, dir) = try Self.files()
        let saved = dir.appendingPathComponent("saved.json").path
        let r = try BinaryRunner.run(["run", "--session", session, "--script", script, "--prompt", "show it", "--send-anyway", "--json", "--save", saved])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.rawControlsIn(r.stdout).isEmpty, "raw controls in --json: \(Self.rawControlsIn(r.stdout))")
        #expect(r.stdout.contains(#"invoice\u202etxt.exe \u2067x\u2069 \u200f\u061c \u001b[2J\u0007\u009b0m"#), "\(r.stdout)")
        let file = try String(contentsOfFile: saved, encoding: .utf8)
        #expect(Self.rawControlsIn(file).isEmpty, "raw controls in the saved session: \(Self.rawControlsIn(file))")
        // Every line is still JSON that decodes to the original text.
        let line = try #require(r.stdout.split(separator: "\n").first { $0.contains("call_finished") && $0.contains("invoice") })
        let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(event["content"] as? String == Self.hostile)
    }

    @Test func replayPrintsThemAsEscapesToo() throws {
        let (session, script, dir) = try Self.files()
        let saved = dir.appendingPathComponent("saved.json").path
        #expect(try BinaryRunner.run(["run", "--session", session, "--script", script, "--prompt", "show it", "--send-anyway", "--save", saved]).status == 0)
        let r = try BinaryRunner.run(["replay", saved])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains(#"invoice\u{202e}txt.exe"#), "\(r.stdout)")
        #expect(Self.rawControlsIn(r.stdout).isEmpty, "raw controls reached the terminal: \(Self.rawControlsIn(r.stdout))")

        // A recording whose result differs (the tool messages, not the mock's answer): the diff shows both sides escaped.
        let recorded = try String(contentsOfFile: saved, encoding: .utf8)
        let tampered = recorded.replacingOccurrences(of: #""content": "invoice"#, with: #""content": "receipt"#)
        #expect(tampered != recorded)
        try tampered.write(toFile: saved, atomically: true, encoding: .utf8)
        let check = try BinaryRunner.run(["replay", saved, "--check", "--quiet"])
        #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains(#"receipt\u{202e}txt.exe"#), "\(check.stdout)")
        #expect(Self.rawControlsIn(check.stdout).isEmpty, "raw controls reached the terminal: \(Self.rawControlsIn(check.stdout))")
    }
}
