import CVectorized

extension ReplicateSolver {
    /// Computes `slots` case-resampling replicates of a one-regressor problem in double precision
    /// with the C code of `Sources/CVectorized/case_pairs.c` (8: AVX-512, 4: AVX2); returns false,
    /// having done nothing, for float precision or a CPU without the instructions for that many.
    ///
    /// The C code draws the replicates' Philox words side by side, accumulates their sums and
    /// solves their normal equations in the lanes of one vector, with exactly the operations of
    /// `InterleavedRowPass`'s pair loop and `solve` (and, given `errors`, `writeStandardErrors`),
    /// so the results are bitwise those of the generic path (and of `Kernels/bootstrap.cl`). The arguments are `runInterleaved`'s, with the
    /// problem's descriptor already read.
    @inline(__always)
    func runCasePairs(rowStart: Int, rowCount: Int, hasIntercept: Bool, threshold: Int, shift: UnsafePointer<Real>,
                      streamProblem: Int, replicate: Int, slots: Int, output: UnsafeMutablePointer<Real>,
                      outputStride: Int, residualSum: UnsafeMutablePointer<Real>?, status: UnsafeMutablePointer<UInt8>,
                      errors: UnsafeMutablePointer<Real>?, scratch: Scratch) -> Bool {
        guard Real.self == Double.self else { return false }
        var problem = pairProblem(rowStart: rowStart, rowCount: rowCount, hasIntercept: hasIntercept, threshold: threshold,
                                  shift: shift, streamProblem: streamProblem, purpose: .rowIndex)
        return trendfit_case_pair_replicates(&problem, Int32(slots),
                                             UInt32(truncatingIfNeeded: firstReplicate + replicate), scratch.words,
                                             scratch.jitterWords,
                                             replicateOutputs(output: output, outputStride: outputStride,
                                                              residualSum: residualSum, status: status,
                                                              errors: errors)) != 0
    }

    /// The C description of a one-regressor problem (double precision): its rows, shifts, jitter,
    /// tolerance, intercept, distinct-row threshold and stream, its draws of purpose `purpose`.
    @inline(__always)
    func pairProblem(rowStart: Int, rowCount: Int, hasIntercept: Bool, threshold: Int, shift: UnsafePointer<Real>,
                     streamProblem: Int, purpose: ReplicateStream.Purpose) -> trendfit_case_pairs_problem {
        let stream = ReplicateStream(seed: seed, problem: streamProblem, replicate: 0)
        return trendfit_case_pairs_problem(
            design: UnsafeRawPointer(design + rowStart * 2).assumingMemoryBound(to: Double.self),
            weights: weights.map { UnsafeRawPointer($0 + rowStart).assumingMemoryBound(to: Double.self) },
            row_count: Int64(rowCount), regressor_shift: Double(shift[0]), response_shift: Double(shift[1]),
            jitter: Double(jitter), pivot_tolerance: Double(Real.pivotTolerance), has_intercept: hasIntercept ? 1 : 0,
            minimum_distinct_rows: Int32(threshold), problem: stream.problem, index_purpose: purpose.rawValue,
            jitter_purpose: ReplicateStream.Purpose.jitter.rawValue, key0: stream.key.0, key1: stream.key.1)
    }

    /// Where the C code writes consecutive replicates' results (double precision; see
    /// `runInterleaved` for the layout).
    @inline(__always)
    func replicateOutputs(output: UnsafeMutablePointer<Real>, outputStride: Int, residualSum: UnsafeMutablePointer<Real>?,
                          status: UnsafeMutablePointer<UInt8>,
                          errors: UnsafeMutablePointer<Real>?) -> trendfit_replicate_outputs {
        trendfit_replicate_outputs(
            coefficients: UnsafeMutableRawPointer(output).assumingMemoryBound(to: Double.self),
            coefficient_stride: Int64(outputStride),
            residual_sums: residualSum.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: Double.self) },
            statuses: status,
            standard_errors: errors.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: Double.self) })
    }
}
