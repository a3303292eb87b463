import CVectorized

/// Computes bootstrap replicates one at a time: draw the resample, accumulate, solve.
///
/// One pass over the drawn rows accumulates, for `dⱼ = variableⱼ − shiftⱼ` (shift: the problem's
/// full-sample mean), the weighted sums `Sⱼ` and cross-products `Mⱼₖ`; the centred
/// cross-products are `Cⱼₖ = Mⱼₖ − Sⱼ·(Sₖ/W)`. Since the shifts are within a standard error of
/// the resample's own means this is as accurate as a second centring pass. The regressors' block
/// of C is equilibrated to unit diagonal and solved by Cholesky. The replicate is rank-deficient
/// (see `ReplicateStatus.rankDeficient`) when, with an intercept, a regressor takes one value in
/// every drawn row of positive weight (case resampling; exact, `hasConstantRegressor`), or when a pivot is at most
/// `Real.pivotTolerance` times the diagonal entry that the uncentred (shifted) cross-products
/// `Mⱼⱼ` get from the same equilibration: the part of regressor j that the intercept and the
/// earlier regressors leave unexplained must stand out from the rounding error of centring,
/// which is relative to `Mⱼⱼ`, not to `Cⱼⱼ`. Both rules are invariant under scaling a regressor.
/// Likewise the residual sum of squares `C_yy − ‖z‖²` is 0 unless it exceeds `Real.pivotTolerance`
/// times `M_yy`: below that it is the rounding residue of an exact fit (say, a case resample
/// drawing as many distinct rows as coefficients), whose size depends on the rounding of the
/// weights, not on the data, and would give the replicate a spurious standard error. The rule is
/// invariant under scaling the weights or the response.
/// `Kernels/bootstrap.cl` performs the same operations in the same order, which is what makes
/// the two backends bitwise equal.
///
/// Speed: the regressor differences come precomputed (`CentredDesign`), the replicate's Philox
/// words are generated up front eight blocks at a time in vector lanes (and mapped to row indices
/// in one vectorizable pass), and the row loop is
/// specialized per scheme (`ResampleDraw`) and per design stride, holding a whole design row in
/// one SIMD vector: row j of the cross-products accumulates `wdⱼ · d` lane-wise. Lanes are
/// independent IEEE operations, so each accumulator sees exactly the scalar kernel's sequence
/// of values (the lanes below the diagonal and past the width are computed and ignored). Four or
/// eight replicates at a time run instead (`runInterleaved`, with the same operations for each value):
/// case resampling in double precision in C, eight replicates per AVX-512 vector or four per AVX2
/// one (`caseRowSlots`): with one regressor wholly (`runCasePairs`), with 2 to 7 regressors the row
/// loop (`runCaseRows`, which in single precision runs as many replicates per AVX2 vector); residual resampling and the wild bootstrap with Rademacher signs of
/// one-regressor problems in double precision wholly in C at the same widths (`runFixedPairs`); and
/// the other fixed-design problems with the regressor block accumulated and factored once per
/// problem (`FixedDesignRowPass`).
/// Sendable because it only reads buffers that stay unchanged while replicates run.
struct ReplicateSolver<Real: KernelScalar>: @unchecked Sendable {
    let design: UnsafePointer<Real>
    let designStride: Int
    let weights: UnsafePointer<Real>?
    let descriptors: UnsafePointer<Int32>
    let shifts: UnsafePointer<Real>
    let fitted: UnsafePointer<Real>
    let residuals: UnsafePointer<Real>
    /// `ResamplingInputs.residualScales` (nil when empty).
    let residualScales: UnsafePointer<Real>?
    /// `ResamplingInputs.poolSizes`.
    let poolSizes: UnsafePointer<Int32>
    let scheme: BootstrapScheme
    let wildWeights: WildWeights
    /// `WildWeights.values(wildWeights)`, in lanes.
    let wildValues: SIMD8<Real>
    let seed: UInt64
    let jitter: Real
    let minimumDistinctRows: Int
    let firstProblem: Int
    let firstReplicate: Int
    /// Replicates `runCaseRows`, `runCasePairs` and `runFixedPairs` compute per call, one per vector lane: 8 where
    /// the CPU has AVX-512, 4 with AVX2 (`trendfit_case_rows_slots`); the replicates are the same
    /// either way.
    var caseRowSlots = max(ReplicateSolver.interleavedReplicates, Int(trendfit_case_rows_slots()))

    /// Working memory of one thread, allocated once and reused for every replicate.
    struct Scratch {
        let words: UnsafeMutablePointer<UInt32>
        let jitterWords: UnsafeMutablePointer<UInt32>
        let means = UnsafeMutablePointer<Real>.allocate(capacity: ProblemBatch.maxCoefficients + 1)
        let sums = UnsafeMutablePointer<Real>.allocate(capacity: ProblemBatch.maxCoefficients + 1)
        let cross = UnsafeMutablePointer<Real>.allocate(capacity: (ProblemBatch.maxCoefficients + 1) * (ProblemBatch.maxCoefficients + 1))
        let scales = UnsafeMutablePointer<Real>.allocate(capacity: ProblemBatch.maxCoefficients)
        let tolerances = UnsafeMutablePointer<Real>.allocate(capacity: ProblemBatch.maxCoefficients)
        let solution = UnsafeMutablePointer<Real>.allocate(capacity: ProblemBatch.maxCoefficients)
        let seen = UnsafeMutablePointer<Int>.allocate(capacity: BootstrapPlan.maxMinimumDistinctRows)
        /// The fixed-design sums of the last problem `runInterleaved` saw (`FixedDesignRowPass`).
        let designBlock = DesignBlock<Real>()
        /// The four slots' response sums and response columns (`FixedDesignRowPass`).
        let responseSums = UnsafeMutablePointer<Real>.allocate(capacity: ReplicateSolver.interleavedReplicates)
        let responseColumns = UnsafeMutablePointer<Real>.allocate(
            capacity: ReplicateSolver.interleavedReplicates * (ProblemBatch.maxCoefficients + 1))
        /// The slots' W, S and M of `runCaseRows` (slot r's S at `+ r · width`, M at `+ r · width²`).
        let slotWeightSums = UnsafeMutablePointer<Real>.allocate(capacity: ReplicateSolver.maxInterleavedReplicates)
        let slotSums = UnsafeMutablePointer<Real>.allocate(
            capacity: ReplicateSolver.maxInterleavedReplicates * (ProblemBatch.maxCoefficients + 1))
        let slotCross = UnsafeMutablePointer<Real>.allocate(
            capacity: ReplicateSolver.maxInterleavedReplicates * (ProblemBatch.maxCoefficients + 1) * (ProblemBatch.maxCoefficients + 1))
        /// Words per replicate slot: slot `r` of `runInterleaved` uses `words + r · wordStride`.
        let wordStride: Int

        /// Allocates room for the words of `maxInterleavedReplicates` resamples of up to `maxRows` rows.
        init(maxRows: Int) {
            let capacity = ReplicateStream.wordCapacity(rows: maxRows)
            wordStride = capacity
            words = .allocate(capacity: capacity * ReplicateSolver.maxInterleavedReplicates)
            jitterWords = .allocate(capacity: capacity * ReplicateSolver.maxInterleavedReplicates)
        }

        /// Frees the memory.
        func deallocate() {
            words.deallocate(); jitterWords.deallocate(); means.deallocate(); sums.deallocate(); cross.deallocate()
            scales.deallocate(); tolerances.deallocate(); solution.deallocate(); seen.deallocate()
            designBlock.deallocate(); responseSums.deallocate(); responseColumns.deallocate()
            slotWeightSums.deallocate(); slotSums.deallocate(); slotCross.deallocate()
        }
    }

    /// Computes replicate `replicate` of problem `problem`, writing its coefficients to `output`,
    /// its residual sum of squares to `residualSum` when given and, when `errors` is given, its coefficient
    /// standard errors there (all left untouched when excluded).
    @inline(__always)
    func run(problem: Int, replicate: Int, output: UnsafeMutablePointer<Real>, residualSum: UnsafeMutablePointer<Real>?,
             errors: UnsafeMutablePointer<Real>? = nil, scratch: Scratch) -> ReplicateStatus {
        let (rowStart, rowCount, hasIntercept, q, shift, streamProblem, threshold) = layout(of: problem)
        let stream = ReplicateStream(seed: seed, problem: streamProblem, replicate: firstReplicate + replicate)
        let words = UnsafePointer(scratch.words)
        fillDrawWords(stream, words: scratch.words, jitterWords: scratch.jitterWords, problem: problem, rowCount: rowCount)
        let pass = RowPass(design: design + rowStart * designStride, weights: weights.map { $0 + rowStart },
                           rowCount: rowCount, q: q, shift: shift, jitter: jitter, jitterWords: scratch.jitterWords,
                           threshold: threshold, sums: scratch.sums, cross: scratch.cross, seen: scratch.seen)
        let accumulated: RowPass<Real>.Result
        switch scheme {
        case .cases:
            accumulated = pass.run(CaseDraw<Real>(indices: words), stride: designStride)
        case .residuals:
            accumulated = pass.run(ResidualDraw(indices: words, fitted: fitted + rowStart, residuals: residuals + rowStart,
                                                scales: residualScales.map { $0 + rowStart }), stride: designStride)
        case .wild where wildWeights == .rademacher:
            accumulated = pass.run(WildDraw(words: words, fitted: fitted + rowStart, residuals: residuals + rowStart),
                                   stride: designStride)
        case .wild:
            accumulated = pass.run(WildWeightDraw(words: words, fitted: fitted + rowStart, residuals: residuals + rowStart,
                                                  weights: wildWeights, values: wildValues), stride: designStride)
        }
        if scheme == .cases && accumulated.distinct < threshold { return .tooFewDistinctRows }
        if scheme == .cases && hasIntercept
            && hasConstantRegressor(q: q, weightSum: accumulated.weightSum, indices: words, rowStart: rowStart,
                                    rowCount: rowCount, scratch: scratch) {
            return .rankDeficient
        }
        let positiveRows = errors == nil ? 0
            : positiveWeightRows(rowCount: rowCount, positions: scheme == .cases ? words : nil,
                                 weights: weights.map { $0 + rowStart })
        return solve(q: q, hasIntercept: hasIntercept, weightSum: accumulated.weightSum, shift: shift, output: output,
                     residualSum: residualSum, errors: errors, positiveRows: positiveRows, scratch: scratch)
    }

    /// Whether, with an intercept, some regressor takes one value in every drawn row of positive
    /// weight (case resampling; `indices` are the drawn rows, the sums of the row pass in `scratch`).
    ///
    /// Exact: the drawn values are compared. The row loop pays nothing for it: the drawn rows are
    /// read again only for a regressor whose centred sum of squares `Mⱼⱼ − Sⱼ·(Sⱼ/W)` is at most
    /// half its uncentred one `Mⱼⱼ` (the drawn mean is farther from the full-sample mean than the
    /// drawn values are from each other), which a constant regressor always satisfies, since its
    /// centred sum is a rounding residue of order n·ε·Mⱼⱼ, and a usable resample rarely does.
    @inline(__always)
    func hasConstantRegressor(q: Int, weightSum: Real, indices: UnsafePointer<UInt32>, rowStart: Int, rowCount: Int,
                              scratch: Scratch) -> Bool {
        let width = q + 1
        for j in 0..<q {
            let uncentred = scratch.cross[j * width + j]
            let centred = uncentred - scratch.sums[j] * (scratch.sums[j] / weightSum)
            if centred + centred > uncentred { continue }
            var first: Real? = nil
            var constant = true
            for t in 0..<rowCount where constant {
                let position = rowStart + Int(indices[t])
                guard weights.map({ $0[position] > 0 }) ?? true else { continue }
                let value = design[position * designStride + j]
                if let first { constant = value == first } else { first = value }
            }
            if constant { return true }
        }
        return false
    }

    /// Fills a replicate's words: row indices mapped to `drawBound` (case and residual schemes),
    /// one sign bit per row (Rademacher) or one word per row (Mammen, Webb), and the jitter words.
    @inline(__always)
    func fillDrawWords(_ stream: ReplicateStream, words: UnsafeMutablePointer<UInt32>,
                       jitterWords: UnsafeMutablePointer<UInt32>, problem: Int, rowCount: Int) {
        let blocks = (rowCount + 3) / 4
        switch scheme {
        case .wild where wildWeights == .rademacher:
            stream.fillWords(words, blockCount: (rowCount + 127) / 128, purpose: .sign)
        case .wild:
            stream.fillWords(words, blockCount: blocks, purpose: .wildWeight)
        default:
            stream.fillWords(words, blockCount: blocks, purpose: .rowIndex)
            ReplicateStream.mapToIndices(words, count: rowCount, bound: drawBound(problem: problem, rowCount: rowCount))
        }
        if jitter != 0 { stream.fillWords(jitterWords, blockCount: blocks, purpose: .jitter) }
    }

    /// The bound of a resample's drawn indices: the rows (case resampling) or the residual pool.
    @inline(__always)
    func drawBound(problem: Int, rowCount: Int) -> UInt32 {
        scheme == .residuals ? UInt32(poolSizes[problem]) : UInt32(rowCount)
    }

    /// Solves the centred normal equations of the accumulated sums; with `errors`, also writes the
    /// coefficient standard errors of a replicate with `positiveRows` rows of positive weight.
    ///
    /// In two steps: `factorRegressors` (the regressor block, which fixed-design replicates of a
    /// problem share, see `DesignBlock`), then `solveResponse` (the response's column). Each entry
    /// of the matrix sees the same operations in the same order as in one pass over the triangle.
    @inline(__always)
    func solve(q: Int, hasIntercept: Bool, weightSum: Real, shift: UnsafePointer<Real>,
               output: UnsafeMutablePointer<Real>, residualSum: UnsafeMutablePointer<Real>?,
               errors: UnsafeMutablePointer<Real>?, positiveRows: Int, scratch: Scratch) -> ReplicateStatus {
        let status = Self.factorRegressors(q: q, hasIntercept: hasIntercept, weightSum: weightSum, sums: scratch.sums,
                                           cross: scratch.cross, means: scratch.means, scales: scratch.scales,
                                           tolerances: scratch.tolerances)
        if status != .ok { return status }
        solveResponse(q: q, hasIntercept: hasIntercept, weightSum: weightSum, shift: shift, output: output,
                      residualSum: residualSum, errors: errors, positiveRows: positiveRows, scratch: scratch)
        return .ok
    }

    /// The regressors' part of `solve`: their means, the centred regressor block (upper triangle of
    /// `cross`, width q + 1) equilibrated to unit diagonal (`scales`) and factored by Cholesky
    /// A = UᵀU in place; `.rankDeficient` when W ≤ 0, a centred diagonal entry is not positive or a
    /// pivot is at most its tolerance (`Real.pivotTolerance` times the equilibrated uncentred
    /// diagonal entry, left in `tolerances`).
    @inline(__always)
    static func factorRegressors(q: Int, hasIntercept: Bool, weightSum: Real, sums: UnsafePointer<Real>,
                                 cross: UnsafeMutablePointer<Real>, means: UnsafeMutablePointer<Real>,
                                 scales: UnsafeMutablePointer<Real>, tolerances: UnsafeMutablePointer<Real>) -> ReplicateStatus {
        let width = q + 1
        if weightSum <= 0 { return .rankDeficient }
        for j in 0..<q { means[j] = hasIntercept ? sums[j] / weightSum : 0 }
        // The uncentred diagonal, kept in the tolerances until it is scaled below.
        for j in 0..<q { tolerances[j] = cross[j * width + j] }
        if hasIntercept {
            for j in 0..<q {
                for k in j..<q { cross[j * width + k] = cross[j * width + k] - sums[j] * means[k] }
            }
        }
        // Equilibrate the regressor block to unit diagonal.
        for j in 0..<q {
            let diagonal = cross[j * width + j]
            if !(diagonal > 0) { return .rankDeficient }
            let scale = 1 / diagonal.squareRoot()
            scales[j] = scale
            tolerances[j] = Real.pivotTolerance * ((tolerances[j] * scale) * scale)
        }
        for j in 0..<q {
            for k in j..<q { cross[j * width + k] = (cross[j * width + k] * scales[j]) * scales[k] }
        }
        // Cholesky A = UᵀU in place (upper triangle).
        for j in 0..<q {
            var pivot = cross[j * width + j]
            for i in 0..<j { pivot = pivot - cross[i * width + j] * cross[i * width + j] }
            if !(pivot > tolerances[j]) { return .rankDeficient }
            let root = pivot.squareRoot()
            cross[j * width + j] = root
            for k in (j + 1)..<q {
                var value = cross[j * width + k]
                for i in 0..<j { value = value - cross[i * width + j] * cross[i * width + k] }
                cross[j * width + k] = value / root
            }
        }
        return .ok
    }

    /// The response's part of `solve`, given the factored regressor block in `scratch`: the
    /// response's mean, its centred column (right-hand side, column q) equilibrated by the
    /// regressors' scales and eliminated with U, the residual sum of squares, back-substitution,
    /// the coefficients and, with `errors`, the standard errors.
    @inline(__always)
    func solveResponse(q: Int, hasIntercept: Bool, weightSum: Real, shift: UnsafePointer<Real>,
                       output: UnsafeMutablePointer<Real>, residualSum: UnsafeMutablePointer<Real>?,
                       errors: UnsafeMutablePointer<Real>?, positiveRows: Int, scratch: Scratch) {
        let width = q + 1
        let cross = scratch.cross
        let sums = scratch.sums
        let means = scratch.means
        means[q] = hasIntercept ? sums[q] / weightSum : 0
        let residualTolerance = Real.pivotTolerance * cross[q * width + q]
        if hasIntercept {
            for j in 0..<width { cross[j * width + q] = cross[j * width + q] - sums[j] * means[q] }
        }
        for j in 0..<q { cross[j * width + q] = (cross[j * width + q] * scratch.scales[j]) * 1 }
        // Column q of the elimination: z = U⁻ᵀ(the equilibrated right-hand side).
        for j in 0..<q {
            var value = cross[j * width + q]
            for i in 0..<j { value = value - cross[i * width + j] * cross[i * width + q] }
            cross[j * width + q] = value / cross[j * width + j]
        }
        // RSS = C_yy − ‖z‖² (z is column q after the elimination above); 0 when it does not stand
        // out from the rounding error of centring (an exact fit), which is relative to M_yy.
        var rss = cross[q * width + q]
        for j in 0..<q { rss = rss - cross[j * width + q] * cross[j * width + q] }
        let residual = rss > residualTolerance ? rss : 0
        residualSum?.pointee = residual
        // Back-substitution: U g = z.
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
        if let errors {
            writeStandardErrors(q: q, hasIntercept: hasIntercept, weightSum: weightSum, residualSum: residual,
                                positiveRows: positiveRows, shift: shift, scratch: scratch, errors: errors)
        }
    }
}
