import ToolscopeEngine

extension BuiltinTools {
    /// `search_products(query, category, max_price, in_stock)` over `ProductCatalog`.
    /// Any query word may match (a model's queries are wordy), and products matching more
    /// words rank first; equal matches list the cheaper product first.
    struct ProductSearchTool: Tool {
        let name = "search_products"

        /// Words that carry no meaning in a shopping query, dropped so "something for the
        /// kitchen" searches for "kitchen".
        static let fillerWords: Set<String> = ["a", "an", "the", "for", "and", "or", "with", "of", "to", "in", "some", "something", "any", "me", "my"]

        var definition: ToolDefinition {
            ToolDefinition(
                name: name,
                description: "Search the shop's product catalog by keywords, optionally filtered by category, maximum price and stock. Results are sorted by relevance, then by price from low to high.",
                parameters: [
                    "type": "object",
                    "properties": [
                        "query": [
                            "type": "string",
                            "description": "Keywords matched against product names, categories and tags, case-insensitively, e.g. \"wireless headphones\". An empty string matches every product.",
                        ],
                        "category": [
                            "type": "string",
                            "description": "Only products in this category.",
                            "enum": .array(ProductCatalog.categories.map(JSONValue.string)),
                        ],
                        "max_price": ["type": "number", "description": "Only products costing at most this many US dollars.", "minimum": 0],
                        "in_stock": ["type": "boolean", "description": "true: only products in stock; false: only products out of stock. Omit to include both."],
                    ],
                    "required": ["query"],
                    "additionalProperties": false,
                ])
        }

        func run(_ arguments: JSONValue) throws(ToolFailure) -> JSONValue {
            let args = try read(arguments)
            let query = try args.requiredString("query")
            let category = try args.optionalChoice("category", among: ProductCatalog.categories)
            let maxPrice = try args.optionalNumber("max_price")
            let inStock = try args.optionalBool("in_stock")
            if let maxPrice, maxPrice < 0 {
                throw ToolFailure("Argument \"max_price\" must be 0 or more, got \(JSONPrinter.formatNumber(maxPrice)).")
            }
            let words = Self.searchWords(query)
            let ranked = ProductCatalog.products.compactMap { product -> (product: Product, score: Int)? in
                if let category, product.category != category { return nil }
                if let maxPrice, product.price > maxPrice { return nil }
                if let inStock, product.inStock != inStock { return nil }
                let score = Self.relevance(of: product, to: words)
                return words.isEmpty || score > 0 ? (product, score) : nil
            }
            .sorted { a, b in
                if a.score != b.score { return a.score > b.score }
                if a.product.price != b.product.price { return a.product.price < b.product.price }
                return a.product.id < b.product.id
            }
            return ["count": .number(Double(ranked.count)), "products": .array(ranked.map { Self.json($0.product) })]
        }

        /// The query's meaningful words, folded and reduced to a crude singular.
        static func searchWords(_ query: String) -> [String] {
            TextKey.words(query).filter { !fillerWords.contains($0) }.map(singular)
        }

        /// Two points for each query word that is a word of the product, one for a word the
        /// product has a word starting with ("head" → "headlamp").
        static func relevance(of product: Product, to words: [String]) -> Int {
            let productWords = wordsByProduct[product.id] ?? []
            return words.reduce(0) { total, word in
                if productWords.contains(word) { return total + 2 }
                if word.count >= 3, productWords.contains(where: { $0.hasPrefix(word) }) { return total + 1 }
                return total
            }
        }

        /// Each product's searchable words, folded once rather than on every search.
        static let wordsByProduct: [String: Set<String>] = Dictionary(uniqueKeysWithValues: ProductCatalog.products.map { product in
            (product.id, Set((TextKey.words(product.name) + [product.category] + product.tags.flatMap(TextKey.words)).map(singular)))
        })

        /// "headphones" → "headphone", "batteries" → "battery"; enough for a catalog this size.
        static func singular(_ word: String) -> String {
            if word.count > 4, word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
            if word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss") { return String(word.dropLast()) }
            return word
        }

        static func json(_ product: Product) -> JSONValue {
            [
                "id": .string(product.id),
                "name": .string(product.name),
                "category": .string(product.category),
                "price": .number(product.price),
                "in_stock": .bool(product.inStock),
                "rating": .number(product.rating),
            ]
        }
    }
}
