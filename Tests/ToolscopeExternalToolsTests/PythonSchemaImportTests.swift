import Foundation
import Testing
import ToolscopeEngine
@testable import ToolscopeExternalTools

@Suite("python schema import", .serialized, .enabled(if: TestSupport.hasPython))
final class PythonSchemaImportTests {
    let tools = ExternalTools(mcpConfigFile: "/nonexistent/mcp.json", cacheDirectory: TestSupport.temporaryDirectory("cache"))
    deinit { tools.shutdown() }

    func importing(_ file: String, function: String? = nil, base: String = TestSupport.fixtures) async throws -> PythonImport {
        let tools = self.tools
        return try await TestSupport.offThread {
            Result { () throws(ToolBindingError) -> PythonImport in
                try tools.importPython(file: file, function: function, interpreter: TestSupport.python, session: SessionContext(baseDirectory: base))
            }
        }.get()
    }

    static let expected: [String: String] = [
        // Google style, an Enum with a default, a continued parameter description.
        "get_weather": #"{"type":"function","function":{"name":"get_weather","description":"Get the weather forecast for a city.","parameters":{"type":"object","properties":{"city":{"type":"string","description":"Name of the city, e.g. \"Paris\"."},"unit":{"type":"string","enum":["celsius","fahrenheit"],"description":"Temperature unit."},"days":{"type":"integer","description":"How many days to forecast, counting today."}},"required":["city"],"additionalProperties":false}}}"#,
        // NumPy style.
        "add": #"{"type":"function","function":{"name":"add","description":"Add two integers.","parameters":{"type":"object","properties":{"a":{"type":"integer","description":"The first addend."},"b":{"type":"integer","description":"The second addend."}},"required":["a","b"],"additionalProperties":false}}}"#,
        // reST style, dataclasses as nested objects, Literal as enum.
        "distance": #"{"type":"function","function":{"name":"distance","description":"Distance between two points.","parameters":{"type":"object","properties":{"p":{"type":"object","properties":{"x":{"type":"number"},"y":{"type":"number"},"label":{"type":"string"}},"required":["x","y"],"additionalProperties":false,"description":"The first point."},"q":{"type":"object","properties":{"x":{"type":"number"},"y":{"type":"number"},"label":{"type":"string"}},"required":["x","y"],"additionalProperties":false,"description":"The second point."},"mode":{"type":"string","enum":["euclid","manhattan"],"description":"Which metric to use."}},"required":["p","q"],"additionalProperties":false}}}"#,
        // TypedDict, list, Optional without default, fixed tuple, dict | None.
        "ship": #"{"type":"function","function":{"name":"ship","description":"Ship a parcel.","parameters":{"type":"object","properties":{"to":{"type":"object","properties":{"street":{"type":"string"},"city":{"type":"string"}},"required":["street","city"],"additionalProperties":false,"description":"Where it goes."},"tags":{"type":"array","items":{"type":"string"},"description":"Labels for the parcel."},"note":{"type":"string","description":"A note for the courier."},"sizes":{"type":"array","prefixItems":[{"type":"integer"},{"type":"integer"}],"minItems":2,"maxItems":2,"description":"Width and height."},"extra":{"type":"object","additionalProperties":{"type":"number"},"description":"Surcharges by name."}},"required":["to","tags"],"additionalProperties":false}}}"#,
    ]

    @Test func generatesDefinitionsFromSignaturesHintsAndDocstrings() async throws {
        let result = try await importing("sample_tools.py")
        #expect(result.tools.map(\.name) == ["get_weather", "add", "distance", "ship", "fail", "slow", "chatty", "when", "crash"])
        for tool in result.tools {
            if let expected = Self.expected[tool.name] { #expect(tool.definition.raw.compact == expected, "\(tool.name)") }
        }
        #expect(result.notes.isEmpty, "\(result.notes)")
        #expect(result.tools[0].binding == .external(kind: "python", config: ["target": "sample_tools.py:get_weather", "interpreter": .string(TestSupport.python)]))
    }

    @Test func oneFunctionOnly() async throws {
        let result = try await importing(TestSupport.fixtures + "/sample_tools.py", function: "add", base: "/")
        #expect(result.tools.count == 1)
        #expect(result.tools[0].definition.raw.compact == Self.expected["add"])
        #expect(result.tools[0].binding.json["target"] == .string(TestSupport.fixtures + "/sample_tools.py:add"))
    }

    @Test func whatCannotBeExpressedIsNoted() async throws {
        let dir = TestSupport.temporaryDirectory("notes")
        try """
        import typing
        def vague(x, *rest, flag=False, when: typing.Any = None):
            return x
        """.write(toFile: dir + "/vague.py", atomically: true, encoding: .utf8)
        let result = try await importing("vague.py", base: dir)
        let definition = try #require(result.tools.first?.definition)
        #expect(definition.parameters?.compact == #"{"type":"object","properties":{"x":{"type":"string"},"flag":{"type":"boolean"},"when":{}},"required":["x"],"additionalProperties":false}"#)
        #expect(result.notes.contains("vague(x) has no type hint; typed as string"))
        #expect(result.notes.contains("vague: *rest is not part of the schema"))
        #expect(result.notes.contains("vague has no docstring; the tool has no description"))
        #expect(result.notes.contains { $0.contains("when") && $0.contains("Any") })
    }

    @Test func aModuleThatFailsToImportSaysWhy() async throws {
        let dir = TestSupport.temporaryDirectory("broken")
        try "import no_such_module_xyz\n".write(toFile: dir + "/broken.py", atomically: true, encoding: .utf8)
        await #expect(throws: ToolBindingError.self) { _ = try await self.importing("broken.py", base: dir) }
        do { _ = try await importing("broken.py", base: dir) } catch {
            #expect("\(error)".contains("ModuleNotFoundError: No module named 'no_such_module_xyz'"))
        }
    }
}
