/// Computes bootstrap replicates one at a time: draw the resample, accumulate, solve.
///
/// One pass over the drawn rows accumulates, for `dⱼ = variableⱼ − shiftⱼ` (shift: the problem's
/// full-sample mean), the weighted sums `Sⱼ` and cross-products `Mⱼₖ`; the centred
/// cross-products are `Cⱼₖ = Mⱼₖ − Sⱼ·(Sₖ/W)`. Since the shifts are within a standard error of
/// the resample's own means this is as accurate as a second centring pass. The regressors' block
/// of C is equilibrated to unit diagonal and solved by Cholesky; a pivot at or below
/// `Real.pivotTolerance` marks the replicate rank-deficient. `Kernels/bootstrap.cl` performs the
/// same operations in the same order, which is what makes the two backends bitwise equal.
/// Sendable because it only reads buffers that stay unchanged while replicates run.
struct ReplicateSolver<Real: KernelScalar>: @unchecked Sendable {
    let table: UnsafePointer<Real>
    let tableRowCount: Int
    let rowIndices: UnsafePointer<Int32>
    let descriptors: UnsafePointer<Int32>
    let shifts: UnsafePointer<Real>
    let fitted: UnsafePointer<Real>
    let residuals: UnsafePointer<Real>
    let scheme: BootstrapScheme
    let seed: UInt64
    let jitter: Real
    let minimumDistinctRows: Int
    let firstProblem: Int
    let firstReplicate: Int

    /// Working memory of one thread, allocated once and reused for every replicate.
    struct Scratch {
        let columns = UnsafeMutablePointer<UnsafePointer<Real>>.allocate(capacity: ProblemBatch.maxCoefficients + 1)
        let difference = UnsafeMutablePointer<Real>.allocate(capacity: ProblemBatch.maxCoefficients + 1)
        let sums = UnsafeMutablePointer<Real>.allocate(capacity: ProblemBatch.maxCoefficients + 1)
        let cross = UnsafeMutablePointer<Real>.allocate(capacity: (ProblemBatch.maxCoefficients + 1) * (ProblemBatch.maxCoefficients + 1))
        let scales = UnsafeMutablePointer<Real>.allocate(capacity: ProblemBatch.maxCoefficients)
        let solution = UnsafeMutablePointer<Real>.allocate(capacity: ProblemBatch.maxCoefficients)
        let seen = UnsafeMutablePointer<Int>.allocate(capacity: BootstrapPlan.maxMinimumDistinctRows)

        /// Frees the memory.
        func deallocate() {
            columns.deallocate(); difference.deallocate(); sums.deallocate(); cross.deallocate()
            scales.deallocate(); solution.deallocate(); seen.deallocate()
        }
    }

    /// Computes replicate `replicate` of problem `problem`, writing its coefficients to `output`.
    @inline(__always)
    func run(problem: Int, replicate: Int, output: UnsafeMutablePointer<Real>, scratch: Scratch) -> ReplicateStatus {
        let descriptor = descriptors + problem * PackedBatch.descriptorStride
        let rowStart = Int(descriptor[0])
        let rowCount = Int(descriptor[1])
        let weightColumn = Int(descriptor[3])
        let hasIntercept = descriptor[4] != 0
        let q = Int(descriptor[5])
        let width = q + 1
        let shift = shifts + problem * ResamplingInputs<Real>.shiftStride
        for j in 0..<q { scratch.columns[j] = table + Int(descriptor[6 + j]) * tableRowCount }
        scratch.columns[q] = table + Int(descriptor[2]) * tableRowCount
        let weights: UnsafePointer<Real>? = weightColumn < 0 ? nil : table + weightColumn * tableRowCount
        let rows = rowIndices + rowStart
        let stream = ReplicateStream(seed: seed, problem: firstProblem + problem, replicate: firstReplicate + replicate)
        let threshold = minimumDistinctRows == 0 ? q + (hasIntercept ? 1 : 0) : minimumDistinctRows
        let tracksDistinct = scheme == .cases

        var weightSum: Real = 0
        for j in 0..<width { scratch.sums[j] = 0 }
        for j in 0..<(width * width) { scratch.cross[j] = 0 }
        var distinct = 0
        var indexBlock: Philox4x32.Block = (0, 0, 0, 0)
        var jitterBlock: Philox4x32.Block = (0, 0, 0, 0)
        let counts = UInt32(rowCount)

        for t in 0..<rowCount {
            if t & 3 == 0 {
                if scheme != .wild { indexBlock = stream.block(t >> 2, purpose: .rowIndex) }
                if jitter != 0 { jitterBlock = stream.block(t >> 2, purpose: .jitter) }
            }
            if scheme == .wild && t & 127 == 0 { indexBlock = stream.block(t >> 7, purpose: .sign) }

            let position: Int
            var response: Real
            switch scheme {
            case .cases:
                position = ReplicateStream.index(ReplicateStream.word(indexBlock, t), count: counts)
                response = scratch.columns[q][Int(rows[position])]
                if tracksDistinct && distinct < threshold {
                    var found = false
                    for s in 0..<distinct where scratch.seen[s] == position { found = true }
                    if !found { scratch.seen[distinct] = position; distinct += 1 }
                }
            case .residuals:
                position = t
                let drawn = ReplicateStream.index(ReplicateStream.word(indexBlock, t), count: counts)
                response = fitted[rowStart + t] + residuals[rowStart + drawn]
            case .wild:
                position = t
                let word = ReplicateStream.word(indexBlock, t >> 5)
                let residual = residuals[rowStart + t]
                response = fitted[rowStart + t] + ((word >> UInt32(t & 31)) & 1 == 1 ? residual : -residual)
            }
            if jitter != 0 {
                response = response + jitter * ReplicateStream.symmetricUnit(ReplicateStream.word(jitterBlock, t))
            }
            let row = Int(rows[position])
            for j in 0..<q { scratch.difference[j] = scratch.columns[j][row] - shift[j] }
            scratch.difference[q] = response - shift[q]
            let w: Real = weights?[row] ?? 1
            weightSum = weightSum + w
            for j in 0..<width {
                let weighted = w * scratch.difference[j]
                scratch.sums[j] = scratch.sums[j] + weighted
                for k in j..<width {
                    scratch.cross[j * width + k] = scratch.cross[j * width + k] + weighted * scratch.difference[k]
                }
            }
        }
        if tracksDistinct && distinct < threshold { return .tooFewDistinctRows }
        return solve(q: q, hasIntercept: hasIntercept, weightSum: weightSum, shift: shift, output: output, scratch: scratch)
    }

    /// Solves the centred normal equations of the accumulated sums.
    @inline(__always)
    private func solve(q: Int, hasIntercept: Bool, weightSum: Real, shift: UnsafePointer<Real>,
                       output: UnsafeMutablePointer<Real>, scratch: Scratch) -> ReplicateStatus {
        let width = q + 1
        let cross = scratch.cross
        let sums = scratch.sums
        if weightSum <= 0 { return .rankDeficient }
        let means = scratch.difference
        for j in 0..<width { means[j] = hasIntercept ? sums[j] / weightSum : 0 }
        if hasIntercept {
            for j in 0..<width {
                for k in j..<width { cross[j * width + k] = cross[j * width + k] - sums[j] * means[k] }
            }
        }
        // Equilibrate the regressor block to unit diagonal.
        for j in 0..<q {
            let diagonal = cross[j * width + j]
            if !(diagonal > 0) { return .rankDeficient }
            scratch.scales[j] = 1 / diagonal.squareRoot()
        }
        for j in 0..<q {
            for k in j..<width {
                let scaleK = k < q ? scratch.scales[k] : 1
                cross[j * width + k] = (cross[j * width + k] * scratch.scales[j]) * scaleK
            }
        }
        // Cholesky A = UᵀU in place (upper triangle), with the right-hand side in column q.
        for j in 0..<q {
            var pivot = cross[j * width + j]
            for i in 0..<j { pivot = pivot - cross[i * width + j] * cross[i * width + j] }
            if !(pivot > Real.pivotTolerance) { return .rankDeficient }
            let root = pivot.squareRoot()
            cross[j * width + j] = root
            for k in (j + 1)..<width {
                var value = cross[j * width + k]
                for i in 0..<j { value = value - cross[i * width + j] * cross[i * width + k] }
                cross[j * width + k] = value / root
            }
        }
        // Back-substitution: U g = z (z is column q after the elimination above).
        for j in stride(from: q - 1, through: 0, by: -1) {
            var value = cross[j * width + q]
            for k in (j + 1)..<q { value = value - cross[j * width + k] * scratch.solution[k] }
            scratch.solution[j] = value / cross[j * width + j]
        }
        let offset = hasIntercept ? 1 : 0
        for j in 0..<q { output[offset + j] = scratch.solution[j] * scratch.scales[j] }
        if hasIntercept {
            var intercept = shift[q] + means[q]
            for j in 0..<q { intercept = intercept - output[offset + j] * (shift[j] + means[j]) }
            output[0] = intercept
        }
        return .ok
    }
}
