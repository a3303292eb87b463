import Foundation
import Testing
import TestSupport
@testable import TrendAnalysis
import TrendFit

/// The bootstrap defaults of `trendfit bootstrap` and of the analysis settings are the library's.
@Suite struct BootstrapDefaultsTests {
    @Test func theAnalysisSettingsDrawWithTheLibrarysDefaults() {
        let standard = BootstrapSettings.standard
        #expect(standard.seed == BootstrapPlan.defaultSeed && standard.resamples == BootstrapPlan.defaultResamples)
        // Trends read no replicate residual sums of squares; breakpoints, which compare them, keep them.
        #expect(standard.plan == BootstrapPlan(resamples: BootstrapPlan.defaultResamples, seed: BootstrapPlan.defaultSeed,
                                               minimumDistinctRows: standard.minimumDistinctSystems, replicateResidualSums: false))
        #expect(standard.planWithResidualSums == BootstrapPlan(resamples: BootstrapPlan.defaultResamples, seed: BootstrapPlan.defaultSeed,
                                                               minimumDistinctRows: standard.minimumDistinctSystems))
    }

    @Test func theCommandWithoutOptionsDrawsTheDefaultPlan() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("defaults-\(UUID().uuidString).csv").path
        try GroupedBootstrapCommandTests.csv.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try TrendfitProcess.run(["bootstrap", path, "--y", "y", "--x", "x", "--backend", "cpu", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((object["seed"] as? NSNumber)?.uint64Value == BootstrapPlan.defaultSeed)
        #expect(object["resamples"] as? Int == BootstrapPlan.defaultResamples)
        let slope = try #require((object["coefficients"] as? [[String: Any]])?.last?["interval"] as? [Double])

        let table = try NumericTableReader.read(csv: GroupedBootstrapCommandTests.csv, source: "csv", columns: ["y", "x"])
        let batch = try ProblemBatch(table: table, problems: [RegressionProblem(rows: (0..<60).map { Int32($0) }, response: 0,
                                                                                regressors: [1])])
        let plan = BootstrapPlan(resamples: BootstrapPlan.defaultResamples, seed: BootstrapPlan.defaultSeed)
        let replicates = try CPUBackend().bootstrap(batch, plan: plan, precision: .double)
        let expected = try #require(QuantileInterval(percentilesOf: replicates.values(problem: 0, coefficient: 1), confidence: 0.95))
        #expect(abs(slope[0] - expected.low) < 1e-12 && abs(slope[1] - expected.high) < 1e-12)
    }
}
