import CVectorized

extension ReplicateSolver {
    /// Whether fixed-design replicates of one-regressor problems run in C (`runFixedPairs`): double
    /// precision, designs of stride 2, residual resampling or the wild bootstrap with Rademacher signs.
    var runsFixedPairs: Bool {
        Real.self == Double.self && designStride == KernelABI.pairDesignStride
            && (scheme == .residuals || (scheme == .wild && wildWeights == .rademacher))
    }

    /// Computes `slots` residual-resampling or wild (Rademacher) replicates of a one-regressor
    /// problem in double precision with the C code of `Sources/CVectorized/fixed_pairs.c` (8:
    /// AVX-512, 4: AVX2); returns false, having done nothing, for float precision, an empty residual
    /// pool or a CPU without the instructions for that many.
    ///
    /// The C code draws the replicates' words side by side and runs `InterleavedRowPass`'s pair loop
    /// (with `ResidualDraw` or `WildDraw`) and `solve` (and, given `errors`, `writeStandardErrors`)
    /// in the lanes of one vector, with exactly their operations, so the results are bitwise those
    /// of the generic path (and of `Kernels/bootstrap.cl`). The arguments are `runInterleaved`'s,
    /// with the problem's descriptor already read.
    @inline(__always)
    func runFixedPairs(problem: Int, rowStart: Int, rowCount: Int, hasIntercept: Bool, shift: UnsafePointer<Real>,
                       streamProblem: Int, replicate: Int, slots: Int, output: UnsafeMutablePointer<Real>,
                       outputStride: Int, residualSum: UnsafeMutablePointer<Real>?, status: UnsafeMutablePointer<UInt8>,
                       errors: UnsafeMutablePointer<Real>?, scratch: Scratch) -> Bool {
        guard Real.self == Double.self else { return false }
        let resamplesResiduals = scheme == .residuals
        let poolSize = resamplesResiduals ? UInt32(poolSizes[problem]) : 0
        if resamplesResiduals && poolSize == 0 { return false }
        func doubles(_ values: UnsafePointer<Real>) -> UnsafePointer<Double> {
            UnsafeRawPointer(values + rowStart).assumingMemoryBound(to: Double.self)
        }
        var fixed = trendfit_fixed_pairs_problem(
            rows: pairProblem(rowStart: rowStart, rowCount: rowCount, hasIntercept: hasIntercept, threshold: 0,
                              shift: shift, streamProblem: streamProblem,
                              purpose: resamplesResiduals ? .rowIndex : .sign),
            fitted: doubles(fitted), residuals: doubles(residuals),
            residual_scales: resamplesResiduals ? residualScales.map(doubles) : nil, pool_size: poolSize)
        return trendfit_fixed_pair_replicates(&fixed, Int32(slots), UInt32(truncatingIfNeeded: firstReplicate + replicate),
                                              scratch.words, scratch.jitterWords,
                                              replicateOutputs(output: output, outputStride: outputStride,
                                                               residualSum: residualSum, status: status,
                                                               errors: errors)) != 0
    }
}
