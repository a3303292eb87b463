import Foundation
import Testing
import TestSupport
import TrendAnalysis
import TrendFit

/// `trendfit bootstrap --scheme wild --wild-weights …`, run as a subprocess.
@Suite struct WildWeightsCommandTests {
    @Test func theCommandGivesTheEnginesMammenPercentiles() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TrendfitProcess.executable.path))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wild-\(UUID().uuidString).csv").path
        try GroupedBootstrapCommandTests.csv.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let common = ["bootstrap", path, "--y", "y", "--x", "x", "--resamples", "400", "--seed", "9", "--backend", "cpu",
                      "--format", "json"]
        let run = try TrendfitProcess.run(common + ["--scheme", "wild", "--wild-weights", "mammen"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["scheme"] as? String == "wild" && object["wildWeights"] as? String == "mammen")
        let slope = try #require((object["coefficients"] as? [[String: Any]])?.last?["interval"] as? [Double])

        let table = try NumericTableReader.read(csv: GroupedBootstrapCommandTests.csv, source: "csv", columns: ["y", "x"])
        let batch = try ProblemBatch(table: table, problems: [RegressionProblem(rows: (0..<60).map { Int32($0) }, response: 0,
                                                                                regressors: [1])])
        let plan = BootstrapPlan(scheme: .wild, resamples: 400, seed: 9, wildWeights: .mammen)
        let replicates = try CPUBackend().bootstrap(batch, plan: plan, precision: .double)
        let expected = try #require(QuantileInterval(percentilesOf: replicates.values(problem: 0, coefficient: 1), confidence: 0.95))
        #expect(abs(slope[0] - expected.low) < 1e-12 && abs(slope[1] - expected.high) < 1e-12)

        // Other schemes do not report wild weights; an unknown distribution is a usage error.
        let cases = try TrendfitProcess.run(common)
        let casesObject = try #require(try JSONSerialization.jsonObject(with: Data(cases.stdout.utf8)) as? [String: Any])
        #expect(casesObject["wildWeights"] == nil)
        let unknown = try TrendfitProcess.run(common + ["--scheme", "wild", "--wild-weights", "gauss"])
        #expect(unknown.status == 64 && unknown.stderr.contains("'rademacher', 'mammen' or 'webb'"))
    }
}
