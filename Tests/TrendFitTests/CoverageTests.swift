import Foundation
import Testing
import TrendFit

/// Repeated synthetic experiments with a known slope: the 95% percentile interval must cover it
/// in 92–98% of them. All experiments run as one batch (one problem each).
@Suite struct CoverageTests {
    @Test func percentileIntervalCoversTheTrueSlope() throws {
        let experiments = 1000
        let n = 60
        let trueSlope = 0.5
        var random = SplitMix64(state: 2024)
        var x: [Double] = []
        var y: [Double] = []
        for _ in 0..<(experiments * n) {
            let date = 2000 + Double.random(in: 0...20, using: &random)
            // Box–Muller normal noise.
            let u1 = Double.random(in: Double.ulpOfOne...1, using: &random)
            let u2 = Double.random(in: 0...1, using: &random)
            let noise = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            x.append(date)
            y.append(3 + trueSlope * (date - 2000) + noise)
        }
        let table = try DataTable(columns: [("x", x), ("y", y)])
        let problems = (0..<experiments).map { e in
            RegressionProblem(rows: (0..<Int32(n)).map { Int32(e * n) + $0 }, response: 1, regressors: [0])
        }
        let batch = try ProblemBatch(table: table, problems: problems)
        let backend: any RegressionBackend = TestBackends.openCL() ?? CPUBackend()
        let fits = try backend.fit(batch, precision: .double)
        let replicates = try backend.bootstrap(batch, plan: BootstrapPlan(resamples: 999, seed: 77), precision: .double)
        var covered = 0
        for e in 0..<experiments {
            let summary = try CoefficientSummary(estimate: fits[e].coefficients[1], replicates: replicates.values(problem: e, coefficient: 1),
                                                 method: .percentile, confidence: 0.95)
            if summary.lower <= trueSlope && trueSlope <= summary.upper { covered += 1 }
        }
        let coverage = Double(covered) / Double(experiments)
        #expect((0.92...0.98).contains(coverage), "coverage \(coverage)")
    }
}
