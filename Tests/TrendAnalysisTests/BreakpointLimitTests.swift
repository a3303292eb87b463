import Foundation
import Testing
import TestSupport
import TrendAnalysis
import TrendFit

/// `breakpoints` refuses more candidate dates than its limit and reports progress chunk by chunk.
@Suite struct BreakpointLimitTests {
    private static let from = CalendarDate(year: 2008, month: 1, day: 1)
    private static let to = CalendarDate(year: 2018, month: 1, day: 1)

    @Test func candidatesBeyondTheLimitAreRefusedNamingTheOption() throws {
        let step = try #require(DateStep(parsing: "6m"))
        #expect(try BreakpointSettings(from: Self.from, to: Self.to, step: step, maxCandidates: 21).candidates.count == 21)
        #expect(throws: AnalysisError.invalidSetting(
            name: "candidate dates",
            reason: "2008-01-01 to 2018-01-01 every 6m gives more than 20 candidates, the limit (raise --max-candidates, or use a coarser --step or a shorter range)")) {
            try BreakpointSettings(from: Self.from, to: Self.to, step: step, maxCandidates: 20)
        }
        // A daily grid over a century stops at the limit rather than building every date.
        #expect(throws: AnalysisError.self) {
            try BreakpointSettings(from: CalendarDate(year: 1900, month: 1, day: 1), to: Self.to, step: DateStep(parsing: "1d")!)
        }
        #expect(DateStep(parsing: "1d")!.dates(from: Self.from, through: Self.to, limit: 5).count == 5)
    }

    @Test func progressCountsCandidatesChunkByChunk() throws {
        let settings = try BreakpointSettings(from: Self.from, to: Self.to, step: DateStep(parsing: "6m")!,
                                              bootstrap: BootstrapSettings(resamples: 20, seed: 3))
        var reported: [Int] = []
        _ = try BreakpointAnalysis(settings: settings, candidatesPerChunk: 6)
            .run(on: BreakpointTests.hingeData(noise: 0.03), backend: CPUBackend(), precision: .double) { reported.append($0) }
        #expect(reported == [6, 12, 18, 21])
    }

    @Test func theCommandRefusesAHugeGridAndDrawsNoBarOffATerminal() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let refused = try TrendfitProcess.run(["breakpoints", "--from", "1950", "--to", "2025", "--step", "1d", "--backend", "cpu"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("more than 2000 candidates") && refused.stderr.contains("--max-candidates"), "\(refused.stderr)")
        let run = try TrendfitProcess.run(["breakpoints", "--from", "2012", "--to", "2014", "--step", "1y", "--max-candidates", "3",
                                           "--resamples", "20", "--backend", "cpu", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("\r") && !run.stderr.contains("█"))
    }

    @Test func theCommandDrawsItsProgressBarOnATerminal() throws {
        let script = "/usr/bin/script"
        guard FileManager.default.isExecutableFile(atPath: script) else { return }
        let scratch = try ScratchFolder()
        let folder = scratch.url
        let transcript = folder.appendingPathComponent("terminal.txt")
        let command = [TrendfitProcess.executable.path, "breakpoints", "--from", "2012", "--to", "2014", "--step", "1y",
                       "--resamples", "20", "--backend", "cpu", "--format", "csv", "--chunk-candidates", "1"].joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = ["-qec", command, transcript.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let text = String(decoding: try Data(contentsOf: transcript), as: UTF8.self)
        #expect(text.contains("breakpoints █") || text.contains("breakpoints ░"), "\(text)")
        #expect(text.contains("100%"))
    }
}
