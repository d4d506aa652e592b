import Foundation
import ToolscopeDemo
import ToolscopeEngine

/// Measures what a key press costs with a large session: reduce plus render into the canvas,
/// the work the main loop does for every key before curses copies changed rows out.
public enum WorkbenchBenchmark {
    public struct Report: Sendable {
        public var messages: Int
        public var width: Int
        public var height: Int
        public var firstFrame: Double
        /// Seconds per key, sorted.
        public var perKey: [Double]
        public var residentBytes: Int
        public var peakResidentBytes: Int

        public func percentile(_ p: Double) -> Double {
            guard !perKey.isEmpty else { return 0 }
            return perKey[min(perKey.count - 1, Int(Double(perKey.count - 1) * p))]
        }
    }

    /// A session of `count` messages shaped like real use: user questions, assistant turns with
    /// parallel tool calls, tool results (some long), and answers, with some CJK and emoji.
    public static func makeSession(messages count: Int) -> Session {
        var session = Session.embeddedDefault()
        var i = 0
        while session.messages.count < count {
            session.messages.append(.user("Question \(i): compare the weather in Tokyo 東京, London and New York 🌤"))
            let calls = (0..<3).map { ToolCall(id: "call_\(i)_\($0)", name: "get_weather", arguments: "{\"city\":\"City \($0)\"}") }
            session.messages.append(.assistant(nil, toolCalls: calls))
            for c in calls {
                let body = i % 7 == 0 ? (0..<40).map { "line \($0) of a long result" }.joined(separator: "\n") : "{\"temperature\":21,\"conditions\":\"clear\"}"
                session.messages.append(.tool(callID: c.id, content: body))
            }
            session.messages.append(.assistant("Round \(i): Tokyo is 21°C and clear, London 14°C with rain, New York 18°C. " + String(repeating: "More words to wrap. ", count: 8)))
            i += 1
        }
        session.messages = Array(session.messages.prefix(count))
        return session
    }

    public static func run(messages count: Int = 10_000, width: Int = 200, height: Int = 60, keys: Int = 300) -> Report {
        let session = makeSession(messages: count)
        var state = AppState(session: session, sessionPath: nil, providerName: "scripted (demo)", width: width, height: height)
        var canvas = Canvas(width: width, height: height)
        let context = RenderContext()
        let start = MonotonicClock.now()
        Renderer.render(state, context: context, into: &canvas)
        let first = MonotonicClock.now() - start
        let script: [Key] = [.pageUp, .pageUp, .char("a"), .pageDown, .tab, .down, .up, .backTab, .backspace, .home, .end, .ctrl("r"), .ctrl("r")]
        var timings: [Double] = []
        for n in 0..<keys {
            let key = script[n % script.count]
            let t0 = MonotonicClock.now()
            _ = Reducer.reduce(&state, .key(key), context: context)
            Renderer.render(state, context: context, into: &canvas)
            timings.append(MonotonicClock.now() - t0)
        }
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func kb(_ field: String) -> Int {
            for line in status.split(separator: "\n") where line.hasPrefix(field) {
                return (Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0) * 1024
            }
            return 0
        }
        return Report(messages: count, width: width, height: height, firstFrame: first, perKey: timings.sorted(),
                      residentBytes: kb("VmRSS:"), peakResidentBytes: kb("VmHWM:"))
    }
}
