import Foundation
import ToolscopeEngine

/// Scoring outputs produced elsewhere (`toolscope eval SUITE --score-only OUTPUTS.jsonl`):
/// one JSON object per line, `{"id": CASE_ID, "tool_calls": [...], "content": "..."}`, tool
/// calls in OpenAI chat format. No model is involved.
public enum ScoreOnly {
    /// The variant name runs get when a line does not name one.
    public static let defaultVariant = "outputs"
    static let lineKeys = ["id", "tool_calls", "content", "variant", "usage", "latency_ms"]

    /// One line of an outputs file, read.
    public struct Output: Sendable, Hashable {
        public var caseID: String
        public var variant: String
        public var observation: RunObservation
        public var line: Int
    }

    /// What scoring a file gives: every run, and the cases that had no line.
    public struct Scored: Sendable {
        public var runs: [RunRecord]
        public var missingCases: [String]
    }

    public static func readOutputs(path: String) throws(SuiteError) -> [Output] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw SuiteError(file: path, message: "cannot read: \(error.localizedDescription)")
        }
        return try parseOutputs(text, file: path)
    }

    public static func parseOutputs(_ text: String, file: String) throws(SuiteError) -> [Output] {
        var outputs: [Output] = []
        var lineNumber = 0
        var start = text.utf8.startIndex
        let utf8 = text.utf8
        while start < utf8.endIndex {
            lineNumber += 1
            let end = utf8[start...].firstIndex(of: 0x0A) ?? utf8.endIndex
            var bytes = Array(utf8[start..<end])
            if bytes.last == 0x0D { bytes.removeLast() }
            start = end == utf8.endIndex ? end : utf8.index(after: end)
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let json: JSONValue
            do { json = try JSONParser.parse(bytes: bytes) } catch {
                throw SuiteError(file: file, line: lineNumber, column: error.column, message: "invalid JSON: \(error.message)")
            }
            do throws(SchemaShapeError) {
                outputs.append(try output(json, line: lineNumber))
            } catch {
                let lineText = String(decoding: bytes, as: UTF8.self)
                throw SuiteLoader.located(error, in: lineText, file: file, lineOffset: lineNumber - 1)
            }
        }
        return outputs
    }

    static func output(_ json: JSONValue, line: Int) throws(SchemaShapeError) -> Output {
        let f = try JSONFields(json, path: "", what: "an output line")
        try f.refuseUnknown(lineKeys, what: "an output line")
        let id = try f.requiredString("id", owner: "an output line")
        var calls: [ObservedCall] = []
        for (i, item) in (try f.array("tool_calls", expected: "an array of tool calls (OpenAI chat format), [] for none") ?? []).enumerated() {
            let p = JSONPointer.appending("/tool_calls", i)
            let cf = try JSONFields(item, path: p, what: "a tool call")
            guard let fn = cf.value("function") else {
                throw SchemaShapeError(path: p, message: "a tool call needs \"function\": {\"name\": …, \"arguments\": \"<JSON text>\"} (OpenAI chat format)")
            }
            let ff = try JSONFields(fn, path: cf.pointer("function"), what: "function")
            let name = try ff.requiredString("name", owner: "a tool call's function")
            switch ff.object["arguments"] {
            case .string(let s)?: calls.append(ObservedCall(name: name, argumentsText: s))
            case nil, .null?: calls.append(ObservedCall(name: name, argumentsText: ""))
            case let other?: calls.append(ObservedCall(name: name, arguments: other))  // some harnesses write the object itself
            }
        }
        var prompt: Int?, completion: Int?
        if let u = f.value("usage") {
            let uf = try JSONFields(u, path: "/usage", what: "usage")
            prompt = try uf.int("prompt_tokens")
            completion = try uf.int("completion_tokens")
        }
        let content = try f.string("content")
        var rounds = [calls]
        // A line with both calls and text records a reply that called tools; the text is still the answer.
        if !calls.isEmpty, content != nil { rounds.append([]) }
        let observation = RunObservation(rounds: rounds, answer: content, promptTokens: prompt, completionTokens: completion,
                                         latency: try f.number("latency_ms").map { $0 / 1000 })
        return Output(caseID: id, variant: try f.string("variant") ?? defaultVariant, observation: observation, line: line)
    }

    /// Scores every output against its case. An id the suite does not have is bad input (it
    /// names the line); a case with no output is scored as a failed run, as BFCL counts it.
    public static func score(_ suite: Suite, outputs: [Output], file: String) throws(SuiteError) -> Scored {
        var byID: [String: Case] = [:]
        for c in suite.cases { byID[c.id] = c }
        var runs: [RunRecord] = []
        runs.reserveCapacity(outputs.count)
        var repeats: [String: Int] = [:]
        var variants: [String] = []
        var seen = Set<String>()
        for o in outputs {
            guard let c = byID[o.caseID] else {
                throw SuiteError(file: file, line: o.line, column: 1, message: "no case \"\(o.caseID)\" in \(suite.path ?? "the suite")")
            }
            if !variants.contains(o.variant) { variants.append(o.variant) }
            let key = o.variant + "\u{0}" + o.caseID
            let index = repeats[key, default: 0]
            repeats[key] = index + 1
            seen.insert(key)
            runs.append(RunRecord(caseID: c.id, variant: o.variant, repeatIndex: index, category: c.category,
                                  verdict: Scorer.score(o.observation, against: c.expectation), observation: o.observation))
        }
        if variants.isEmpty { variants = [defaultVariant] }
        var missing: [String] = []
        for v in variants {
            for c in suite.cases where !seen.contains(v + "\u{0}" + c.id) {
                if !missing.contains(c.id) { missing.append(c.id) }
                runs.append(RunRecord(caseID: c.id, variant: v, repeatIndex: 0, category: c.category,
                                      verdict: Verdict(failures: [Failure(kind: .noOutput, message: "the outputs file has no line for this case")]),
                                      observation: nil))
            }
        }
        return Scored(runs: runs, missingCases: missing)
    }
}
