/// The row loop of four replicates of a fixed-design scheme (residual and wild resampling).
///
/// A fixed-design resample keeps every row's design and weight and replaces only its response,
/// so W, the regressors' sums Sⱼ and their cross-products Mⱼₖ (j, k < q) are the same in every
/// replicate of a problem: `DesignBlock` accumulates them once per problem, with `RowPass`'s
/// operations on the same values in the same order, hence bitwise what each replicate's own pass
/// would give, and so is their factorization (`ReplicateSolver.factorRegressors`). The row loop
/// then carries, for four replicates side by side, only what the response enters: S_q and M_qq
/// (four lanes, one per replicate) and the column `(w·d₀, …, w·d_{q−1}) · d_q` (M_{jq}, one
/// design-stride vector per replicate), as `RowPass` forms those entries (`weighted[j] · d[q]`);
/// lanes from q on are computed and ignored. `solveResponse` finishes each replicate.
struct FixedDesignRowPass<Real: KernelScalar>: InterleavedPass {
    /// The problem's first design position.
    let design: UnsafePointer<Real>
    /// The problem's first position weight, or nil for unit weights.
    let weights: UnsafePointer<Real>?
    let rowCount: Int
    let q: Int
    let designStride: Int
    let responseShift: Real
    let jitter: Real
    /// Jitter words of slot 0; slot `r` at `+ r · wordStride`.
    let jitterWords: UnsafePointer<UInt32>
    let wordStride: Int
    /// Where the four slots' sums go: S_q of slot r at `responseSums[r]`, its M_{0q} … M_{qq} at
    /// `responseColumns + r · (q + 1)`.
    let responseSums: UnsafeMutablePointer<Real>
    let responseColumns: UnsafeMutablePointer<Real>

    @inline(__always)
    func run<Draw: ResampleDraw>(_ draws: (Draw, Draw, Draw, Draw)) where Draw.Real == Real {
        switch (jitter == 0, weights == nil) {
        case (true, true): run(draws, RowLoop<RowSwitch.Off, RowSwitch.Off>.self)
        case (true, false): run(draws, RowLoop<RowSwitch.Off, RowSwitch.On>.self)
        case (false, true): run(draws, RowLoop<RowSwitch.On, RowSwitch.Off>.self)
        case (false, false): run(draws, RowLoop<RowSwitch.On, RowSwitch.On>.self)
        }
    }

    @inline(__always)
    private func run<Draw: ResampleDraw, M: RowMode>(_ draws: (Draw, Draw, Draw, Draw), _ mode: M.Type)
    where Draw.Real == Real {
        switch designStride {
        case 2: accumulate(draws, SIMD2<Real>.self, mode)
        case 4: accumulate(draws, SIMD4<Real>.self, mode)
        case 8: accumulate(draws, SIMD8<Real>.self, mode)
        case 16: accumulate(draws, SIMD16<Real>.self, mode)
        default: accumulate(draws, SIMD32<Real>.self, mode)
        }
    }

    @inline(__always)
    private func accumulate<Draw: ResampleDraw, V: SIMD, M: RowMode>(_ draws: (Draw, Draw, Draw, Draw), _: V.Type,
                                                                     _: M.Type)
    where Draw.Real == Real, V.Scalar == Real {
        var sums = SIMD4<Real>()
        var squares = SIMD4<Real>()
        var columns = (V(), V(), V(), V())
        let jitter0 = jitterWords, jitter1 = jitterWords + wordStride
        let jitter2 = jitterWords + 2 * wordStride, jitter3 = jitterWords + 3 * wordStride
        for t in 0..<rowCount {
            let d = UnsafeRawPointer(design + t * V.scalarCount).loadUnaligned(as: V.self)
            var responses = SIMD4<Real>(draws.0.response(t), draws.1.response(t), draws.2.response(t), draws.3.response(t))
            if M.Jitter.isOn {
                let units = SIMD4<Real>(ReplicateStream.symmetricUnit(jitter0[t]), ReplicateStream.symmetricUnit(jitter1[t]),
                                  ReplicateStream.symmetricUnit(jitter2[t]), ReplicateStream.symmetricUnit(jitter3[t]))
                responses = responses + SIMD4(repeating: jitter) * units
            }
            let dy = responses - SIMD4(repeating: responseShift)
            var weightedRow = d
            var weightedY = dy
            if M.Weights.isOn, let weights {
                let w = weights[t]
                weightedRow = V(repeating: w) * d
                weightedY = SIMD4(repeating: w) * dy
            }
            sums = sums + weightedY
            squares = squares + weightedY * dy
            columns.0 = columns.0 + weightedRow * V(repeating: dy[0])
            columns.1 = columns.1 + weightedRow * V(repeating: dy[1])
            columns.2 = columns.2 + weightedRow * V(repeating: dy[2])
            columns.3 = columns.3 + weightedRow * V(repeating: dy[3])
        }
        let width = q + 1
        for j in 0..<q {
            responseColumns[j] = columns.0[j]
            responseColumns[width + j] = columns.1[j]
            responseColumns[2 * width + j] = columns.2[j]
            responseColumns[3 * width + j] = columns.3[j]
        }
        for r in 0..<4 {
            responseSums[r] = sums[r]
            responseColumns[r * width + q] = squares[r]
        }
    }
}

/// What the replicates of a fixed-design problem share: W, the regressors' sums Sⱼ and the
/// regressor block of M (upper triangle, row-major with width q + 1), factored as `solve` factors
/// it (`ReplicateSolver.factorRegressors`: means, scales, U in `cross`, status), with the problem
/// they belong to, so that a thread computes them once per problem (see `FixedDesignRowPass`).
struct DesignBlock<Real: KernelScalar> {
    /// The problem whose block this is (−1: none yet).
    let problem = UnsafeMutablePointer<Int>.allocate(capacity: 1)
    let weightSum = UnsafeMutablePointer<Real>.allocate(capacity: 1)
    /// `factorRegressors`' status: `.ok` or `.rankDeficient` for every replicate of the problem.
    let status = UnsafeMutablePointer<ReplicateStatus>.allocate(capacity: 1)
    let sums = UnsafeMutablePointer<Real>.allocate(capacity: ProblemBatch.maxCoefficients + 1)
    let cross = UnsafeMutablePointer<Real>.allocate(capacity: (ProblemBatch.maxCoefficients + 1) * (ProblemBatch.maxCoefficients + 1))
    let means = UnsafeMutablePointer<Real>.allocate(capacity: ProblemBatch.maxCoefficients + 1)
    let scales = UnsafeMutablePointer<Real>.allocate(capacity: ProblemBatch.maxCoefficients)
    let tolerances = UnsafeMutablePointer<Real>.allocate(capacity: ProblemBatch.maxCoefficients)

    init() { problem.pointee = -1 }

    /// Frees the memory.
    func deallocate() {
        problem.deallocate(); weightSum.deallocate(); status.deallocate(); sums.deallocate(); cross.deallocate()
        means.deallocate(); scales.deallocate(); tolerances.deallocate()
    }

    /// Computes problem `index`'s block unless it is already here: with weight `w` per row, `w`
    /// to W, `w·dⱼ` to Sⱼ and `(w·dⱼ)·dₖ` to Mⱼₖ, in row order (`RowPass`'s operations on the
    /// lanes below q; unweighted, W is the saturated row count), then the factorization.
    @inline(__always)
    func load(problem index: Int, design: UnsafePointer<Real>, designStride: Int, weights: UnsafePointer<Real>?,
              rowCount: Int, q: Int, hasIntercept: Bool) {
        if problem.pointee == index { return }
        switch designStride {
        case 2: accumulate(SIMD2<Real>.self, design: design, weights: weights, rowCount: rowCount, q: q)
        case 4: accumulate(SIMD4<Real>.self, design: design, weights: weights, rowCount: rowCount, q: q)
        case 8: accumulate(SIMD8<Real>.self, design: design, weights: weights, rowCount: rowCount, q: q)
        case 16: accumulate(SIMD16<Real>.self, design: design, weights: weights, rowCount: rowCount, q: q)
        default: accumulate(SIMD32<Real>.self, design: design, weights: weights, rowCount: rowCount, q: q)
        }
        status.pointee = ReplicateSolver<Real>.factorRegressors(q: q, hasIntercept: hasIntercept, weightSum: weightSum.pointee,
                                                                sums: sums, cross: cross, means: means, scales: scales,
                                                                tolerances: tolerances)
        problem.pointee = index
    }

    private func accumulate<V: SIMD>(_: V.Type, design: UnsafePointer<Real>, weights: UnsafePointer<Real>?, rowCount: Int,
                                     q: Int) where V.Scalar == Real {
        let saturation = 1 << (Real.significandBitCount + 1)
        var total: Real = weights == nil ? Real(min(rowCount, saturation)) : 0
        var rowSums = V()
        withUnsafeTemporaryAllocation(of: V.self, capacity: V.scalarCount) { rows in
            for j in 0..<V.scalarCount { rows[j] = V() }
            for t in 0..<rowCount {
                let d = UnsafeRawPointer(design + t * V.scalarCount).loadUnaligned(as: V.self)
                var weighted = d
                if let weights {
                    total = total + weights[t]
                    weighted = V(repeating: weights[t]) * d
                }
                rowSums = rowSums + weighted
                for j in 0..<q { rows[j] = rows[j] + V(repeating: weighted[j]) * d }
            }
            let width = q + 1
            for j in 0..<q {
                sums[j] = rowSums[j]
                for k in j..<q { cross[j * width + k] = rows[j][k] }
            }
        }
        weightSum.pointee = total
    }
}
