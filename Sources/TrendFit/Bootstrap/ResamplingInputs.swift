/// Per-problem inputs of a bootstrap that do not change between replicates, computed on the host.
///
/// Both backends receive these same arrays, so device and CPU replicates start from identical
/// numbers: the centring shifts (each problem's full-sample weighted means, which keep the
/// one-pass cross-product accumulation accurate for dates near 2000), and for the residual and
/// wild schemes the fitted values and modified residuals of every problem row, from the refined
/// full-sample fit (`StreamingQRFit`), each residual and fitted value rounded once.
///
/// With weights (hᵢ the weighted leverage), the residual scheme resamples the standardized
/// residuals `√wᵢ·eᵢ / √(1 − hᵢ)` of the rows of positive weight, centred, and puts a drawn one
/// back on the scale of its target row t by `1/√wₜ` (`residualScales`): the replicate slopes
/// then spread as the WLS standard error says. Rows of weight 0 are left out of the pool and get
/// a scale of 0 (they add nothing to a weighted fit either way).
public struct ResamplingInputs<Real: KernelScalar>: Sendable {
    /// Centring shifts, `KernelABI.shiftStride` per problem (zero for problems without intercept).
    public let shifts: [Real]
    /// Fitted values per problem row (residual and wild schemes), aligned with `rowIndices`.
    public let fitted: [Real]
    /// Wild scheme: the modified residual `eᵢ / √(1 − hᵢ)` of each problem row. Residual scheme:
    /// the pool, `poolSizes[k]` centred standardized residuals from problem k's first row slot on.
    public let residuals: [Real]
    /// Residual scheme of a weighted batch: `1/√wₜ` per problem row (0 for weight 0); else empty.
    public let residualScales: [Real]
    /// Residuals in each problem's pool (residual scheme: its rows of positive weight; else its rows).
    public let poolSizes: [Int32]
    /// Problems whose full-sample fit failed: all their residual/wild replicates are excluded.
    public let unusableProblems: [Int]

    /// Computes the inputs of `plan.scheme` for a packed batch.
    public init(batch: PackedBatch, table: [Real], scheme: BootstrapScheme) {
        var shifts = Array(repeating: Real(0), count: batch.problemCount * KernelABI.shiftStride)
        var fitted: [Real] = []
        var residuals: [Real] = []
        var residualScales: [Real] = []
        var poolSizes = (0..<batch.problemCount).map { Int32(batch.descriptor($0).rowCount) }
        var unusable: [Int] = []
        let needsFit = scheme != .cases
        if needsFit {
            fitted = Array(repeating: 0, count: batch.rowIndices.count)
            residuals = Array(repeating: 0, count: batch.rowIndices.count)
        }
        let weighted = (0..<batch.problemCount).contains { batch.descriptor($0).weights != nil }
        if scheme == .residuals && weighted { residualScales = Array(repeating: 1, count: batch.rowIndices.count) }
        table.withUnsafeBufferPointer { tablePointer in
            batch.rowIndices.withUnsafeBufferPointer { rowPointer in
                for k in 0..<batch.problemCount {
                    let descriptor = batch.descriptor(k)
                    let rows = ProblemRows(table: tablePointer.baseAddress!, tableRowCount: batch.tableRowCount,
                                           rowIndices: rowPointer.baseAddress!, descriptor: descriptor)
                    Self.writeShifts(rows, into: &shifts, at: k * KernelABI.shiftStride)
                    guard needsFit else { continue }
                    if !Self.writeResiduals(rows, scheme: scheme, start: descriptor.rowStart, fitted: &fitted,
                                            residuals: &residuals, poolSize: &poolSizes[k]) {
                        unusable.append(k)
                    }
                    if scheme == .residuals && rows.weightColumn >= 0 {
                        for i in 0..<rows.rowCount {
                            let w = rows.weight(row: rows.tableRow(i))
                            residualScales[descriptor.rowStart + i] = w > 0 ? 1 / w.squareRoot() : 0
                        }
                    }
                }
            }
        }
        self.shifts = shifts
        self.fitted = fitted
        self.residuals = residuals
        self.residualScales = residualScales
        self.poolSizes = poolSizes
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

    /// Writes fitted values and modified residuals (the residual scheme's pool, with its size);
    /// false when the problem cannot be fitted.
    private static func writeResiduals(_ rows: ProblemRows<Real>, scheme: BootstrapScheme, start: Int,
                                       fitted: inout [Real], residuals: inout [Real], poolSize: inout Int32) -> Bool {
        let fit = StreamingQRFit.fit(rows)
        guard fit.status == .ok else { return false }
        let q = rows.regressorCount
        var residualSum: Real = 0
        var pooled = 0
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
            switch scheme {
            case .residuals:
                guard w > 0 else { continue }
                let standardized = rows.weightColumn < 0 ? modified : w.squareRoot() * modified
                residuals[start + pooled] = standardized
                residualSum += standardized
                pooled += 1
            default:
                residuals[start + i] = modified
            }
        }
        if scheme == .residuals {
            poolSize = Int32(pooled)
            let mean = pooled > 0 ? residualSum / Real(pooled) : 0
            for i in 0..<pooled { residuals[start + i] -= mean }
        }
        return true
    }
}
