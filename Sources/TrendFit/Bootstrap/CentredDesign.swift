/// Every problem's rows gathered once per bootstrap call, in the layout the replicate loops read.
///
/// Position `i` of problem `k` (its i-th listed row) occupies `stride` values starting at
/// `(rowStart + i) · stride`: the centred regressors `xⱼ − shiftⱼ` (j < q), the raw response,
/// then zeros. `stride` is `KernelABI.designStride(forWidth:)` of the batch's widest problem, so a
/// position is one aligned SIMD vector. Both backends read this same array, so
/// the centring subtraction happens once per problem, identically for both, instead of once
/// per drawn row. Weights, when a problem has them, are one value per position in `weights`.
public struct CentredDesign<Real: KernelScalar>: Sendable {
    /// Values per position.
    public let stride: Int
    /// Centred regressors and raw responses, `stride` values per position.
    public let values: [Real]
    /// Case weight per position (1 for unweighted problems); empty when no problem is weighted.
    public let weights: [Real]

    /// Gathers the rows of every problem of `batch` from `table`, centred by `shifts`.
    public init(batch: PackedBatch, table: [Real], shifts: [Real]) {
        let descriptors = (0..<batch.problemCount).map(batch.descriptor)
        let widest = descriptors.map { $0.regressors.count + 1 }.max() ?? 1
        stride = KernelABI.designStride(forWidth: widest)
        let positions = batch.rowIndices.count
        var values = Array(repeating: Real(0), count: positions * stride)
        let weighted = descriptors.contains { $0.weights != nil }
        var weights = weighted ? Array(repeating: Real(1), count: positions) : []
        let shiftStride = KernelABI.shiftStride
        for (k, descriptor) in descriptors.enumerated() {
            let q = descriptor.regressors.count
            for i in 0..<descriptor.rowCount {
                let position = descriptor.rowStart + i
                let row = Int(batch.rowIndices[position])
                for (j, column) in descriptor.regressors.enumerated() {
                    values[position * stride + j] = table[column * batch.tableRowCount + row] - shifts[k * shiftStride + j]
                }
                values[position * stride + q] = table[descriptor.response * batch.tableRowCount + row]
                if let column = descriptor.weights { weights[position] = table[column * batch.tableRowCount + row] }
            }
        }
        self.values = values
        self.weights = weights
    }
}
