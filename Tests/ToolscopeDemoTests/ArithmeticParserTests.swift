import Testing
@testable import ToolscopeDemo
@testable import ToolscopeEngine

@Suite struct ArithmeticParserTests {
    @Test(arguments: [
        ("2 + 3 * 4", 14.0),
        ("(2 + 3) * 4", 20),
        ("10 - 4 - 3", 3),
        ("100 / 10 / 5", 2),
        ("2 * 3 % 4", 2),
        ("2 ^ 3 ^ 2", 512),
        ("2 ** 3 ** 2", 512),
        ("(2 ^ 3) ^ 2", 64),
        ("-2 ^ 2", -4),
        ("(-2) ^ 2", 4),
        ("2 ^ -1", 0.5),
        ("--3", 3),
        ("+4 - -4", 8),
        ("3 * -2", -6),
        ("7 % 3", 1),
        ("-7 % 3", -1),
        ("7.5 % 2", 1.5),
        ("1 + 2 * 3 ^ 2 / 6 - 1", 3),
    ])
    func precedenceAndAssociativity(expression: String, expected: Double) throws {
        #expect(try ArithmeticParser.evaluate(expression) == expected)
    }

    @Test(arguments: [
        ("0.25 * 4", 1.0),
        (".5 + .5", 1),
        ("1.5e3", 1500),
        ("2.5E-1 * 4", 1),
        ("1e+2", 100),
        ("  42  ", 42),
        ("6 × 7", 42),
        ("8 ÷ 2", 4),
        ("5 − 3", 2),
    ])
    func numbersAndSpelling(expression: String, expected: Double) throws {
        #expect(try ArithmeticParser.evaluate(expression) == expected)
    }

    @Test(arguments: [
        ("sqrt(16)", 4.0),
        ("abs(-3.5)", 3.5),
        ("round(2.5)", 3),
        ("round(-2.5)", -3),
        ("round(3.14159, 2)", 3.14),
        ("floor(-1.5)", -2),
        ("ceil(1.2)", 2),
        ("min(3, 1, 2)", 1),
        ("max(3, 1, 2)", 3),
        ("avg(1, 2, 3, 4)", 2.5),
        ("avg(7)", 7),
        ("max(1, sqrt(81), 2 ^ 3)", 9),
        ("SQRT(9) + Abs(-1)", 4),
        ("sqrt (4)", 2),
    ])
    func functions(expression: String, expected: Double) throws {
        #expect(try ArithmeticParser.evaluate(expression) == expected)
    }

    @Test func constants() throws {
        #expect(try ArithmeticParser.evaluate("pi") == Double.pi)
        #expect(try ArithmeticParser.evaluate("2 * PI") == 2 * Double.pi)
        #expect(abs(try ArithmeticParser.evaluate("e") - 2.718281828459045) < 1e-15)
        #expect(try ArithmeticParser.evaluate("e ^ 0") == 1)
    }

    /// Each bad expression must fail at the stated 1-based position, and say so in the message.
    @Test(arguments: [
        ("1 / 0", 3, "Division by zero"),
        ("1 / (2 - 2)", 3, "Division by zero"),
        ("5 % 0", 3, "Modulo by zero"),
        ("0 ^ -1", 3, "Division by zero"),
        ("foo + 1", 1, "Unknown identifier \"foo\""),
        ("2 * sqr(4)", 5, "did you mean sqrt?"),
        ("(1 + 2", 1, "never closed"),
        ("2 * (3 + (4 - 1)", 5, "never closed"),
        ("1 + 2)", 6, "no matching '('"),
        ("2 3", 3, "use * to multiply"),
        ("2pi", 2, "use * to multiply"),
        ("", 1, "Empty expression"),
        ("   ", 1, "Empty expression"),
        ("1 +", 4, "ends there"),
        ("* 2", 1, "found '*'"),
        ("()", 2, "found ')'"),
        ("2 $ 3", 3, "Unexpected '$'"),
        ("1,000", 2, "commas only separate function arguments"),
        ("(1 2)", 4, "still open"),
        ("sqrt(-4)", 1, "negative"),
        ("sqrt + 1", 1, "needs its arguments in parentheses"),
        ("pi(2)", 1, "constant, not a function"),
        ("round(1, 2, 3)", 1, "takes 1 or 2 arguments"),
        ("round(1.5, 0.5)", 1, "decimal places"),
        ("min()", 1, "at least 1 argument"),
        ("10 ^ 400", 4, "overflows"),
        ("1e308 * 10", 7, "overflows"),
        ("1e999", 1, "too large"),
        ("(-8) ^ (1 / 3)", 6, "no real value"),
        (".", 1, "lone '.'"),
    ])
    func errorsNamePosition(expression: String, position: Int, fragment: String) {
        #expect(throws: ArithmeticError.self) { try ArithmeticParser.evaluate(expression) }
        do {
            _ = try ArithmeticParser.evaluate(expression)
        } catch {
            #expect(error.position == position)
            #expect(error.message.contains("at position \(position)"), "\(error.message)")
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test func deepNestingFailsCleanly() throws {
        let deep = String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300)
        #expect(throws: ArithmeticError.self) { try ArithmeticParser.evaluate(deep) }
        let signs = String(repeating: "-", count: 300) + "1"
        #expect(throws: ArithmeticError.self) { try ArithmeticParser.evaluate(signs) }
        let fine = String(repeating: "(", count: 50) + "1" + String(repeating: ")", count: 50)
        #expect(try ArithmeticParser.evaluate(fine) == 1)
    }

    @Test func overlongExpressionIsRefused() {
        let long = Array(repeating: "1", count: 1001).joined(separator: "+")
        #expect(long.unicodeScalars.count > ArithmeticParser.maxLength)
        do {
            _ = try ArithmeticParser.evaluate(long)
            Issue.record("a \(long.count)-character expression was accepted")
        } catch {
            #expect(error.message.contains("too long"))
        }
    }
}
