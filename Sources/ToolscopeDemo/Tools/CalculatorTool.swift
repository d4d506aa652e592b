import Foundation
import ToolscopeEngine

extension BuiltinTools {
    /// `calculate(expression)`: arithmetic through `ArithmeticParser`, never through any
    /// evaluator of code. Models are bad at exact arithmetic, which is why the tutorial
    /// hands it to a tool.
    struct CalculatorTool: Tool {
        let name = "calculate"

        var definition: ToolDefinition {
            let functions = ArithmeticParser.functionNames.joined(separator: ", ")
            return ToolDefinition(
                name: name,
                description: "Evaluate an arithmetic expression exactly and return its numeric value. Use it for any calculation instead of working it out yourself.",
                parameters: [
                    "type": "object",
                    "properties": [
                        "expression": [
                            "type": "string",
                            "description": .string("Arithmetic with + - * / % ^ (power), parentheses, decimals and scientific notation; functions \(functions); constants pi and e. Example: \"(2 + 3) * sqrt(16) / 2^3\"."),
                        ],
                    ],
                    "required": ["expression"],
                    "additionalProperties": false,
                ])
        }

        func run(_ arguments: JSONValue) throws(ToolFailure) -> JSONValue {
            let expression = try read(arguments).requiredString("expression")
            let value: Double
            do {
                value = try ArithmeticParser.evaluate(expression)
            } catch {
                throw ToolFailure(error.message, extra: ["expression": .string(expression), "position": .number(Double(error.position))])
            }
            return ["expression": .string(expression), "result": .number(Self.presentable(value))]
        }

        /// `value` cut to 15 significant digits, the precision a Double can promise, so
        /// binary noise stays out of the answer: 0.1 + 0.2 gives 0.3, not 0.30000000000000004.
        /// Negative zero becomes zero.
        static func presentable(_ value: Double) -> Double {
            guard value.isFinite, value != 0 else { return value == 0 ? 0 : value }
            return Double(String(format: "%.15g", value)) ?? value
        }
    }
}
