/// The shipped themes compiled into the binary, so toolscope works with no themes/ directory.
/// They are byte-for-byte the files in themes/ (a test keeps the two in step).
enum EmbeddedThemes {
    /// Theme name → JSON text.
    static let all: [String: String] = [
        "dark": #"""
        {
          "name": "dark",
          "description": "The default: light text on a near-black background.",
          "roles": {
            "text": {"fg": "#d0d0d0", "bg": "#1c1c1c", "fg8": "white", "bg8": "black"},
            "dim": {"fg": "#808080", "fg8": "white", "dim": true},
            "border": {"fg": "#4e4e4e", "fg8": "white"},
            "borderFocused": {"fg": "#5fafff", "fg8": "cyan", "bold": true},
            "title": {"fg": "#a8a8a8", "fg8": "white"},
            "titleFocused": {"fg": "#1c1c1c", "bg": "#5fafff", "fg8": "black", "bg8": "cyan", "bold": true},
            "statusBar": {"fg": "#d0d0d0", "bg": "#303030", "fg8": "black", "bg8": "white"},
            "statusKey": {"fg": "#ffd75f", "bg": "#303030", "fg8": "yellow", "bg8": "black", "bold": true},
            "statusBusy": {"fg": "#1c1c1c", "bg": "#ffaf00", "fg8": "black", "bg8": "yellow", "bold": true},
            "user": {"fg": "#87d7ff", "fg8": "cyan", "bold": true},
            "assistant": {"fg": "#afd787", "fg8": "green", "bold": true},
            "system": {"fg": "#d7afff", "fg8": "magenta", "bold": true},
            "tool": {"fg": "#ffaf5f", "fg8": "yellow", "bold": true},
            "toolCall": {"fg": "#ffd787", "fg8": "yellow"},
            "error": {"fg": "#ff5f5f", "fg8": "red", "bold": true},
            "warning": {"fg": "#ffaf00", "fg8": "yellow"},
            "success": {"fg": "#87d787", "fg8": "green"},
            "selection": {"fg": "#ffffff", "bg": "#005f87", "fg8": "white", "bg8": "blue"},
            "accent": {"fg": "#5fafff", "fg8": "cyan"},
            "jsonKey": {"fg": "#87afff", "fg8": "blue", "bold": true},
            "jsonString": {"fg": "#afd787", "fg8": "green"},
            "jsonNumber": {"fg": "#d7af5f", "fg8": "yellow"},
            "jsonKeyword": {"fg": "#d787d7", "fg8": "magenta"},
            "jsonPunctuation": {"fg": "#8a8a8a", "fg8": "white"},
            "jsonError": {"fg": "#ffffff", "bg": "#af0000", "fg8": "white", "bg8": "red"},
            "lineNumber": {"fg": "#626262", "fg8": "white"},
            "dialog": {"fg": "#e4e4e4", "bg": "#262626", "fg8": "white", "bg8": "blue"},
            "dialogTitle": {"fg": "#1c1c1c", "bg": "#ffd75f", "fg8": "black", "bg8": "yellow", "bold": true}
          }
        }
        """#,
        "light": #"""
        {
          "name": "light",
          "description": "Dark text on a light background, for bright rooms.",
          "roles": {
            "text": {"fg": "#262626", "bg": "#f5f5f5", "fg8": "black", "bg8": "white"},
            "dim": {"fg": "#767676", "fg8": "black"},
            "border": {"fg": "#b2b2b2", "fg8": "black"},
            "borderFocused": {"fg": "#005fd7", "fg8": "blue", "bold": true},
            "title": {"fg": "#585858", "fg8": "black"},
            "titleFocused": {"fg": "#ffffff", "bg": "#005fd7", "fg8": "white", "bg8": "blue", "bold": true},
            "statusBar": {"fg": "#262626", "bg": "#d0d0d0", "fg8": "white", "bg8": "black"},
            "statusKey": {"fg": "#870000", "bg": "#d0d0d0", "fg8": "yellow", "bg8": "black", "bold": true},
            "statusBusy": {"fg": "#ffffff", "bg": "#af5f00", "fg8": "black", "bg8": "yellow", "bold": true},
            "user": {"fg": "#005f87", "fg8": "blue", "bold": true},
            "assistant": {"fg": "#005f00", "fg8": "green", "bold": true},
            "system": {"fg": "#5f0087", "fg8": "magenta", "bold": true},
            "tool": {"fg": "#875f00", "fg8": "yellow", "bold": true},
            "toolCall": {"fg": "#875f00", "fg8": "black"},
            "error": {"fg": "#d70000", "fg8": "red", "bold": true},
            "warning": {"fg": "#af5f00", "fg8": "magenta"},
            "success": {"fg": "#008700", "fg8": "green"},
            "selection": {"fg": "#000000", "bg": "#afd7ff", "fg8": "white", "bg8": "blue"},
            "accent": {"fg": "#005fd7", "fg8": "blue"},
            "jsonKey": {"fg": "#005faf", "fg8": "blue", "bold": true},
            "jsonString": {"fg": "#008700", "fg8": "green"},
            "jsonNumber": {"fg": "#af5f00", "fg8": "red"},
            "jsonKeyword": {"fg": "#8700af", "fg8": "magenta"},
            "jsonPunctuation": {"fg": "#6c6c6c", "fg8": "black"},
            "jsonError": {"fg": "#ffffff", "bg": "#d70000", "fg8": "white", "bg8": "red"},
            "lineNumber": {"fg": "#9e9e9e", "fg8": "black"},
            "dialog": {"fg": "#262626", "bg": "#e4e4e4", "fg8": "black", "bg8": "cyan"},
            "dialogTitle": {"fg": "#ffffff", "bg": "#005fd7", "fg8": "white", "bg8": "blue", "bold": true}
          }
        }
        """#,
        "high-contrast": #"""
        {
          "name": "high-contrast",
          "description": "Pure black and white with saturated accents and bold emphasis.",
          "roles": {
            "text": {"fg": "#ffffff", "bg": "#000000", "fg8": "white", "bg8": "black"},
            "dim": {"fg": "#d0d0d0", "fg8": "white"},
            "border": {"fg": "#ffffff", "fg8": "white"},
            "borderFocused": {"fg": "#ffff00", "fg8": "yellow", "bold": true},
            "title": {"fg": "#ffffff", "fg8": "white", "bold": true},
            "titleFocused": {"fg": "#000000", "bg": "#ffff00", "fg8": "black", "bg8": "yellow", "bold": true},
            "statusBar": {"fg": "#000000", "bg": "#ffffff", "fg8": "black", "bg8": "white"},
            "statusKey": {"fg": "#000000", "bg": "#00ffff", "fg8": "black", "bg8": "cyan", "bold": true},
            "statusBusy": {"fg": "#000000", "bg": "#ffff00", "fg8": "black", "bg8": "yellow", "bold": true},
            "user": {"fg": "#00ffff", "fg8": "cyan", "bold": true},
            "assistant": {"fg": "#00ff00", "fg8": "green", "bold": true},
            "system": {"fg": "#ff00ff", "fg8": "magenta", "bold": true},
            "tool": {"fg": "#ffff00", "fg8": "yellow", "bold": true},
            "toolCall": {"fg": "#ffff00", "fg8": "yellow"},
            "error": {"fg": "#ffffff", "bg": "#d70000", "fg8": "white", "bg8": "red", "bold": true},
            "warning": {"fg": "#000000", "bg": "#ffff00", "fg8": "black", "bg8": "yellow", "bold": true},
            "success": {"fg": "#00ff00", "fg8": "green", "bold": true},
            "selection": {"fg": "#000000", "bg": "#ffffff", "fg8": "black", "bg8": "white"},
            "accent": {"fg": "#00ffff", "fg8": "cyan", "bold": true},
            "jsonKey": {"fg": "#00ffff", "fg8": "cyan", "bold": true},
            "jsonString": {"fg": "#00ff00", "fg8": "green"},
            "jsonNumber": {"fg": "#ffff00", "fg8": "yellow"},
            "jsonKeyword": {"fg": "#ff00ff", "fg8": "magenta", "bold": true},
            "jsonPunctuation": {"fg": "#ffffff", "fg8": "white"},
            "jsonError": {"fg": "#ffffff", "bg": "#d70000", "fg8": "white", "bg8": "red", "bold": true, "underline": true},
            "lineNumber": {"fg": "#d0d0d0", "fg8": "white"},
            "dialog": {"fg": "#ffffff", "bg": "#000000", "fg8": "white", "bg8": "black"},
            "dialogTitle": {"fg": "#000000", "bg": "#ffff00", "fg8": "black", "bg8": "yellow", "bold": true}
          }
        }
        """#,
        "monochrome": #"""
        {
          "name": "monochrome",
          "description": "No colours: emphasis by bold, underline and reverse only. NO_COLOR selects it.",
          "monochrome": true,
          "roles": {
            "text": {"fg": "default", "bg": "default"},
            "statusBar": {"mono": ["reverse"]},
            "statusKey": {"mono": ["reverse", "bold"]},
            "statusBusy": {"mono": ["reverse", "bold"]},
            "titleFocused": {"mono": ["reverse", "bold"]},
            "borderFocused": {"mono": ["bold"]},
            "error": {"mono": ["bold", "underline"]},
            "warning": {"mono": ["underline"]},
            "selection": {"mono": ["reverse"]},
            "jsonError": {"mono": ["reverse", "underline"]},
            "dialogTitle": {"mono": ["reverse", "bold"]}
          }
        }
        """#,
    ]
}
