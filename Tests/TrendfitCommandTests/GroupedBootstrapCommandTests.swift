import Foundation
import Testing
@testable import TrendAnalysis
import TrendFit
import TestSupport

/// `trendfit bootstrap --strata COL` and `--clusters COL`, run as a subprocess.
@Suite struct GroupedBootstrapCommandTests {
    /// Sixty rows, three per date, each date's rows in three domains.
    static let csv: String = {
        var random = SplitMix64(state: 12)
        let rows = (0..<60).map { i -> String in
            let date = 2000 + i / 3
            let x = Double(date) + Double.random(in: 0..<1, using: &random)
            let y = 0.3 * Double(i / 3) + Double.random(in: -1...1, using: &random)
            return "\(x),\(y),\(date),\(["Vision", "Language", "Games"][i % 3])"
        }
        return (["x,y,date,domain"] + rows).joined(separator: "\n") + "\n"
    }()

    @Test func labelsNumberTheDistinctTextsAndRejectEmptyCells() throws {
        let read = try GroupLabelReader.read(csv: "a,g\n1,x\n2,y\n3, x\n4,z\n", source: "t.csv", column: "g")
        #expect(read.labels == [0, 1, 0, 2] && read.groupCount == 3)
        #expect(throws: DatasetError.malformedField(source: "t.csv", line: 3, columnNumber: 2, column: "g", text: "",
                                                    expected: "a group (the cell is empty)")) {
            try GroupLabelReader.read(csv: "a,g\n1,x\n2,\n", source: "t.csv", column: "g")
        }
    }

    @Test(arguments: [CaseGrouping.strata, .clusters])
    func theCommandGivesTheEnginesGroupedPercentiles(_ grouping: CaseGrouping) throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("grouped-\(UUID().uuidString).csv").path
        try Self.csv.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let column = grouping == .strata ? "domain" : "date"
        let run = try TrendfitProcess.run(["bootstrap", path, "--y", "y", "--x", "x", "--\(grouping.rawValue)", column,
                                           "--resamples", "400", "--seed", "9", "--backend", "cpu", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["grouping"] as? String == grouping.rawValue && object["groupColumn"] as? String == column)
        #expect(object["groups"] as? Int == (grouping == .strata ? 3 : 20))
        let slope = try #require((object["coefficients"] as? [[String: Any]])?.last?["interval"] as? [Double])

        let table = try NumericTableReader.read(csv: Self.csv, source: "csv", columns: ["y", "x"])
        let labels = try GroupLabelReader.read(csv: Self.csv, source: "csv", column: column).labels
        let batch = try ProblemBatch(table: table, problems: [RegressionProblem(rows: (0..<60).map { Int32($0) }, response: 0,
                                                                                regressors: [1], groups: labels)])
        let replicates = try CPUBackend().bootstrap(batch, plan: BootstrapPlan(resamples: 400, seed: 9, grouping: grouping),
                                                    precision: .double)
        let expected = try #require(QuantileInterval(percentilesOf: replicates.values(problem: 0, coefficient: 1), confidence: 0.95))
        #expect(abs(slope[0] - expected.low) < 1e-12 && abs(slope[1] - expected.high) < 1e-12)
        let plain = try CPUBackend().bootstrap(batch, plan: BootstrapPlan(resamples: 400, seed: 9), precision: .double)
        #expect(QuantileInterval(percentilesOf: plain.values(problem: 0, coefficient: 1), confidence: 0.95)?.low != expected.low)
    }

    @Test func groupingOptionsAreChecked() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("grouped-\(UUID().uuidString).csv").path
        try (Self.csv + "2030.5,1,,Vision\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let common = ["bootstrap", path, "--y", "y", "--x", "x", "--backend", "cpu"]
        let both = try TrendfitProcess.run(common + ["--strata", "domain", "--clusters", "date"])
        #expect(both.status == 64 && both.stderr.contains("either --strata or --clusters"))
        let residuals = try TrendfitProcess.run(common + ["--strata", "domain", "--scheme", "residuals"])
        #expect(residuals.status == 64 && residuals.stderr.contains("--strata with --scheme residuals: strata resampling draws cases"))
        let bca = try TrendfitProcess.run(common + ["--clusters", "date", "--interval", "bca"])
        #expect(bca.status == 64 && bca.stderr.contains("jackknife"))
        let empty = try TrendfitProcess.run(common + ["--clusters", "date"])
        #expect(empty.status == 1 && empty.stderr.contains(":62: column 3 'date': cannot read '' as a group (the cell is empty)"))
        let missing = try TrendfitProcess.run(common + ["--strata", "field"])
        #expect(missing.status == 1 && missing.stderr.contains("no column 'field' (the group column)"))
    }
}
