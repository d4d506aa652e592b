import ToolscopeEngine

extension BuiltinTools {
    /// One item for sale in the demo shop.
    struct Product: Sendable {
        var id: String
        var name: String
        var category: String
        /// US dollars.
        var price: Double
        var inStock: Bool
        /// Average review score, 1.0 to 5.0.
        var rating: Double
        /// Extra words a shopper might search for that are not in the name ("bluetooth").
        var tags: [String] = []
    }

    /// The demo shop: five categories of five products, with prices and stock chosen so that
    /// every filter of `search_products` has something to keep and something to drop.
    enum ProductCatalog {
        static let products: [Product] = [
            Product(id: "P101", name: "Wireless Noise-Cancelling Headphones", category: "electronics", price: 199.99, inStock: true, rating: 4.6, tags: ["audio", "bluetooth"]),
            Product(id: "P102", name: "Bluetooth Speaker Mini", category: "electronics", price: 39.50, inStock: true, rating: 4.2, tags: ["audio", "portable"]),
            Product(id: "P103", name: "USB-C Charging Cable 2m", category: "electronics", price: 12.99, inStock: true, rating: 4.4, tags: ["charger"]),
            Product(id: "P104", name: "4K Action Camera", category: "electronics", price: 249.00, inStock: false, rating: 4.1, tags: ["video"]),
            Product(id: "P105", name: "Wireless Earbuds", category: "electronics", price: 89.00, inStock: true, rating: 4.3, tags: ["audio", "bluetooth", "headphones"]),
            Product(id: "P201", name: "Cast Iron Skillet 12in", category: "kitchen", price: 34.95, inStock: true, rating: 4.8, tags: ["pan", "cookware"]),
            Product(id: "P202", name: "Chef's Knife 8in", category: "kitchen", price: 59.00, inStock: true, rating: 4.7, tags: ["cutlery"]),
            Product(id: "P203", name: "Pour-Over Coffee Maker", category: "kitchen", price: 27.50, inStock: false, rating: 4.5, tags: ["coffee", "brewer"]),
            Product(id: "P204", name: "Electric Kettle", category: "kitchen", price: 44.99, inStock: true, rating: 4.4, tags: ["tea", "coffee"]),
            Product(id: "P205", name: "Bamboo Cutting Board", category: "kitchen", price: 19.99, inStock: true, rating: 4.3),
            Product(id: "P301", name: "Two-Person Camping Tent", category: "outdoor", price: 129.00, inStock: true, rating: 4.4, tags: ["camping", "shelter"]),
            Product(id: "P302", name: "Insulated Water Bottle 750ml", category: "outdoor", price: 24.00, inStock: true, rating: 4.6, tags: ["hiking", "flask"]),
            Product(id: "P303", name: "Trekking Poles Pair", category: "outdoor", price: 54.99, inStock: false, rating: 4.2, tags: ["hiking"]),
            Product(id: "P304", name: "Down Sleeping Bag", category: "outdoor", price: 179.00, inStock: true, rating: 4.5, tags: ["camping"]),
            Product(id: "P305", name: "Headlamp 400 Lumen", category: "outdoor", price: 29.95, inStock: true, rating: 4.3, tags: ["camping", "light", "torch"]),
            Product(id: "P401", name: "The Pragmatic Programmer", category: "books", price: 42.00, inStock: true, rating: 4.8, tags: ["software", "programming"]),
            Product(id: "P402", name: "Designing Data-Intensive Applications", category: "books", price: 47.99, inStock: true, rating: 4.9, tags: ["software", "databases"]),
            Product(id: "P403", name: "Field Guide to North American Birds", category: "books", price: 24.95, inStock: false, rating: 4.6, tags: ["nature"]),
            Product(id: "P404", name: "Everyday Vegetarian Cookbook", category: "books", price: 22.50, inStock: true, rating: 4.4, tags: ["cooking", "recipes"]),
            Product(id: "P405", name: "Swift Programming Handbook", category: "books", price: 39.00, inStock: true, rating: 4.3, tags: ["software", "programming"]),
            Product(id: "P501", name: "Merino Wool Hiking Socks", category: "clothing", price: 18.00, inStock: true, rating: 4.7, tags: ["hiking", "outdoor"]),
            Product(id: "P502", name: "Waterproof Rain Jacket", category: "clothing", price: 119.00, inStock: true, rating: 4.4, tags: ["outdoor", "coat"]),
            Product(id: "P503", name: "Organic Cotton T-Shirt", category: "clothing", price: 25.00, inStock: true, rating: 4.1, tags: ["tee"]),
            Product(id: "P504", name: "Trail Running Shoes", category: "clothing", price: 134.99, inStock: false, rating: 4.5, tags: ["running", "sneakers", "footwear"]),
            Product(id: "P505", name: "Wool Beanie Hat", category: "clothing", price: 21.00, inStock: true, rating: 4.2, tags: ["winter"]),
        ]

        /// The categories in catalog order, for the `category` enum of the tool definition.
        static var categories: [String] {
            var seen = Set<String>()
            return products.compactMap { seen.insert($0.category).inserted ? $0.category : nil }
        }
    }
}
