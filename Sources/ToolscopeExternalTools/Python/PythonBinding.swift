import Foundation
import ToolscopeEngine

/// A `python` binding, checked and resolved: which function of which module, run by which
/// interpreter in which directory.
///
/// Config: `{"target": "tools.py:get_quote" | "pkg.mod:fn", "interpreter": "python3", "cwd": "."}`;
/// relative paths resolve against the session's directory.
struct PythonBinding: Sendable, Hashable {
    /// An absolute `.py` path, or a dotted module name imported from `cwd` / `sys.path`.
    let module: String
    let function: String
    let key: PythonWorkerKey

    static func parse(_ config: JSONObject, context: SessionContext) -> Result<PythonBinding, ToolBindingError> {
        guard let target = config["target"]?.stringValue else {
            return .failure(ToolBindingError("a python binding needs \"target\": \"path/to/module.py:function\" or \"package.module:function\""))
        }
        guard let colon = target.lastIndex(of: ":") else {
            return .failure(ToolBindingError("python target \"\(target)\" has no function; write \"\(target):function_name\""))
        }
        let modulePart = String(target[..<colon]).trimmingCharacters(in: .whitespaces)
        let function = String(target[target.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        guard isIdentifier(function) else {
            return .failure(ToolBindingError("python target \"\(target)\": \"\(function)\" is not a Python function name"))
        }
        let directory = PathResolver.absolute(config["cwd"]?.stringValue ?? ".", relativeTo: context.baseDirectory)
        let module: String
        if modulePart.hasSuffix(".py") || modulePart.contains("/") {
            module = PathResolver.absolute(modulePart, relativeTo: context.baseDirectory)
            guard FileManager.default.fileExists(atPath: module) else {
                return .failure(ToolBindingError("python target \"\(target)\": no file at \(module)"))
            }
        } else {
            guard !modulePart.isEmpty, modulePart.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ isIdentifier(String($0)) }) else {
                return .failure(ToolBindingError("python target \"\(target)\": \"\(modulePart)\" is neither a .py path nor a dotted module name"))
            }
            module = modulePart
        }
        let interpreterName = config["interpreter"]?.stringValue ?? "python3"
        let interpreter: String
        do { interpreter = try ExecutableLocator.locate(interpreterName, directory: context.baseDirectory, path: nil) } catch {
            return .failure(ToolBindingError("python interpreter: \(error.description)"))
        }
        return .success(PythonBinding(module: module, function: function,
                                      key: PythonWorkerKey(interpreter: interpreter, directory: directory)))
    }

    private static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || first.properties.isXIDStart else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isXIDContinue }
    }
}
