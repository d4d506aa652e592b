import ArgumentParser
import Foundation
import ToolscopeEngine
import ToolscopeEval

/// `toolscope import-bfcl QUESTIONS [POSSIBLE_ANSWERS]`: prints a suite made from BFCL v4 files.
struct ImportBFCLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-bfcl",
        abstract: "Print a suite made from a BFCL v4 questions file and its possible_answer file.",
        discussion: """
            Both files are BFCL's JSON Lines (data/BFCL_v4_CATEGORY.json and data/possible_answer/BFCL_v4_CATEGORY.json).
            Irrelevance categories have no answers file. Case ids are BFCL's ids; each case's category is BFCL's, so
            `toolscope eval` reports accuracy per category. Tools are converted for the provider (dict→object,
            float→number, tuple→array, any→no type, dots→underscores); scoring uses BFCL's names and rules.
            Multi-turn categories are not imported. See docs/experiments.md.
              toolscope import-bfcl q.json a.json > suite.json && toolscope eval suite.json --score-only outputs.jsonl --json results.json
            Exit codes: 0 printed; 2 bad input (the message names FILE:LINE).
            """)

    @Argument(help: "A BFCL v4 questions file (JSON Lines).")
    var questions: String

    @Argument(help: "Its possible_answer file (JSON Lines); not needed for irrelevance categories.")
    var answers: String?

    func run() throws {
        let suite: JSONValue
        do { suite = try BFCLImport.load(questions: questions, answers: answers) } catch { throw CLIExit.fail(error.description) }
        Console.out(JSONPrinter.print(suite, pretty: true) + "\n")
        let count = suite["cases"]?.arrayValue?.count ?? 0
        Console.err("toolscope: imported \(count) case\(count == 1 ? "" : "s") from \(questions)\n")
    }
}
