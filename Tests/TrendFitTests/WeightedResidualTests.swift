import Foundation
import Testing
import TrendFit
import TestSupport

/// The residual bootstrap of a weighted fit: standardized residuals √wᵢ·eᵢ/√(1−hᵢ) put back on
/// the target row's scale by 1/√wₜ, rows of weight 0 left out of the pool.
@Suite struct WeightedResidualTests {
    /// Heteroscedastic rows (noise SD 1/√w, w from 0.1 to 10), with rows of weight 0 and wild
    /// responses inserted at `zeroWeightRows` when given.
    static func table(zeroWeightRows: Set<Int> = []) throws -> DataTable {
        var random = SplitMix64(state: 31)
        var rows: [(x: Double, y: Double, w: Double)] = (0..<200).map { _ in
            let date = 2000 + Double.random(in: 0...20, using: &random)
            let weight = pow(10, Double.random(in: -1...1, using: &random))
            let u1 = Double.random(in: Double.ulpOfOne...1, using: &random), u2 = Double.random(in: 0...1, using: &random)
            let noise = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            return (date, 1 + 0.3 * (date - 2000) + noise / weight.squareRoot(), weight)
        }
        for i in zeroWeightRows.sorted() { rows.insert((2000 + Double(i) / 10, 100, 0), at: i) }
        return try DataTable(columns: [("x", rows.map(\.x)), ("y", rows.map(\.y)), ("w", rows.map(\.w))])
    }

    static func batch(_ table: DataTable) throws -> ProblemBatch {
        try ProblemBatch(table: table, problems: [
            RegressionProblem(rows: (0..<Int32(table.rowCount)).map { $0 }, response: 1, regressors: [0], weights: 2),
        ])
    }

    /// The replicate slopes spread as the WLS standard error says (within 8%: the Monte Carlo
    /// error of a standard deviation from 4000 replicates is about 1.1%) and centre on the estimate.
    @Test(arguments: TestBackends.all())
    func slopeSpreadMatchesTheWLSStandardError(_ backend: TestBackend) throws {
        for zeroWeightRows in [Set<Int>(), [10, 100, 150]] {
            let batch = try Self.batch(Self.table(zeroWeightRows: zeroWeightRows))
            let fit = try backend.backend.fit(batch, precision: .double)[0]
            let replicates = try backend.backend.bootstrap(batch, plan: BootstrapPlan(scheme: .residuals, resamples: 4000, seed: 12),
                                                           precision: .double)
            let slopes = replicates.values(problem: 0, coefficient: 1)
            #expect(slopes.count == 4000)
            let mean = slopes.reduce(0, +) / Double(slopes.count)
            let spread = (slopes.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(slopes.count - 1)).squareRoot()
            #expect(abs(spread / fit.standardErrors[1] - 1) < 0.08,
                    "zero-weight rows \(zeroWeightRows.sorted()): spread \(spread) vs WLS SE \(fit.standardErrors[1])")
            #expect(abs(mean - fit.coefficients[1]) < 4 * spread / Double(slopes.count).squareRoot())
        }
    }

    /// Rows of weight 0 are left out of the pool: it is the pool of the same fit without them.
    @Test func zeroWeightRowsAreLeftOutOfThePool() throws {
        let without = PackedBatch(try Self.batch(Self.table()))
        let with = PackedBatch(try Self.batch(Self.table(zeroWeightRows: [10, 100, 150])))
        let reference = ResamplingInputs(batch: without, table: without.table, scheme: .residuals)
        let inputs = ResamplingInputs(batch: with, table: with.table, scheme: .residuals)
        #expect(inputs.poolSizes == [200])
        #expect(reference.poolSizes == [200])
        for i in 0..<200 { #expect(abs(inputs.residuals[i] - reference.residuals[i]) <= 1e-12, "pool entry \(i)") }
        // The pool is centred and the zero-weight rows get a scale of 0, the others 1/√w.
        #expect(abs(inputs.residuals[0..<200].reduce(0, +)) < 1e-9)
        for i in [10, 100, 150] { #expect(inputs.residualScales[i] == 0) }
        #expect(inputs.residualScales[11] == 1 / with.table[2 * with.tableRowCount + 11].squareRoot())
    }
}
