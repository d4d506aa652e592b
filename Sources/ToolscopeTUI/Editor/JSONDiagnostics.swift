import ToolscopeEngine

/// Turns what the engine knows about a JSON text into marks the editor can place: the
/// strict parser's error, and the positions of the values that lint findings name by
/// JSON pointer.
public enum JSONDiagnostics {
    /// Parses with the engine's strict parser. On success returns the value and no
    /// diagnostics; on failure one error at the parser's position, converted to 0-based line
    /// and `Character` column (the parser counts scalars, the editor counts clusters).
    public static func syntax(of text: String) -> (value: JSONValue?, diagnostics: [EditorDiagnostic]) {
        do {
            return (try JSONParser.parse(text), [])
        } catch {
            let position = position(ofUTF8Offset: error.offset, in: text)
            let diagnostic = EditorDiagnostic(
                line: position.line, column: position.column, severity: .error, message: error.message)
            return (nil, [diagnostic])
        }
    }

    /// Maps a JSON pointer (RFC 6901, e.g. "/function/parameters/properties/city", with `~1`
    /// for `/` and `~0` for `~`) to where that member's key, or that array element, starts in
    /// `text`; "" is the whole document. nil when the pointer is malformed, names something
    /// absent, or the text is too broken to walk.
    public static func position(ofPointer pointer: String, in text: String) -> TextPosition? {
        JSONPointerLocator.offset(of: pointer, in: text, anchor: .key).map { position(ofUTF8Offset: $0, in: text) }
    }

    /// The line and `Character` column of a UTF-8 byte offset, as the parser reports it.
    static func position(ofUTF8Offset offset: Int, in text: String) -> TextPosition {
        let bytes = Array(text.utf8)
        let end = max(0, min(offset, bytes.count))
        var line = 0
        var lineStart = 0
        for i in 0..<end where bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        var lineBytes = Array(bytes[lineStart..<end])
        if lineBytes.last == UInt8(ascii: "\r") { lineBytes.removeLast() }
        let column = String(decoding: lineBytes, as: UTF8.self).count
        return TextPosition(line: line, column: column)
    }
}
