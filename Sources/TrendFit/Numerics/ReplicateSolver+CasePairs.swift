import CVectorized

extension ReplicateSolver {
    /// Computes four case-resampling replicates of a one-regressor problem in double precision
    /// with the AVX2 loop of `Sources/CVectorized/case_pairs.c`; returns false, having done
    /// nothing, for float precision or a CPU without AVX2.
    ///
    /// The C loop draws the four replicates' Philox words side by side and accumulates their sums
    /// in the lanes of one vector, with exactly the operations of `InterleavedRowPass`'s pair loop,
    /// so the results are bitwise those of the generic path (and of `Kernels/bootstrap.cl`). The
    /// arguments are `runInterleaved`'s, with the problem's descriptor already read.
    @inline(__always)
    func runCasePairs(rowStart: Int, rowCount: Int, hasIntercept: Bool, threshold: Int, shift: UnsafePointer<Real>,
                      streamProblem: Int, replicate: Int, output: UnsafeMutablePointer<Real>, outputStride: Int,
                      residualSum: UnsafeMutablePointer<Real>, status: UnsafeMutablePointer<UInt8>,
                      scratch: Scratch) -> Bool {
        guard Real.self == Double.self else { return false }
        let stream = ReplicateStream(seed: seed, problem: streamProblem, replicate: 0)
        var problem = trendfit_case_pairs_problem(
            design: UnsafeRawPointer(design + rowStart * 2).assumingMemoryBound(to: Double.self),
            weights: weights.map { UnsafeRawPointer($0 + rowStart).assumingMemoryBound(to: Double.self) },
            row_count: Int64(rowCount), response_shift: Double(shift[1]), jitter: Double(jitter),
            problem: stream.problem, index_purpose: ReplicateStream.Purpose.rowIndex.rawValue,
            jitter_purpose: ReplicateStream.Purpose.jitter.rawValue, key0: stream.key.0, key1: stream.key.1)
        let sums = scratch.pairSums
        let done = trendfit_case_pair_sums(&problem, UInt32(truncatingIfNeeded: firstReplicate + replicate),
                                           scratch.words, scratch.jitterWords, sums)
        guard done != 0 else { return false }
        let saturation = 1 << (Real.significandBitCount + 1)
        let count = Real(min(rowCount, saturation))
        for slot in 0..<Self.interleavedReplicates {
            func sum(_ statistic: Int) -> Real { Real(sums[4 * statistic + slot]) }
            let state = InterleavedRowPass<Real>.State(sums: SIMD2(sum(1), sum(2)), row0: SIMD2(sum(3), sum(4)),
                                                       row1: SIMD2(0, sum(5)),
                                                       weightSum: weights == nil ? count : sum(0))
            finish(state, draws: scratch.words + slot, drawStride: Self.interleavedReplicates, q: 1,
                   hasIntercept: hasIntercept, threshold: threshold, rowCount: rowCount, shift: shift,
                   output: output + slot * outputStride, residualSum: residualSum + slot, status: status + slot,
                   scratch: scratch)
        }
        return true
    }
}
