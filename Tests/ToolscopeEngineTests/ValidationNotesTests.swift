import Dispatch
import Foundation
import Testing
@testable import ToolscopeEngine

/// A call whose arguments reach a keyword toolscope cannot enforce runs, with a note in the
/// trace: never a silent pass.
@Suite struct ValidationNotesTests {
    private func events(_ schema: JSONValue, _ arguments: String) -> (outcome: ToolOutcome?, events: [TraceEvent.Kind]) {
        let collected = Locked<[TraceEvent.Kind]>([])
        let outcomes = Locked<[ToolOutcome]>([])
        let semaphore = DispatchSemaphore(value: 0)
        let registry = TestTools.registry([TestTools.tool("fetch_page", schema: schema)]).registry
        Dispatcher(registry: registry).dispatch([call("c1", "fetch_page", arguments)], timeout: 5, cancellation: CancellationToken(),
                                                onEvent: { e in collected.withLock { $0.append(e) } }) { done in
            outcomes.withLock { $0 = done }
            semaphore.signal()
        }
        semaphore.wait()
        return (outcomes.current.first, collected.current)
    }

    private func warnings(_ events: [TraceEvent.Kind]) -> [String] {
        events.compactMap { if case .warning(let text) = $0 { return text }; return nil }
    }

    @Test func unknownFormatAndRemoteRefAreNotedPerCall() {
        let schema: JSONValue = ["type": "object", "properties": [
            "url": ["type": "string", "format": "uri"],
            "owner": ["$ref": "https://example.com/person.json"],
        ]]
        let r = events(schema, #"{"url":"not a uri","owner":{"name":1}}"#)
        #expect(r.outcome?.isError == false)
        #expect(warnings(r.events) == [
            #"fetch_page (c1): not checked: /url: format "uri" is not checked (toolscope checks date, date-time, duration, email, hostname, ipv4, ipv6, time, uuid), so url was passed unchecked"#,
            #"fetch_page (c1): not checked: /owner: $ref "https://example.com/person.json" refers to another document, which toolscope does not fetch; owner was not checked against it"#,
        ])
        let validated = r.events.compactMap { if case .callValidated(_, let problems) = $0 { return problems }; return nil }
        #expect(validated == [[]])
    }

    @Test func fullyEnforcedSchemasAddNoNotes() {
        let schema: JSONValue = ["type": "object", "properties": ["when": ["type": "string", "format": "date"]]]
        #expect(warnings(events(schema, #"{"when":"2024-05-01"}"#).events).isEmpty)
        // A note is about what the value reached: an absent property reaches nothing.
        let remote: JSONValue = ["type": "object", "properties": ["owner": ["$ref": "https://example.com/person.json"]]]
        #expect(warnings(events(remote, "{}").events).isEmpty)
    }
}
