import Foundation

/// The user's keymap file, `keys.conf` in the config directory: one remap a line,
///
///     # scope    command   key…
///     global     save      f5 ctrl-s
///     trace      move-up   up k ctrl-p
///     global     zoom      none
///
/// The keys replace the command's keys in that scope (`none` unbinds it). A line that names an
/// unknown scope, command or key, or a key already remapped in the same scope, is reported with
/// the file and line and skipped; the rest of the file still applies.
public enum KeymapFile {
    public static let fileName = "keys.conf"

    /// The result of reading a keymap file: the table to use and one message per bad line.
    public struct Result: Sendable {
        public var keymap: Keymap
        public var problems: [String]
    }

    /// `$TOOLSCOPE_CONFIG_DIR`, else `$XDG_CONFIG_HOME/toolscope`, else `~/.config/toolscope`
    /// (the engine's `UserDirectories.config` rule, which this module cannot import).
    public static func path(environment: [String: String]) -> String? {
        if let dir = environment["TOOLSCOPE_CONFIG_DIR"], !dir.isEmpty { return dir + "/" + fileName }
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/toolscope/" + fileName }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/toolscope/" + fileName
    }

    /// Reads the user's keymap file; no file gives the defaults with no problems.
    public static func load(environment: [String: String]) -> Result {
        guard let path = path(environment: environment), FileManager.default.fileExists(atPath: path) else {
            return Result(keymap: .defaults, problems: [])
        }
        let shown = abbreviated(path, home: environment["HOME"])
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return Result(keymap: .defaults, problems: ["\(shown): cannot be read as UTF-8 text; the default keys are used"])
        }
        return parse(text, path: shown)
    }

    /// Applies the remaps in `text` to `base`; `path` names the file in the messages.
    public static func parse(_ text: String, path: String, base: Keymap = .defaults) -> Result {
        var keymap = base
        var problems: [String] = []
        /// scope → key → the line that remapped it, to report a key bound twice.
        var taken: [KeyScope: [Key: Int]] = [:]
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard !words.isEmpty else { continue }
            func problem(_ message: String) { problems.append("\(path):\(number): \(message)") }
            guard words.count >= 3 else {
                problem("expected SCOPE COMMAND KEY…, e.g. \"global save ctrl-s\"")
                continue
            }
            guard let scope = KeyScope.named(words[0]) else {
                problem("\"\(words[0])\" is not a scope (scopes: \(KeyScope.allCases.map(\.name).joined(separator: ", ")))")
                continue
            }
            guard let command = Command.named(words[1]) else {
                problem("\"\(words[1])\" is not a command (toolscope's docs/keys.md lists them by scope)")
                continue
            }
            guard Keymap.isDefault(command, in: scope) else {
                let homes = KeyScope.allCases.filter { Keymap.isDefault(command, in: $0) }.map(\.name)
                problem("\(command.name) is not a command of \(scope.name) (it is one of \(homes.joined(separator: ", ")))")
                continue
            }
            var keys: [Key] = []
            var bad = false
            let names = Array(words.dropFirst(2))
            if names != ["none"] {
                for name in names {
                    guard let key = Key(name: name) else {
                        problem("\"\(name)\" is not a key (keys are named like ctrl-s, f5, shift-tab, esc, pgdn, a)")
                        bad = true
                        break
                    }
                    if let first = taken[scope]?[key] {
                        problem("\(key.name) is bound twice in \(scope.name) (line \(first) binds it already)")
                        bad = true
                        break
                    }
                    if Keymap.panes.contains(scope), let global = keymap.unconditionalCommand(for: key, in: .global) {
                        problem("\(key.name) is global's \(global.name) key, which is looked up before \(scope.name); remap \(global.name) first")
                        bad = true
                        break
                    }
                    if keys.contains(key) {
                        problem("\(key.name) is named twice on this line")
                        bad = true
                        break
                    }
                    keys.append(key)
                }
            }
            if bad { continue }
            for key in keys { taken[scope, default: [:]][key] = number }
            keymap = keymap.remapping(command, in: scope, to: keys)
        }
        return Result(keymap: keymap, problems: problems)
    }

    static func abbreviated(_ path: String, home: String?) -> String {
        guard let home, !home.isEmpty, path.hasPrefix(home + "/") else { return path }
        return "~" + path.dropFirst(home.count)
    }
}
