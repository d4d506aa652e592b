/// Counts tokens approximately, without a tokenizer vocabulary: a word-piece heuristic
/// tuned to OpenAI's BPE encodings (cl100k/o200k) on the text tools are rendered into.
///
/// Rules (see docs/lint.md): each run of ASCII letters costs one token per started 8
/// letters (camelCase humps start new runs, and `_` joins the next run for free); digits
/// cost one token per 3; a run of newlines costs 1; a single space is free (BPE attaches it
/// to the next word) while a longer run of spaces costs 1; punctuation costs one token per
/// 2 characters of a run; any other character costs 1.
enum TokenHeuristic {
    static let lettersPerToken = 8
    static let digitsPerToken = 3
    static let punctuationPerToken = 2

    static func count(_ text: String) -> Int {
        let scalars = Array(text.unicodeScalars)
        var tokens = 0
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            var j = i + 1
            if isLetter(c) {
                while j < scalars.count, isLetter(scalars[j]), !(isUpper(scalars[j]) && isLower(scalars[j - 1])) { j += 1 }
                tokens += 1 + (j - i - 1) / lettersPerToken
            } else if isDigit(c) {
                while j < scalars.count, isDigit(scalars[j]) { j += 1 }
                tokens += (j - i + digitsPerToken - 1) / digitsPerToken
            } else if c == "\n" {
                while j < scalars.count, scalars[j] == "\n" { j += 1 }
                tokens += 1
            } else if c == " " {
                while j < scalars.count, scalars[j] == " " { j += 1 }
                if j - i > 1 { tokens += 1 }
            } else if c == "_" {
                // Joins the following word piece, as in "get_weather" → "get", "_weather".
            } else if c.isASCII {
                while j < scalars.count, isPunctuation(scalars[j]) { j += 1 }
                tokens += (j - i + punctuationPerToken - 1) / punctuationPerToken
            } else {
                tokens += 1
            }
            i = j
        }
        return tokens
    }

    private static func isLetter(_ c: Unicode.Scalar) -> Bool { isUpper(c) || isLower(c) }
    private static func isUpper(_ c: Unicode.Scalar) -> Bool { c >= "A" && c <= "Z" }
    private static func isLower(_ c: Unicode.Scalar) -> Bool { c >= "a" && c <= "z" }
    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
    private static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && !isLetter(c) && !isDigit(c) && c != " " && c != "\n" && c != "_"
    }
}
