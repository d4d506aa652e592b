import ToolscopeEngine

extension BuiltinTools {
    /// One row of the demo weather table: a fixed snapshot, never live data, so a recorded
    /// session replays with exactly the same tool results.
    struct CityWeather: Sendable {
        var name: String
        var country: String
        /// ISO 3166-1 alpha-2, also accepted after a comma ("Paris, FR").
        var countryCode: String
        /// Other names the city goes by ("NYC", "Bombay").
        var aliases: [String] = []
        /// States or provinces accepted after a comma ("San Francisco, CA").
        var regions: [String] = []
        var temperatureC: Double
        var condition: String
        var humidity: Int
        var windKph: Int
    }

    /// About thirty world cities with plausible mid-season weather, in the order the demo
    /// lists them when a name is not recognised.
    enum CityWeatherTable {
        static let cities: [CityWeather] = [
            CityWeather(name: "Tokyo", country: "Japan", countryCode: "JP", temperatureC: 18.5, condition: "partly cloudy", humidity: 62, windKph: 11),
            CityWeather(name: "London", country: "United Kingdom", countryCode: "GB", regions: ["England"], temperatureC: 11.2, condition: "light rain", humidity: 81, windKph: 19),
            CityWeather(name: "New York", country: "United States", countryCode: "US", aliases: ["New York City", "NYC", "Manhattan"], regions: ["NY"], temperatureC: 14.0, condition: "sunny", humidity: 55, windKph: 16),
            CityWeather(name: "Paris", country: "France", countryCode: "FR", temperatureC: 13.6, condition: "cloudy", humidity: 72, windKph: 13),
            CityWeather(name: "Sydney", country: "Australia", countryCode: "AU", regions: ["NSW", "New South Wales"], temperatureC: 22.4, condition: "sunny", humidity: 58, windKph: 22),
            CityWeather(name: "Berlin", country: "Germany", countryCode: "DE", temperatureC: 9.8, condition: "overcast", humidity: 76, windKph: 17),
            CityWeather(name: "São Paulo", country: "Brazil", countryCode: "BR", aliases: ["Sampa"], regions: ["SP"], temperatureC: 24.1, condition: "thunderstorms", humidity: 84, windKph: 9),
            CityWeather(name: "Mumbai", country: "India", countryCode: "IN", aliases: ["Bombay"], regions: ["Maharashtra"], temperatureC: 31.3, condition: "humid and hazy", humidity: 78, windKph: 14),
            CityWeather(name: "Cairo", country: "Egypt", countryCode: "EG", temperatureC: 29.7, condition: "sunny", humidity: 28, windKph: 12),
            CityWeather(name: "Reykjavík", country: "Iceland", countryCode: "IS", temperatureC: 3.1, condition: "windy with showers", humidity: 83, windKph: 37),
            CityWeather(name: "San Francisco", country: "United States", countryCode: "US", aliases: ["SF"], regions: ["CA", "California"], temperatureC: 15.2, condition: "fog", humidity: 86, windKph: 24),
            CityWeather(name: "Los Angeles", country: "United States", countryCode: "US", aliases: ["LA"], regions: ["CA", "California"], temperatureC: 23.8, condition: "sunny", humidity: 45, windKph: 10),
            CityWeather(name: "Chicago", country: "United States", countryCode: "US", regions: ["IL", "Illinois"], temperatureC: 7.4, condition: "windy", humidity: 60, windKph: 33),
            CityWeather(name: "Toronto", country: "Canada", countryCode: "CA", regions: ["ON", "Ontario"], temperatureC: 6.9, condition: "cloudy", humidity: 67, windKph: 20),
            CityWeather(name: "Mexico City", country: "Mexico", countryCode: "MX", aliases: ["CDMX", "Ciudad de México"], temperatureC: 19.9, condition: "afternoon showers", humidity: 57, windKph: 8),
            CityWeather(name: "Buenos Aires", country: "Argentina", countryCode: "AR", temperatureC: 17.3, condition: "clear", humidity: 64, windKph: 15),
            CityWeather(name: "Madrid", country: "Spain", countryCode: "ES", temperatureC: 20.5, condition: "sunny", humidity: 35, windKph: 9),
            CityWeather(name: "Rome", country: "Italy", countryCode: "IT", aliases: ["Roma"], temperatureC: 19.1, condition: "partly cloudy", humidity: 59, windKph: 7),
            CityWeather(name: "Amsterdam", country: "Netherlands", countryCode: "NL", temperatureC: 10.4, condition: "drizzle", humidity: 88, windKph: 26),
            CityWeather(name: "Stockholm", country: "Sweden", countryCode: "SE", temperatureC: 5.6, condition: "cloudy", humidity: 74, windKph: 18),
            CityWeather(name: "Zürich", country: "Switzerland", countryCode: "CH", temperatureC: 8.7, condition: "mist", humidity: 80, windKph: 6),
            CityWeather(name: "Moscow", country: "Russia", countryCode: "RU", aliases: ["Moskva"], temperatureC: -2.3, condition: "light snow", humidity: 85, windKph: 14),
            CityWeather(name: "Istanbul", country: "Türkiye", countryCode: "TR", aliases: ["Constantinople"], temperatureC: 16.2, condition: "partly cloudy", humidity: 70, windKph: 21),
            CityWeather(name: "Dubai", country: "United Arab Emirates", countryCode: "AE", temperatureC: 34.6, condition: "sunny", humidity: 41, windKph: 13),
            CityWeather(name: "Nairobi", country: "Kenya", countryCode: "KE", temperatureC: 21.0, condition: "scattered clouds", humidity: 61, windKph: 12),
            CityWeather(name: "Cape Town", country: "South Africa", countryCode: "ZA", temperatureC: 18.0, condition: "windy", humidity: 66, windKph: 35),
            CityWeather(name: "Singapore", country: "Singapore", countryCode: "SG", temperatureC: 30.2, condition: "thunderstorms", humidity: 87, windKph: 10),
            CityWeather(name: "Beijing", country: "China", countryCode: "CN", aliases: ["Peking"], temperatureC: 12.9, condition: "haze", humidity: 39, windKph: 11),
            CityWeather(name: "Seoul", country: "South Korea", countryCode: "KR", temperatureC: 13.3, condition: "clear", humidity: 50, windKph: 9),
            CityWeather(name: "Bangkok", country: "Thailand", countryCode: "TH", temperatureC: 33.0, condition: "hot and humid", humidity: 75, windKph: 8),
        ]

        /// Everyday names of countries that differ from the table's, keyed by country code.
        static let countryNicknames: [String: [String]] = [
            "US": ["USA", "United States of America", "America", "U.S.", "U.S.A."],
            "GB": ["UK", "U.K.", "Great Britain", "Britain"],
            "AE": ["UAE", "U.A.E."],
            "KR": ["Korea", "Republic of Korea"],
            "TR": ["Turkey"],
            "NL": ["Holland", "The Netherlands"],
        ]
    }
}
