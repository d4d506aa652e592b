/// Number and string keywords: bounds, `multipleOf`, lengths, `pattern` and `format`.
extension ValidationRun {
    /// Bounds compare `Double`s when both sides are `.number`, and exact decimals when a big
    /// integer is involved, so `maximum: 9007199254740993` neither accepts 9007199254740994
    /// nor is shown as 9007199254740992: messages print numbers as written.
    mutating func checkNumber(_ value: JSONValue, _ schema: JSONObject) {
        /// -1, 0, 1 as the value is below, at or above `bound`; nil when `bound` is not a number.
        func compare(to bound: JSONValue) -> Int? {
            if case .number(let n) = value, case .number(let b) = bound { return n < b ? -1 : (n > b ? 1 : 0) }
            guard let x = ExactDecimal(value), let y = ExactDecimal(bound) else { return nil }
            return ExactDecimal.compare(x, y)
        }
        if let minimum = schema["minimum"], let order = compare(to: minimum) {
            // Draft 4 wrote an exclusive bound as a boolean beside `minimum`.
            if schema["exclusiveMinimum"]?.boolValue == true {
                if order <= 0 { report("\(subject) must be greater than \(minimum.compact); got \(value.compact)") }
            } else if order < 0 {
                report("\(subject) must be at least \(minimum.compact); got \(value.compact)")
            }
        }
        if let bound = schema["exclusiveMinimum"], let order = compare(to: bound), order <= 0 {
            report("\(subject) must be greater than \(bound.compact); got \(value.compact)")
        }
        if let maximum = schema["maximum"], let order = compare(to: maximum) {
            if schema["exclusiveMaximum"]?.boolValue == true {
                if order >= 0 { report("\(subject) must be less than \(maximum.compact); got \(value.compact)") }
            } else if order > 0 {
                report("\(subject) must be at most \(maximum.compact); got \(value.compact)")
            }
        }
        if let bound = schema["exclusiveMaximum"], let order = compare(to: bound), order >= 0 {
            report("\(subject) must be less than \(bound.compact); got \(value.compact)")
        }
        if let divisor = schema["multipleOf"], divisor.isNumber {
            let multiple: Bool
            if case .number(let n) = value, case .number(let d) = divisor {
                guard d > 0 else { return schemaProblem("its multipleOf is \(divisor.compact), but it must be greater than 0") }
                multiple = Self.isMultiple(n, of: d)
            } else {
                guard let x = ExactDecimal(value), let d = ExactDecimal(divisor), ExactDecimal.compare(d, ExactDecimal(numberText: "0")) > 0 else {
                    return schemaProblem("its multipleOf is \(divisor.compact), but it must be greater than 0")
                }
                multiple = x.isMultiple(of: d)
            }
            if !multiple { report("\(subject) must be a multiple of \(divisor.compact); got \(value.compact)") }
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
        if let format = schema["format"]?.stringValue, !FormatChecker.isKnown(format) {
            note("\(SchemaIndex.unknownFormatReason(format)), so \(subject) was passed unchecked")
        }
        for keyword in ["contentEncoding", "contentMediaType", "contentSchema"] where schema[keyword] != nil {
            note("\(keyword) is not checked, so the content of \(subject) was passed unchecked")
        }
        if let format = schema["format"]?.stringValue, let problem = FormatChecker.problem(with: text, format: format) {
            let example = FormatChecker.examples[format].map { " such as \(JSONPrinter.quoted($0))" } ?? ""
            report("\(subject) must be a valid \(format)\(example); got \(ViolationWording.quoted(text)) (\(problem))")
        }
    }
}
