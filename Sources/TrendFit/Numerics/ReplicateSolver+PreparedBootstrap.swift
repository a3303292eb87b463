extension ReplicateSolver {
    /// A solver of the replicates of `prepared`, reading copies of its inputs held by `memory`
    /// (which must outlive every use of the solver).
    init(_ prepared: PreparedBootstrap<Real>, memory: PinnedMemory) {
        let design = prepared.design
        let inputs = prepared.inputs
        let plan = prepared.plan
        self.init(design: memory.copy(design.values), designStride: design.stride,
                  weights: design.weights.isEmpty ? nil : memory.copy(design.weights),
                  descriptors: memory.copy(prepared.batch.packed.descriptors), shifts: memory.copy(inputs.shifts),
                  fitted: memory.copy(inputs.fitted), residuals: memory.copy(inputs.residuals),
                  residualScales: inputs.residualScales.isEmpty ? nil : memory.copy(inputs.residualScales),
                  poolSizes: memory.copy(inputs.poolSizes), scheme: plan.scheme, wildWeights: plan.wildWeights,
                  wildValues: Self.lanes(WildWeights.values(plan.wildWeights)), seed: plan.seed, jitter: Real(plan.jitter),
                  minimumDistinctRows: plan.minimumDistinctRows, firstProblem: plan.firstProblem,
                  firstReplicate: plan.firstReplicate)
    }

    /// The first (up to) eight values in the lanes of a vector, zeros after them.
    static func lanes(_ values: [Real]) -> SIMD8<Real> {
        var vector = SIMD8<Real>()
        for (lane, value) in values.prefix(8).enumerated() { vector[lane] = value }
        return vector
    }
}

extension GroupedCaseSolver {
    /// A solver of the stratified or cluster replicates of `prepared` over `solver`'s inputs,
    /// reading copies of the groups held by `memory`; nil for ordinary case resampling.
    init?(_ prepared: PreparedBootstrap<Real>, solver: ReplicateSolver<Real>, memory: PinnedMemory) {
        guard let groups = prepared.groups else { return nil }
        self.init(solver: solver, grouping: prepared.plan.grouping, offsets: memory.copy(groups.offsets),
                  layout: memory.copy(groups.layout))
    }
}
