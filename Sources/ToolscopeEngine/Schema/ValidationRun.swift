/// One walk of a value against a schema. Holds the current path, the violations found so
/// far and the guards that keep a bad schema from looping forever.
struct ValidationRun {
    /// Schema nodes visited before the run gives up; only a pathological schema (nested
    /// `anyOf`s over recursive references) comes near it.
    static let maxSteps = 200_000

    let root: JSONValue
    var violations: [SchemaViolation] = []
    var path = ValidationPath()
    /// References followed at the current place in the value without descending into it:
    /// meeting one again means the schema refers to itself without checking anything.
    private var activeReferences: [String] = []
    private var steps = 0
    private var exhausted = false

    init(root: JSONValue) { self.root = root }

    /// The violations, plus a note when the step budget ran out before the check finished.
    mutating func finish() -> [SchemaViolation] {
        if exhausted {
            violations.append(SchemaViolation(path: "", message:
                "validation stopped after \(Self.maxSteps) steps: the schema is too complex (nested anyOf over recursive $refs); only part of the arguments was checked"))
        }
        return violations
    }

    mutating func report(_ message: String) {
        violations.append(SchemaViolation(path: path.pointer, message: message))
    }

    var subject: String { path.subject }

    /// Checks `value` (at the current path) against `schema`, a boolean or an object schema.
    mutating func check(_ value: JSONValue, _ schema: JSONValue) {
        guard !exhausted else { return }
        steps += 1
        if steps > Self.maxSteps { exhausted = true; return }
        switch schema {
        case .bool(true):
            return
        case .bool(false):
            if let key = path.lastKey {
                report("property \(JSONPrinter.quoted(key)) is not allowed here; remove it")
            } else {
                report("\(subject) is not allowed here (the schema accepts no value); got \(ViolationWording.shown(value))")
            }
        case .object(let keywords):
            checkKeywords(value, keywords)
        default:
            schemaProblem("the schema here is \(ViolationWording.withArticle(schema.typeName)), not an object or a boolean")
        }
    }

    /// Checks a child of the current value: an object member or an array element.
    mutating func descend(_ segment: ValidationPath.Segment, _ value: JSONValue, _ schema: JSONValue) {
        path.push(segment)
        let outerReferences = activeReferences
        activeReferences = []
        check(value, schema)
        activeReferences = outerReferences
        path.pop()
    }

    /// Reports at a child of the current value without checking it.
    mutating func report(at segment: ValidationPath.Segment, _ message: String) {
        path.push(segment)
        report(message)
        path.pop()
    }

    /// A schema that cannot be applied: said plainly, since the model cannot fix it.
    mutating func schemaProblem(_ problem: String) {
        report("cannot check \(subject): \(problem)")
    }

    /// Runs a check whose violations the caller inspects instead of keeping (anyOf branches,
    /// `not`, `if`), and returns them.
    mutating func trial(_ value: JSONValue, _ schema: JSONValue) -> [SchemaViolation] {
        let mark = violations.count
        check(value, schema)
        guard violations.count > mark else { return [] }
        let found = Array(violations[mark...])
        violations.removeSubrange(mark...)
        return found
    }

    private mutating func checkKeywords(_ value: JSONValue, _ schema: JSONObject) {
        if let reference = schema["$ref"] { followReference(reference, value) }
        var typeMatched = true
        if let type = schema["type"] {
            typeMatched = checkType(value, type, nullable: schema["nullable"]?.boolValue == true)
        }
        if typeMatched {
            if let options = schema["enum"] { checkEnum(value, options) }
            if let constant = schema["const"] { checkConst(value, constant) }
        }
        switch value {
        case .number(let number): checkNumber(number, schema)
        // Bounds and multipleOf on the nearest Double: exact enough for a range check.
        case .bigInteger: checkNumber(value.doubleValue ?? 0, schema)
        case .string(let text): checkString(text, schema)
        case .array(let items): checkArray(items, schema)
        case .object(let members): checkObject(members, schema)
        case .null, .bool: break
        }
        checkCombinators(value, schema)
    }

    private mutating func followReference(_ reference: JSONValue, _ value: JSONValue) {
        guard let text = reference.stringValue else {
            schemaProblem("its $ref is \(ViolationWording.withArticle(reference.typeName)), not a string")
            return
        }
        if activeReferences.contains(text) {
            schemaProblem("the schema's $ref \(JSONPrinter.quoted(text)) refers back to itself without checking anything in between, so it would never finish; the schema needs fixing")
            return
        }
        guard let target = JSONPointer.resolveReference(text, in: root) else {
            schemaProblem("the schema's $ref \(JSONPrinter.quoted(text)) does not point to anything in the schema (only local references such as \"#/$defs/Name\" are followed)")
            return
        }
        activeReferences.append(text)
        check(value, target)
        activeReferences.removeLast()
    }

    /// Whether `value` is an instance of the JSON Schema type `name` ("integer" accepts 3.0).
    static func value(_ value: JSONValue, hasType name: String) -> Bool {
        switch (name, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
             ("number", .number), ("number", .bigInteger), ("integer", .bigInteger):
            return true
        case ("integer", .number(let n)):
            return n.isFinite && n.rounded() == n
        default:
            return false
        }
    }

    static let typeNames: Set<String> = ["null", "boolean", "string", "number", "integer", "array", "object"]

    private mutating func checkType(_ value: JSONValue, _ type: JSONValue, nullable: Bool) -> Bool {
        let names: [String]
        switch type {
        case .string(let name): names = [name]
        case .array(let list): names = list.compactMap(\.stringValue)
        default:
            schemaProblem("its \"type\" is \(ViolationWording.withArticle(type.typeName)), not a type name or a list of them")
            return true
        }
        let known = names.filter(Self.typeNames.contains)
        guard !known.isEmpty else {
            schemaProblem("its \"type\" names no JSON Schema type (\(names.map(JSONPrinter.quoted).joined(separator: ", ")))")
            return true
        }
        if known.contains(where: { Self.value(value, hasType: $0) }) { return true }
        if nullable, value.isNull { return true }
        report("\(subject) must be \(ViolationWording.expectedTypes(known)); got \(ViolationWording.typed(value))")
        return false
    }

    private mutating func checkEnum(_ value: JSONValue, _ options: JSONValue) {
        guard let values = options.arrayValue else {
            schemaProblem("its \"enum\" is not an array")
            return
        }
        if values.contains(where: { $0.jsonEquals(value) }) { return }
        if values.count == 1 {
            report("\(subject) must be \(ViolationWording.literal(values[0])); got \(ViolationWording.shown(value))")
        } else {
            report("\(subject) must be one of \(ViolationWording.list(values)); got \(ViolationWording.shown(value))")
        }
    }

    private mutating func checkConst(_ value: JSONValue, _ constant: JSONValue) {
        guard !constant.jsonEquals(value) else { return }
        report("\(subject) must be exactly \(ViolationWording.literal(constant)); got \(ViolationWording.shown(value))")
    }
}
