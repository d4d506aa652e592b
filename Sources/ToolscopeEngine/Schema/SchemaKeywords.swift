/// Which keywords one schema object holds, found with one hash per key it has, so applying
/// `{"type": "integer"}` to each of 250,000 items does not look up forty absent keywords each time.
struct SchemaKeywords: OptionSet {
    let rawValue: UInt64

    static let reference = SchemaKeywords(rawValue: 1 << 0)
    static let dynamicReference = SchemaKeywords(rawValue: 1 << 1)
    static let recursiveReference = SchemaKeywords(rawValue: 1 << 2)
    static let typeOrValue = SchemaKeywords(rawValue: 1 << 3)     // type, enum, const
    static let number = SchemaKeywords(rawValue: 1 << 4)          // bounds, multipleOf
    static let string = SchemaKeywords(rawValue: 1 << 5)          // lengths, pattern, format, content*
    static let array = SchemaKeywords(rawValue: 1 << 6)           // items, counts, contains, uniqueItems
    static let object = SchemaKeywords(rawValue: 1 << 7)          // properties, required, counts, names
    static let inPlace = SchemaKeywords(rawValue: 1 << 8)         // allOf, anyOf, oneOf, not, if, dependent*
    static let unevaluated = SchemaKeywords(rawValue: 1 << 9)
    static let identifier = SchemaKeywords(rawValue: 1 << 10)     // $id

    private static let byName: [String: SchemaKeywords] = {
        var table: [String: SchemaKeywords] = ["$ref": .reference, "$dynamicRef": .dynamicReference, "$recursiveRef": .recursiveReference, "$id": .identifier]
        for name in ["type", "enum", "const"] { table[name] = .typeOrValue }
        for name in ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"] { table[name] = .number }
        for name in ["minLength", "maxLength", "pattern", "format", "contentEncoding", "contentMediaType", "contentSchema"] { table[name] = .string }
        for name in ["items", "prefixItems", "additionalItems", "minItems", "maxItems", "contains", "uniqueItems"] { table[name] = .array }
        for name in ["properties", "patternProperties", "additionalProperties", "required", "dependentRequired",
                     "minProperties", "maxProperties", "propertyNames"] { table[name] = .object }
        for name in ["allOf", "anyOf", "oneOf", "not", "if", "dependentSchemas", "dependencies"] { table[name] = .inPlace }
        for name in ["unevaluatedProperties", "unevaluatedItems"] { table[name] = .unevaluated }
        return table
    }()

    init(rawValue: UInt64) { self.rawValue = rawValue }

    init(of schema: JSONObject) {
        var found: SchemaKeywords = []
        for key in schema.keys { if let group = Self.byName[key] { found.insert(group) } }
        self = found
    }
}
