import ToolscopeEngine

/// A named set of colours and attributes for every `ThemeRole`.
///
/// Roles a file leaves out inherit the `text` role's colours, so a small theme file is still
/// complete. Every role also has monochrome attributes, used when colours are off (`NO_COLOR`,
/// the monochrome theme, or a terminal without colour), so meaning never depends on hue alone.
public struct Theme: Sendable, Hashable {
    /// How one role is drawn.
    public struct Entry: Sendable, Hashable {
        public var foreground: ThemeColor
        public var background: ThemeColor
        /// Explicit 8-colour choices, when the automatic nearest colour is not good enough.
        public var foreground8: ThemeColor?
        public var background8: ThemeColor?
        public var bold = false
        public var underline = false
        public var reverse = false
        public var dim = false
        /// Attributes used without colour.
        public var mono: MonoAttributes
    }

    /// The attributes a role gets on a colourless screen.
    public struct MonoAttributes: Sendable, Hashable {
        public var bold = false
        public var underline = false
        public var reverse = false
        public var dim = false
    }

    public var name: String
    public var entries: [ThemeRole: Entry]
    /// True when the theme asks for no colours at all (the monochrome theme).
    public var monochrome: Bool

    public func entry(_ role: ThemeRole) -> Entry {
        entries[role] ?? entries[.text] ?? Entry(foreground: .terminalDefault, background: .terminalDefault, mono: Theme.defaultMono(role))
    }

    /// Builds a theme from its JSON file form; the message names the bad key.
    public init(json: JSONValue, fallbackName: String) throws(ThemeError) {
        guard let root = json.objectValue else { throw ThemeError("a theme must be a JSON object") }
        name = root["name"]?.stringValue ?? fallbackName
        monochrome = root["monochrome"]?.boolValue ?? false
        guard let roles = root["roles"]?.objectValue else { throw ThemeError("a theme needs a \"roles\" object") }
        for key in roles.keys where ThemeRole(rawValue: key) == nil {
            throw ThemeError("unknown role \"\(key)\"; roles are \(ThemeRole.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        func color(_ value: JSONValue?, _ path: String) throws(ThemeError) -> ThemeColor? {
            guard let value else { return nil }
            if let i = value.intValue, let c = ThemeColor(text: String(i)) { return c }
            guard let s = value.stringValue, let c = ThemeColor(text: s) else {
                throw ThemeError("\(path): expected \"#rrggbb\", 0–255, a colour name or \"default\"")
            }
            return c
        }
        let textObject = roles["text"]?.objectValue ?? [:]
        let baseFG = try color(textObject["fg"], "roles.text.fg") ?? .terminalDefault
        let baseBG = try color(textObject["bg"], "roles.text.bg") ?? .terminalDefault
        var entries: [ThemeRole: Entry] = [:]
        for role in ThemeRole.allCases {
            let o = roles[role.rawValue]?.objectValue ?? [:]
            if roles[role.rawValue] != nil, roles[role.rawValue]?.objectValue == nil {
                throw ThemeError("roles.\(role.rawValue) must be an object")
            }
            let p = "roles.\(role.rawValue)"
            var e = Entry(foreground: try color(o["fg"], p + ".fg") ?? baseFG,
                          background: try color(o["bg"], p + ".bg") ?? baseBG,
                          foreground8: try color(o["fg8"], p + ".fg8"), background8: try color(o["bg8"], p + ".bg8"),
                          mono: Theme.defaultMono(role))
            e.bold = o["bold"]?.boolValue ?? false
            e.underline = o["underline"]?.boolValue ?? false
            e.reverse = o["reverse"]?.boolValue ?? false
            e.dim = o["dim"]?.boolValue ?? false
            if let mono = o["mono"] {
                guard let words = mono.arrayValue?.compactMap(\.stringValue) else {
                    throw ThemeError("\(p).mono must be an array like [\"bold\", \"reverse\"]")
                }
                e.mono = MonoAttributes(bold: words.contains("bold"), underline: words.contains("underline"),
                                        reverse: words.contains("reverse"), dim: words.contains("dim"))
            }
            entries[role] = e
        }
        self.entries = entries
    }

    /// Sensible attributes for each role when there is no colour.
    static func defaultMono(_ role: ThemeRole) -> MonoAttributes {
        switch role {
        case .statusBar, .selection, .dialogTitle: return MonoAttributes(reverse: true)
        case .titleFocused, .borderFocused, .user, .statusKey, .jsonKey, .accent: return MonoAttributes(bold: true)
        case .error, .jsonError: return MonoAttributes(bold: true, underline: true)
        case .warning: return MonoAttributes(underline: true)
        case .dim, .lineNumber, .border, .jsonPunctuation: return MonoAttributes(dim: true)
        default: return MonoAttributes()
        }
    }
}

/// Why a theme file was rejected: shown to the user, who then gets the default theme.
public struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
