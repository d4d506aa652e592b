import ToolscopeEngine

extension BuiltinTools {
    /// One line of an order: what was bought, how many, at the price paid then.
    struct OrderItem: Sendable {
        /// An id in `ProductCatalog`, so a model can look the product up again.
        var productId: String
        var name: String
        var quantity: Int
        var unitPrice: Double
    }

    /// One order a customer placed. Its total is derived from the items, so the demo data
    /// can never disagree with itself.
    struct Order: Sendable {
        var id: String
        /// ISO 8601 calendar date: sorting the text sorts the dates.
        var date: String
        var status: String
        var items: [OrderItem]

        var total: Double { BuiltinTools.rounded(items.reduce(0) { $0 + Double($1.quantity) * $1.unitPrice }, places: 2) }
    }

    /// A customer of the demo shop.
    struct Customer: Sendable {
        var id: String
        var name: String
        var email: String
        var tier: String
        /// ISO 8601 calendar date.
        var joined: String
        var orders: [Order]
    }

    /// Eight fictional customers (addresses on the reserved example.com domain) and their
    /// orders. U1001 has more orders than the default limit so that `limit` visibly matters;
    /// U1008 has none so the empty case is easy to try.
    enum CustomerDirectory {
        static let customers: [Customer] = [
            Customer(id: "U1001", name: "Ada Moreno", email: "ada.moreno@example.com", tier: "gold", joined: "2021-03-14", orders: [
                Order(id: "O-5001", date: "2023-11-02", status: "delivered", items: [
                    OrderItem(productId: "P101", name: "Wireless Noise-Cancelling Headphones", quantity: 1, unitPrice: 189.99),
                ]),
                Order(id: "O-5014", date: "2024-01-19", status: "delivered", items: [
                    OrderItem(productId: "P401", name: "The Pragmatic Programmer", quantity: 1, unitPrice: 42.00),
                    OrderItem(productId: "P405", name: "Swift Programming Handbook", quantity: 1, unitPrice: 39.00),
                ]),
                Order(id: "O-5040", date: "2024-04-07", status: "returned", items: [
                    OrderItem(productId: "P504", name: "Trail Running Shoes", quantity: 1, unitPrice: 129.99),
                ]),
                Order(id: "O-5077", date: "2024-06-30", status: "delivered", items: [
                    OrderItem(productId: "P201", name: "Cast Iron Skillet 12in", quantity: 1, unitPrice: 34.95),
                    OrderItem(productId: "P205", name: "Bamboo Cutting Board", quantity: 2, unitPrice: 19.99),
                ]),
                Order(id: "O-5102", date: "2024-09-15", status: "delivered", items: [
                    OrderItem(productId: "P302", name: "Insulated Water Bottle 750ml", quantity: 2, unitPrice: 24.00),
                ]),
                Order(id: "O-5139", date: "2025-01-08", status: "shipped", items: [
                    OrderItem(productId: "P402", name: "Designing Data-Intensive Applications", quantity: 1, unitPrice: 47.99),
                    OrderItem(productId: "P103", name: "USB-C Charging Cable 2m", quantity: 3, unitPrice: 12.99),
                ]),
                Order(id: "O-5160", date: "2025-02-21", status: "processing", items: [
                    OrderItem(productId: "P204", name: "Electric Kettle", quantity: 1, unitPrice: 44.99),
                ]),
            ]),
            Customer(id: "U1002", name: "Bilal Haddad", email: "bilal.haddad@example.com", tier: "silver", joined: "2022-07-01", orders: [
                Order(id: "O-5020", date: "2024-02-11", status: "delivered", items: [
                    OrderItem(productId: "P301", name: "Two-Person Camping Tent", quantity: 1, unitPrice: 129.00),
                    OrderItem(productId: "P305", name: "Headlamp 400 Lumen", quantity: 2, unitPrice: 29.95),
                ]),
                Order(id: "O-5121", date: "2024-11-29", status: "delivered", items: [
                    OrderItem(productId: "P304", name: "Down Sleeping Bag", quantity: 1, unitPrice: 159.00),
                ]),
            ]),
            Customer(id: "U1003", name: "Chen Wei", email: "chen.wei@example.com", tier: "platinum", joined: "2020-01-23", orders: [
                Order(id: "O-5008", date: "2023-12-18", status: "delivered", items: [
                    OrderItem(productId: "P104", name: "4K Action Camera", quantity: 1, unitPrice: 249.00),
                ]),
                Order(id: "O-5066", date: "2024-05-26", status: "cancelled", items: [
                    OrderItem(productId: "P102", name: "Bluetooth Speaker Mini", quantity: 2, unitPrice: 39.50),
                ]),
                Order(id: "O-5150", date: "2025-02-03", status: "delivered", items: [
                    OrderItem(productId: "P105", name: "Wireless Earbuds", quantity: 1, unitPrice: 89.00),
                    OrderItem(productId: "P103", name: "USB-C Charging Cable 2m", quantity: 1, unitPrice: 12.99),
                ]),
            ]),
            Customer(id: "U1004", name: "Dana Okafor", email: "dana.okafor@example.com", tier: "standard", joined: "2023-09-10", orders: [
                Order(id: "O-5110", date: "2024-10-12", status: "delivered", items: [
                    OrderItem(productId: "P503", name: "Organic Cotton T-Shirt", quantity: 3, unitPrice: 25.00),
                ]),
            ]),
            Customer(id: "U1005", name: "Emil Lindqvist", email: "emil.lindqvist@example.com", tier: "gold", joined: "2021-11-30", orders: [
                Order(id: "O-5031", date: "2024-03-05", status: "delivered", items: [
                    OrderItem(productId: "P202", name: "Chef's Knife 8in", quantity: 1, unitPrice: 59.00),
                    OrderItem(productId: "P404", name: "Everyday Vegetarian Cookbook", quantity: 1, unitPrice: 22.50),
                ]),
                Order(id: "O-5095", date: "2024-08-22", status: "delivered", items: [
                    OrderItem(productId: "P203", name: "Pour-Over Coffee Maker", quantity: 1, unitPrice: 27.50),
                ]),
                Order(id: "O-5144", date: "2025-01-15", status: "shipped", items: [
                    OrderItem(productId: "P505", name: "Wool Beanie Hat", quantity: 2, unitPrice: 21.00),
                    OrderItem(productId: "P501", name: "Merino Wool Hiking Socks", quantity: 4, unitPrice: 18.00),
                ]),
            ]),
            Customer(id: "U1006", name: "Fatima Rahman", email: "fatima.rahman@example.com", tier: "silver", joined: "2022-04-18", orders: [
                Order(id: "O-5052", date: "2024-05-01", status: "delivered", items: [
                    OrderItem(productId: "P502", name: "Waterproof Rain Jacket", quantity: 1, unitPrice: 119.00),
                ]),
                Order(id: "O-5133", date: "2024-12-20", status: "delivered", items: [
                    OrderItem(productId: "P403", name: "Field Guide to North American Birds", quantity: 1, unitPrice: 24.95),
                    OrderItem(productId: "P303", name: "Trekking Poles Pair", quantity: 1, unitPrice: 54.99),
                ]),
            ]),
            Customer(id: "U1007", name: "Gabriel Souza", email: "gabriel.souza@example.com", tier: "standard", joined: "2024-06-02", orders: [
                Order(id: "O-5088", date: "2024-07-14", status: "delivered", items: [
                    OrderItem(productId: "P102", name: "Bluetooth Speaker Mini", quantity: 1, unitPrice: 39.50),
                ]),
            ]),
            Customer(id: "U1008", name: "Hana Kobayashi", email: "hana.kobayashi@example.com", tier: "standard", joined: "2025-02-14", orders: []),
        ]
    }
}
