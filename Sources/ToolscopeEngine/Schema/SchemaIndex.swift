import Foundation

/// Where every schema resource (`$id`) and anchor (`$anchor`, `$dynamicAnchor`) of one schema
/// document is, so `$ref` and `$dynamicRef` resolve by identifier as well as by JSON pointer,
/// and what in the document the validator cannot enforce.
///
/// Built once per document in one walk over the places JSON Schema 2020-12 (and the older
/// drafts' `definitions`, `dependencies`, `additionalItems`) keeps subschemas; `$id`s inside
/// `enum`, `const`, `default` or unknown keywords are data, not identifiers, and are skipped.
struct SchemaIndex: Sendable {
    /// The base URI of a document without `$id`. Any URI would do; references are reported
    /// as written, never with this base.
    static let defaultBase = "toolscope:///parameters.json"

    /// A subschema and the base URI of the schema it sits in: checking it applies its own `$id`.
    struct Located {
        var schema: JSONValue
        var parentBase: String
    }

    enum Resolution {
        case found(Located, uri: String)
        /// The reference names another document, which is not embedded and is never fetched.
        case remote(String)
        /// The document is known but nothing in it has that pointer or anchor.
        case missing
    }

    let root: JSONValue
    private(set) var rootBase = SchemaIndex.defaultBase
    private(set) var resources: [String: Located] = [:]
    private(set) var anchors: [String: Located] = [:]
    private(set) var dynamicAnchors: [String: Located] = [:]
    /// The base URI in force inside the subschema at each JSON pointer (after its own `$id`).
    private(set) var baseAtPointer: [String: String] = [:]
    /// Object and boolean schemas in the document.
    private(set) var schemaCount = 0
    private var references: [(pointer: String, keyword: String, text: String, base: String)] = []
    private(set) var unenforced: [UnenforcedKeyword] = []

    init(root: JSONValue) {
        self.root = root
        resources[Self.defaultBase] = Located(schema: root, parentBase: Self.defaultBase)
        index(root, pointer: "", parentBase: Self.defaultBase, depth: 0)
        rootBase = baseAtPointer[""] ?? Self.defaultBase
        for reference in references {
            if case .remote = resolve(reference.text, base: reference.base) {
                unenforced.append(UnenforcedKeyword(path: JSONPointer.appending(reference.pointer, reference.keyword), keyword: reference.keyword,
                    reason: "\(reference.keyword) \(JSONPrinter.quoted(reference.text)) refers to another document, which toolscope does not fetch; values are not checked against it (embed it under $defs with its $id)"))
            }
        }
        unenforced.sort { JSONPointer.precedes($0.path, $1.path) }
    }

    /// Resolves `reference` (as written in a `$ref`) against `base`.
    func resolve(_ reference: String, base: String) -> Resolution {
        let absolute = URIReference(parsing: reference).resolved(against: URIReference(parsing: base))
        let document = absolute.withoutFragment.text
        guard let resource = resources[document] else { return .remote(document) }
        let raw = absolute.fragment ?? ""
        let fragment = raw.contains("%") ? (raw.removingPercentEncoding ?? raw) : raw
        if fragment.isEmpty { return .found(resource, uri: document) }
        if !fragment.hasPrefix("/") {
            guard let anchor = anchors[document + "#" + fragment] else { return .missing }
            return .found(anchor, uri: document + "#" + fragment)
        }
        guard let segments = JSONPointer.segments(fragment) else { return .missing }
        var current = resource.schema
        var base = resource.parentBase
        for segment in segments {
            if case .string(let id)? = current["$id"], !id.hasPrefix("#") {
                base = Self.absolute(id, against: base)
            }
            guard let next = JSONPointer.resolve("/" + JSONPointer.escape(segment), in: current) else { return .missing }
            current = next
        }
        return .found(Located(schema: current, parentBase: base), uri: document + "#" + raw)
    }

    /// The `$dynamicAnchor` named `name` in the resource `resource`, if it declares one.
    func dynamicAnchor(_ name: String, in resource: String) -> Located? {
        dynamicAnchors[resource + "#" + name]
    }

    static func absolute(_ id: String, against base: String) -> String {
        URIReference(parsing: id).resolved(against: URIReference(parsing: base)).withoutFragment.text
    }

    /// The walker's subschema keywords, plus those only the validator reads: `contentSchema`
    /// (to list it as not enforced) and draft 7 `dependencies`.
    static let singleSchemaKeywords = Set(SchemaWalker.singleSchemaKeywords + ["contentSchema"])
    static let schemaListKeywords = Set(SchemaWalker.schemaListKeywords + ["items"])
    static let schemaMapKeywords = Set(SchemaWalker.schemaMapKeywords + ["dependencies"])

    /// Every subschema directly inside `keywords`, with its pointer below the schema's.
    static func children(of keywords: JSONObject, at pointer: String) -> [(pointer: String, schema: JSONValue)] {
        var out: [(String, JSONValue)] = []
        for (keyword, value) in keywords {
            let keywordPointer = JSONPointer.appending(pointer, keyword)
            if case .array(let list) = value, schemaListKeywords.contains(keyword) {
                for (i, item) in list.enumerated() { out.append((JSONPointer.appending(keywordPointer, i), item)) }
            } else if singleSchemaKeywords.contains(keyword) {
                out.append((keywordPointer, value))
            } else if case .object(let map) = value, schemaMapKeywords.contains(keyword) {
                for (name, item) in map {
                    // Draft 7 `dependencies` mixes schemas with arrays of names.
                    if keyword == "dependencies", case .array = item { continue }
                    out.append((JSONPointer.appending(keywordPointer, name), item))
                }
            }
        }
        return out
    }

    private mutating func index(_ schema: JSONValue, pointer: String, parentBase: String, depth: Int) {
        schemaCount += 1
        guard depth < SchemaWalker.maxDepth, case .object(let keywords) = schema else { return }
        var base = parentBase
        if case .string(let id)? = keywords["$id"] {
            if id.hasPrefix("#") {
                // Drafts 6 and 7 wrote a plain-name identifier as "$id": "#name".
                let name = String(id.dropFirst())
                if !name.isEmpty, !name.hasPrefix("/") { anchors[parentBase + "#" + name] = Located(schema: schema, parentBase: parentBase) }
            } else {
                base = Self.absolute(id, against: parentBase)
                if resources[base] == nil || base == Self.defaultBase { resources[base] = Located(schema: schema, parentBase: parentBase) }
            }
        }
        baseAtPointer[pointer] = base
        let here = Located(schema: schema, parentBase: parentBase)
        if case .string(let name)? = keywords["$anchor"] { anchors[base + "#" + name] = here }
        if case .string(let name)? = keywords["$dynamicAnchor"] {
            anchors[base + "#" + name] = here
            dynamicAnchors[base + "#" + name] = here
        }
        for keyword in ["$ref", "$dynamicRef"] {
            if case .string(let text)? = keywords[keyword] { references.append((pointer, keyword, text, base)) }
        }
        noteUnenforced(keywords, pointer)
        for child in Self.children(of: keywords, at: pointer) {
            index(child.schema, pointer: child.pointer, parentBase: base, depth: depth + 1)
        }
    }

    private mutating func noteUnenforced(_ keywords: JSONObject, _ pointer: String) {
        func add(_ keyword: String, _ reason: String) {
            unenforced.append(UnenforcedKeyword(path: JSONPointer.appending(pointer, keyword), keyword: keyword, reason: reason))
        }
        if case .string(let format)? = keywords["format"], !FormatChecker.isKnown(format) {
            add("format", Self.unknownFormatReason(format))
        }
        for keyword in ["contentEncoding", "contentMediaType", "contentSchema"] where keywords[keyword] != nil {
            add(keyword, "\(keyword) is not checked (toolscope does not decode string content); say in the description what the string must hold")
        }
        if keywords["$recursiveRef"] != nil {
            add("$recursiveRef", "$recursiveRef (draft 2019-09) is not followed; use $dynamicRef and $dynamicAnchor (2020-12)")
        }
    }

    static func unknownFormatReason(_ format: String) -> String {
        "format \(JSONPrinter.quoted(format)) is not checked (toolscope checks \(FormatChecker.examples.keys.sorted().joined(separator: ", ")))"
    }
}

/// A keyword that would constrain values but that toolscope cannot enforce: the linter warns
/// about it, and a tool call that reaches it gets a note in the trace instead of a silent pass.
public struct UnenforcedKeyword: Sendable, Hashable, CustomStringConvertible {
    /// JSON pointer of the keyword inside the schema.
    public var path: String
    public var keyword: String
    /// Why it is not enforced and what to do instead.
    public var reason: String

    public var description: String { path.isEmpty ? reason : "\(path): \(reason)" }
}
