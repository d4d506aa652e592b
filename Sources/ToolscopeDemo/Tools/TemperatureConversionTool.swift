import ToolscopeEngine

extension BuiltinTools {
    /// `convert_temperature(value, from, to)` between celsius, fahrenheit and kelvin, going
    /// through kelvin so that "below absolute zero" is one check for every scale.
    struct TemperatureConversionTool: Tool {
        let name = "convert_temperature"
        static let scales = ["celsius", "fahrenheit", "kelvin"]

        var definition: ToolDefinition {
            ToolDefinition(
                name: name,
                description: "Convert a temperature between the Celsius, Fahrenheit and Kelvin scales.",
                parameters: [
                    "type": "object",
                    "properties": [
                        "value": ["type": "number", "description": "The temperature to convert, in the `from` scale."],
                        "from": ["type": "string", "description": "Scale of `value`.", "enum": .array(Self.scales.map(JSONValue.string))],
                        "to": ["type": "string", "description": "Scale to convert to.", "enum": .array(Self.scales.map(JSONValue.string))],
                    ],
                    "required": ["value", "from", "to"],
                    "additionalProperties": false,
                ])
        }

        func run(_ arguments: JSONValue) throws(ToolFailure) -> JSONValue {
            let args = try read(arguments)
            let value = try args.requiredNumber("value")
            let from = try args.requiredChoice("from", among: Self.scales)
            let to = try args.requiredChoice("to", among: Self.scales)
            // A hair of tolerance: -459.67 °F is exactly absolute zero, but computes as -1e-14 K.
            let raw = Self.toKelvin(value, from: from)
            let kelvin = max(raw, 0)
            guard raw > -1e-9 else {
                let floor = BuiltinTools.rounded(Self.fromKelvin(0, to: from), places: 2)
                throw ToolFailure("\(JSONPrinter.formatNumber(value)) \(from) is below absolute zero (\(JSONPrinter.formatNumber(floor)) \(from)); no temperature is colder.")
            }
            return [
                "value": .number(value),
                "from": .string(from),
                "to": .string(to),
                "result": .number(BuiltinTools.rounded(Self.fromKelvin(kelvin, to: to), places: 2)),
                "formula": .string(Self.formula(from: from, to: to)),
            ]
        }

        static func toKelvin(_ value: Double, from scale: String) -> Double {
            switch scale {
            case "celsius": return value + 273.15
            case "fahrenheit": return (value - 32) * 5 / 9 + 273.15
            default: return value
            }
        }

        static func fromKelvin(_ kelvin: Double, to scale: String) -> Double {
            switch scale {
            case "celsius": return kelvin - 273.15
            case "fahrenheit": return (kelvin - 273.15) * 9 / 5 + 32
            default: return kelvin
            }
        }

        /// The rule applied, shown so a model can explain the answer rather than only quote it.
        static func formula(from: String, to: String) -> String {
            switch (from, to) {
            case ("celsius", "fahrenheit"): return "°F = °C × 9/5 + 32"
            case ("fahrenheit", "celsius"): return "°C = (°F − 32) × 5/9"
            case ("celsius", "kelvin"): return "K = °C + 273.15"
            case ("kelvin", "celsius"): return "°C = K − 273.15"
            case ("fahrenheit", "kelvin"): return "K = (°F − 32) × 5/9 + 273.15"
            case ("kelvin", "fahrenheit"): return "°F = (K − 273.15) × 9/5 + 32"
            default: return "same scale: the value is unchanged"
            }
        }
    }

    /// `value` rounded half away from zero to `places` decimals; -0 becomes 0.
    static func rounded(_ value: Double, places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let result = (value * scale).rounded() / scale
        return result == 0 ? 0 : result
    }
}
