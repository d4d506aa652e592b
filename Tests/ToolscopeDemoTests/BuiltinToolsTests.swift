import Foundation
import Testing
@testable import ToolscopeDemo
@testable import ToolscopeEngine

@Suite struct BuiltinToolsTests {
    // MARK: Helpers

    /// The parsed JSON of a successful call; records an issue when the call failed.
    private func result(_ name: String, _ arguments: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        let outcome = BuiltinTools.run(name, arguments: arguments)
        #expect(!outcome.isError, "\(name) failed: \(outcome.content)", sourceLocation: sourceLocation)
        return try JSONValue(parsing: outcome.content)
    }

    /// The parsed JSON of a failed call; records an issue when the call succeeded.
    private func failure(_ name: String, _ arguments: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        let outcome = BuiltinTools.run(name, arguments: arguments)
        #expect(outcome.isError, "\(name) unexpectedly succeeded: \(outcome.content)", sourceLocation: sourceLocation)
        return try JSONValue(parsing: outcome.content)
    }

    private func errorText(_ name: String, _ arguments: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try failure(name, arguments, sourceLocation: sourceLocation)["error"]?.stringValue ?? ""
    }

    // MARK: Catalogue of tools

    @Test func namesAndDefinitionsAreInTutorialOrder() {
        let expected = ["get_weather", "calculate", "convert_temperature", "search_products", "lookup_user", "get_order_history"]
        #expect(BuiltinTools.names == expected)
        #expect(BuiltinTools.definitions.map(\.name) == expected)
        for name in expected {
            #expect(BuiltinTools.definition(named: name)?.name == name)
            #expect(BuiltinTools.toolSet.tool(named: name)?.definition == BuiltinTools.definition(named: name))
        }
        #expect(BuiltinTools.definition(named: "get_wether") == nil)
        #expect(BuiltinTools.toolSet.tool(named: "rm_rf") == nil)
        #expect(BuiltinTools.toolSet.names == expected)
    }

    @Test func unknownFunctionIsAnError() throws {
        let outcome = BuiltinTools.run("launch_rockets", arguments: [:])
        #expect(outcome.isError)
        #expect(outcome.content == #"{"error":"Unknown function: launch_rockets"}"#)
    }

    @Test(arguments: BuiltinTools.names)
    func definitionIsAWellFormedOpenAITool(name: String) throws {
        let definition = try #require(BuiltinTools.definition(named: name))
        #expect(definition.isFunction)
        let description = try #require(definition.description)
        #expect(description.count >= 30 && description.hasSuffix("."), "\(name): \(description)")
        let parameters = try #require(definition.parameters?.objectValue)
        #expect(parameters["type"] == "object")
        #expect(Array(parameters.keys) == ["type", "properties", "required", "additionalProperties"])
        #expect(parameters["additionalProperties"] == false)
        let properties = try #require(parameters["properties"]?.objectValue)
        let required = try #require(parameters["required"]?.arrayValue).compactMap(\.stringValue)
        #expect(!required.isEmpty)
        #expect(required.allSatisfy { properties[$0] != nil })
        let vague: Set<String> = ["stuff", "thing", "things", "something", "whatever", "misc", "etc", "do", "does", "various"]
        for (key, schema) in properties {
            #expect(schema["type"]?.stringValue != nil, "\(name).\(key) has no type")
            let text = schema["description"]?.stringValue ?? ""
            #expect(text.count >= 10, "\(name).\(key) needs a description")
            let words = Set(TextKey.words(text))
            #expect(words.isDisjoint(with: vague), "\(name).\(key): \(text)")
        }
    }

    /// The demo is what a new user copies from, so it must pass the project's own linter.
    @Test func definitionsPassTheToolLinter() {
        let findings = ToolLinter.lint(BuiltinTools.definitions)
        #expect(findings.isEmpty, "\(findings.map(\.description).joined(separator: "\n"))")
    }

    @Test func enumsAndBoundsAreDeclared() throws {
        let weather = try #require(BuiltinTools.definition(named: "get_weather")?.parameters)
        #expect(weather["properties"]?["unit"]?["enum"] == ["celsius", "fahrenheit"])
        let search = try #require(BuiltinTools.definition(named: "search_products")?.parameters)
        #expect(search["properties"]?["category"]?["enum"] == ["electronics", "kitchen", "outdoor", "books", "clothing"])
        let history = try #require(BuiltinTools.definition(named: "get_order_history")?.parameters)
        #expect(history["properties"]?["limit"]?["minimum"] == 1)
        #expect(history["properties"]?["limit"]?["maximum"] == 50)
    }

    // MARK: get_weather

    @Test func weatherInCelsiusByDefault() throws {
        let outcome = BuiltinTools.run("get_weather", arguments: ["city": "Tokyo"])
        #expect(outcome.content == #"{"city":"Tokyo","country":"Japan","temperature":18.5,"unit":"celsius","condition":"partly cloudy","humidity":62,"wind_kph":11}"#)
    }

    @Test func weatherConvertsToFahrenheit() throws {
        #expect(try result("get_weather", ["city": "Tokyo", "unit": "fahrenheit"])["temperature"] == 65.3)  // 18.5 × 9/5 + 32
        #expect(try result("get_weather", ["city": "Moscow", "unit": "fahrenheit"])["temperature"] == 27.9)  // -2.3 °C = 27.86 °F
        #expect(try result("get_weather", ["city": "London", "unit": "celsius"])["unit"] == "celsius")
        #expect(try result("get_weather", ["city": "London", "unit": nil])["unit"] == "celsius")
    }

    @Test(arguments: [
        ("tokyo", "Tokyo"), ("  LONDON ", "London"), ("sao paulo", "São Paulo"), ("SÃO PAULO", "São Paulo"),
        ("Reykjavik", "Reykjavík"), ("zurich", "Zürich"), ("New York City", "New York"), ("NYC", "New York"),
        ("Bombay", "Mumbai"), ("Paris, France", "Paris"), ("San Francisco, CA", "San Francisco"),
        ("London, UK", "London"), ("Tokyo, JP", "Tokyo"), ("new-york", "New York"),
    ])
    func cityNamesAreMatchedLeniently(query: String, city: String) throws {
        #expect(try result("get_weather", ["city": .string(query)])["city"] == .string(city))
    }

    @Test func misspeltCitySuggestsTheNearestName() throws {
        let outcome = BuiltinTools.run("get_weather", arguments: ["city": "Toky"])
        #expect(outcome.isError)
        #expect(outcome.content == #"{"error":"Unknown city \"Toky\". Did you mean Tokyo?","suggestions":["Tokyo"]}"#)
        #expect(try failure("get_weather", ["city": "Lodnon"])["suggestions"] == ["London"])
        #expect(try failure("get_weather", ["city": "Sidney"])["suggestions"] == ["Sydney"])
        #expect(try failure("get_weather", ["city": "Berln, Germany"])["suggestions"] == ["Berlin"])
    }

    @Test func farUnknownCityListsKnownCities() throws {
        let error = try failure("get_weather", ["city": "Atlantis"])
        let text = try #require(error["error"]?.stringValue)
        #expect(text.hasPrefix("Unknown city \"Atlantis\". Known cities include Tokyo, London, New York"))
        #expect(error["known_cities"]?.arrayValue?.count == BuiltinTools.CityWeatherTable.cities.count)
        #expect(error["suggestions"] == nil)
    }

    @Test func cityInTheWrongCountryIsNotSilentlyAccepted() throws {
        let error = try failure("get_weather", ["city": "Paris, Texas"])
        #expect(error["error"]?.stringValue?.contains("in France") == true)
        #expect(error["suggestions"] == ["Paris"])
    }

    @Test func weatherRejectsBadArguments() throws {
        #expect(try errorText("get_weather", ["city": 5]) == #"Argument "city" must be a string, got integer 5."#)
        #expect(try errorText("get_weather", [:]).contains("Missing required argument \"city\""))
        #expect(try errorText("get_weather", ["city": ""]).contains("empty"))
        #expect(try errorText("get_weather", ["city": "Tokyo", "unit": "kelvin"]).contains("\"celsius\", \"fahrenheit\""))
        #expect(try errorText("get_weather", ["city": "Tokyo", "days": 3]).contains("Unexpected argument \"days\""))
        #expect(try errorText("get_weather", ["Tokyo"]).contains("must be a JSON object"))
    }

    // MARK: calculate

    @Test func calculateReturnsExpressionAndResult() throws {
        #expect(BuiltinTools.run("calculate", arguments: ["expression": "2 + 3 * 4"]).content == #"{"expression":"2 + 3 * 4","result":14}"#)
        #expect(try result("calculate", ["expression": "0.1 + 0.2"])["result"] == 0.3)
        #expect(try result("calculate", ["expression": "1 / 3"])["result"] == 0.333333333333333)
        #expect(try result("calculate", ["expression": "-0 * 5"])["result"] == 0)
    }

    @Test func calculateErrorsCarryThePosition() throws {
        let error = try failure("calculate", ["expression": "10 / (5 - 5)"])
        #expect(error["error"] == "Division by zero at position 4")
        #expect(error["position"] == 4)
        #expect(error["expression"] == "10 / (5 - 5)")
        #expect(try errorText("calculate", ["expression": "import os"]).contains("Unknown identifier \"import\" at position 1"))
        #expect(try errorText("calculate", ["expression": 42]).contains("must be a string"))
    }

    // MARK: convert_temperature

    @Test(arguments: [
        (100.0, "celsius", "fahrenheit", 212.0),
        (32, "fahrenheit", "celsius", 0),
        (98.6, "fahrenheit", "celsius", 37),
        (-40, "celsius", "fahrenheit", -40),
        (0, "kelvin", "celsius", -273.15),
        (0, "celsius", "kelvin", 273.15),
        (300, "kelvin", "fahrenheit", 80.33),
        (-459.67, "fahrenheit", "kelvin", 0),
        (21.5, "celsius", "celsius", 21.5),
    ])
    func temperatureConversionMath(value: Double, from: String, to: String, expected: Double) throws {
        let converted = try result("convert_temperature", ["value": .number(value), "from": .string(from), "to": .string(to)])
        #expect(converted["result"] == .number(expected))
        #expect(converted["from"] == .string(from))
        #expect(converted["formula"]?.stringValue?.isEmpty == false)
    }

    @Test func belowAbsoluteZeroIsRefused() throws {
        #expect(try errorText("convert_temperature", ["value": -300, "from": "celsius", "to": "kelvin"])
            == "-300 celsius is below absolute zero (-273.15 celsius); no temperature is colder.")
        #expect(try errorText("convert_temperature", ["value": -1, "from": "kelvin", "to": "celsius"]).contains("below absolute zero"))
        #expect(try errorText("convert_temperature", ["value": "hot", "from": "celsius", "to": "kelvin"]).contains("must be a number"))
        #expect(try errorText("convert_temperature", ["value": 1, "from": "rankine", "to": "kelvin"]).contains("\"from\" must be one of"))
    }

    // MARK: search_products

    private func ids(_ search: JSONValue) -> [String] {
        search["products"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    }

    @Test func emptyQueryListsTheWholeCatalogByPrice() throws {
        let all = try result("search_products", ["query": ""])
        #expect(all["count"] == .number(Double(BuiltinTools.ProductCatalog.products.count)))
        let prices = all["products"]?.arrayValue?.compactMap { $0["price"]?.doubleValue } ?? []
        #expect(prices.count == BuiltinTools.ProductCatalog.products.count)
        #expect(prices == prices.sorted())
    }

    @Test func searchRanksByRelevanceThenPrice() throws {
        // Socks match "hiking" and "socks"; the bottle and the poles only "hiking", cheaper first.
        #expect(ids(try result("search_products", ["query": "Hiking SOCKS"])) == ["P501", "P302", "P303"])
        // Both headphone products match (one by its name, one by its tag): cheaper first.
        #expect(ids(try result("search_products", ["query": "headphones"])) == ["P105", "P101"])
        #expect(ids(try result("search_products", ["query": "something for the kitchen"])) == ["P205", "P203", "P201", "P204", "P202"])
        #expect(try result("search_products", ["query": "submarine"])["count"] == 0)
    }

    @Test func searchFiltersCombine() throws {
        let cheapOutdoorInStock = try result("search_products", ["query": "", "category": "outdoor", "max_price": 60, "in_stock": true])
        #expect(ids(cheapOutdoorInStock) == ["P302", "P305"])
        #expect(cheapOutdoorInStock["count"] == 2)
        let outOfStock = try result("search_products", ["query": "", "in_stock": false])
        #expect(ids(outOfStock) == ["P403", "P203", "P303", "P504", "P104"])
        let audio = try result("search_products", ["query": "audio", "max_price": 100, "in_stock": true])
        #expect(ids(audio) == ["P102", "P105"])
        let product = try #require(audio["products"]?.arrayValue?.first)
        #expect(product == ["id": "P102", "name": "Bluetooth Speaker Mini", "category": "electronics", "price": 39.5, "in_stock": true, "rating": 4.2])
    }

    @Test func searchRejectsBadFilters() throws {
        #expect(try errorText("search_products", ["query": "", "category": "toys"]).contains("\"electronics\", \"kitchen\""))
        #expect(try errorText("search_products", ["query": "", "max_price": -5]).contains("0 or more"))
        #expect(try errorText("search_products", ["query": "", "in_stock": "yes"]).contains("true or false"))
        #expect(try errorText("search_products", ["query": ["tent"]]).contains("must be a string"))
    }

    // MARK: lookup_user and get_order_history

    @Test func lookupUserFindsTheProfile() throws {
        let user = try result("lookup_user", ["user_id": "U1001"])
        #expect(user == ["user_id": "U1001", "name": "Ada Moreno", "email": "ada.moreno@example.com", "tier": "gold", "joined": "2021-03-14", "order_count": 7])
        #expect(try result("lookup_user", ["user_id": " u-1003 "])["user_id"] == "U1003")
    }

    @Test func unknownUserGetsTheFormatAndACloseId() throws {
        let error = try failure("lookup_user", ["user_id": "U1010"])
        let text = try #require(error["error"]?.stringValue)
        #expect(text.contains("No user with id \"U1010\""))
        #expect(text.contains("the letter U followed by four digits"))
        #expect(error["suggestions"]?.arrayValue?.first == "U1001")
        #expect(try failure("lookup_user", ["user_id": "1003"])["suggestions"]?.arrayValue?.first == "U1003")
        #expect(try failure("lookup_user", ["user_id": "customer-42"])["suggestions"] == [])
    }

    @Test func orderHistoryIsNewestFirstAndLimited() throws {
        let history = try result("get_order_history", ["user_id": "U1001"])
        let orders = try #require(history["orders"]?.arrayValue)
        #expect(orders.count == 5)
        #expect(history["total_orders"] == 7)
        let dates = orders.compactMap { $0["date"]?.stringValue }
        #expect(dates == ["2025-02-21", "2025-01-08", "2024-09-15", "2024-06-30", "2024-04-07"])
        #expect(try result("get_order_history", ["user_id": "U1001", "limit": 2])["orders"]?.arrayValue?.count == 2)
        #expect(try result("get_order_history", ["user_id": "U1001", "limit": 50])["orders"]?.arrayValue?.count == 7)
        #expect(try result("get_order_history", ["user_id": "U1008"])["orders"] == [])
    }

    @Test func orderTotalsAddUpTheirItems() throws {
        let order = try #require(try result("get_order_history", ["user_id": "U1001", "limit": 1])["orders"]?.arrayValue?.first)
        #expect(order["order_id"] == "O-5160")
        let sixth = try #require(try result("get_order_history", ["user_id": "U1001", "limit": 2])["orders"]?.arrayValue?.last)
        #expect(sixth["total"] == 86.96)  // 47.99 + 3 × 12.99
    }

    @Test func orderHistoryRejectsBadLimits() throws {
        #expect(try errorText("get_order_history", ["user_id": "U1001", "limit": 0]).contains("an integer from 1 to 50"))
        #expect(try errorText("get_order_history", ["user_id": "U1001", "limit": 51]).contains("an integer from 1 to 50"))
        #expect(try errorText("get_order_history", ["user_id": "U1001", "limit": 2.5]).contains("an integer from 1 to 50"))
        #expect(try errorText("get_order_history", ["user_id": "U9999"]).contains("No user with id"))
    }

    // MARK: Data and determinism

    @Test func demoDataIsConsistent() {
        let cities = BuiltinTools.CityWeatherTable.cities
        #expect(cities.count >= 28)
        #expect(Set(cities.map { TextKey.normalized($0.name) }).count == cities.count)
        let products = BuiltinTools.ProductCatalog.products
        #expect(products.count >= 24)
        #expect(Set(products.map(\.id)).count == products.count)
        let productIds = Set(products.map(\.id))
        let customers = BuiltinTools.CustomerDirectory.customers
        #expect(customers.count >= 8)
        for customer in customers {
            #expect(customer.id.count == 5 && customer.id.hasPrefix("U"))
            for item in customer.orders.flatMap(\.items) {
                #expect(productIds.contains(item.productId), "\(customer.id) ordered unknown \(item.productId)")
            }
        }
    }

    @Test func sameCallGivesTheSameResult() {
        let calls: [(String, JSONValue)] = [
            ("get_weather", ["city": "Sao Paulo", "unit": "fahrenheit"]),
            ("get_weather", ["city": "Toky"]),
            ("calculate", ["expression": "avg(1, 2, 3) ^ 2 / 7"]),
            ("convert_temperature", ["value": 451, "from": "fahrenheit", "to": "celsius"]),
            ("search_products", ["query": "camping light", "max_price": 200]),
            ("lookup_user", ["user_id": "U1005"]),
            ("get_order_history", ["user_id": "U1003", "limit": 3]),
        ]
        for (name, arguments) in calls {
            let first = BuiltinTools.run(name, arguments: arguments)
            for _ in 0..<3 { #expect(BuiltinTools.run(name, arguments: arguments) == first, "\(name) changed its answer") }
        }
    }

    // MARK: Executor

    @Test func executorCompletesSynchronouslyThroughTheProtocol() throws {
        let executor = try #require(BuiltinTools.toolSet.tool(named: "calculate")?.executor)
        let call = ToolCall(id: "call_1", name: "calculate", arguments: #"{"expression":"6*7"}"#)
        let invocation = ToolInvocation(call: call, arguments: ["expression": "6*7"],
                                        definition: BuiltinTools.definition(named: "calculate"), timeout: 5)
        let received = Locked<[ToolOutcome]>([])
        executor.execute(invocation, cancellation: CancellationToken()) { outcome in
            received.withLock { $0.append(outcome) }
        }
        let outcomes = received.current
        #expect(outcomes.count == 1)
        #expect(outcomes.first?.content == #"{"expression":"6*7","result":42}"#)
    }

    @Test func executorRunsTheBoundToolEvenWhenTheCallIsRenamed() throws {
        let executor = try #require(BuiltinTools.toolSet.tool(named: "lookup_user")?.executor)
        let call = ToolCall(id: "call_2", name: "find_customer", arguments: #"{"user_id":"U1002"}"#)
        let invocation = ToolInvocation(call: call, arguments: ["user_id": "U1002"], definition: nil, timeout: 5)
        let received = Locked<ToolOutcome?>(nil)
        executor.execute(invocation, cancellation: CancellationToken()) { outcome in received.withLock { $0 = outcome } }
        #expect(received.current?.content.contains("Bilal Haddad") == true)

        let cancelled = CancellationToken()
        cancelled.cancel()
        received.withLock { $0 = nil }
        executor.execute(invocation, cancellation: cancelled) { outcome in received.withLock { $0 = outcome } }
        #expect(received.current?.isError == true)
    }
}
