import CVectorized

extension ReplicateSolver {
    /// Computes `slots` case-resampling replicates of a problem with 2 to 7 regressors: the row loop
    /// in the C code of `Sources/CVectorized/case_rows.c` (double precision; one replicate per vector
    /// lane: eight per AVX-512 vector, four per AVX2 one) or `case_rows_float.c` (single precision;
    /// eight per 256-bit vector, four per 128-bit one, with AVX2), exactly `RowPass`'s operations,
    /// then each replicate's checks and solve (`finishSlot`). Where that code does not apply (a CPU
    /// without the instructions for `slots` lanes, another width), each replicate runs alone
    /// (`run`). The arguments are `runInterleaved`'s, with the problem's descriptor already read and
    /// its words drawn.
    @inline(__always)
    func runCaseRows(problem: Int, replicate: Int, slots: Int, rowStart: Int, rowCount: Int, hasIntercept: Bool, q: Int,
                     threshold: Int, shift: UnsafePointer<Real>, output: UnsafeMutablePointer<Real>, outputStride: Int,
                     residualSum: UnsafeMutablePointer<Real>?, status: UnsafeMutablePointer<UInt8>,
                     errors: UnsafeMutablePointer<Real>?, scratch: Scratch) {
        let width = q + 1
        var accumulated = false
        if Real.self == Double.self {
            accumulated = accumulateDoubleRows(slots: slots, rowStart: rowStart, rowCount: rowCount, width: width,
                                               shift: shift, scratch: scratch)
        } else if Real.self == Float.self {
            accumulated = accumulateFloatRows(slots: slots, rowStart: rowStart, rowCount: rowCount, width: width,
                                              shift: shift, scratch: scratch)
        }
        guard accumulated else {
            for slot in 0..<slots {
                status[slot] = run(problem: problem, replicate: replicate + slot, output: output + slot * outputStride,
                                   residualSum: residualSum.map { $0 + slot }, errors: errors.map { $0 + slot * outputStride },
                                   scratch: scratch).rawValue
            }
            return
        }
        let saturation = 1 << (Real.significandBitCount + 1)
        for slot in 0..<slots {
            for j in 0..<width {
                scratch.sums[j] = scratch.slotSums[slot * width + j]
                for k in j..<width { scratch.cross[j * width + k] = scratch.slotCross[slot * width * width + j * width + k] }
            }
            let weightSum = weights == nil ? Real(min(rowCount, saturation)) : scratch.slotWeightSums[slot]
            finishSlot(slot, q: q, hasIntercept: hasIntercept, threshold: threshold, weightSum: weightSum,
                       rowStart: rowStart, rowCount: rowCount, shift: shift, output: output + slot * outputStride,
                       residualSum: residualSum.map { $0 + slot }, status: status + slot,
                       errors: errors.map { $0 + slot * outputStride }, scratch: scratch)
        }
    }

    /// The C row loop of `runCaseRows` in double precision: the slots' sums into `scratch`; false
    /// where the CPU lacks the instructions for `slots` lanes or the width is not handled.
    @inline(__always)
    private func accumulateDoubleRows(slots: Int, rowStart: Int, rowCount: Int, width: Int, shift: UnsafePointer<Real>,
                                      scratch: Scratch) -> Bool {
        var rows = trendfit_case_rows_problem(
            design: UnsafeRawPointer(design + rowStart * designStride).assumingMemoryBound(to: Double.self),
            weights: weights.map { UnsafeRawPointer($0 + rowStart).assumingMemoryBound(to: Double.self) },
            row_count: Int64(rowCount), stride: Int64(designStride), width: Int32(width),
            response_shift: Double(shift[width - 1]), jitter: Double(jitter))
        return trendfit_case_rows_sums(
            &rows, Int32(slots), scratch.words, scratch.jitterWords, Int64(scratch.wordStride),
            UnsafeMutableRawPointer(scratch.slotWeightSums).assumingMemoryBound(to: Double.self),
            UnsafeMutableRawPointer(scratch.slotSums).assumingMemoryBound(to: Double.self),
            UnsafeMutableRawPointer(scratch.slotCross).assumingMemoryBound(to: Double.self)) != 0
    }

    /// `accumulateDoubleRows` in single precision (`trendfit_case_rows_float_sums`).
    @inline(__always)
    private func accumulateFloatRows(slots: Int, rowStart: Int, rowCount: Int, width: Int, shift: UnsafePointer<Real>,
                                     scratch: Scratch) -> Bool {
        var rows = trendfit_case_rows_float_problem(
            design: UnsafeRawPointer(design + rowStart * designStride).assumingMemoryBound(to: Float.self),
            weights: weights.map { UnsafeRawPointer($0 + rowStart).assumingMemoryBound(to: Float.self) },
            row_count: Int64(rowCount), stride: Int64(designStride), width: Int32(width),
            response_shift: Float(shift[width - 1]), jitter: Float(jitter))
        return trendfit_case_rows_float_sums(
            &rows, Int32(slots), scratch.words, scratch.jitterWords, Int64(scratch.wordStride),
            UnsafeMutableRawPointer(scratch.slotWeightSums).assumingMemoryBound(to: Float.self),
            UnsafeMutableRawPointer(scratch.slotSums).assumingMemoryBound(to: Float.self),
            UnsafeMutableRawPointer(scratch.slotCross).assumingMemoryBound(to: Float.self)) != 0
    }
}
