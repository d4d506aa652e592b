import Testing
import ToolscopeEngine
import ToolscopeEval
@testable import ToolscopeTUI

/// The Experiments screen drawn at the two sizes people use most, line by line.
@Suite("Experiments view")
struct ExperimentsViewTests {
    /// The test matrix after a finished experiment, the selection on tokyo-in-F under vague.
    static func screen() -> ExperimentsState {
        var screen = ExperimentsState(suitePath: "suites/demo.json", repeats: 2, concurrency: 4)
        screen.matrix = ExperimentsScreenTests.matrix()
        screen.modelLabel = "scripted (demo): \(Experiment.scriptedLabel)"
        var progress = RunProgress(total: 16)
        progress.passed = 9
        progress.failed = 3
        progress.errored = 1
        screen.progress = progress
        screen.field = .matrix
        return screen
    }

    static func lines(_ screen: ExperimentsState, width: Int, height: Int) -> [String] {
        var canvas = Canvas(width: width, height: height - 1)
        ExperimentsView.draw(screen, rect: Rect(x: 0, y: 0, width: width, height: height - 1), into: &canvas)
        return (0..<(height - 1)).map { canvas.rowText($0) }
    }

    @Test func aRunningExperimentShowsTheTimeLeftAtThePaceOfTheRunsMade() {
        var screen = Self.screen()
        screen.running = true
        var progress = RunProgress(total: 16)
        progress.passed = 5
        progress.reused = 1
        progress.elapsed = 2
        screen.progress = progress
        // 4 runs made in 2 s, 11 to go: 5.5 s.
        #expect(Self.lines(screen, width: 120, height: 40)[3].contains("5/16 runs · 5 passed, 0 failed, 0 errored · running · ETA 0:06 · 1 reused"))
        screen.running = false
        #expect(!Self.lines(screen, width: 120, height: 40)[3].contains("ETA"))
    }

    @Test func theTimeLeftIsUnknownUntilARunIsMade_andWrittenAsMinutesAndSeconds() {
        var progress = RunProgress(total: 10)
        progress.passed = 2
        progress.reused = 2
        progress.elapsed = 1
        #expect(progress.secondsLeft == nil)
        #expect(progress.eta == "—")
        progress.failed = 1
        progress.elapsed = 9.5
        #expect(progress.secondsLeft == 9.5 * 7)
        #expect(progress.eta == "1:07")
    }

    @Test func matrixAt80x24() {
        let expected = [
            "┌─▶ Experiments ───────────────────────────────────────────────────────────────┐",
            "│Suite suites/demo.json                           Repeats 2    Concurrency 4   │",
            "│Model: scripted (demo): a deterministic script standing in for a model, not a…│",
            "│████████░░ 13/16 runs · 9 passed, 3 failed, 1 errored · stopped · filter: all │",
            "│  case        vague    precise                                                │",
            "│⇄ tokyo-in-F  0/2      2/2                                                    │",
            "│⇄ paris-in-C  1/2      2/2                                                    │",
            "│  london      2/2      2/2                                                    │",
            "│  rome-in-F   !0/1…    ·                                                      │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│  passes      3/6      6/6                                                    │",
            "│  rate        50.0%    100.0%                                                 │",
            "│  95% Wilson  19–81%   61–100%                                                │",
            "│precise vs vague: 2 case(s) now pass, 0 now fail; precise is better (p = 0.5, │",
            "│not significant at 5 %: could be luck; run more repeats or cases; exact       │",
            "│McNemar test (two-sided), on each case's majority outcome over its repeats)   │",
            "│Tab field · arrows cell · Enter open run · r run suite · c run case · f filte…│",
            "└──────────────────────────────────────────────────────────────────────────────┘",
        ]
        #expect(Self.lines(Self.screen(), width: 80, height: 24) == expected)
    }

    @Test func matrixAt120x40() {
        let expected = [
            "┌─▶ Experiments ───────────────────────────────────────────────────────────────────────────────────────────────────────┐",
            "│Suite suites/demo.json                                                                   Repeats 2    Concurrency 4   │",
            "│Model: scripted (demo): a deterministic script standing in for a model, not a language model                          │",
            "│████████░░ 13/16 runs · 9 passed, 3 failed, 1 errored · stopped · filter: all                                         │",
            "│  case        vague    precise                                                                                        │",
            "│⇄ tokyo-in-F  0/2      2/2                                                                                            │",
            "│⇄ paris-in-C  1/2      2/2                                                                                            │",
            "│  london      2/2      2/2                                                                                            │",
            "│  rome-in-F   !0/1…    ·                                                                                              │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│  passes      3/6      6/6                                                                                            │",
            "│  rate        50.0%    100.0%                                                                                         │",
            "│  95% Wilson  19–81%   61–100%                                                                                        │",
            "│precise vs vague: 2 case(s) now pass, 0 now fail; precise is better (p = 0.5, not significant at 5 %: could be luck;  │",
            "│run more repeats or cases; exact McNemar test (two-sided), on each case's majority outcome over its repeats)          │",
            "│Tab field · arrows cell · Enter open run · r run suite · c run case · f filter · d diff tools · w open in workbench ·…│",
            "└──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘",
        ]
        #expect(Self.lines(Self.screen(), width: 120, height: 40) == expected)
    }

    /// Cells are coloured by outcome, flipped cases marked, and the selected cell reversed.
    @Test func cellStylesAndSelection() {
        var canvas = Canvas(width: 80, height: 23)
        ExperimentsView.draw(Self.screen(), rect: Rect(x: 0, y: 0, width: 80, height: 23), into: &canvas)
        // Row 5: "│⇄ tokyo-in-F  0/2      2/2": vague at x 15 (selected), precise at x 24.
        #expect(canvas[15, 5].style.role == .error && canvas[15, 5].style.reverse)
        #expect(canvas[24, 5].style.role == .success && !canvas[24, 5].style.reverse)
        #expect(canvas[1, 5].style.role == .accent)
        #expect(canvas[15, 6].style.role == .warning)
        #expect(canvas[24, 8].style.role == .dim)
    }
}
