import Foundation
import ToolscopeEngine

/// Tools generated from Python code, with what the generator could not express.
public struct PythonImport: Sendable, Hashable {
    /// Definitions bound to their functions, in source order.
    public var tools: [SessionTool]
    /// Sentences such as "f(x) has no type hint; typed as string", for the user to fix.
    public var notes: [String]

    /// The `tools` array of definitions only, as `import-python` prints it.
    public var definitionsJSON: JSONValue { .array(tools.map(\.definition.raw)) }
}

/// Generates tool definitions from a Python module's signatures, type hints and docstrings,
/// by asking the worker to inspect the module in the interpreter that will run it (so
/// imports resolve exactly as they will at call time).
struct PythonSchemaImporter {
    let pool: PythonWorkerPool
    var timeout: Double = 30

    func importTools(file: String, function: String?, interpreter: String,
                     context: SessionContext) throws(ToolBindingError) -> PythonImport {
        let target = file + ":" + (function ?? "_")
        var config: JSONObject = ["target": .string(target), "interpreter": .string(interpreter)]
        config["cwd"] = .string(".")
        let binding = try PythonBinding.parse(config, context: context).get()
        let worker = try pool.checkout(binding.key)
        var request: JSONObject = ["op": "describe", "module": .string(binding.module)]
        if let function { request["function"] = .string(function) }
        let response: JSONObject
        switch worker.send(request, deadline: MonotonicClock.now() + timeout) {
        case .success(let r):
            pool.checkin(worker)
            response = r
        case .failure(let failure):
            pool.retire(worker)
            throw ToolBindingError(PythonExecutor.outcome(for: failure, timeout: timeout, cancelled: false).content)
        }
        guard response["ok"]?.boolValue == true else {
            let type = response["type"]?.stringValue ?? "Error"
            let message = response["error"]?.stringValue ?? "unknown error"
            let where_ = response["traceback"]?.stringValue.map { "\n" + $0 } ?? ""
            throw ToolBindingError("cannot inspect \(file): \(type): \(message)\(where_)")
        }
        let moduleTarget = binding.module.hasPrefix("/") ? Self.relative(binding.module, to: context.baseDirectory) : binding.module
        var tools: [SessionTool] = []
        var notes: [String] = []
        for entry in response["tools"]?.arrayValue ?? [] {
            guard let name = entry["function"]?.stringValue, let raw = entry["definition"] else { continue }
            var bindingConfig: JSONObject = ["target": .string(moduleTarget + ":" + name)]
            if interpreter != "python3" { bindingConfig["interpreter"] = .string(interpreter) }
            tools.append(SessionTool(definition: ToolDefinition(raw: raw), binding: .external(kind: "python", config: bindingConfig)))
            notes += (entry["notes"]?.arrayValue ?? []).compactMap(\.stringValue)
        }
        if tools.isEmpty {
            throw ToolBindingError("\(file) defines no public functions (names not starting with \"_\")")
        }
        return PythonImport(tools: tools, notes: notes)
    }

    /// `path` relative to `base` when it lies inside it, so a session and its tools can move together.
    static func relative(_ path: String, to base: String) -> String {
        guard base != "/" else { return path }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
