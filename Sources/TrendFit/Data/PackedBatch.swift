/// A batch flattened into the plain arrays that both backends read.
///
/// Problem `k` is described by `descriptors[k * KernelABI.descriptorStride ..< (k + 1) * KernelABI.descriptorStride]`,
/// its slots those of `KernelABI.DescriptorSlot`; its rows are `rowIndices[rowStart ..< rowStart + rowCount]`.
public struct PackedBatch: Sendable {
    /// Rows of the table.
    public let tableRowCount: Int
    /// The table, column-major, its columns scaled by `scaling`.
    public let table: [Double]
    /// The powers of two the table's columns are scaled by (see `BatchScaling`).
    public let scaling: BatchScaling
    /// Concatenated row indices of all problems.
    public let rowIndices: [Int32]
    /// Problem descriptors.
    public let descriptors: [Int32]
    /// Number of problems.
    public let problemCount: Int
    /// Coefficient slots per problem in result arrays.
    public let coefficientStride: Int

    /// Packs a batch, its table scaled for arithmetic in `precision`.
    public init(_ batch: ProblemBatch, precision: Precision = .double) {
        tableRowCount = batch.table.rowCount
        scaling = BatchScaling(batch: batch, precision: precision)
        table = scaling.scaledValues(of: batch.table)
        problemCount = batch.problems.count
        coefficientStride = batch.coefficientStride
        var rows: [Int32] = []
        rows.reserveCapacity(batch.problems.reduce(0) { $0 + $1.rows.count })
        var descriptors = Array(repeating: Int32(0), count: batch.problems.count * KernelABI.descriptorStride)
        for (k, problem) in batch.problems.enumerated() {
            let base = k * KernelABI.descriptorStride
            func write(_ slot: KernelABI.DescriptorSlot, _ value: Int, offset: Int = 0) {
                descriptors[base + slot.rawValue + offset] = Int32(value)
            }
            write(.rowStart, rows.count)
            write(.rowCount, problem.rows.count)
            write(.response, problem.response)
            write(.weights, problem.weights ?? -1)
            write(.intercept, problem.hasIntercept ? 1 : 0)
            write(.regressorCount, problem.regressors.count)
            write(.stream, problem.streamIndex ?? -1)
            for (j, column) in problem.regressors.enumerated() { write(.regressors, column, offset: j) }
            rows.append(contentsOf: problem.rows)
        }
        rowIndices = rows
        self.descriptors = descriptors
    }

    /// The descriptor of problem `k`.
    public func descriptor(_ k: Int) -> ProblemDescriptor {
        ProblemDescriptor(descriptors[(k * KernelABI.descriptorStride)..<((k + 1) * KernelABI.descriptorStride)])
    }
}

/// The decoded descriptor of one packed problem.
public struct ProblemDescriptor: Sendable {
    /// First position of the problem's rows in `rowIndices`.
    public let rowStart: Int
    /// Number of rows.
    public let rowCount: Int
    /// Response column.
    public let response: Int
    /// Weight column, or nil.
    public let weights: Int?
    /// Whether there is an intercept.
    public let hasIntercept: Bool
    /// Bootstrap stream index, or nil for the plan's default.
    public let streamIndex: Int?
    /// Regressor columns.
    public let regressors: [Int]

    init(_ slots: ArraySlice<Int32>) {
        func read(_ slot: KernelABI.DescriptorSlot, offset: Int = 0) -> Int { Int(slots[slots.startIndex + slot.rawValue + offset]) }
        rowStart = read(.rowStart)
        rowCount = read(.rowCount)
        response = read(.response)
        weights = read(.weights) < 0 ? nil : read(.weights)
        hasIntercept = read(.intercept) != 0
        streamIndex = read(.stream) < 0 ? nil : read(.stream)
        regressors = (0..<read(.regressorCount)).map { read(.regressors, offset: $0) }
    }

    /// Number of coefficients.
    public var coefficientCount: Int { regressors.count + (hasIntercept ? 1 : 0) }
}
