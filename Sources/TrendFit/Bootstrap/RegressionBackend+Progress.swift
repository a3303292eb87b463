extension RegressionBackend {
    /// Bootstraps in calls of at most `replicatesPerCall` resamples, each call's replicates copied
    /// block by block into the result's place for them, reporting progress after each.
    ///
    /// Uses `BootstrapPlan.firstReplicate`, so the result equals one `bootstrap` call's exactly.
    public func bootstrap(_ batch: ProblemBatch, plan: BootstrapPlan, precision: Precision, replicatesPerCall: Int,
                          progress: (_ completedResamples: Int) -> Void) throws -> BootstrapReplicates {
        try plan.validate()
        var result = BootstrapReplicates(unwrittenProblemCount: batch.problems.count, resamples: plan.resamples,
                                         coefficientStride: batch.coefficientStride,
                                         standardErrors: plan.replicateStandardErrors,
                                         residualSums: plan.replicateResidualSums)
        try bootstrapChunks(batch, plan: plan, precision: precision, replicatesPerCall: replicatesPerCall) { chunk, done in
            result.place(chunk, at: done)
            progress(done + chunk.resamples)
        }
        return result
    }

    /// Draws the plan's replicates in calls of at most `replicatesPerCall` resamples and hands each
    /// call's replicates to `body` with the number of resamples drawn before it, in replicate order.
    ///
    /// Replicate `b` of a chunk is replicate `done + b` of the whole plan (`BootstrapPlan.firstReplicate`),
    /// so the chunks hold exactly what one `bootstrap` call would. This default makes one `bootstrap`
    /// call per chunk; `OpenCLBackend` draws every chunk in one pipelined launch sequence.
    public func bootstrapChunks(_ batch: ProblemBatch, plan: BootstrapPlan, precision: Precision, replicatesPerCall: Int,
                                _ body: (_ chunk: BootstrapReplicates, _ done: Int) throws -> Void) throws {
        try plan.validate()
        var done = 0
        while done < plan.resamples {
            var part = plan
            part.resamples = min(max(1, replicatesPerCall), plan.resamples - done)
            part.firstReplicate = plan.firstReplicate + done
            try body(try bootstrap(batch, plan: part, precision: precision), done)
            done += part.resamples
        }
    }
}
