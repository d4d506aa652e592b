import ToolscopeEngine

extension BuiltinTools {
    /// `lookup_user(user_id)`: a customer's profile from `CustomerDirectory`.
    struct UserLookupTool: Tool {
        let name = "lookup_user"

        var definition: ToolDefinition {
            ToolDefinition(
                name: name,
                description: "Look up a customer's profile by user id: name, email, membership tier, the date they joined and how many orders they have placed.",
                parameters: [
                    "type": "object",
                    "properties": [
                        "user_id": ["type": "string", "description": "The customer's id: the letter U followed by four digits, e.g. \"U1001\"."],
                    ],
                    "required": ["user_id"],
                    "additionalProperties": false,
                ])
        }

        func run(_ arguments: JSONValue) throws(ToolFailure) -> JSONValue {
            let customer = try Self.customer(try read(arguments).requiredString("user_id"))
            return [
                "user_id": .string(customer.id),
                "name": .string(customer.name),
                "email": .string(customer.email),
                "tier": .string(customer.tier),
                "joined": .string(customer.joined),
                "order_count": .number(Double(customer.orders.count)),
            ]
        }

        /// The customer with `id`, read leniently ("u-1001" is U1001). An unknown id fails with
        /// the id format and the closest existing ids, so the model can ask or retry.
        static func customer(_ id: String) throws(ToolFailure) -> Customer {
            let key = String(id.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }).uppercased()
            if let customer = CustomerDirectory.customers.first(where: { $0.id == key }) { return customer }
            var message = "No user with id \"\(id)\". User ids are the letter U followed by four digits, e.g. \"U1001\"."
            let candidates = CustomerDirectory.customers.map { NameSuggester.Candidate(display: $0.id, spellings: [$0.id]) }
            // Ids are all alike, so only the single closest one is worth naming.
            let suggestions = NameSuggester.closest(to: key, among: candidates, limit: 1)
            if !suggestions.isEmpty { message += " Did you mean \(BuiltinTools.spokenList(suggestions, or: true))?" }
            throw ToolFailure(message, extra: ["suggestions": .array(suggestions.map(JSONValue.string))])
        }
    }
}
