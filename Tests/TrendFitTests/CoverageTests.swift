import Foundation
import Testing
import TrendFit
import TestSupport

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
        let backend: any RegressionBackend = try TestBackends.devices.first.map { try TestBackends.openCL($0) } ?? CPUBackend()
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

/// Studentized (bootstrap-t) intervals where percentile intervals under-cover: small samples with
/// skewed, heteroscedastic errors. Seeded, so the counts are fixed; the studentized coverage must be
/// near nominal and the percentile coverage (same replicates) clearly below it.
@Suite struct StudentizedCoverageTests {
    /// Coverage of the 95% percentile and studentized intervals of coefficient `coefficient` over
    /// `experiments` samples of `n` rows, `y = 1 + slope·x + e` with exponential errors scaled by `noise(x)`.
    static func coverage(experiments: Int, n: Int, regressors: Int, scheme: BootstrapScheme, seed: UInt64,
                         noise: (Double) -> Double) throws -> (percentile: Double, studentized: Double) {
        let trueSlope = 0.5
        var random = SplitMix64(state: seed)
        var x: [Double] = []
        var y: [Double] = []
        for _ in 0..<(experiments * n) {
            let value = Double.random(in: 0...1, using: &random)
            let exponential = -log(Double.random(in: Double.ulpOfOne...1, using: &random)) - 1
            x.append(value)
            y.append(1 + (regressors == 1 ? trueSlope * value : 0) + noise(value) * exponential)
        }
        let table = try DataTable(columns: [("x", x), ("y", y)])
        let problems = (0..<experiments).map { e in
            RegressionProblem(rows: (0..<Int32(n)).map { Int32(e * n) + $0 }, response: 1, regressors: regressors == 1 ? [0] : [])
        }
        let batch = try ProblemBatch(table: table, problems: problems)
        let backend: any RegressionBackend = try TestBackends.devices.first.map { try TestBackends.openCL($0) } ?? CPUBackend()
        let fits = try backend.fit(batch, precision: .double)
        let plan = BootstrapPlan(scheme: scheme, resamples: 999, seed: seed, replicateStandardErrors: true)
        let replicates = try backend.bootstrap(batch, plan: plan, precision: .double)
        let coefficient = regressors
        let truth = regressors == 1 ? trueSlope : 1.0
        var covered = (percentile: 0, studentized: 0)
        for e in 0..<experiments {
            let values = replicates.values(problem: e, coefficient: coefficient)
            let percentile = try CoefficientSummary(estimate: fits[e].coefficients[coefficient], replicates: values,
                                                    method: .percentile, confidence: 0.95)
            let studentized = try CoefficientSummary(
                estimate: fits[e].coefficients[coefficient], replicates: values, method: .studentized, confidence: 0.95,
                replicateStandardErrors: replicates.standardErrorValues(problem: e, coefficient: coefficient),
                estimateStandardError: fits[e].standardErrors[coefficient])
            if percentile.lower <= truth && truth <= percentile.upper { covered.percentile += 1 }
            if studentized.lower <= truth && truth <= studentized.upper { covered.studentized += 1 }
        }
        let coverage = (Double(covered.percentile) / Double(experiments), Double(covered.studentized) / Double(experiments))
        print("coverage (README): n = \(n), \(regressors == 1 ? "slope" : "mean"), \(scheme): percentile \(coverage.0), studentized \(coverage.1)")
        return coverage
    }

    /// The mean of 12 exponential values (an intercept-only model): the textbook case where the
    /// percentile interval under-covers and bootstrap-t does not (Davison & Hinkley §5.2–5.3).
    @Test func skewedMean() throws {
        let coverage = try Self.coverage(experiments: 1000, n: 12, regressors: 0, scheme: .cases, seed: 31) { _ in 1 }
        #expect(coverage.percentile < 0.915, "percentile \(coverage.percentile)")
        #expect((0.925...0.975).contains(coverage.studentized), "studentized \(coverage.studentized)")
    }

    /// A slope from 12 rows with skewed errors whose spread grows by half across x (case
    /// resampling), and with skewed errors under the wild bootstrap.
    @Test(arguments: [(BootstrapScheme.cases, 0.5), (.wild, 0)])
    func skewedSlope(scheme: BootstrapScheme, spreadGrowth: Double) throws {
        let coverage = try Self.coverage(experiments: 1000, n: 12, regressors: 1, scheme: scheme, seed: 47) { x in
            1 + spreadGrowth * x
        }
        #expect(coverage.percentile < 0.915, "percentile \(coverage.percentile)")
        #expect((0.925...0.975).contains(coverage.studentized), "studentized \(coverage.studentized)")
    }
}
