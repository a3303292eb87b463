/// Type-7 quantiles of values derived from every replicate of a batch (a problem's slope, the
/// difference of two problems' slopes, the best of several problems), formed from the replicates
/// drawn chunk by chunk in passes, in memory bounded by a `MemoryLimit` whatever the number of
/// resamples.
///
/// The caller derives, from each chunk of replicates of every problem of the batch, the next
/// values of each of its streams in replicate order. The first pass counts them and histograms
/// them (`StreamedOrderStatistics`); the caller then names the probabilities each stream's
/// quantiles are wanted at (knowing the counts), and later passes draw the replicates again until
/// every order statistic is found. Each quantile is bitwise `Quantile.type7(values.sorted(), p)`
/// of the stream's values held at once.
public struct StreamedQuantiles: Sendable {
    /// One stream's values: how many the replicates gave, and the quantiles asked for.
    public struct Stream: Sendable, Equatable {
        /// Values the replicates gave.
        public var count: Int
        /// The quantiles at the probabilities asked for, in their order; empty for no values.
        public var quantiles: [Double]
    }

    /// How the limit is shared between a chunk of replicates, the histograms and the gathered values.
    let budget: StreamedBootstrap.Budget
    /// Streams of derived values.
    let streams: Int

    /// Plans `streams` streams over the replicates of `batch` under `plan` within `limit`; refuses,
    /// before any work, a batch of which one resample of every problem (with its derived values)
    /// takes more than a quarter of the limit.
    public init(batch: ProblemBatch, plan: BootstrapPlan, streams: Int, memoryLimit: MemoryLimit) throws(TrendFitError) {
        let perResample = Self.bytesPerResample(batch, plan: plan, streams: streams)
        try memoryLimit.check(4 * perResample, for: "one resample of \(batch.problems.count) problems, streamed")
        self.init(streams: streams, budget: StreamedBootstrap.Budget(limit: memoryLimit, resamples: plan.resamples,
                                                                     bytesPerResample: perResample, streams: streams))
    }

    /// Streams sharing memory as `budget` says.
    init(streams: Int, budget: StreamedBootstrap.Budget) {
        self.streams = streams
        self.budget = budget
    }

    /// Bytes one resample takes in a chunk: every problem's replicate, thrice (the backend's copies),
    /// and one derived value per stream.
    static func bytesPerResample(_ batch: ProblemBatch, plan: BootstrapPlan, streams: Int) -> Int {
        let replicate = BootstrapReplicates.bytes(problemCount: batch.problems.count, resamples: 1,
                                                  coefficientStride: batch.coefficientStride,
                                                  standardErrors: plan.replicateStandardErrors)
        let (copies, overflow) = replicate.multipliedReportingOverflow(by: 3)
        return overflow ? Int.max / 4 : min(Int.max / 4, copies + streams * MemoryLayout<Double>.stride)
    }

    /// Draws the replicates of `batch` under `plan` in passes and forms each stream's quantiles.
    ///
    /// - Parameters:
    ///   - firstPass: called with each chunk of the first pass, in replicate order, to count what else is needed.
    ///   - derive: appends to `values[s]` (emptied before each chunk) stream `s`'s values of a chunk,
    ///     in replicate order; every pass must derive the same values. A NaN is refused.
    ///   - probabilities: after the first pass, the probabilities of stream `s`'s quantiles given its count.
    public func run(on backend: any RegressionBackend, batch: ProblemBatch, plan: BootstrapPlan, precision: Precision,
                    threads: Int = CPUAllowance.available(),
                    firstPass: (_ chunk: BootstrapReplicates) throws -> Void,
                    derive: (_ chunk: BootstrapReplicates, _ values: inout [[Double]]) -> Void,
                    probabilities: (_ stream: Int, _ count: Int) -> [Double]) throws -> [Stream] {
        let orders = (0..<streams).map { _ in
            StreamedOrderStatistics(histogramBits: budget.histogramBits, gatherLimit: budget.gatherLimit)
        }
        var values = Array(repeating: [Double](), count: streams)
        var counts = Array(repeating: 0, count: streams)
        func pass(first: Bool) throws {
            try backend.bootstrapChunks(batch, plan: plan, precision: precision,
                                        replicatesPerCall: budget.replicatesPerCall) { chunk, _ in
                if first { try firstPass(chunk) }
                for s in values.indices { values[s].removeAll(keepingCapacity: true) }
                derive(chunk, &values)
                for (s, order) in orders.enumerated() where order.needsPass {
                    if first {
                        guard !values[s].contains(where: \.isNaN) else {
                            throw TrendFitError.invalidPlan("a replicate gave a NaN, which streamed quantiles cannot order; raise the memory limit to hold every replicate")
                        }
                        counts[s] += values[s].count
                    }
                    values[s].withUnsafeBufferPointer(order.add)
                }
            }
        }
        try pass(first: true)
        let asked = counts.enumerated().map { s, count in count > 0 ? probabilities(s, count) : [] }
        for (s, order) in orders.enumerated() {
            order.endPass(ranks: Quantile.type7Ranks(count: counts[s], asked[s]), threads: threads)
        }
        while orders.contains(where: \.needsPass) {
            try pass(first: false)
            for order in orders where order.needsPass { order.endPass(threads: threads) }
        }
        return orders.indices.map { s in
            let ranks = Quantile.type7Ranks(count: counts[s], asked[s])
            return Stream(count: counts[s], quantiles: asked[s].isEmpty ? [] : Quantile.type7(
                count: counts[s], asked[s], orderStatistics: orders[s].statistics(at: ranks)))
        }
    }
}
