/// Number and string keywords: bounds, `multipleOf`, lengths, `pattern` and `format`.
extension ValidationRun {
    mutating func checkNumber(_ n: Double, _ schema: JSONObject) {
        let show = ViolationWording.number
        if let minimum = schema["minimum"]?.doubleValue {
            // Draft 4 wrote an exclusive bound as a boolean beside `minimum`.
            if schema["exclusiveMinimum"]?.boolValue == true {
                if n <= minimum { report("\(subject) must be greater than \(show(minimum)); got \(show(n))") }
            } else if n < minimum {
                report("\(subject) must be at least \(show(minimum)); got \(show(n))")
            }
        }
        if let bound = schema["exclusiveMinimum"]?.doubleValue, n <= bound {
            report("\(subject) must be greater than \(show(bound)); got \(show(n))")
        }
        if let maximum = schema["maximum"]?.doubleValue {
            if schema["exclusiveMaximum"]?.boolValue == true {
                if n >= maximum { report("\(subject) must be less than \(show(maximum)); got \(show(n))") }
            } else if n > maximum {
                report("\(subject) must be at most \(show(maximum)); got \(show(n))")
            }
        }
        if let bound = schema["exclusiveMaximum"]?.doubleValue, n >= bound {
            report("\(subject) must be less than \(show(bound)); got \(show(n))")
        }
        if let divisor = schema["multipleOf"]?.doubleValue {
            if divisor <= 0 {
                schemaProblem("its multipleOf is \(show(divisor)), but it must be greater than 0")
            } else if !Self.isMultiple(n, of: divisor) {
                report("\(subject) must be a multiple of \(show(divisor)); got \(show(n))")
            }
        }
    }

    /// Binary fractions make 0.3 / 0.1 come out as 2.9999999999999996, so the quotient is
    /// compared to the nearest whole number with a relative tolerance.
    static func isMultiple(_ n: Double, of divisor: Double) -> Bool {
        let quotient = n / divisor
        guard quotient.isFinite else { return false }
        return abs(quotient - quotient.rounded()) <= 1e-9 * max(1, abs(quotient))
    }

    mutating func checkString(_ text: String, _ schema: JSONObject) {
        let minLength = schema["minLength"]?.intValue
        let maxLength = schema["maxLength"]?.intValue
        if minLength != nil || maxLength != nil {
            // JSON Schema counts characters as Unicode code points.
            let length = text.unicodeScalars.count
            if let minLength, length < minLength {
                report("\(subject) must be at least \(ViolationWording.count(minLength, "character")) long; got \(ViolationWording.count(length, "character"))")
            }
            if let maxLength, length > maxLength {
                report("\(subject) must be at most \(ViolationWording.count(maxLength, "character")) long; got \(ViolationWording.count(length, "character"))")
            }
        }
        if let pattern = schema["pattern"]?.stringValue {
            switch RegexCache.search(pattern, in: text) {
            case nil:
                schemaProblem("the schema's pattern \(JSONPrinter.quoted(pattern)) is not a valid regular expression")
            case false?:
                report("\(subject) must match the pattern \(pattern); got \(ViolationWording.quoted(text))")
            case true?:
                break
            }
        }
        if let format = schema["format"]?.stringValue, let problem = FormatChecker.problem(with: text, format: format) {
            let example = FormatChecker.examples[format].map { " such as \(JSONPrinter.quoted($0))" } ?? ""
            report("\(subject) must be a valid \(format)\(example); got \(ViolationWording.quoted(text)) (\(problem))")
        }
    }
}
