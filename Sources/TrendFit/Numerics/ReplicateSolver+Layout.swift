extension ReplicateSolver {
    /// What every replicate of problem `problem` reads from its descriptor (`KernelABI.DescriptorSlot`):
    /// its first row position and row count, whether it has an intercept, its regressor count q, its
    /// centring shifts, the problem index of its random streams and its distinct-row threshold.
    @inline(__always)
    func layout(of problem: Int) -> (rowStart: Int, rowCount: Int, hasIntercept: Bool, q: Int, shift: UnsafePointer<Real>,
                                     streamProblem: Int, threshold: Int) {
        let descriptor = descriptors + problem * KernelABI.descriptorStride
        let hasIntercept = descriptor[slot: .intercept] != 0
        let q = descriptor[slot: .regressorCount]
        let stream = descriptor[slot: .stream]
        return (rowStart: descriptor[slot: .rowStart], rowCount: descriptor[slot: .rowCount], hasIntercept: hasIntercept,
                q: q, shift: shifts + problem * KernelABI.shiftStride,
                streamProblem: stream < 0 ? firstProblem + problem : stream,
                threshold: BootstrapPlan.distinctRowThreshold(minimumDistinctRows: minimumDistinctRows,
                                                              coefficientCount: q + (hasIntercept ? 1 : 0)))
    }
}
