import Foundation
import Testing
import ToolscopeEngine
@testable import ToolscopeExternalTools

/// Tools get the arguments the model sent, number forms and escapes included: the executors
/// pass on the model's text instead of re-printing the parsed value (which made `-0.0` into
/// `0`, `1.0` into `1` and `1E2` into `100`).
@Suite("exact arguments", .serialized, .enabled(if: TestSupport.hasPython))
final class ExactArgumentsTests {
    let tools = ExternalTools(mcpConfigFile: "/nonexistent/mcp.json", cacheDirectory: TestSupport.temporaryDirectory("cache"))
    deinit { tools.shutdown() }

    /// Every tricky form at once, written as a model might (spaces included).
    static let modelText = #"{"zero": -0.0, "one": 1.0, "hundred": 1E2, "tiny": 1e-7, "id": 9007199254740993, "name": "caf\u00e9", "list": [-0.0, 2.50]}"#

    /// Runs `text` as the model's arguments through a real dispatcher, as the loop does.
    func dispatch(_ tool: SessionTool, arguments text: String) async -> ToolOutcome {
        let registry = ToolRegistry(tools: [tool], context: TestSupport.context, builtins: .none, external: tools, trusted: true, manual: nil)
        let call = ToolCall(id: "call_exact", name: tool.definition.name, arguments: text)
        return await withCheckedContinuation { continuation in
            Dispatcher(registry: registry).dispatch([call], timeout: 20, cancellation: CancellationToken(), onEvent: { _ in }) {
                continuation.resume(returning: $0[0])
            }
        }
    }

    func pythonTool(_ function: String) -> SessionTool {
        TestSupport.tool("reveal", kind: "python", ["target": .string("exact_tools.py:\(function)"), "interpreter": .string(TestSupport.python)])
    }

    let stdinTool = TestSupport.tool("stdin", kind: "command", ["argv": ["./stdin_tool.sh"]])

    @Test func pythonReceivesSignsFloatsBigIntegersAndEscapesAsSent() async {
        let outcome = await dispatch(pythonTool("reveal"), arguments: Self.modelText)
        #expect(!outcome.isError, "\(outcome.content)")
        #expect(outcome.content == "{'zero': -0.0, 'one': 1.0, 'hundred': 100.0, 'tiny': 1e-07, 'id': 9007199254740993, 'name': 'café', 'list': [-0.0, 2.5]}")
    }

    @Test func aCommandReadsTheModelsTokensOnStdinOnOneLine() async {
        let outcome = await dispatch(stdinTool, arguments: Self.modelText)
        #expect(!outcome.isError, "\(outcome.content)")
        #expect(outcome.content == "stdin=" + #"{"zero":-0.0,"one":1.0,"hundred":1E2,"tiny":1e-7,"id":9007199254740993,"name":"caf\u00e9","list":[-0.0,2.50]}"#)
        // Pretty-printed arguments arrive on one line, every token as the model wrote it.
        let spread = "{\n  \"zero\": -0.0,\n  \"s\": \"a  b\\n\"\n}"
        let one = await dispatch(stdinTool, arguments: spread)
        #expect(one.content == #"stdin={"zero":-0.0,"s":"a  b\n"}"#)
    }

    @Test func emptyArgumentsReachToolsAsAnEmptyObject() async {
        let command = await dispatch(stdinTool, arguments: "  ")
        #expect(command.content == "stdin={}")
        let python = await dispatch(pythonTool("reveal"), arguments: "")
        #expect(python.content == "{}")
    }

    /// A person's edit in approval mode replaces the call's text; that edited text is what runs.
    @Test func theInvocationsTextIsTheCallsArguments() {
        let call = ToolCall(id: "c", name: "t", arguments: "\n {\"x\": 1.0, \"q\": \"\\\" \\\\\"}\n")
        let invocation = ToolInvocation(call: call, arguments: ["x": 1], definition: nil, timeout: 1)
        #expect(invocation.argumentsText == #"{"x":1.0,"q":"\" \\"}"#, "whitespace between tokens goes, escapes stay")
    }
}
