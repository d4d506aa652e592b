import Foundation

/// docs/keys.md's key tables, written from the binding table (through `KeyHelp.groups`, the
/// same groups F1 shows). The document keeps its hand-written text outside two markers; the
/// `Keys document` test fails when the part between them differs from `tables()`, and
/// `TOOLSCOPE_UPDATE_KEYS_DOC=1 swift test --filter KeyDocsTests` rewrites it.
public enum KeyDocs {
    public static let begin = "<!-- key tables: generated from Sources/ToolscopeTUI/Keys/Keymap+Defaults.swift; do not edit by hand -->"
    public static let end = "<!-- end of the generated key tables -->"

    public enum Failure: Error, CustomStringConvertible {
        case noMarkers
        public var description: String { "docs/keys.md has no \"\(begin)\" … \"\(end)\" markers to put the tables between" }
    }

    /// The Markdown of every group: a heading, then a Key | Action table.
    public static func tables(_ keymap: Keymap = .defaults) -> String {
        var out = ""
        for group in KeyHelp.keymapGroups(keymap) {
            out += "## \(group.title)\n\n| Key | Action |\n|---|---|\n"
            for row in group.keys { out += "| \(cell(row.key)) | \(cell(row.action)) |\n" }
            out += "\n"
        }
        return out
    }

    /// `document` with the text between its markers replaced by `tables()`.
    public static func updated(_ document: String) throws(Failure) -> String {
        guard let start = document.range(of: begin), let stop = document.range(of: end, range: start.upperBound..<document.endIndex) else {
            throw .noMarkers
        }
        return String(document[..<start.upperBound]) + "\n\n" + tables() + String(document[stop.lowerBound...])
    }

    private static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
