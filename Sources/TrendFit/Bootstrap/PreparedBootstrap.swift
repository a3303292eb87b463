/// A bootstrap made ready for a backend computing in `Real`: the prepared batch, the plan in its
/// scaled units, the inputs every replicate reads, and the assembly of the replicates.
///
/// Both backends bootstrap through this type: it validates the plan, computes the resampling
/// inputs (`ResamplingInputs`), the centred design (`CentredDesign`) and the groups of stratified
/// or cluster resampling (`ResampleGroups`) once, on the host, so both start from identical
/// numbers; a backend then only fills `ReplicateArrays` with its loops or kernels, and
/// `replicates(_:)` excludes the problems without a usable fit and unscales the result.
package struct PreparedBootstrap<Real: KernelScalar>: Sendable {
    /// The batch, packed and scaled.
    package let batch: PreparedBatch<Real>
    /// The plan, its jitter in the units of the scaled response.
    package private(set) var plan: BootstrapPlan
    /// Centring shifts and, for the residual and wild schemes, fitted values and residuals.
    package let inputs: ResamplingInputs<Real>
    /// Every problem's rows, centred by `inputs.shifts`.
    package let design: CentredDesign<Real>
    /// The units of stratified or cluster resampling; nil for ordinary resampling.
    package let groups: ResampleGroups?

    /// Validates `plan` and prepares its bootstrap of `batch`.
    package init(_ batch: ProblemBatch, plan: BootstrapPlan) throws(TrendFitError) {
        try plan.validate()
        let prepared = PreparedBatch<Real>(batch)
        self.batch = prepared
        self.plan = try prepared.packed.scaling.scaled(plan, for: prepared.packed)
        inputs = ResamplingInputs(batch: prepared.packed, table: prepared.table, scheme: plan.scheme)
        design = CentredDesign(batch: prepared.packed, table: prepared.table, shifts: inputs.shifts)
        groups = plan.grouping == .none ? nil : ResampleGroups(batch: batch, grouping: plan.grouping)
    }

    /// The same bootstrap restricted to `resamples` of the plan's resamples, from the `done`-th on
    /// (`BootstrapPlan.firstReplicate`): what one `bootstrap` call of that chunk prepares.
    package func chunk(resamples: Int, after done: Int) -> PreparedBootstrap {
        var chunk = self
        chunk.plan.resamples = resamples
        chunk.plan.firstReplicate = plan.firstReplicate + done
        return chunk
    }

    /// Replicates to compute: `plan.resamples` for every problem.
    package var replicateCount: Int { batch.problemCount * plan.resamples }

    /// Coefficient slots per replicate.
    package var coefficientStride: Int { batch.packed.coefficientStride }

    /// The most rows one replicate of any problem draws.
    package var maxDrawnRows: Int {
        let rowCounts = (0..<batch.problemCount).map { batch.packed.descriptor($0).rowCount }
        return max(rowCounts.max() ?? 0, groups?.maxDrawnRows ?? 0)
    }

    /// Arrays for every replicate, for the backend to fill: zero-filled, or not yet written
    /// (`zeroed` false) for a backend that writes or zeroes every replicate itself.
    package func makeOutput(zeroed: Bool = true) -> ReplicateArrays<Real> {
        ReplicateArrays(replicates: replicateCount, coefficientStride: coefficientStride,
                        standardErrors: plan.replicateStandardErrors, residualSums: plan.replicateResidualSums,
                        zeroed: zeroed)
    }

    /// The replicates a backend computed into `output`, in the batch's units; every replicate of a
    /// problem without a usable full-sample fit (`ResamplingInputs.unusableProblems`) is excluded.
    package func replicates(_ output: consuming ReplicateArrays<Real>) throws(TrendFitError) -> BootstrapReplicates {
        var replicates = BootstrapReplicates(problemCount: batch.problemCount, resamples: plan.resamples,
                                             coefficientStride: coefficientStride, coefficients: output.coefficients,
                                             statuses: output.statuses, residualSumsOfSquares: output.residualSums,
                                             standardErrors: output.standardErrors)
        replicates.excludeAll(problems: inputs.unusableProblems)
        return try batch.packed.scaling.unscale(replicates, of: batch.packed)
    }
}
