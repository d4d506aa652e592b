import ToolscopeEngine

extension BuiltinTools {
    /// `get_order_history(user_id, limit)`: a customer's most recent orders, newest first.
    struct OrderHistoryTool: Tool {
        let name = "get_order_history"
        static let defaultLimit = 5
        static let limitRange = 1...50

        var definition: ToolDefinition {
            ToolDefinition(
                name: name,
                description: "List a customer's most recent orders, newest first, with the items, total in US dollars and delivery status of each.",
                parameters: [
                    "type": "object",
                    "properties": [
                        "user_id": ["type": "string", "description": "The customer's id: the letter U followed by four digits, e.g. \"U1001\"."],
                        "limit": [
                            "type": "integer",
                            "description": .string("How many orders to return at most; \(Self.defaultLimit) when omitted."),
                            "minimum": .number(Double(Self.limitRange.lowerBound)),
                            "maximum": .number(Double(Self.limitRange.upperBound)),
                        ],
                    ],
                    "required": ["user_id"],
                    "additionalProperties": false,
                ])
        }

        func run(_ arguments: JSONValue) throws(ToolFailure) -> JSONValue {
            let args = try read(arguments)
            let id = try args.requiredString("user_id")
            let limit = try args.optionalInteger("limit", in: Self.limitRange) ?? Self.defaultLimit
            let customer = try UserLookupTool.customer(id)
            let newestFirst = customer.orders.sorted { ($0.date, $0.id) > ($1.date, $1.id) }
            return [
                "user_id": .string(customer.id),
                "name": .string(customer.name),
                "total_orders": .number(Double(customer.orders.count)),
                "orders": .array(newestFirst.prefix(limit).map(Self.json)),
            ]
        }

        static func json(_ order: Order) -> JSONValue {
            [
                "order_id": .string(order.id),
                "date": .string(order.date),
                "status": .string(order.status),
                "items": .array(order.items.map { item in
                    [
                        "product_id": .string(item.productId),
                        "name": .string(item.name),
                        "quantity": .number(Double(item.quantity)),
                        "unit_price": .number(item.unitPrice),
                    ]
                }),
                "total": .number(order.total),
            ]
        }
    }
}
