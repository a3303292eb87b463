extension BootstrapReplicates {
    /// Bytes a `BootstrapReplicates` of this shape holds: per replicate its coefficients (and their
    /// standard errors when asked), the status byte and the residual sum of squares.
    public static func bytes(problemCount: Int, resamples: Int, coefficientStride: Int, standardErrors: Bool) -> Int {
        let perReplicate = (standardErrors ? 2 : 1) * coefficientStride * MemoryLayout<Double>.stride
            + MemoryLayout<UInt8>.stride + MemoryLayout<Double>.stride
        let (product, overflow) = problemCount.multipliedReportingOverflow(by: resamples)
        let (total, overflowBytes) = product.multipliedReportingOverflow(by: perReplicate)
        return overflow || overflowBytes ? Int.max : total
    }

    /// Refuses, before any work, a bootstrap of `batch` under `plan` whose replicates would take
    /// more than `limit`.
    public static func checkFits(_ batch: ProblemBatch, plan: BootstrapPlan, within limit: MemoryLimit) throws(TrendFitError) {
        try limit.check(bytes(problemCount: batch.problems.count, resamples: plan.resamples,
                              coefficientStride: batch.coefficientStride, standardErrors: plan.replicateStandardErrors),
                        for: "\(plan.resamples) resamples of \(batch.problems.count) problem\(batch.problems.count == 1 ? "" : "s")")
    }

    /// The most resamples of `problemCount` problems whose replicates, held `copies` times at once,
    /// fit within `limit`; refuses, before any work, when not even one resample does.
    public static func maximumResamples(problemCount: Int, coefficientStride: Int, standardErrors: Bool, copies: Int,
                                        within limit: MemoryLimit) throws(TrendFitError) -> Int {
        let one = bytes(problemCount: problemCount, resamples: 1, coefficientStride: coefficientStride, standardErrors: standardErrors)
        let (perResample, overflow) = one.multipliedReportingOverflow(by: copies)
        let problems = "\(problemCount) problem\(problemCount == 1 ? "" : "s")"
        try limit.check(overflow ? Int.max : perResample,
                        for: copies == 1 ? "one resample of \(problems)" : "\(copies) copies of one resample of \(problems)")
        return limit.bytes / perResample
    }
}
