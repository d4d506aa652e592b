import Foundation
import ToolscopeEngine

/// A `command` binding, checked and resolved.
///
/// Config: `{"argv": ["./tool.sh", "--x"], "cwd": ".", "env": {"K": "V"}, "inherit_env": ["PATH"],
/// "max_output_bytes": 65536}`. The program gets the arguments as JSON on stdin and nothing
/// else from toolscope: no shell, no interpolation, only the environment the binding names.
struct CommandBinding: Sendable, Hashable {
    let executable: String
    let argv: [String]
    let directory: String
    let environment: [String: String]
    let maxOutputBytes: Int

    /// Variables passed through when the binding does not say: enough for a script to find
    /// programs and read text, nothing that identifies the user's accounts.
    static let defaultInherited = ExecutionListing.commandInheritedEnvironment
    static let defaultMaxOutput = 65536

    static func parse(_ config: JSONObject, context: SessionContext,
                      parentEnvironment: [String: String] = ProcessInfo.processInfo.environment) -> Result<CommandBinding, ToolBindingError> {
        guard let items = config["argv"]?.arrayValue, !items.isEmpty else {
            return .failure(ToolBindingError("a command binding needs \"argv\": [\"program\", \"arg\", …] (no shell is used)"))
        }
        var argv: [String] = []
        for (i, item) in items.enumerated() {
            guard let s = item.stringValue else { return .failure(ToolBindingError("command argv[\(i)] must be a string, not \(item.typeName)")) }
            argv.append(s)
        }
        var environment: [String: String] = [:]
        let inherited: [String]
        switch config["inherit_env"] {
        case nil: inherited = defaultInherited
        case .array(let names)?:
            guard names.allSatisfy({ $0.stringValue != nil }) else { return .failure(ToolBindingError("command \"inherit_env\" must be an array of variable names")) }
            inherited = names.compactMap(\.stringValue)
        default: return .failure(ToolBindingError("command \"inherit_env\" must be an array of variable names"))
        }
        for name in inherited { if let v = parentEnvironment[name] { environment[name] = v } }
        if let env = config["env"] {
            guard let object = env.objectValue else { return .failure(ToolBindingError("command \"env\" must be an object of strings")) }
            for (k, v) in object {
                guard let s = v.stringValue else { return .failure(ToolBindingError("command env \"\(k)\" must be a string")) }
                environment[k] = s
            }
        }
        var maxOutput = defaultMaxOutput
        if let m = config["max_output_bytes"] {
            guard let n = m.intValue, n > 0 else { return .failure(ToolBindingError("command \"max_output_bytes\" must be a positive integer")) }
            maxOutput = n
        }
        let directory = PathResolver.absolute(config["cwd"]?.stringValue ?? ".", relativeTo: context.baseDirectory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return .failure(ToolBindingError("command \"cwd\" \(directory) is not a directory"))
        }
        let executable: String
        do { executable = try ExecutableLocator.locate(argv[0], directory: directory, path: environment["PATH"]) } catch {
            return .failure(ToolBindingError(error.description))
        }
        return .success(CommandBinding(executable: executable, argv: argv, directory: directory,
                                       environment: environment, maxOutputBytes: maxOutput))
    }
}
