import Foundation
import Testing
import TestSupport

/// Negative numbers written after a space (`--outlier-z -2.5`) reach every numeric option.
@Suite struct NegativeOptionTests {
    private static let quick = ["--backend", "cpu", "--resamples", "20", "--format", "json"]

    @Test func outlierThresholdTakesANegativeValueAfterASpace() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let spaced = try TrendfitProcess.run(["trends", "--outlier-z", "-2.5", "--large-z", "-0.25"] + Self.quick)
        let joined = try TrendfitProcess.run(["trends", "--outlier-z=-2.5", "--large-z=-0.25"] + Self.quick)
        #expect(spaced.status == 0, "\(spaced.stderr)")
        #expect(spaced.stdout.contains("\"outlierZ\" : -2.5"))
        #expect(spaced.stdout.contains("\"largeZ\" : -0.25"))
        #expect(spaced.stdout == joined.stdout)
    }

    @Test func outlierThresholdDefaultsToMinusTwo() throws {
        let run = try TrendfitProcess.run(["trends"] + Self.quick)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"outlierZ\" : -2,") || run.stdout.contains("\"outlierZ\" : -2\n"))
        let help = try TrendfitProcess.run(["trends", "--help"])
        #expect(help.stdout.contains("(default: -2.0)"))
    }

    /// Each numeric option given `-1` reaches its own check (or is used) instead of "Missing value".
    @Test(arguments: [
        (["trends", "--z-window-days", "-1"], "z window"),
        (["trends", "--frontier-top", "-1"], "frontier"),
        (["trends", "--days-per-year", "-1"], "days per year"),
        (["trends", "--days-per-month", "-1"], "days per month"),
        (["trends", "--confidence", "-1"], "confidence"),
        (["trends", "--resamples", "-1"], "resamples"),
        (["trends", "--jitter-log10", "-1"], "jitter"),
        (["trends", "--min-distinct", "-1"], "distinct"),
        (["trends", "--min-domain-systems", "-1"], "domain"),
        (["trends", "--seed", "-1"], "--seed"),
        (["trends", "--device", "-1"], "--device must be a non-negative index"),
        (["trends", "--threads", "-1"], "--threads must be from 1"),
        (["breakpoints", "--from", "2012", "--to", "2014", "--min-each-side", "-1"], "minimum systems each side"),
        (["breakpoints", "--from", "2012", "--to", "2014", "--chunk-candidates", "-1"], "--chunk-candidates"),
        (["bootstrap", "x.csv", "--y", "y", "--jitter", "-1"], "--jitter: jitter must be a finite non-negative"),
        (["bootstrap", "x.csv", "--y", "y", "--resamples", "-1"], "--resamples"),
        (["bootstrap", "x.csv", "--y", "y", "--confidence", "-1"], "--confidence"),
        (["bootstrap", "x.csv", "--y", "y", "--min-distinct", "-1"], "--min-distinct"),
        (["sweep", "spec.json", "--max-configs", "-1"], "max-configs"),
        (["sweep", "spec.json", "--chunk-configs", "-1"], "chunk-configs"),
        (["bench", "--n", "-5"], "n = -5"),
        (["bench", "--seconds", "-1"], "--seconds"),
        (["compare", "--tolerance", "-1"], "--tolerance"),
        (["compare", "--jitter", "-1"], "--jitter"),
    ])
    func negativeValueReachesTheOptionsCheck(arguments: [String], message: String) throws {
        let run = try TrendfitProcess.run(arguments)
        #expect(run.status != 0)
        #expect(!run.stderr.contains("Missing value"), "\(arguments): \(run.stderr)")
        #expect(run.stderr.lowercased().contains(message.lowercased()), "\(arguments): \(run.stderr)")
    }
}
