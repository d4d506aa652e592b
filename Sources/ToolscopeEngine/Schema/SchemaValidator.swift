/// Checks tool-call arguments against a tool's `parameters` schema, reporting every
/// violation with its JSON pointer and a sentence the model can act on.
///
/// It implements JSON Schema 2020-12's core, applicator, unevaluated and validation
/// vocabularies (plus the older drafts' `definitions`, `dependencies`, tuple `items` and
/// boolean `exclusiveMinimum`), and asserts the `format`s `FormatChecker` knows. What it
/// cannot enforce (a `$ref` to another document, an unknown `format`, the content
/// vocabulary) is listed by `unenforced(in:)` and noted when a value reaches it: never a
/// silent pass.
///
/// It runs for every tool call, so it works on `JSONValue` directly, builds path strings
/// only for violations, and reuses compiled `pattern` expressions across calls.
public struct SchemaValidator {
    /// The outcome of one check.
    public struct Outcome: Sendable, Hashable {
        /// Every way the value breaks the schema, in document order; empty when it is valid.
        public var violations: [SchemaViolation]
        /// What the value reached but the validator could not check, each reason once, at
        /// the first place it applied.
        public var notes: [SchemaViolation]

        public var isValid: Bool { violations.isEmpty }
    }

    /// Checks `value` against `schema`; `$ref`s resolve inside `schema` (JSON pointers,
    /// `$id`, `$anchor`, `$dynamicAnchor`).
    public static func check(_ value: JSONValue, schema: JSONValue) -> Outcome {
        var run = ValidationRun(root: schema, instance: value)
        run.check(value, schema)
        let violations = run.finish()
        return Outcome(violations: violations, notes: run.notes)
    }

    /// Every way `value` breaks `schema`, in document order; empty when it is valid.
    /// Notes about unchecked parts are dropped: use `check` to see them.
    public static func validate(_ value: JSONValue, schema: JSONValue) -> [SchemaViolation] {
        check(value, schema: schema).violations
    }

    /// A schema indexed once (its `$id`s, anchors and what cannot be enforced), for checking
    /// many values: the dispatcher keeps one per tool, since indexing costs more than checking
    /// a tool call's arguments.
    public struct Prepared: Sendable {
        let index: SchemaIndex

        public init(_ schema: JSONValue) { index = SchemaIndex(root: schema) }

        /// `Prepared(schema)`, shared while the same schema keeps coming: an experiment builds
        /// a dispatcher per run, and indexing a schema costs more than checking a call against
        /// it, while comparing two equal schemas costs less. Keeps the last few, for suites with
        /// several tools or variants.
        public static func reused(_ schema: JSONValue) -> Prepared {
            if let hit = recent.withLock({ entries in entries.first { $0.schema == schema }?.prepared }) { return hit }
            let prepared = Prepared(schema)
            recent.withLock { entries in
                entries.insert((schema, prepared), at: 0)
                if entries.count > 16 { entries.removeLast() }
            }
            return prepared
        }

        private static let recent = Locked<[(schema: JSONValue, prepared: Prepared)]>([])

        /// What the schema uses but the validator cannot enforce (see `unenforced(in:)`).
        public var unenforced: [UnenforcedKeyword] { index.unenforced }

        public func check(_ value: JSONValue) -> Outcome {
            var run = ValidationRun(index: index, instance: value)
            run.check(value, index.root)
            let violations = run.finish()
            return Outcome(violations: violations, notes: run.notes)
        }
    }

    /// The keywords in `schema` that would constrain values but that the validator does not
    /// enforce, with their JSON pointers inside `schema`. Unknown keywords are annotations, as
    /// JSON Schema says, and are not listed.
    public static func unenforced(in schema: JSONValue) -> [UnenforcedKeyword] {
        SchemaIndex(root: schema).unenforced
    }
}
