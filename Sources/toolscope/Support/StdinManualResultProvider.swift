import Foundation
import ToolscopeEngine

/// The headless CLI's answer to `manual` bindings: asks on stderr and reads the result from
/// stdin (one line, or several ended by an empty line). Calls are asked one at a time.
final class StdinManualResultProvider: ManualResultProvider, @unchecked Sendable {
    private let lock = NSLock()

    func requestResult(for call: ToolCall, arguments: JSONValue, cancellation: CancellationToken,
                       completion: @escaping @Sendable (ToolOutcome) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        Console.err("\n\(call.name)(\(arguments.compact)) is answered by hand.\nType the result (JSON or text); finish with an empty line:\n> ")
        var lines: [String] = []
        while let line = readLine(strippingNewline: true) {
            if line.isEmpty { break }
            lines.append(line)
            if lines.count == 1, (try? JSONParser.parse(line)) != nil { break }
        }
        if lines.isEmpty {
            completion(.error("No result was typed for \(call.name) (stdin closed or empty)"))
        } else {
            completion(ToolOutcome(content: lines.joined(separator: "\n")))
        }
    }
}
