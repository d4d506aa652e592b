import Foundation
import ToolscopeEngine

/// Finds and loads themes by name. A missing or broken file never stops the program: the
/// result carries the default theme and a sentence saying what was wrong and where.
public enum ThemeLoader {
    public static let defaultName = "dark"
    public static let monochromeName = "monochrome"

    /// The outcome of loading: the theme to use and, when it is not the one asked for, why.
    public struct Result: Sendable {
        public var theme: Theme
        public var problem: String?
    }

    /// Directories searched in order: ./themes, the dev-tree themes next to the executable,
    /// then $XDG_CONFIG_HOME/toolscope/themes (or ~/.config/toolscope/themes).
    public static func searchDirectories(environment: [String: String], executablePath: String?) -> [String] {
        var dirs = [FileManager.default.currentDirectoryPath + "/themes"]
        if let exe = executablePath {
            let binDir = (exe as NSString).deletingLastPathComponent
            dirs.append(((binDir as NSString).appendingPathComponent("../../themes") as NSString).standardizingPath)
        }
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            dirs.append(xdg + "/toolscope/themes")
        } else if let home = environment["HOME"], !home.isEmpty {
            dirs.append(home + "/.config/toolscope/themes")
        }
        return dirs
    }

    /// Loads `name` (a theme name or a path to a .json file). `NO_COLOR` in the environment
    /// forces the monochrome theme whatever was asked.
    public static func load(name: String?, environment: [String: String], executablePath: String?) -> Result {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            return Result(theme: embedded(monochromeName), problem: nil)
        }
        let wanted = name ?? defaultName
        if wanted.hasSuffix(".json") || wanted.contains("/") {
            return loadFile(wanted, name: ((wanted as NSString).lastPathComponent as NSString).deletingPathExtension)
        }
        for dir in searchDirectories(environment: environment, executablePath: executablePath) {
            let path = dir + "/" + wanted + ".json"
            if FileManager.default.fileExists(atPath: path) { return loadFile(path, name: wanted) }
        }
        if BuiltinThemes.all[wanted] != nil { return Result(theme: embedded(wanted), problem: nil) }
        if let missing = BuiltinThemes.catalog.problem {
            return Result(theme: embedded(defaultName), problem: "no theme named \"\(wanted)\" (\(missing)); using plain colours")
        }
        let known = BuiltinThemes.all.keys.sorted().joined(separator: ", ")
        return Result(theme: embedded(defaultName), problem: "no theme named \"\(wanted)\" (built in: \(known)); using \(defaultName)")
    }

    /// Parses theme text; used for files and for the embedded themes.
    public static func parse(_ text: String, name: String) throws(ThemeError) -> Theme {
        let json: JSONValue
        do { json = try JSONParser.parse(text) } catch {
            throw ThemeError("line \(error.line), column \(error.column): \(error.message)")
        }
        return try Theme(json: json, fallbackName: name)
    }

    /// A built-in theme (from `themes/*.json`, covered by tests); when it is missing (no resource
    /// bundle) or broken, the plain terminal colours are still usable.
    public static func embedded(_ name: String) -> Theme {
        if let text = BuiltinThemes.all[name], let theme = try? parse(text, name: name) { return theme }
        if name == monochromeName { return plainFallback(name) }  // NO_COLOR must stay colourless
        return (try? Theme(json: ["roles": ["text": [:]]], fallbackName: name))
            ?? plainFallback(name)
    }

    /// The built-in theme names, sorted; never empty (F8 cycles through them), so without the
    /// resource bundle it is just the default, which then loads as plain colours with a problem.
    public static var availableNames: [String] {
        let names = BuiltinThemes.all.keys.sorted()
        return names.isEmpty ? [defaultName] : names
    }

    private static func loadFile(_ path: String, name: String) -> Result {
        guard let data = FileManager.default.contents(atPath: path) else {
            return Result(theme: embedded(defaultName), problem: "cannot read theme \(path); using \(defaultName)")
        }
        do {
            return Result(theme: try parse(String(decoding: data, as: UTF8.self), name: name), problem: nil)
        } catch {
            return Result(theme: embedded(defaultName), problem: "theme \(path): \(error.message); using \(defaultName)")
        }
    }

    private static func plainFallback(_ name: String) -> Theme {
        var entries: [ThemeRole: Theme.Entry] = [:]
        for role in ThemeRole.allCases {
            entries[role] = Theme.Entry(foreground: .terminalDefault, background: .terminalDefault, mono: Theme.defaultMono(role))
        }
        return Theme(name: name, entries: entries, monochrome: true)
    }
}

extension Theme {
    /// Memberwise construction for code-built themes.
    init(name: String, entries: [ThemeRole: Entry], monochrome: Bool) {
        self.name = name
        self.entries = entries
        self.monochrome = monochrome
    }
}
