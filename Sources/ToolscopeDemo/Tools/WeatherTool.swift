import ToolscopeEngine

extension BuiltinTools {
    /// `get_weather(city, unit)`: the current weather of a city from `CityWeatherTable`.
    /// A name it does not know gets "Did you mean …?" with the nearest known names, which is
    /// what makes the tutorial's recovery round (the model retries with the fixed name) work.
    struct WeatherTool: Tool {
        let name = "get_weather"

        var definition: ToolDefinition {
            ToolDefinition(
                name: name,
                description: "Get the current weather in a city: temperature, sky condition, humidity and wind speed. Covers about thirty major world cities.",
                parameters: [
                    "type": "object",
                    "properties": [
                        "city": [
                            "type": "string",
                            "description": "City name, optionally followed by a comma and the country or state, e.g. \"Tokyo\", \"Paris, France\" or \"San Francisco, CA\".",
                        ],
                        "unit": [
                            "type": "string",
                            "description": "Temperature unit of the answer; celsius when omitted.",
                            "enum": ["celsius", "fahrenheit"],
                        ],
                    ],
                    "required": ["city"],
                    "additionalProperties": false,
                ])
        }

        func run(_ arguments: JSONValue) throws(ToolFailure) -> JSONValue {
            let args = try read(arguments)
            let query = try args.requiredString("city")
            let unit = try args.optionalChoice("unit", among: ["celsius", "fahrenheit"]) ?? "celsius"
            let city = try resolve(query)
            let temperature = unit == "celsius" ? city.temperatureC : city.temperatureC * 9 / 5 + 32
            return [
                "city": .string(city.name),
                "country": .string(city.country),
                "temperature": .number(BuiltinTools.rounded(temperature, places: 1)),
                "unit": .string(unit),
                "condition": .string(city.condition),
                "humidity": .number(Double(city.humidity)),
                "wind_kph": .number(Double(city.windKph)),
            ]
        }

        /// The table row for `query`: the whole text as a name or alias, else the part before
        /// a comma when what follows names that city's country or state.
        func resolve(_ query: String) throws(ToolFailure) -> CityWeather {
            let key = TextKey.normalized(query)
            guard !key.isEmpty else { throw ToolFailure("Argument \"city\" is empty; give a city name such as \"Tokyo\".") }
            if let city = Self.city(forKey: key) { return city }
            guard let comma = query.firstIndex(of: ",") else { throw unknownCity(query, searching: query) }
            let place = String(query[..<comma])
            let qualifier = TextKey.normalized(String(query[query.index(after: comma)...]))
            guard let city = Self.city(forKey: TextKey.normalized(place)) else { throw unknownCity(query, searching: place) }
            if qualifier.isEmpty || Self.qualifiers(of: city).contains(qualifier) { return city }
            throw ToolFailure(
                "Unknown city \"\(query)\": the only \(city.name) in the table is in \(city.country). Did you mean \(city.name)?",
                extra: ["suggestions": [.string(city.name)]])
        }

        private static func city(forKey key: String) -> CityWeather? {
            cityIndex[key].map { CityWeatherTable.cities[$0] }
        }

        /// Normalized name or alias → row, built once: folding accents costs more than the lookup.
        private static let cityIndex: [String: Int] = {
            var index: [String: Int] = [:]
            for (row, city) in CityWeatherTable.cities.enumerated() {
                for spelling in [city.name] + city.aliases where index[TextKey.normalized(spelling)] == nil {
                    index[TextKey.normalized(spelling)] = row
                }
            }
            return index
        }()

        private static let suggestionCandidates = CityWeatherTable.cities.map {
            NameSuggester.Candidate(display: $0.name, spellings: [$0.name] + $0.aliases)
        }

        private static func qualifiers(of city: CityWeather) -> Set<String> {
            let names = [city.country, city.countryCode] + city.regions + (CityWeatherTable.countryNicknames[city.countryCode] ?? [])
            return Set(names.map(TextKey.normalized))
        }

        private func unknownCity(_ query: String, searching place: String) -> ToolFailure {
            let suggestions = NameSuggester.closest(to: place, among: Self.suggestionCandidates)
            guard suggestions.isEmpty else {
                return ToolFailure("Unknown city \"\(query)\". Did you mean \(BuiltinTools.spokenList(suggestions, or: true))?",
                                   extra: ["suggestions": .array(suggestions.map(JSONValue.string))])
            }
            let known = CityWeatherTable.cities.map(\.name)
            let sample = known.prefix(5).joined(separator: ", ")
            return ToolFailure("Unknown city \"\(query)\". Known cities include \(sample) and \(known.count - 5) more (see known_cities).",
                               extra: ["known_cities": .array(known.map(JSONValue.string))])
        }
    }

    /// "A", "A or B", "A, B or C": how a sentence lists alternatives.
    static func spokenList(_ items: [String], or: Bool) -> String {
        let joiner = or ? " or " : " and "
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + joiner + items.last!
    }
}
