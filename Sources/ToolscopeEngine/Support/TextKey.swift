import Foundation

/// Turns what a person or a model typed into a comparison key, so "São Paulo", "sao paulo"
/// and "SAO-PAULO" all find the same row: case and accents are folded, anything that is not
/// a letter or digit becomes a single space.
public enum TextKey {
    /// The folded, space-separated form of `text`; empty when it holds no letters or digits.
    public static func normalized(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        var out = ""
        var pendingSpace = false
        for character in folded {
            if character.isLetter || character.isNumber {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(character)
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// The words of the normalized form.
    public static func words(_ text: String) -> [String] {
        normalized(text).split(separator: " ").map(String.init)
    }
}
