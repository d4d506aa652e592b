import Foundation
import ToolscopeEngine

/// Evaluates arithmetic written the way people and models write it — `2 * (3 + 4)`,
/// `sqrt(16) + 2^10`, `avg(3, 4, 5)` — with a recursive-descent parser, so a `calculate`
/// call can never run code: the only things an expression can reach are the operators,
/// functions and constants listed here.
///
/// Grammar, loosest binding first:
///
///     expression := term (("+" | "-") term)*
///     term       := unary (("*" | "/" | "%") unary)*
///     unary      := ("-" | "+") unary | power
///     power      := primary (("^" | "**") unary)?      right-associative: 2^3^2 = 2^9
///     primary    := number | constant | function "(" arguments ")" | "(" expression ")"
///
/// Unary minus binds looser than `^`, as in mathematics: `-2^2` is -4. `%` is the remainder
/// with the sign of the dividend. `×`, `÷` and `−` are read as `*`, `/` and `-`.
public struct ArithmeticParser {
    /// Functions an expression may call; `min`, `max` and `avg` take any number of arguments.
    public static let functionNames = ["sqrt", "abs", "round", "floor", "ceil", "min", "max", "avg"]
    /// Named constants an expression may use.
    public static let constantNames = ["pi", "e"]
    /// Longest expression accepted, in Unicode scalars; bounds the work one call can cause.
    public static let maxLength = 2000
    /// Deepest nesting of parentheses and signs; keeps recursion far from the stack's end.
    public static let maxDepth = 200

    /// The value of `expression`, or an error that says what is wrong and where.
    public static func evaluate(_ expression: String) throws(ArithmeticError) -> Double {
        var parser = ArithmeticParser(text: Array(expression.unicodeScalars))
        return try parser.parseWhole()
    }

    private let text: [Unicode.Scalar]
    private var index = 0
    private var depth = 0

    private init(text: [Unicode.Scalar]) { self.text = text }

    // MARK: Grammar

    private mutating func parseWhole() throws(ArithmeticError) -> Double {
        guard text.count <= Self.maxLength else {
            throw fail(at: Self.maxLength, "Expression is too long at position \(Self.maxLength + 1); the limit is \(Self.maxLength) characters")
        }
        skipSpaces()
        guard index < text.count else {
            throw fail(at: 0, "Empty expression at position 1; write arithmetic such as 2 * (3 + 4)")
        }
        let value = try parseExpression()
        skipSpaces()
        if index < text.count { throw trailingError() }
        return value
    }

    private mutating func parseExpression() throws(ArithmeticError) -> Double {
        var value = try parseTerm()
        while true {
            skipSpaces()
            let operatorIndex = index
            if take("+") {
                value = try checked(value + parseTerm(), at: operatorIndex)
            } else if take("-") || take("\u{2212}") {
                value = try checked(value - parseTerm(), at: operatorIndex)
            } else {
                return value
            }
        }
    }

    private mutating func parseTerm() throws(ArithmeticError) -> Double {
        var value = try parseUnary()
        while true {
            skipSpaces()
            let operatorIndex = index
            if peekDoubleStar() { return value }
            if take("*") || take("\u{00D7}") {
                value = try checked(value * parseUnary(), at: operatorIndex)
            } else if take("/") || take("\u{00F7}") {
                let divisor = try parseUnary()
                guard divisor != 0 else { throw fail(at: operatorIndex, "Division by zero at position \(operatorIndex + 1)") }
                value = try checked(value / divisor, at: operatorIndex)
            } else if take("%") {
                let divisor = try parseUnary()
                guard divisor != 0 else { throw fail(at: operatorIndex, "Modulo by zero at position \(operatorIndex + 1)") }
                value = value.truncatingRemainder(dividingBy: divisor)
            } else {
                return value
            }
        }
    }

    private mutating func parseUnary() throws(ArithmeticError) -> Double {
        skipSpaces()
        let signIndex = index
        if take("-") || take("\u{2212}") {
            try enter(at: signIndex)
            defer { depth -= 1 }
            return try -parseUnary()
        }
        if take("+") {
            try enter(at: signIndex)
            defer { depth -= 1 }
            return try parseUnary()
        }
        return try parsePower()
    }

    private mutating func parsePower() throws(ArithmeticError) -> Double {
        let base = try parsePrimary()
        skipSpaces()
        let operatorIndex = index
        if peekDoubleStar() {
            index += 2
        } else if !take("^") {
            return base
        }
        try enter(at: operatorIndex)
        defer { depth -= 1 }
        let exponent = try parseUnary()
        let result = Foundation.pow(base, exponent)
        if result.isNaN {
            throw fail(at: operatorIndex, "A negative number raised to a fractional power at position \(operatorIndex + 1) has no real value")
        }
        if result.isInfinite, base == 0 {
            throw fail(at: operatorIndex, "Division by zero at position \(operatorIndex + 1): 0 raised to a negative power")
        }
        return try checked(result, at: operatorIndex)
    }

    private mutating func parsePrimary() throws(ArithmeticError) -> Double {
        skipSpaces()
        guard index < text.count else {
            throw fail(at: index, "Expected a number, a name or '(' at position \(index + 1), but the expression ends there")
        }
        let c = text[index]
        if isDigit(c) || c == "." { return try parseNumber() }
        if isNameStart(c) { return try parseName() }
        if c == "(" {
            let open = index
            index += 1
            try enter(at: open)
            defer { depth -= 1 }
            let value = try parseExpression()
            try expectClose(openedAt: open)
            return value
        }
        if c == ")" {
            throw fail(at: index, "Expected a number, a name or '(' at position \(index + 1), but found ')'")
        }
        throw fail(at: index, "Expected a number, a name or '(' at position \(index + 1), but found \(describe(at: index))")
    }

    // MARK: Numbers and names

    private mutating func parseNumber() throws(ArithmeticError) -> Double {
        let start = index
        while index < text.count, isDigit(text[index]) { index += 1 }
        if index < text.count, text[index] == "." {
            index += 1
            while index < text.count, isDigit(text[index]) { index += 1 }
        }
        guard text[start..<index].contains(where: isDigit) else {
            throw fail(at: start, "A lone '.' at position \(start + 1) is not a number")
        }
        // An exponent only when digits follow, so "2e" stays 2 followed by the name e.
        if index < text.count, text[index] == "e" || text[index] == "E" {
            var probe = index + 1
            if probe < text.count, text[probe] == "+" || text[probe] == "-" { probe += 1 }
            if probe < text.count, isDigit(text[probe]) {
                index = probe
                while index < text.count, isDigit(text[index]) { index += 1 }
            }
        }
        let literal = String(String.UnicodeScalarView(text[start..<index]))
        guard let value = Double(literal), value.isFinite else {
            throw fail(at: start, "The number \(literal) at position \(start + 1) is too large")
        }
        return value
    }

    private mutating func parseName() throws(ArithmeticError) -> Double {
        let start = index
        while index < text.count, isNameStart(text[index]) || isDigit(text[index]) { index += 1 }
        let written = String(String.UnicodeScalarView(text[start..<index]))
        let name = written.lowercased()
        skipSpaces()
        let isCall = index < text.count && text[index] == "("
        if Self.constantNames.contains(name) {
            if isCall { throw fail(at: start, "\"\(written)\" at position \(start + 1) is a constant, not a function") }
            return name == "pi" ? Double.pi : M_E
        }
        guard Self.functionNames.contains(name) else { throw unknownName(written, at: start) }
        guard isCall else {
            throw fail(at: start, "The function \"\(written)\" at position \(start + 1) needs its arguments in parentheses, as in \(name)(16)")
        }
        let arguments = try parseArguments()
        return try apply(name, to: arguments, at: start)
    }

    private mutating func parseArguments() throws(ArithmeticError) -> [Double] {
        let open = index
        index += 1
        try enter(at: open)
        defer { depth -= 1 }
        var arguments: [Double] = []
        skipSpaces()
        if take(")") { return arguments }
        while true {
            arguments.append(try parseExpression())
            skipSpaces()
            if take(",") { continue }
            try expectClose(openedAt: open)
            return arguments
        }
    }

    private func apply(_ name: String, to arguments: [Double], at start: Int) throws(ArithmeticError) -> Double {
        let position = start + 1
        func arity(_ allowed: ClosedRange<Int>, _ expected: String) throws(ArithmeticError) {
            guard allowed.contains(arguments.count) else {
                throw fail(at: start, "\(name) at position \(position) takes \(expected), but got \(arguments.count)")
            }
        }
        switch name {
        case "sqrt":
            try arity(1...1, "1 argument")
            guard arguments[0] >= 0 else {
                throw fail(at: start, "sqrt at position \(position) of a negative number (\(JSONPrinter.formatNumber(arguments[0]))) has no real value")
            }
            return arguments[0].squareRoot()
        case "abs":
            try arity(1...1, "1 argument")
            return Swift.abs(arguments[0])
        case "floor":
            try arity(1...1, "1 argument")
            return arguments[0].rounded(.down)
        case "ceil":
            try arity(1...1, "1 argument")
            return arguments[0].rounded(.up)
        case "round":
            try arity(1...2, "1 or 2 arguments (a value and how many decimal places)")
            guard arguments.count == 2 else { return arguments[0].rounded(.toNearestOrAwayFromZero) }
            guard let places = Int(exactly: arguments[1]), (0...15).contains(places) else {
                throw fail(at: start, "round at position \(position) takes a whole number of decimal places from 0 to 15 as its second argument")
            }
            let scale = Foundation.pow(10.0, Double(places))
            return try checked((arguments[0] * scale).rounded(.toNearestOrAwayFromZero) / scale, at: start)
        case "min":
            try arity(1...Int.max, "at least 1 argument")
            return arguments.min()!
        case "max":
            try arity(1...Int.max, "at least 1 argument")
            return arguments.max()!
        default:  // avg: the only name left in functionNames
            try arity(1...Int.max, "at least 1 argument")
            return try checked(arguments.reduce(0, +) / Double(arguments.count), at: start)
        }
    }

    // MARK: Errors

    private func unknownName(_ written: String, at start: Int) -> ArithmeticError {
        let known = (Self.functionNames + Self.constantNames).map { NameSuggester.Candidate(display: $0, spellings: [$0]) }
        let guess = NameSuggester.closest(to: written, among: known, limit: 1).first
        var message = "Unknown identifier \"\(written)\" at position \(start + 1)"
        message += guess.map { "; did you mean \($0)?" } ?? "."
        message += " Known functions: \(Self.functionNames.joined(separator: ", ")); constants: \(Self.constantNames.joined(separator: ", "))"
        return fail(at: start, message)
    }

    private func trailingError() -> ArithmeticError {
        let position = index + 1
        switch text[index] {
        case ")":
            return fail(at: index, "Unbalanced parentheses: ')' at position \(position) has no matching '('")
        case ",":
            return fail(at: index, "Unexpected ',' at position \(position); commas only separate function arguments (write 1000, not 1,000)")
        case let c where isDigit(c) || isNameStart(c) || c == "(" || c == ".":
            return fail(at: index, "Unexpected \(describe(at: index)) at position \(position) after a complete expression; use * to multiply")
        default:
            return fail(at: index, "Unexpected \(describe(at: index)) at position \(position) after a complete expression")
        }
    }

    private mutating func expectClose(openedAt open: Int) throws(ArithmeticError) {
        skipSpaces()
        if take(")") { return }
        if index >= text.count {
            throw fail(at: open, "Unbalanced parentheses: '(' at position \(open + 1) is never closed; add a ')'")
        }
        throw fail(at: index, "Expected ')' or an operator at position \(index + 1), but found \(describe(at: index)) (the '(' at position \(open + 1) is still open)")
    }

    private mutating func enter(at position: Int) throws(ArithmeticError) {
        depth += 1
        guard depth <= Self.maxDepth else {
            throw fail(at: position, "Expression nested too deeply at position \(position + 1); the limit is \(Self.maxDepth) levels")
        }
    }

    private func checked(_ value: Double, at operatorIndex: Int) throws(ArithmeticError) -> Double {
        guard value.isFinite else {
            throw fail(at: operatorIndex, "The result overflows at position \(operatorIndex + 1); it is too large to represent")
        }
        return value
    }

    private func fail(at index: Int, _ message: String) -> ArithmeticError {
        ArithmeticError(position: index + 1, message: message)
    }

    /// The token at `i` as the user wrote it: a whole name or number, or one quoted character.
    private func describe(at i: Int) -> String {
        var end = i + 1
        if isNameStart(text[i]) {
            while end < text.count, isNameStart(text[end]) || isDigit(text[end]) { end += 1 }
        } else if isDigit(text[i]) {
            while end < text.count, isDigit(text[end]) || text[end] == "." { end += 1 }
        }
        let token = String(String.UnicodeScalarView(text[i..<end]))
        return end - i > 1 ? "\"\(token)\"" : "'\(token)'"
    }

    // MARK: Characters

    private mutating func skipSpaces() {
        while index < text.count, text[index].properties.isWhitespace { index += 1 }
    }

    private mutating func take(_ c: Unicode.Scalar) -> Bool {
        guard index < text.count, text[index] == c else { return false }
        index += 1
        return true
    }

    private func peekDoubleStar() -> Bool {
        index + 1 < text.count && text[index] == "*" && text[index + 1] == "*"
    }

    private func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
    private func isNameStart(_ c: Unicode.Scalar) -> Bool { c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
}
