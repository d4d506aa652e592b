/// Every part of the screen a theme colours. Names are the keys of a theme file's `roles`.
public enum ThemeRole: String, CaseIterable, Hashable, Sendable {
    case text, dim, border, borderFocused, title, titleFocused
    case statusBar, statusKey, statusBusy
    case user, assistant, system, tool, toolCall
    case error, warning, success, selection, accent
    case jsonKey, jsonString, jsonNumber, jsonKeyword, jsonPunctuation, jsonError
    case lineNumber, dialog, dialogTitle
}
