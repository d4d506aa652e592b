import ToolscopeEngine

/// The `--json` results file: every run (with `case`, `variant`, `repeat`, `passed` and the
/// explained failures), then the cells, variants, categories and comparisons.
public enum JSONReport {
    public static let formatName = "toolscope.results/1"

    public static func make(suite: String?, runs: [RunRecord], summary: ResultSummary, comparisons: [Comparison] = []) -> JSONValue {
        var o: JSONObject = ["format": .string(formatName)]
        if let suite { o["suite"] = .string(suite) }
        o["runs"] = .array(runs.map(run))
        o["cells"] = .array(summary.cells.map(cell))
        o["variants"] = .array(summary.variants.map(variant))
        if !summary.categories.isEmpty {
            o["categories"] = .array(summary.categories.map { c in
                ["category": .string(c.category), "variant": .string(c.variant), "runs": int(c.runs), "passes": int(c.passes), "accuracy": .number(c.accuracy)]
            })
        }
        if !comparisons.isEmpty { o["comparisons"] = .array(comparisons.map(comparison)) }
        return .object(o)
    }

    static func int(_ i: Int) -> JSONValue { .number(Double(i)) }

    public static func run(_ r: RunRecord) -> JSONValue {
        var o: JSONObject = ["case": .string(r.caseID), "variant": .string(r.variant), "repeat": int(r.repeatIndex), "passed": .bool(r.passed)]
        if let c = r.category { o["category"] = .string(c) }
        if !r.verdict.failures.isEmpty { o["failures"] = .array(r.verdict.failures.map(failure)) }
        if !r.verdict.pairings.isEmpty { o["pairings"] = .array(r.verdict.pairings.map(pairing)) }
        if !r.verdict.notes.isEmpty { o["notes"] = .array(r.verdict.notes.map { .string($0) }) }
        return .object(o)
    }

    public static func failure(_ f: Failure) -> JSONValue {
        var o: JSONObject = ["kind": .string(f.kind.rawValue), "message": .string(f.message)]
        if let p = f.pairing, !p.mismatches.isEmpty { o["mismatches"] = .array(p.mismatches.map(mismatch)) }
        return .object(o)
    }

    static func mismatch(_ m: ArgumentMismatch) -> JSONValue {
        var o: JSONObject = ["path": .string(m.path), "expected": .string(m.expected), "actual": m.actual.map { .string($0) } ?? .null]
        if let r = m.reason { o["reason"] = .string(r) }
        return .object(o)
    }

    static func pairing(_ p: CallPairing) -> JSONValue {
        var o: JSONObject = ["expected": int(p.expectedIndex), "name": .string(p.expectedName), "matched": .bool(p.matched)]
        if let a = p.actual {
            o["actual"] = ["round": int(a.round), "index": int(a.index), "name": .string(a.call.name), "arguments": .string(a.call.argumentsText)]
        } else {
            o["actual"] = .null
        }
        return .object(o)
    }

    static func usage(_ u: RunUsage, into o: inout JSONObject) {
        o["prompt_tokens"] = int(u.promptTokens)
        o["completion_tokens"] = int(u.completionTokens)
        if let p = u.latencyP50 { o["latency_p50_ms"] = .number((p * 1000).rounded()) }
        if let p = u.latencyP95 { o["latency_p95_ms"] = .number((p * 1000).rounded()) }
        if let c = u.cost { o["cost"] = .number(c) }
    }

    static func interval(_ i: Interval?) -> JSONValue {
        guard let i else { return .null }
        return [.number(i.low), .number(i.high)]
    }

    static func cell(_ c: CellSummary) -> JSONValue {
        var o: JSONObject = ["case": .string(c.caseID), "variant": .string(c.variant), "runs": int(c.runs), "passes": int(c.passes),
                             "pass_rate": .number(c.passRate), "wilson_95": interval(c.interval)]
        var at = JSONObject(), hat = JSONObject()
        for k in c.passAtK.keys.sorted() { at[String(k)] = .number(c.passAtK[k]!) }
        for k in c.passHatK.keys.sorted() { hat[String(k)] = .number(c.passHatK[k]!) }
        o["pass_at_k"] = .object(at)
        o["pass_hat_k"] = .object(hat)
        usage(c.usage, into: &o)
        return .object(o)
    }

    static func variant(_ v: VariantSummary) -> JSONValue {
        var o: JSONObject = ["variant": .string(v.variant), "runs": int(v.runs), "passes": int(v.passes), "pass_rate": .number(v.passRate),
                             "wilson_95": interval(v.interval), "cases": int(v.cases), "cases_passed": int(v.casesPassed)]
        usage(v.usage, into: &o)
        return .object(o)
    }

    static func comparison(_ c: Comparison) -> JSONValue {
        ["baseline": .string(c.baseline), "candidate": .string(c.candidate),
         "now_passing": .array(c.nowPassing.map { .string($0) }), "now_failing": .array(c.nowFailing.map { .string($0) }),
         "paired_cases": int(c.pairedCases), "p_value": .number(c.pValue), "significant_at_5_percent": .bool(c.significant),
         "test": .string(Comparison.testName)]
    }
}

/// JUnit XML as CI systems read it (Jenkins, GitLab, GitHub test reporters): one
/// `<testsuite>` per variant, one `<testcase>` per run, a `<failure>` with the explanation.
public enum JUnitReport {
    public static func make(suiteName: String, runs: [RunRecord]) -> String {
        var variants: [String] = []
        for r in runs where !variants.contains(r.variant) { variants.append(r.variant) }
        let failures = runs.filter { !$0.passed }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"\(escape(suiteName))\" tests=\"\(runs.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        var repeats: [String: Int] = [:]
        for r in runs { repeats[r.variant + "\u{0}" + r.caseID, default: 0] += 1 }
        for v in variants {
            let rs = runs.filter { $0.variant == v }
            let f = rs.filter { !$0.passed }.count
            out += "  <testsuite name=\"\(escape(suiteName + " [" + v + "]"))\" tests=\"\(rs.count)\" failures=\"\(f)\" errors=\"0\" skipped=\"0\">\n"
            for r in rs {
                let seconds = r.observation?.latency.map { String(format3($0)) } ?? "0"
                let name = repeats[v + "\u{0}" + r.caseID, default: 0] > 1 ? "\(r.caseID) #\(r.repeatIndex + 1)" : r.caseID
                out += "    <testcase classname=\"\(escape(v))\" name=\"\(escape(name))\" time=\"\(seconds)\""
                if r.passed {
                    out += "/>\n"
                } else {
                    let first = r.verdict.failures.first
                    out += ">\n      <failure type=\"\(escape(first?.kind.rawValue ?? "failure"))\" message=\"\(escape(first?.message ?? "failed"))\">"
                    out += escape(r.verdict.explanation, attribute: false) + "</failure>\n    </testcase>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    static func format3(_ seconds: Double) -> String {
        let ms = Int((seconds * 1000).rounded())
        let fraction = String(ms % 1000)
        return "\(ms / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// Escapes markup characters and drops what XML 1.0 cannot hold at all (control
    /// characters other than tab, newline and return; U+FFFE and U+FFFF), which a model's
    /// output may well contain.
    /// In attributes, tab and line breaks are written as character references, so readers
    /// that normalise attribute whitespace keep them.
    public static func escape(_ text: String, attribute: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": if attribute { out += "&#\(s.value);" } else { out.unicodeScalars.append(s) }
            default:
                if s.value < 0x20 || s.value == 0xFFFE || s.value == 0xFFFF { out += "\u{FFFD}"; continue }
                out.unicodeScalars.append(s)
            }
        }
        return out
    }
}
