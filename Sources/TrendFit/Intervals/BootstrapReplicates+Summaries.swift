import Foundation

extension BootstrapReplicates {
    /// Per coefficient of problem `problem` (one per estimate), its summaries at each of
    /// `confidences`: bitwise those `CoefficientSummary.init` forms from `values(problem:coefficient:)`
    /// at each level, with the coefficients summarized in parallel on `threads` threads.
    ///
    /// Each coefficient's valid values are gathered in one pass that also sums them in replicate
    /// order and finds their largest magnitude; the levels share one selection.
    ///
    /// - Parameters:
    ///   - estimates: the full-sample estimates θ̂, one per coefficient summarized.
    ///   - estimateStandardErrors: their standard errors (the studentized interval's scale).
    ///   - jackknife: per coefficient, the leave-one-out estimates BCa reads.
    public func summaries(problem: Int, estimates: [Double], estimateStandardErrors: [Double]?, method: IntervalMethod,
                          confidences: [Double], jackknife: [[Double]]?,
                          threads: Int = CPUAllowance.available()) throws(TrendFitError) -> [[CoefficientSummary]] {
        let perCoefficient = max(1, threads / max(1, estimates.count))
        let results = ParallelLoop.map(count: estimates.count, threads: threads) { j in
            Result { () throws(TrendFitError) in
                try CoefficientSummary.summaries(estimate: estimates[j], column: column(problem: problem, coefficient: j),
                                                 method: method, confidences: confidences, jackknife: jackknife?[j],
                                                 replicateStandardErrors: standardErrorValues(problem: problem, coefficient: j),
                                                 estimateStandardError: estimateStandardErrors?[j], threads: perCoefficient)
            }
        }
        var summaries: [[CoefficientSummary]] = []
        for result in results { summaries.append(try result.get()) }
        return summaries
    }

    /// The valid replicate values of coefficient `coefficient` of problem `problem` (as
    /// `values(problem:coefficient:)`), read in the pass that gathers them.
    func column(problem: Int, coefficient: Int) -> ReplicateColumn {
        let first = problem * resamples, stride = coefficientStride
        return statuses.withUnsafeBufferPointer { statuses in
            coefficients.withUnsafeBufferPointer { coefficients in
                ReplicateColumn(capacity: resamples) { append in
                    for b in first..<(first + resamples) where statuses[b] == ReplicateStatus.ok.rawValue {
                        append(coefficients[b * stride + coefficient])
                    }
                }
            }
        }
    }
}
