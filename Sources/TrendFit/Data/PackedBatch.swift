/// A batch flattened into the plain arrays that both backends read.
///
/// Problem `k` is described by `descriptors[k * descriptorStride ..< (k + 1) * descriptorStride]`:
/// `[rowStart, rowCount, response, weights (−1: none), intercept (0/1), regressorCount,
/// stream index (−1: the plan's default), regressor columns…]`; its rows are `rowIndices[rowStart ..< rowStart + rowCount]`.
package struct PackedBatch: Sendable {
    /// Int32 slots per problem descriptor.
    package static let descriptorStride = 7 + ProblemBatch.maxCoefficients

    /// Rows of the table.
    package let tableRowCount: Int
    /// The table, column-major, its columns scaled by `scaling`.
    package let table: [Double]
    /// The powers of two the table's columns are scaled by (see `BatchScaling`).
    package let scaling: BatchScaling
    /// Concatenated row indices of all problems.
    package let rowIndices: [Int32]
    /// Problem descriptors.
    package let descriptors: [Int32]
    /// Number of problems.
    package let problemCount: Int
    /// Coefficient slots per problem in result arrays.
    package let coefficientStride: Int

    /// Packs a batch, its table scaled for arithmetic in `precision`.
    package init(_ batch: ProblemBatch, precision: Precision = .double) {
        tableRowCount = batch.table.rowCount
        scaling = BatchScaling(batch: batch, precision: precision)
        table = scaling.scaledValues(of: batch.table)
        problemCount = batch.problems.count
        coefficientStride = batch.coefficientStride
        var rows: [Int32] = []
        rows.reserveCapacity(batch.problems.reduce(0) { $0 + $1.rows.count })
        var descriptors = Array(repeating: Int32(0), count: batch.problems.count * Self.descriptorStride)
        for (k, problem) in batch.problems.enumerated() {
            let base = k * Self.descriptorStride
            descriptors[base] = Int32(rows.count)
            descriptors[base + 1] = Int32(problem.rows.count)
            descriptors[base + 2] = Int32(problem.response)
            descriptors[base + 3] = Int32(problem.weights ?? -1)
            descriptors[base + 4] = problem.hasIntercept ? 1 : 0
            descriptors[base + 5] = Int32(problem.regressors.count)
            descriptors[base + 6] = Int32(problem.streamIndex ?? -1)
            for (j, column) in problem.regressors.enumerated() {
                descriptors[base + 7 + j] = Int32(column)
            }
            rows.append(contentsOf: problem.rows)
        }
        rowIndices = rows
        self.descriptors = descriptors
    }

    /// The descriptor of problem `k`.
    package func descriptor(_ k: Int) -> ProblemDescriptor {
        ProblemDescriptor(descriptors[(k * Self.descriptorStride)..<((k + 1) * Self.descriptorStride)])
    }
}

/// The decoded descriptor of one packed problem.
package struct ProblemDescriptor: Sendable {
    /// First position of the problem's rows in `rowIndices`.
    package let rowStart: Int
    /// Number of rows.
    package let rowCount: Int
    /// Response column.
    package let response: Int
    /// Weight column, or nil.
    package let weights: Int?
    /// Whether there is an intercept.
    package let hasIntercept: Bool
    /// Bootstrap stream index, or nil for the plan's default.
    package let streamIndex: Int?
    /// Regressor columns.
    package let regressors: [Int]

    init(_ slots: ArraySlice<Int32>) {
        let s = Array(slots)
        rowStart = Int(s[0])
        rowCount = Int(s[1])
        response = Int(s[2])
        weights = s[3] < 0 ? nil : Int(s[3])
        hasIntercept = s[4] != 0
        streamIndex = s[6] < 0 ? nil : Int(s[6])
        regressors = s[7..<(7 + Int(s[5]))].map(Int.init)
    }

    /// Number of coefficients.
    package var coefficientCount: Int { regressors.count + (hasIntercept ? 1 : 0) }
}
