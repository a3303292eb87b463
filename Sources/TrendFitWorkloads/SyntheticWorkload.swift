import TrendFit

/// A seeded synthetic regression batch for benchmarks and backend comparisons.
///
/// Every problem owns `rowsPerProblem` rows of one shared table: regressor 0 is a date in
/// [1985, 2045) (dates near 2000 are what the engine centres for), the other regressors are
/// uniform on [−1, 1), and the response is `3 + 0.3·(x₀ − 2015) + Σⱼ 0.5·xⱼ + noise` with
/// uniform noise on [−1, 1). A weighted workload adds case weights uniform on [0.5, 1.5).
/// Values come from Philox4x32 keyed by `seed`, so the same workload is the same batch on
/// every machine.
public struct SyntheticWorkload: Sendable, Equatable {
    /// Rows per problem (n).
    public var rowsPerProblem: Int
    /// Coefficients per problem (p), the intercept included: p − 1 regressors.
    public var coefficientCount: Int
    /// Number of problems in the batch.
    public var problemCount: Int
    /// Seed of the data (not of the bootstrap streams).
    public var seed: UInt64
    /// Whether the problems carry case weights (table column `w`).
    public var weighted: Bool

    /// Creates a workload description.
    public init(rowsPerProblem: Int, coefficientCount: Int, problemCount: Int = 1, seed: UInt64 = 1, weighted: Bool = false) {
        self.rowsPerProblem = rowsPerProblem
        self.coefficientCount = coefficientCount
        self.problemCount = problemCount
        self.seed = seed
        self.weighted = weighted
    }

    /// Number of regressors (p − 1: every problem has an intercept).
    public var regressorCount: Int { coefficientCount - 1 }

    /// Checks that the shape can be built and fitted.
    public func validate() throws(WorkloadError) {
        guard (2...ProblemBatch.maxCoefficients).contains(coefficientCount) else { throw .coefficientCount(coefficientCount) }
        guard rowsPerProblem > coefficientCount else {
            throw .tooFewRows(rows: rowsPerProblem, coefficients: coefficientCount)
        }
        guard problemCount > 0, rowsPerProblem * problemCount <= Int(Int32.max) else {
            throw .problemCount(problemCount, rows: rowsPerProblem)
        }
    }

    /// Builds the batch: table columns x0 … x(p−2), y (and w when weighted); problem k uses rows k·n ..< (k + 1)·n.
    public func makeBatch() throws -> ProblemBatch {
        try validate()
        let q = regressorCount
        let rowCount = rowsPerProblem * problemCount
        let key = (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
        // Column c draws word (row % 4) of block (row / 4, c); the noise is column q.
        func unit(_ row: Int, _ column: Int) -> Double {
            let block = Philox4x32.generate(counter: (UInt32(row >> 2), UInt32(column), 0, 0x5EED), key: key)
            return ReplicateStream.symmetricUnit(ReplicateStream.word(block, row))
        }
        var columns: [(name: String, values: [Double])] = (0..<q).map { j in
            let values = (0..<rowCount).map { row in j == 0 ? 2015 + 30 * unit(row, j) : unit(row, j) }
            return (name: "x\(j)", values: values)
        }
        let response = (0..<rowCount).map { row in
            (1..<q).reduce(3 + 0.3 * (columns[0].values[row] - 2015)) { $0 + 0.5 * columns[$1].values[row] } + unit(row, q)
        }
        columns.append((name: "y", values: response))
        if weighted { columns.append((name: "w", values: (0..<rowCount).map { row in 1 + 0.5 * unit(row, q + 1) })) }
        let table = try DataTable(columns: columns)
        let problems = (0..<problemCount).map { k in
            RegressionProblem(rows: (0..<Int32(rowsPerProblem)).map { Int32(k * rowsPerProblem) + $0 },
                              response: q, regressors: Array(0..<q), weights: weighted ? q + 1 : nil)
        }
        return try ProblemBatch(table: table, problems: problems)
    }
}
