/// Checks tool-call arguments against a tool's `parameters` schema (the JSON Schema subset
/// that function-calling models are given), reporting every violation with its JSON
/// pointer and a sentence the model can act on.
///
/// It runs for every tool call, so it works on `JSONValue` directly, builds path strings
/// only for violations, and reuses compiled `pattern` expressions across calls.
public struct SchemaValidator {
    /// Every way `value` breaks `schema`, in document order; empty when it is valid.
    ///
    /// `$ref`s resolve against `schema` itself ("#/$defs/X", "#/definitions/X" or any JSON
    /// pointer). Keywords this validator does not know are ignored, as JSON Schema says.
    public static func validate(_ value: JSONValue, schema: JSONValue) -> [SchemaViolation] {
        var run = ValidationRun(root: schema)
        run.check(value, schema)
        return run.finish()
    }

    /// Whether `value` satisfies `schema`; stops at nothing less than a full check but
    /// spares callers that only need a yes or no from reading messages.
    public static func isValid(_ value: JSONValue, schema: JSONValue) -> Bool {
        validate(value, schema: schema).isEmpty
    }
}
