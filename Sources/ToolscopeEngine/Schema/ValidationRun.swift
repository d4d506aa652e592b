/// One walk of a value against a schema. Holds the current path, the base URI and dynamic
/// scope of the schema being applied, the violations and notes found so far, and the guards
/// that keep a bad schema from looping forever.
struct ValidationRun {
    /// Schema steps every run may take, on top of `stepsPerValue` for each value in the
    /// instance: the budget grows with the instance, so only re-evaluating the same values
    /// over and over (nested anyOf over recursive `$ref`s) exhausts it, never a large array.
    static let baseSteps = 200_000

    let index: SchemaIndex
    /// The violations, in a reference so `report` need not be `mutating`: its message is an
    /// autoclosure that reads the run (the subject), built only when it will be read.
    private let log = ViolationLog()
    var violations: [SchemaViolation] { log.violations }
    /// What could not be checked (a remote `$ref`, an unknown `format`), once each.
    var notes: [SchemaViolation] = []
    private var noted: Set<String> = []
    var path = ValidationPath()
    /// Base URI of the schema being applied, for `$ref`s written relative to an `$id`.
    var base: String
    /// Schema resources entered so far, outermost first: where `$dynamicRef` looks for its anchor.
    var dynamicScope: [String]
    /// References followed at the current place in the value without descending into it:
    /// meeting one again means the schema refers to itself without checking anything.
    private var activeReferences: [String] = []
    /// Resolutions by base and reference text: a `$ref` under `items` is followed once per item.
    private var resolved: [ReferenceKey: SchemaIndex.Resolution] = [:]

    private struct ReferenceKey: Hashable {
        var base: String
        var text: String
    }
    private var steps = 0
    let maxSteps: Int
    let stepsPerValue: Int
    private var exhausted = false

    init(root: JSONValue, instance: JSONValue) {
        self.init(index: SchemaIndex(root: root), instance: instance)
    }

    /// A run over an index built earlier (`SchemaValidator.Prepared`): indexing a schema costs
    /// more than checking a small value against it.
    init(index: SchemaIndex, instance: JSONValue) {
        self.index = index
        base = index.rootBase
        dynamicScope = [index.rootBase]
        // A schema applied once to every value costs about one step per subschema per value.
        stepsPerValue = max(64, 2 * index.schemaCount)
        maxSteps = Self.baseSteps + stepsPerValue * Self.valueCount(instance)
    }

    /// The values in `instance` (itself and everything inside it).
    static func valueCount(_ instance: JSONValue) -> Int {
        switch instance {
        case .array(let items): return items.reduce(1) { $0 + valueCount($1) }
        case .object(let members): return members.values.reduce(1) { $0 + valueCount($1) }
        default: return 1
        }
    }

    /// The violations, plus one when the step budget ran out before the check finished.
    mutating func finish() -> [SchemaViolation] {
        if exhausted {
            log.violations.append(SchemaViolation(path: "", message:
                "validation stopped after \(maxSteps) schema steps (\(Self.baseSteps) plus \(stepsPerValue) per value in the arguments): the schema is too complex (nested anyOf over recursive $refs); only part of the arguments was checked",
                isSchemaFault: true))
        }
        return log.violations
    }

    /// Records a violation at the current value. Inside a quiet trial only a placeholder is
    /// kept and `message` is never built.
    func report(_ message: @autoclosure () -> String, schemaFault: Bool = false) {
        if log.quiet > 0 {
            log.violations.append(SchemaViolation(path: "", message: "", isSchemaFault: schemaFault))
            return
        }
        log.violations.append(SchemaViolation(path: path.pointer, message: message(), isSchemaFault: schemaFault))
    }

    /// Records that something at the current place was not checked; the same reason is noted once.
    mutating func note(_ message: String) {
        guard noted.insert(message).inserted else { return }
        notes.append(SchemaViolation(path: path.pointer, message: message))
    }

    var subject: String { path.subject }

    /// Checks `value` (at the current path) against `schema`, a boolean or an object schema,
    /// and returns what it evaluated of an object or array value (for `unevaluated*`).
    @discardableResult
    mutating func check(_ value: JSONValue, _ schema: JSONValue) -> Evaluated {
        guard !exhausted else { return Evaluated() }
        steps += 1
        if steps > maxSteps { exhausted = true; return Evaluated() }
        switch schema {
        case .bool(true):
            return Evaluated()
        case .bool(false):
            if let key = path.lastKey {
                report("property \(JSONPrinter.quoted(key)) is not allowed here; remove it")
            } else {
                report("\(subject) is not allowed here (the schema accepts no value); got \(ViolationWording.shown(value))")
            }
            return Evaluated()
        case .object(let keywords):
            let present = SchemaKeywords(of: keywords)
            guard present.contains(.identifier), case .string(let id)? = keywords["$id"], !id.hasPrefix("#") else {
                return checkKeywords(value, keywords, present)
            }
            let outerBase = base
            base = SchemaIndex.absolute(id, against: base)
            let entered = dynamicScope.last != base
            if entered { dynamicScope.append(base) }
            defer {
                if entered { dynamicScope.removeLast() }
                base = outerBase
            }
            return checkKeywords(value, keywords, present)
        default:
            schemaProblem("the schema here is \(ViolationWording.withArticle(schema.typeName)), not an object or a boolean")
            return Evaluated()
        }
    }

    /// Checks a child of the current value: an object member, an array element or a property name.
    mutating func descend(_ segment: ValidationPath.Segment, _ value: JSONValue, _ schema: JSONValue) {
        path.push(segment)
        let outerReferences = activeReferences
        activeReferences = []
        check(value, schema)
        activeReferences = outerReferences
        path.pop()
    }

    /// `trial` on a child of the current value.
    mutating func trial(at segment: ValidationPath.Segment, _ value: JSONValue, _ schema: JSONValue) -> Bool {
        path.push(segment)
        let outerReferences = activeReferences
        activeReferences = []
        let passed = trial(value, schema, quietly: true).violations.isEmpty
        activeReferences = outerReferences
        path.pop()
        return passed
    }

    /// Reports at a child of the current value without checking it; the message is read at
    /// the current value (so its `subject` is the parent's).
    func report(at segment: ValidationPath.Segment, _ message: @autoclosure () -> String) {
        if log.quiet > 0 {
            log.violations.append(SchemaViolation(path: "", message: ""))
            return
        }
        var child = path
        child.push(segment)
        log.violations.append(SchemaViolation(path: child.pointer, message: message()))
    }

    /// A schema that cannot be applied: said plainly and marked as the schema's fault, since
    /// the model cannot fix it (the dispatcher then blames the tool definition, not the arguments).
    func schemaProblem(_ problem: @autoclosure () -> String) {
        report("cannot check \(subject): \(problem())", schemaFault: true)
    }

    /// Runs a check whose violations the caller inspects instead of keeping (anyOf branches,
    /// `not`, `if`, `contains`), and returns them with what the check evaluated.
    /// `quietly`, the violations are placeholders without path or message: only their count means anything.
    mutating func trial(_ value: JSONValue, _ schema: JSONValue, quietly: Bool) -> (violations: [SchemaViolation], evaluated: Evaluated) {
        let mark = log.violations.count
        if quietly { log.quiet += 1 }
        let evaluated = check(value, schema)
        if quietly { log.quiet -= 1 }
        guard log.violations.count > mark else { return ([], evaluated) }
        let found = Array(log.violations[mark...])
        log.violations.removeSubrange(mark...)
        return (found, Evaluated())
    }

    private mutating func checkKeywords(_ value: JSONValue, _ schema: JSONObject, _ present: SchemaKeywords) -> Evaluated {
        var evaluated = Evaluated()
        if present.contains(.reference), let reference = schema["$ref"] {
            evaluated.merge(followReference(reference, value, dynamic: false))
        }
        if present.contains(.dynamicReference), let reference = schema["$dynamicRef"] {
            evaluated.merge(followReference(reference, value, dynamic: true))
        }
        if present.contains(.recursiveReference) {
            note("$recursiveRef (draft 2019-09) is not followed, so \(subject) was not checked against it; use $dynamicRef")
        }
        if present.contains(.typeOrValue) {
            var typeMatched = true
            if let type = schema["type"] {
                typeMatched = checkType(value, type, nullable: schema["nullable"]?.boolValue == true)
            }
            if typeMatched {
                if let options = schema["enum"] { checkEnum(value, options) }
                if let constant = schema["const"] { checkConst(value, constant) }
            }
        }
        switch value {
        case .number, .bigInteger: if present.contains(.number) { checkNumber(value, schema) }
        case .string(let text): if present.contains(.string) { checkString(text, schema) }
        case .array(let items): if present.contains(.array) { evaluated.merge(checkArray(items, schema)) }
        case .object(let members): if present.contains(.object) { evaluated.merge(checkObject(members, schema)) }
        case .null, .bool: break
        }
        if present.contains(.inPlace) { evaluated.merge(checkCombinators(value, schema)) }
        // Last: they apply to what nothing above (nor any subschema applied in place) evaluated.
        if present.contains(.unevaluated) {
            switch value {
            case .array(let items): checkUnevaluatedItems(items, schema, &evaluated)
            case .object(let members): checkUnevaluatedProperties(members, schema, &evaluated)
            default: break
            }
        }
        return evaluated
    }

    private mutating func followReference(_ reference: JSONValue, _ value: JSONValue, dynamic: Bool) -> Evaluated {
        let keyword = dynamic ? "$dynamicRef" : "$ref"
        guard let text = reference.stringValue else {
            schemaProblem("its \(keyword) is \(ViolationWording.withArticle(reference.typeName)), not a string")
            return Evaluated()
        }
        var located: SchemaIndex.Located
        var uri: String
        let cacheKey = ReferenceKey(base: base, text: text)
        let resolution: SchemaIndex.Resolution
        if let cached = resolved[cacheKey] {
            resolution = cached
        } else {
            resolution = index.resolve(text, base: base)
            resolved[cacheKey] = resolution
        }
        switch resolution {
        case .found(let target, let targetURI):
            located = target
            uri = targetURI
        case .remote:
            note("\(keyword) \(JSONPrinter.quoted(text)) refers to another document, which toolscope does not fetch; \(subject) was not checked against it")
            return Evaluated()
        case .missing:
            schemaProblem("the schema's \(keyword) \(JSONPrinter.quoted(text)) does not point to anything in the schema (references resolve by JSON pointer such as \"#/$defs/Name\", $anchor or $id)")
            return Evaluated()
        }
        if dynamic, let hash = text.lastIndex(of: "#") {
            // A $dynamicRef to a $dynamicAnchor takes the outermost resource in the dynamic
            // scope that declares the same anchor ("bookending"); otherwise it acts as $ref.
            let name = String(text[text.index(after: hash)...])
            if !name.isEmpty, !name.hasPrefix("/"), located.schema["$dynamicAnchor"]?.stringValue == name {
                for resource in dynamicScope {
                    guard let anchor = index.dynamicAnchor(name, in: resource) else { continue }
                    located = anchor
                    uri = resource + "#" + name
                    break
                }
            }
        }
        if activeReferences.contains(uri) {
            schemaProblem("the schema's \(keyword) \(JSONPrinter.quoted(text)) refers back to itself without checking anything in between, so it would never finish; the schema needs fixing")
            return Evaluated()
        }
        activeReferences.append(uri)
        let outerBase = base
        base = located.parentBase
        let entered = dynamicScope.last != base
        if entered { dynamicScope.append(base) }
        let evaluated = check(value, located.schema)
        if entered { dynamicScope.removeLast() }
        base = outerBase
        activeReferences.removeLast()
        return evaluated
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

/// What a schema evaluated of one object or array, as JSON Schema's annotations: the
/// property names `properties`, `patternProperties`, `additionalProperties` and
/// `unevaluatedProperties` applied to, and the items `prefixItems`, `items`, `contains` and
/// `unevaluatedItems` did. Subschemas applied in place (allOf, anyOf, oneOf, if/then/else,
/// dependentSchemas, $ref, $dynamicRef) add theirs when they pass; `not` adds none.
struct Evaluated {
    var properties: Set<String> = []
    /// Items `0..<itemPrefix` were evaluated.
    var itemPrefix = 0
    /// Further items evaluated one by one (by `contains`).
    var itemIndices: Set<Int> = []

    mutating func merge(_ other: Evaluated) {
        if !other.properties.isEmpty { properties.formUnion(other.properties) }
        itemPrefix = max(itemPrefix, other.itemPrefix)
        if !other.itemIndices.isEmpty { itemIndices.formUnion(other.itemIndices) }
    }

    func includes(item index: Int) -> Bool { index < itemPrefix || itemIndices.contains(index) }
}

/// Where a run keeps its violations, and how many quiet trials it is inside.
final class ViolationLog {
    var violations: [SchemaViolation] = []
    /// Above zero while running a check whose messages will be thrown away (an anyOf branch
    /// while another may match, `not`, `if`, `contains`): violations are only counted, so a
    /// 250,000-item array under an anyOf does not build 250,000 unread sentences.
    var quiet = 0
}
