import Foundation

/// Judges whether a description tells a model enough to choose a tool or fill a parameter.
///
/// A model picks tools from their descriptions alone, so "Does stuff" costs real accuracy.
/// The thresholds are documented in docs/lint.md.
enum DescriptionQuality {
    /// A tool description needs at least this many characters and words.
    static let toolMinimumCharacters = 10
    static let toolMinimumWords = 3
    /// A parameter description needs at least this many words ("City name" is enough).
    static let parameterMinimumWords = 2

    /// Words that say nothing about what a tool does, matched as whole words, ignoring case.
    /// "do" counts unless it is part of "do not", which is a useful instruction.
    static let vagueWords: Set<String> = [
        "stuff", "thing", "things", "something", "whatever", "misc", "miscellaneous", "etc",
        "do", "does", "various", "todo", "tbd", "fixme",
    ]

    /// Why `text` is a poor description of `name`, or `nil` when it is fine.
    static func problem(_ text: String, name: String, isTool: Bool) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let words = self.words(trimmed)
        if trimmed.isEmpty { return "is empty" }
        if isTool, trimmed.count < toolMinimumCharacters || words.count < toolMinimumWords {
            return "is too short (\(words.count) words); say what the tool does, when to use it and what it returns (at least \(toolMinimumWords) words)"
        }
        if !isTool, words.count < parameterMinimumWords {
            return "is too short; say what the value means and its format or unit (at least \(parameterMinimumWords) words)"
        }
        if squeezed(trimmed) == squeezed(name) {
            return "only repeats the name; say what it means"
        }
        for (index, word) in words.enumerated() where vagueWords.contains(word) {
            if word == "do", index + 1 < words.count, words[index + 1] == "not" { continue }
            return "uses the vague word \"\(word)\"; say precisely what \(isTool ? "the tool does" : "the value is")"
        }
        return nil
    }

    /// Lowercased words: runs of letters, digits and apostrophes ("don't" is one word).
    static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "'" || character == "’" {
                current.append(character)
            } else if !current.isEmpty {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Letters and digits only, lowercased: "get_weather" and "Get weather." compare equal.
    private static func squeezed(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}
