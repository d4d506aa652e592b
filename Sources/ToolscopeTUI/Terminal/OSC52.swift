import Foundation

/// The terminal escape that sets the system clipboard: `ESC ] 52 ; c ; BASE64 BEL` (xterm's
/// "manipulate selection data"). It travels with the rest of the screen output, so it works over
/// ssh; tmux takes it into its paste buffer (and passes it on) when `set-clipboard` is `on`.
public enum OSC52 {
    /// Terminals cap what one sequence may carry (xterm, hterm and others near 100 kB of
    /// base64); a bigger copy goes to a file rather than being cut or dropped silently.
    public static let maximumEncodedBytes = 100_000

    /// The sequence that puts `text` (UTF-8) on the clipboard ("c").
    public static func sequence(for text: String) -> [UInt8] {
        Array("\u{1B}]52;c;".utf8) + Array(Data(text.utf8).base64EncodedString().utf8) + [0x07]
    }

    /// True when `text` fits in one sequence that terminals accept.
    public static func fits(_ text: String) -> Bool {
        (text.utf8.count + 2) / 3 * 4 <= maximumEncodedBytes
    }
}

/// Where copies go: the terminal's clipboard through OSC 52, or a file.
public enum ClipboardMode: String, Sendable, Hashable, CaseIterable {
    case osc52
    case file

    /// The mode for this environment: `TOOLSCOPE_CLIPBOARD` (`osc52`, `file` or `auto`) when set,
    /// else decided from TERM. Terminals that ignore OSC 52 — the Linux console, `dumb`, no TERM —
    /// get the file, so a copy is never lost in a terminal that drops it without a word.
    /// `why` says what chose the mode (for the notice); `problem` is a setting that was not understood.
    public static func resolve(environment: [String: String]) -> (mode: ClipboardMode, why: String, problem: String?) {
        let raw = environment["TOOLSCOPE_CLIPBOARD"] ?? ""
        let setting = raw.lowercased()
        if let mode = ClipboardMode(rawValue: setting) { return (mode, "TOOLSCOPE_CLIPBOARD=\(raw)", nil) }
        let term = environment["TERM"] ?? ""
        let ignoresOSC52 = ["", "dumb", "linux", "vt100", "vt102", "vt220", "cons25"].contains(term)
        let fromTerm: ClipboardMode = ignoresOSC52 ? .file : .osc52
        let why = term.isEmpty ? "no TERM" : "TERM=\(term)" + (ignoresOSC52 ? " does not take OSC 52" : "")
        if setting == "auto" || setting.isEmpty { return (fromTerm, why, nil) }
        return (fromTerm, why, "TOOLSCOPE_CLIPBOARD=\(raw) is not osc52, file or auto; using \(fromTerm.rawValue)")
    }
}
