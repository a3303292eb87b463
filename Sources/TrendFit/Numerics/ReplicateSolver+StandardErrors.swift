/// Each replicate's own coefficient standard errors, for studentized (bootstrap-t) intervals.
///
/// Computed only when the plan asks (`BootstrapPlan.replicateStandardErrors`), after the solve,
/// from what the solve leaves: the Cholesky factor U of the equilibrated regressor block
/// A = D C D (C: the centred weighted cross-products, D = diag(scales)), the means and the
/// residual sum of squares. With σ̂² = RSS / (n₊ − p), n₊ the replicate's rows of positive
/// weight (case resampling: drawn rows, repeats counted; fixed-design schemes: the problem's
/// rows), the slope j has SE = √(σ̂² · [A⁻¹]ⱼⱼ) · Dⱼ with [A⁻¹]ⱼⱼ = ‖U⁻ᵀeⱼ‖², and the intercept
/// SE = √(σ̂² · (1/W + ‖U⁻ᵀD x̄‖²)), x̄ the replicate's weighted regressor means: the diagonal of
/// σ̂²(XᵀWX)⁻¹, as `StreamingQRFit` gives for the full sample. Without residual degrees of
/// freedom (n₊ ≤ p) the errors are zero. `Kernels/bootstrap.cl` (`replicate_standard_errors`,
/// for both kernels) and the AVX2 trend-line code (`store_standard_errors` in
/// `Sources/CVectorized/case_pairs.c`, q = 1) perform the same operations in the same order.
extension ReplicateSolver {
    /// Rows of positive weight among a replicate's `rowCount` rows: those at the drawn
    /// `positions` (case resampling) or the problem's own rows (fixed-design schemes).
    @inline(__always)
    func positiveWeightRows(rowCount: Int, positions: UnsafePointer<UInt32>?, weights: UnsafePointer<Real>?) -> Int {
        guard let weights else { return rowCount }
        var count = 0
        for t in 0..<rowCount where weights[positions.map { Int($0[t]) } ?? t] > 0 { count += 1 }
        return count
    }

    /// Writes the standard errors of a solved replicate to `errors` (intercept first), using
    /// `scratch.solution` as working memory.
    @inline(__always)
    func writeStandardErrors(q: Int, hasIntercept: Bool, weightSum: Real, residualSum: Real, positiveRows: Int,
                             shift: UnsafePointer<Real>, scratch: Scratch, errors: UnsafeMutablePointer<Real>) {
        let width = q + 1
        let cross = scratch.cross
        let work = scratch.solution
        let offset = hasIntercept ? 1 : 0
        let degreesOfFreedom = positiveRows - q - offset
        let variance: Real = degreesOfFreedom > 0 ? residualSum / Real(degreesOfFreedom) : 0
        for j in 0..<q {
            // Uᵀz = eⱼ by forward substitution (zᵢ = 0 for i < j); [A⁻¹]ⱼⱼ = ‖z‖².
            var sum: Real = 0
            for i in j..<q {
                var value: Real = i == j ? 1 : 0
                for k in j..<i { value = value - cross[k * width + i] * work[k] }
                work[i] = value / cross[i * width + i]
                sum = sum + work[i] * work[i]
            }
            errors[offset + j] = (variance * sum).squareRoot() * scratch.scales[j]
        }
        if hasIntercept {
            // Uᵀz = D x̄; the intercept's diagonal entry is 1/W + ‖z‖².
            var sum: Real = 1 / weightSum
            for i in 0..<q {
                var value = (shift[i] + scratch.means[i]) * scratch.scales[i]
                for k in 0..<i { value = value - cross[k * width + i] * work[k] }
                work[i] = value / cross[i * width + i]
                sum = sum + work[i] * work[i]
            }
            errors[0] = (variance * sum).squareRoot()
        }
    }
}
