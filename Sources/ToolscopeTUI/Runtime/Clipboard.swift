import Foundation
import ToolscopeEngine

/// Carries out a copy: OSC 52 through the terminal, or a file in the state directory when the
/// terminal cannot take it (its mode, or a copy too big for one sequence). The notice it returns
/// says which happened, with the size and, for a file, the path first (a narrow status line
/// cuts the end). `what` names the export only in a failure.
struct Clipboard {
    var mode: ClipboardMode
    /// What chose the mode ("TOOLSCOPE_CLIPBOARD=file", "TERM=linux does not take OSC 52").
    var why: String
    /// Where file copies go ($XDG_STATE_HOME/toolscope): `copied.json`, `copied.sh`, `copied.py`…
    var directory: String

    /// `writeToTerminal` sends bytes to the terminal and says whether they all went.
    func copy(_ text: String, what: String, fileExtension: String, writeToTerminal: ([UInt8]) -> Bool) -> Notice {
        let size = Self.size(text.utf8.count)
        var reason: String
        switch mode {
        case .osc52:
            if OSC52.fits(text) {
                if writeToTerminal(OSC52.sequence(for: text)) {
                    return Notice("copied \(size) to the clipboard (OSC 52)", kind: .success)
                }
                reason = "the terminal could not be written"
            } else {
                reason = "too big for OSC 52"
            }
        case .file:
            reason = why
        }
        let path = directory + "/copied." + fileExtension
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            return Notice("could not copy \(what): \(reason), and \(path) could not be written (\(error.localizedDescription))", kind: .error)
        }
        return Notice("written to \(path) · \(size) · \(reason)", kind: .success)
    }

    static func size(_ bytes: Int) -> String { bytes == 1 ? "1 byte" : "\(bytes) bytes" }
}
