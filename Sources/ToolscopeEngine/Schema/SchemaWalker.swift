/// Visits every subschema of a `parameters` schema with its JSON pointer, so each lint rule
/// is written once for "a schema" and applies at any depth.
enum SchemaWalker {
    /// A subschema and where it sits.
    struct Node {
        /// The subschema as written: normally an object, possibly a boolean or a mistake.
        var schema: JSONValue
        /// JSON pointer of the subschema in the linted document.
        var path: String
        /// Object schemas from the walk's start down to and including this one; `$defs`
        /// entries start again from zero because their use site is not known here.
        var objectDepth: Int
        /// The property name when this subschema is a member of a `properties` object.
        var propertyName: String?
        /// True for members of the root's `properties`: the tool's own parameters.
        var isTopLevelParameter: Bool
        var isRoot: Bool
        /// The schema this one is applied in place of (through allOf, anyOf, oneOf, not,
        /// if/then/else or dependentSchemas), followed up to the first that is not: together
        /// they describe one value, so a `required` here may name a property declared there.
        var family: JSONValue
    }

    /// Keywords whose subschemas apply to the same value as the schema holding them.
    static let inPlaceKeywords: Set<String> = ["allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas"]

    /// Keywords whose value is one subschema.
    static let singleSchemaKeywords = [
        "items", "additionalProperties", "additionalItems", "contains", "not", "if", "then", "else",
        "propertyNames", "unevaluatedProperties", "unevaluatedItems",
    ]
    /// Keywords whose value is an array of subschemas.
    static let schemaListKeywords = ["anyOf", "oneOf", "allOf", "prefixItems"]
    /// Keywords whose value maps names to subschemas.
    static let schemaMapKeywords = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]
    /// Far deeper than any real schema; the walk stops there rather than exhaust the stack.
    static let maxDepth = 200

    static func walk(_ schema: JSONValue, at path: String, visit: (Node) -> Void) {
        let root = Node(schema: schema, path: path, objectDepth: isObjectSchema(schema) ? 1 : 0,
                        propertyName: nil, isTopLevelParameter: false, isRoot: true, family: schema)
        walk(root, depth: 0, visit: visit)
    }

    /// Whether a schema describes objects: `"type": "object"` (alone or in a list), or
    /// `properties` without a type.
    static func isObjectSchema(_ schema: JSONValue) -> Bool {
        switch schema["type"] {
        case .string("object")?: return true
        case .array(let names)?: return names.contains(.string("object"))
        case nil: return schema["properties"] != nil
        default: return false
        }
    }

    private static func walk(_ node: Node, depth: Int, visit: (Node) -> Void) {
        visit(node)
        guard depth < maxDepth, case .object(let keywords) = node.schema else { return }
        var inPlace = false
        func child(_ schema: JSONValue, _ path: String, property: String? = nil, resetDepth: Bool = false) {
            let base = resetDepth ? 0 : node.objectDepth
            let next = Node(schema: schema, path: path, objectDepth: base + (isObjectSchema(schema) ? 1 : 0),
                            propertyName: property, isTopLevelParameter: node.isRoot && property != nil,
                            isRoot: false, family: inPlace ? node.family : schema)
            walk(next, depth: depth + 1, visit: visit)
        }
        for (keyword, value) in keywords {
            let keywordPath = JSONPointer.appending(node.path, keyword)
            inPlace = inPlaceKeywords.contains(keyword)
            if singleSchemaKeywords.contains(keyword) {
                // `items` may also be a draft-4 tuple: a list of schemas.
                if case .array(let list) = value, keyword == "items" {
                    for (i, item) in list.enumerated() { child(item, JSONPointer.appending(keywordPath, i)) }
                } else {
                    child(value, keywordPath)
                }
            } else if schemaListKeywords.contains(keyword), case .array(let list) = value {
                for (i, item) in list.enumerated() { child(item, JSONPointer.appending(keywordPath, i)) }
            } else if schemaMapKeywords.contains(keyword), case .object(let map) = value {
                let isProperties = keyword == "properties"
                let isDefinitions = keyword == "$defs" || keyword == "definitions"
                for (name, item) in map {
                    child(item, JSONPointer.appending(keywordPath, name), property: isProperties ? name : nil,
                          resetDepth: isDefinitions)
                }
            }
        }
    }
}
