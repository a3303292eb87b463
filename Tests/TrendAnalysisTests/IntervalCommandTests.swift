import Foundation
import Testing
import TestSupport
@testable import TrendAnalysis
import TrendFit

/// Several confidence levels and interval warnings, in the analysis and through the `trendfit` executable.
@Suite struct IntervalLevelTests {
    /// The `OutputTests` data, analysed at 90%, 95% and 99% from `resamples` resamples.
    static func report(resamples: Int) throws -> TrendReport {
        var points: [(String, Double)] = []
        for index in 0..<30 {
            let date = CalendarDate(year: 2000 + index / 3, month: 1 + (index % 3) * 4, day: 15)
            points.append((date.description, pow(10, 10 + 0.3 * Double(index / 3) + (index % 2 == 0 ? 0.8 : -0.8))))
        }
        let settings = try AnalysisSettings(
            periods: [try Period(parsing: "Early=2000..2010")], subsets: [.all],
            bootstrap: try BootstrapSettings(confidence: 0.9, resamples: resamples, seed: 5, additionalConfidences: [0.95, 0.99]))
        return try EraAnalysis(settings: settings).run(on: dataset(points), backend: CPUBackend(), precision: .double)
    }

    @Test func oneIntervalPerLevelFromTheSameReplicates() throws {
        let estimate = try #require(try Self.report(resamples: 1000).rows[0].estimate)
        #expect(estimate.levelIntervals.map(\.confidence) == [0.9, 0.95, 0.99])
        #expect(estimate.levelIntervals[0].slope == estimate.slopeInterval)
        let sorted = estimate.replicateSlopes.sorted()
        for level in estimate.levelIntervals {
            #expect(level.slope.low == Quantile.type7(sorted, (1 - level.confidence) / 2))
            #expect(level.slope.high == Quantile.type7(sorted, (1 + level.confidence) / 2))
            #expect(!level.usesExtremeOrderStatistics)
        }
        // Wider at higher levels.
        #expect(estimate.levelIntervals[2].slope.low < estimate.levelIntervals[1].slope.low)
        #expect(estimate.levelIntervals[1].slope.low < estimate.levelIntervals[0].slope.low)
    }

    /// With 150 resamples the 99% ends are at type-7 positions 0.745 and 148.255: extreme order
    /// statistics; 150 is also below 200 (95%) and 1000 (99%).
    @Test func fewResamplesWarn() throws {
        let report = try Self.report(resamples: 150)
        let levels = try #require(report.rows[0].estimate).levelIntervals
        #expect(levels.map(\.usesExtremeOrderStatistics) == [false, false, true])
        let warnings = report.intervalWarnings
        #expect(warnings.count == 3)
        #expect(warnings.filter { $0.hasPrefix("note: 150 resamples are few") }.count == 2)
        #expect(warnings.contains { $0.hasPrefix("warning: Early, all: extreme order statistics") && $0.contains("99%") })
        let json = try JSONSerialization.jsonObject(with: Data(try JSONReportFormatter.format(report).utf8)) as? [String: Any]
        #expect((json?["warnings"] as? [String]) == warnings)
        let row = try #require((json?["rows"] as? [[String: Any]])?.first)
        let intervals = try #require(row["intervals"] as? [[String: Any]])
        #expect(intervals.map { $0["confidence"] as? Double } == [0.9, 0.95, 0.99])
        #expect(intervals.map { $0["extremeOrderStatistics"] as? Bool } == [false, false, true])
        #expect(try Self.report(resamples: 1000).intervalWarnings.isEmpty)
    }
}

/// The command-line contract of `--confidence` lists and interval warnings.
@Suite struct IntervalCommandTests {

    /// A CSV of 30 rows of a noisy line, in a temporary file.
    static func dataFile() throws -> String {
        let rows = (0..<30).map { i in "\(Double(i) / 3),\(1 + 0.5 * Double(i) / 3 + (i % 3 == 0 ? 0.7 : -0.35))" }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trendfit-levels-\(UUID().uuidString).csv").path
        try (["x,y"] + rows).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: ["percentile", "studentized"])
    func bootstrapReportsOneIntervalPerLevel(method: String) throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let path = try Self.dataFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try TrendfitProcess.run(["bootstrap", path, "--y", "y", "--x", "x", "--resamples", "150", "--backend", "cpu",
                                           "--interval", method, "--confidence", "0.9,0.95,0.99", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["confidences"] as? [Double] == [0.9, 0.95, 0.99])
        #expect(json["confidence"] as? Double == 0.9)
        let coefficients = try #require(json["coefficients"] as? [[String: Any]])
        for coefficient in coefficients {
            let intervals = try #require(coefficient["intervals"] as? [[String: Any]])
            #expect(intervals.map { $0["confidence"] as? Double } == [0.9, 0.95, 0.99])
            #expect(intervals.map { $0["extremeOrderStatistics"] as? Bool } == [false, false, true])
            let primary = [intervals[0]["lower"] as? Double ?? .nan, intervals[0]["upper"] as? Double ?? .nan]
            #expect(coefficient["interval"] as? [Double] == primary)
            let lowers = intervals.compactMap { $0["lower"] as? Double }
            #expect(lowers.count == 3 && lowers[2] < lowers[1] && lowers[1] < lowers[0])
        }
        let warnings = try #require(json["warnings"] as? [String])
        #expect(warnings.count == 4, "\(warnings)")
        for warning in warnings { #expect(run.stderr.contains(warning)) }
        #expect(run.stderr.contains("warning: x: extreme order statistics used as endpoints of the 99% \(method) interval"))
        #expect(run.stderr.contains("note: 150 resamples are few for a 95% interval"))
    }

    /// Above 131 072 replicates the summaries' selection runs on `--threads` threads: every
    /// median, standard error and interval end is the same on one thread as on two.
    @Test func bootstrapSummariesDoNotDependOnThreads() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let path = try Self.dataFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        func coefficients(threads: Int) throws -> [[String: Any]] {
            let run = try TrendfitProcess.run(["bootstrap", path, "--y", "y", "--x", "x", "--resamples", "140000", "--backend", "cpu",
                                               "--threads", "\(threads)", "--interval", "bca", "--confidence", "0.9,0.99",
                                               "--format", "json"])
            #expect(run.status == 0, "\(run.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            return try #require(json["coefficients"] as? [[String: Any]])
        }
        let one = try coefficients(threads: 1)
        let two = try coefficients(threads: 2)
        #expect(one.count == 2)
        #expect(NSArray(array: one).isEqual(to: two))
    }

    @Test func badLevelsAreUsageErrors() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let run = try TrendfitProcess.run(["trends", "--confidence", "0.9,1.5", "--backend", "cpu"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("confidence levels must be strictly between 0 and 1, got 1.5"))
        #expect(run.stdout.isEmpty)
    }

    @Test func trendsReportsEveryLevelInJSON() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let run = try TrendfitProcess.run(["trends", "--confidence", "0.95,0.99", "--resamples", "400", "--backend", "cpu",
                                           "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.count == 8)
        for row in rows {
            let intervals = try #require(row["intervals"] as? [[String: Any]])
            #expect(intervals.map { $0["confidence"] as? Double } == [0.95, 0.99])
            #expect(intervals[0]["slope"] as? [Double] == row["slopeInterval"] as? [Double])
        }
        #expect(json["warnings"] as? [String] == ["note: 400 resamples are few for a 99% interval: each tail holds 2.0 of them "
                                                   + "on average (at least 5 wanted); use at least 1000 resamples"])
        #expect(run.stderr.contains("note: 400 resamples are few for a 99% interval"))
    }

    @Test func breakpointsReportEveryLevelInJSON() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let run = try TrendfitProcess.run(["breakpoints", "--from", "2008", "--to", "2014", "--step", "1y",
                                           "--confidence", "0.9,0.99", "--resamples", "300", "--backend", "cpu",
                                           "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let result = try #require((json["results"] as? [[String: Any]])?.first)
        let intervals = try #require(result["intervals"] as? [[String: Any]])
        #expect(intervals.map { $0["confidence"] as? Double } == [0.9, 0.99])
        #expect(intervals[0]["slopeBefore"] as? [Double] == result["slopeBeforeInterval"] as? [Double])
        #expect(intervals[0]["breakDate"] as? [String] == result["breakInterval"] as? [String])
        let before90 = try #require(intervals[0]["slopeBefore"] as? [Double])
        let before99 = try #require(intervals[1]["slopeBefore"] as? [Double])
        #expect(before99[0] < before90[0] && before90[2] < before99[2])
        #expect((json["warnings"] as? [String])?.count == 1 && run.stderr.contains("note: 300 resamples are few for a 99% interval"))
    }
}
