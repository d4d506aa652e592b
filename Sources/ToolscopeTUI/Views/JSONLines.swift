import Foundation
import ToolscopeEngine

/// JSON text as syntax-coloured rows, for the detail view and dialogs.
enum JSONLines {
    static func role(_ kind: JSONTokenKind) -> ThemeRole {
        switch kind {
        case .key: return .jsonKey
        case .string: return .jsonString
        case .number: return .jsonNumber
        case .keyword: return .jsonKeyword
        case .punctuation: return .jsonPunctuation
        case .error: return .jsonError
        case .whitespace: return .text
        }
    }

    /// Colours `lines` (each already free of control characters) with the editor's highlighter.
    static func styled(_ lines: [String]) -> [StyledLine] {
        let tokens = JSONHighlighter.highlight(lines: lines)
        return lines.enumerated().map { i, text in
            let chars = Array(text)
            var line = StyledLine()
            var covered = 0
            for token in tokens[i] where token.range.lowerBound >= covered && token.range.upperBound <= chars.count {
                if token.range.lowerBound > covered { line.append(String(chars[covered..<token.range.lowerBound]), .plain) }
                line.append(String(chars[token.range]), Style(role(token.kind)))
                covered = token.range.upperBound
            }
            if covered < chars.count { line.append(String(chars[covered...]), .plain) }
            return line
        }
    }

    /// Pretty JSON when `text` parses, else the text itself, as coloured rows.
    static func pretty(_ text: String) -> [StyledLine] {
        if let value = try? JSONParser.parse(text) { return styled(TextSanitizer.clean(value.pretty).components(separatedBy: "\n")) }
        return TextSanitizer.clean(text).components(separatedBy: "\n").map { StyledLine($0) }
    }

    static func pretty(_ value: JSONValue) -> [StyledLine] {
        styled(TextSanitizer.clean(value.pretty).components(separatedBy: "\n"))
    }
}
