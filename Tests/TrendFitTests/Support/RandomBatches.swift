import TrendFit
import TestSupport

/// Random regression batches: a table of dates near 2000, noisy responses, optional weights.
enum RandomBatches {
    /// A batch of `problemCount` problems over a table of `rowCount` rows with `regressorCount` regressors.
    ///
    /// With `tiedValues`, every regressor takes one of that many values (ties, so that case
    /// resamples of small problems are often degenerate); `zeroWeightShare` of the weights are 0.
    static func make(rowCount: Int, regressorCount: Int, problemCount: Int, rowsPerProblem: ClosedRange<Int>,
                     weighted: Bool = false, hasIntercept: Bool = true, tiedValues: Int? = nil,
                     zeroWeightShare: Double = 0, seed: UInt64) throws -> ProblemBatch {
        var random = SplitMix64(state: seed)
        var columns: [(name: String, values: [Double])] = []
        for j in 0..<regressorCount {
            let offset = j == 0 ? 2000.0 : 0
            columns.append(("x\(j)", (0..<rowCount).map { _ in
                if let tiedValues { return offset + 7.5 * Double(Int.random(in: 0..<tiedValues, using: &random)) }
                return offset + Double.random(in: -15...15, using: &random)
            }))
        }
        let y = (0..<rowCount).map { i in
            columns.reduce(3.0) { $0 + 0.3 * ($1.values[i] - ($1.name == "x0" ? 2000 : 0)) }
                + Double.random(in: -1...1, using: &random)
        }
        columns.append(("y", y))
        columns.append(("w", (0..<rowCount).map { _ in
            let w = Double.random(in: 0.5...2, using: &random)
            return zeroWeightShare > 0 && Double.random(in: 0..<1, using: &random) < zeroWeightShare ? 0 : w
        }))
        let table = try DataTable(columns: columns)
        let problems = (0..<problemCount).map { _ in
            let n = Int.random(in: rowsPerProblem, using: &random)
            return RegressionProblem(rows: (0..<n).map { _ in Int32.random(in: 0..<Int32(rowCount), using: &random) },
                                     response: regressorCount, regressors: Array(0..<regressorCount),
                                     hasIntercept: hasIntercept, weights: weighted ? regressorCount + 1 : nil)
        }
        return try ProblemBatch(table: table, problems: problems)
    }
}
