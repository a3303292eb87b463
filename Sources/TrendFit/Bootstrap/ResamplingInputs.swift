/// Per-problem inputs of a bootstrap that do not change between replicates, computed on the host.
///
/// Both backends receive these same arrays, so device and CPU replicates start from identical
/// numbers: the centring shifts (each problem's full-sample weighted means, which keep the
/// one-pass cross-product accumulation accurate for dates near 2000), and for the residual and
/// wild schemes the fitted values and modified residuals `eᵢ / √(1 − hᵢ)` of every problem row,
/// from the refined full-sample fit (`StreamingQRFit`), each residual and fitted value rounded once.
public struct ResamplingInputs<Real: KernelScalar>: Sendable {
    /// Slots per problem in `shifts`: the largest regressor count plus the response.
    public static var shiftStride: Int { ProblemBatch.maxCoefficients + 1 }

    /// Centring shifts, `shiftStride` per problem (zero for problems without intercept).
    public let shifts: [Real]
    /// Fitted values per problem row (residual and wild schemes), aligned with `rowIndices`.
    public let fitted: [Real]
    /// Modified residuals per problem row (centred for the residual scheme).
    public let residuals: [Real]
    /// Problems whose full-sample fit failed: all their residual/wild replicates are excluded.
    public let unusableProblems: [Int]

    /// Computes the inputs of `plan.scheme` for a packed batch.
    public init(batch: PackedBatch, table: [Real], scheme: BootstrapScheme) {
        var shifts = Array(repeating: Real(0), count: batch.problemCount * Self.shiftStride)
        var fitted: [Real] = []
        var residuals: [Real] = []
        var unusable: [Int] = []
        let needsFit = scheme != .cases
        if needsFit {
            fitted = Array(repeating: 0, count: batch.rowIndices.count)
            residuals = Array(repeating: 0, count: batch.rowIndices.count)
        }
        table.withUnsafeBufferPointer { tablePointer in
            batch.rowIndices.withUnsafeBufferPointer { rowPointer in
                for k in 0..<batch.problemCount {
                    let descriptor = batch.descriptor(k)
                    let rows = ProblemRows(table: tablePointer.baseAddress!, tableRowCount: batch.tableRowCount,
                                           rowIndices: rowPointer.baseAddress!, descriptor: descriptor)
                    Self.writeShifts(rows, into: &shifts, at: k * Self.shiftStride)
                    if needsFit && !Self.writeResiduals(rows, scheme: scheme, start: descriptor.rowStart,
                                                         fitted: &fitted, residuals: &residuals) {
                        unusable.append(k)
                    }
                }
            }
        }
        self.shifts = shifts
        self.fitted = fitted
        self.residuals = residuals
        self.unusableProblems = unusable
    }

    private static func writeShifts(_ rows: ProblemRows<Real>, into shifts: inout [Real], at base: Int) {
        guard rows.hasIntercept else { return }
        var weightSum: Real = 0
        for i in 0..<rows.rowCount {
            let row = rows.tableRow(i)
            let w = rows.weight(row: row)
            weightSum += w
            for j in 0...rows.regressorCount { shifts[base + j] += w * rows.value(row: row, variable: j) }
        }
        guard weightSum > 0 else { return }
        for j in 0...rows.regressorCount { shifts[base + j] /= weightSum }
    }

    /// Writes fitted values and modified residuals; false when the problem cannot be fitted.
    private static func writeResiduals(_ rows: ProblemRows<Real>, scheme: BootstrapScheme, start: Int,
                                       fitted: inout [Real], residuals: inout [Real]) -> Bool {
        let fit = StreamingQRFit.fit(rows)
        guard fit.status == .ok else { return false }
        let q = rows.regressorCount
        var residualSum: Real = 0
        var centred = Array(repeating: Real(0), count: q)
        for i in 0..<rows.rowCount {
            let row = rows.tableRow(i)
            let (residual, prediction) = fit.residualAndFittedValue(rows, row: row)
            for j in 0..<q { centred[j] = rows.value(row: row, variable: j) - fit.means[j] }
            // Leverage hᵢ = wᵢ (1/W + ‖R⁻ᵀ(xᵢ − x̄)‖²), the last term without centring if no intercept.
            var leverageSum: Real = rows.hasIntercept ? 1 / fit.weightSum : 0
            for k in 0..<q {
                var component: Real = 0
                for j in 0...k { component += centred[j] * fit.inverseFactor[j * q + k] }
                leverageSum += component * component
            }
            let w = rows.weight(row: row)
            let leverage = w * leverageSum
            let modified = leverage < 1 - 1e-6 ? residual / (1 - leverage).squareRoot() : 0
            fitted[start + i] = prediction
            residuals[start + i] = modified
            residualSum += modified
        }
        if scheme == .residuals && rows.rowCount > 0 {
            let mean = residualSum / Real(rows.rowCount)
            for i in 0..<rows.rowCount { residuals[start + i] -= mean }
        }
        return true
    }
}
