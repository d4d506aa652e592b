import ToolscopeEngine

/// The demo script, embedded so the workbench runs with no files and no API key.
/// `sessions/demo-script.json` is the same document (a test keeps them equal); see docs/script-format.md.
enum DemoScript {
    static let text = #"""
{
  "format": "toolscope.script/1",
  "name": "demo",
  "delay_ms": 12,
  "rules": [
    {
      "name": "average temperature",
      "match": "(?i)\\baverage\\b.*?\\b(?:temperature|weather)\\b.*?\\b(?:in|for|across|of)\\s+(?<cities>.+)",
      "flags": { "fahrenheit": "(?i)fahrenheit|°F" },
      "turns": [
        { "calls": [ { "name": "get_weather",
                       "for_each": { "in": "{{cities}}", "split": "\\s+in\\s+(?:fahrenheit|celsius)\\b.*$|\\s*,\\s*(?:and\\s+)?|\\s+and\\s+|\\s*&\\s*" },
                       "arguments": { "city": "{{item|trim}}", "unit": "{{#if fahrenheit}}fahrenheit{{/if}}" } } ] },
        { "calls": [ { "name": "get_weather",
                       "for_each": { "in": "results", "where": "result.suggestions.0" },
                       "arguments": { "city": "{{result.suggestions.0}}", "unit": "{{args.unit}}" } } ] },
        { "calls": [ { "name": "calculate",
                       "arguments": { "expression": "avg({{#each all_results where=result.temperature sep=\", \"}}{{result.temperature}}{{/each}})" } } ] }
      ],
      "final": "{{#if results.0.result.result}}The average temperature across {{#each all_results where=result.temperature sep=\", \"}}{{result.city}} ({{result.temperature}}{{result.unit|unit}}){{/each}} is {{results.0.result.result|round:1}}{{all_results.0.result.unit|unit|default:°C}}.{{else}}I could not compute an average: {{results.0.error|default:no temperatures were found}}{{/if}}{{#each all_results where=error sep=\"\"}}\nNote: {{error}}{{/each}}"
    },
    {
      "name": "convert temperature",
      "match": "(?i)\\bconvert\\s+(?<value>-?\\d+(?:\\.\\d+)?)\\s*°?\\s*(?<from>celsius|fahrenheit|kelvin|c|f|k)\\b\\s+(?:to|into|in)\\s+°?(?<to>celsius|fahrenheit|kelvin|c|f|k)\\b",
      "turns": [
        { "calls": [ { "name": "convert_temperature",
                       "arguments": { "value": "{{value|number}}", "from": "{{from|scale}}", "to": "{{to|scale}}" } } ] }
      ],
      "final": "{{#if results.0.error}}I could not convert that: {{results.0.error}}{{else}}{{results.0.args.value}} {{results.0.args.from}} is {{results.0.result.result}} {{results.0.args.to}} ({{results.0.result.formula}}).{{/if}}"
    },
    {
      "name": "weather, unit abbreviated",
      "match": "(?i)\\b(?:weather|temperature|forecast)\\b.*?\\b(?:in|for|at)\\s+(?<city>(?:(?!\\s+and\\s+)[^,&])+?)\\s+in\\s+°?(?<unit>F|C)\\s*[?.!]*$",
      "flags": { "units_named": { "in": "tools.get_weather.parameters.properties.unit", "match": "(?i)fahrenheit" } },
      "turns": [
        { "calls": [ { "name": "get_weather",
                       "arguments": { "city": "{{city|trim}}", "unit": "{{#if units_named}}{{unit|scale}}{{else}}{{unit}}{{/if}}" } } ] }
      ],
      "final": "{{#if results.0.error}}I could not get the weather: {{results.0.error}}{{else}}{{#if results.0.result.temperature}}{{results.0.result.city}}: {{results.0.result.temperature}}{{results.0.result.unit|unit}}, {{results.0.result.condition|lower}}.{{else}}{{results.0.content}}{{/if}}{{/if}}"
    },
    {
      "name": "weather",
      "match": "(?i)\\b(?:weather|temperature|forecast|how (?:hot|cold|warm))\\b.*?\\b(?:in|for|at)\\s+(?<cities>.+)",
      "flags": { "fahrenheit": "(?i)fahrenheit|°F" },
      "turns": [
        { "calls": [ { "name": "get_weather",
                       "for_each": { "in": "{{cities}}", "split": "\\s+in\\s+(?:fahrenheit|celsius)\\b.*$|\\s+(?:today|right now|now|please)\\b.*$|\\s*,\\s*(?:and\\s+)?|\\s+and\\s+|\\s*&\\s*" },
                       "arguments": { "city": "{{item|trim}}", "unit": "{{#if fahrenheit}}fahrenheit{{/if}}" } } ] },
        { "calls": [ { "name": "get_weather",
                       "for_each": { "in": "results", "where": "result.suggestions.0" },
                       "arguments": { "city": "{{result.suggestions.0}}", "unit": "{{args.unit}}" } } ] }
      ],
      "final": "{{#if all_results}}{{#each all_results where=result.temperature sep=\"\\n\"}}• {{result.city}}, {{result.country}}: {{result.temperature}}{{result.unit|unit}}, {{result.condition|lower}} (humidity {{result.humidity}}%, wind {{result.wind_kph}} km/h){{/each}}{{#each all_results where=error sep=\"\"}}\nNote: {{error}}{{/each}}{{else}}I have no weather tool available right now.{{/if}}"
    },
    {
      "name": "calculate",
      "match": "(?i)^\\s*(?:what(?:'s| is)|calculate|compute|evaluate|how much is)\\s+(?<expr>(?=[^?]*\\d)[-+*/%^().,\\d\\sa-z]+?)\\s*[?.!=]*\\s*$",
      "turns": [
        { "calls": [ { "name": "calculate", "arguments": { "expression": "{{expr|trim}}" } } ] }
      ],
      "final": "{{#if results.0.error}}I could not calculate that: {{results.0.error}}{{else}}{{results.0.result.expression}} = {{results.0.result.result}}{{/if}}"
    },
    {
      "name": "order history",
      "match": "(?i)\\b(?:orders?|purchases|bought)\\b.*?\\b(?<user>u\\d{3,})\\b",
      "turns": [
        { "calls": [ { "name": "lookup_user", "arguments": { "user_id": "{{user|upper}}" } } ] },
        { "calls": [ { "name": "get_order_history",
                       "for_each": { "in": "results", "where": "result.user_id" },
                       "arguments": { "user_id": "{{result.user_id}}", "limit": 3 } } ] }
      ],
      "final": "{{#if results.0.result.orders}}{{all_results.0.result.name}} ({{all_results.0.result.tier}} tier, {{all_results.0.result.email}}) has {{results.0.result.total_orders}} orders. The latest:\n{{#each results.0.result.orders sep=\"\\n\"}}• {{order_id}} on {{date}}: {{status}}, total ${{total}}{{/each}}{{else}}I could not find that customer: {{all_results.0.error|default:no customer record came back}}{{/if}}"
    },
    {
      "name": "user lookup",
      "match": "(?i)\\b(?:who is|look ?up|find|customer|user|account)\\b.*?\\b(?<user>u\\d{3,})\\b",
      "turns": [
        { "calls": [ { "name": "lookup_user", "arguments": { "user_id": "{{user|upper}}" } } ] }
      ],
      "final": "{{#if results.0.error}}{{results.0.error}}{{else}}{{results.0.result.name}} ({{results.0.result.user_id}}) is a {{results.0.result.tier}} customer since {{results.0.result.joined}}; email {{results.0.result.email}}.{{/if}}"
    },
    {
      "name": "product search",
      "match": "(?i)\\b(?:find|search(?: for)?|show(?: me)?|looking for|do you (?:have|sell)|buy)\\s+(?:me\\s+)?(?:some\\s+|a\\s+|an\\s+|any\\s+)?(?<query>.+?)(?:\\s+(?:under|below|less than|cheaper than|for less than)\\s+\\$?(?<price>\\d+(?:\\.\\d+)?))?(?:\\s+(?:that are\\s+|which are\\s+)?in stock)?\\s*[?.!]*$",
      "flags": { "in_stock": "(?i)\\bin stock\\b" },
      "turns": [
        { "calls": [ { "name": "search_products",
                       "arguments": { "query": "{{query|trim}}", "max_price": "{{price|number}}", "in_stock": "{{in_stock}}" } } ] }
      ],
      "final": "{{#if results.0.error}}The search failed: {{results.0.error}}{{else}}{{#if results.0.result.products}}I found {{results.0.result.count}} product(s) for \"{{results.0.args.query}}\":\n{{#each results.0.result.products sep=\"\\n\"}}• {{name}}: ${{price}} ({{#if in_stock}}in stock{{else}}out of stock{{/if}}, rated {{rating}}){{/each}}{{else}}Nothing in the catalog matches \"{{results.0.args.query}}\".{{/if}}{{/if}}"
    }
  ],
  "no_tools": "tool_choice is \"none\", so I may not call tools for this request, and I cannot answer it without them.",
  "fallback": "I am toolscope's scripted demo model. I understand questions like:\n• Compare the weather in Tokyo, London and New York\n• What is the average temperature in Paris, Berlin and Rome?\n• What's the weather in Toky? (I retry with the suggestion)\n• Convert 100 F to C\n• What is (12.5 * 4) / 3?\n• Find headphones under $100 in stock\n• Show the orders of U1001\nSet OPENAI_API_KEY or --base-url to talk to a real model."
}
"""#

    static var json: JSONValue {
        // Checked by DemoScriptTests; a parse failure would be a build defect.
        try! JSONParser.parse(text)
    }
}
