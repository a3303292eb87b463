import Foundation

extension BootstrapReplicates {
    /// Per coefficient of problem `problem` (one per estimate), its summaries at each of
    /// `confidences`: bitwise those `CoefficientSummary.init` forms from `values(problem:coefficient:)`
    /// at each level, with the coefficients summarized in parallel on `threads` threads.
    ///
    /// When every replicate of the problem is valid, each coefficient is read in place in the
    /// replicate storage (with the coefficient stride); otherwise its valid values are gathered
    /// first. The levels share one selection.
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
            withColumn(problem: problem, coefficient: j) { column in
                Result { () throws(TrendFitError) in
                    try CoefficientSummary.summaries(estimate: estimates[j], column: column, method: method,
                                                     confidences: confidences, jackknife: jackknife?[j],
                                                     replicateStandardErrors: standardErrorValues(problem: problem, coefficient: j),
                                                     estimateStandardError: estimateStandardErrors?[j], threads: perCoefficient)
                }
            }
        }
        var summaries: [[CoefficientSummary]] = []
        for result in results { summaries.append(try result.get()) }
        return summaries
    }

    /// Calls `body` with the valid replicate values of coefficient `coefficient` of problem
    /// `problem` (as `values(problem:coefficient:)`): read in place when every replicate of the
    /// problem is valid, else gathered.
    func withColumn<Result>(problem: Int, coefficient: Int, _ body: (ReplicateColumn) -> Result) -> Result {
        let first = problem * resamples, stride = coefficientStride
        let allValid = statuses[first..<(first + resamples)].allSatisfy { $0 == ReplicateStatus.ok.rawValue }
        guard allValid else { return ReplicateColumn.reading(values(problem: problem, coefficient: coefficient), body) }
        return coefficients.withUnsafeBufferPointer { coefficients in
            body(ReplicateColumn(StridedValues(coefficients, offset: first * stride + coefficient, stride: stride,
                                               count: resamples)))
        }
    }
}
