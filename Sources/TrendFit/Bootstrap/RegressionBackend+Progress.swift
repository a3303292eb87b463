extension RegressionBackend {
    /// Bootstraps in calls of at most `replicatesPerCall` resamples, reporting progress after each.
    ///
    /// Uses `BootstrapPlan.firstReplicate`, so the result equals one `bootstrap` call's exactly.
    public func bootstrap(_ batch: ProblemBatch, plan: BootstrapPlan, precision: Precision, replicatesPerCall: Int,
                          progress: (_ completedResamples: Int) -> Void) throws -> BootstrapReplicates {
        try plan.validate()
        var result = BootstrapReplicates(problemCount: batch.problems.count, resamples: plan.resamples,
                                         coefficientStride: batch.coefficientStride,
                                         standardErrors: plan.replicateStandardErrors)
        var done = 0
        while done < plan.resamples {
            var part = plan
            part.resamples = min(max(1, replicatesPerCall), plan.resamples - done)
            part.firstReplicate = plan.firstReplicate + done
            let chunk = try bootstrap(batch, plan: part, precision: precision)
            let stride = result.coefficientStride
            for k in 0..<result.problemCount {
                for b in 0..<part.resamples {
                    let target = k * plan.resamples + done + b
                    let source = k * part.resamples + b
                    result.statuses[target] = chunk.statuses[source]
                    result.residualSumsOfSquares[target] = chunk.residualSumsOfSquares[source]
                    for j in 0..<stride { result.coefficients[target * stride + j] = chunk.coefficients[source * stride + j] }
                    if plan.replicateStandardErrors {
                        for j in 0..<stride { result.standardErrors[target * stride + j] = chunk.standardErrors[source * stride + j] }
                    }
                }
            }
            done += part.resamples
            progress(done)
        }
        return result
    }
}
