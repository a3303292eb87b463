/// The bootstrap summaries of one problem formed from its replicates drawn in chunks and read in
/// passes, in memory bounded by a `MemoryLimit` whatever the number of resamples.
///
/// A replicate is a pure function of (seed, problem, replicate index), so each pass draws the
/// replicates again, chunk by chunk (`BootstrapPlan.firstReplicate`), on any backend. The first
/// pass counts, sums and histograms each coefficient's valid replicates
/// (`StreamedCoefficient`, `StreamedOrderStatistics`); the second sums their squared deviations
/// and gathers the values in the histogram bins that hold the needed order statistics (or counts
/// them in finer bins, a third pass gathering). The summaries are bitwise those
/// `CoefficientSummary` forms from every replicate at once: the sums run in replicate order and
/// the quantiles read the same order statistics.
///
/// The passes are read by a `StreamedPassReader`: on the host from the backend's chunks, or, on a
/// backend that can (`DevicePassReading`, an OpenCL device with fp64), where the replicates are
/// drawn, so that only the few numbers the summaries need cross to the host.
public enum StreamedBootstrap {
    /// Per coefficient the summary at each confidence level, the excluded replicates by status,
    /// and how many passes drew the replicates.
    public struct Result: Sendable {
        /// Per coefficient, the summary at each confidence level (in the order given).
        public var summaries: [[CoefficientSummary]]
        /// Excluded replicates, by status.
        public var excluded: [ReplicateStatus: Int]
        /// Passes that drew the replicates (2 usually; one more for replicates beyond 2^±128, or
        /// for each finer histogram a crowded bin needs).
        public var passes: Int
        /// Bytes the device copied to the host where it read the passes (`onDevice`), else nil.
        public var deviceToHostBytes: Int?
    }

    /// How a memory limit is shared: a quarter for a chunk of replicates (and the backend's copies
    /// of it), an eighth for the histograms, a quarter for the gathered values.
    package struct Budget {
        /// Most values a device gathers per stream and pass, so that what it sends to the host
        /// stays a few kilobytes whatever the number of resamples.
        static let deviceGatherLimit = 1024

        /// Resamples drawn per backend call.
        package var replicatesPerCall: Int
        /// Bits of key each histogram resolves.
        var histogramBits: Int
        /// Most values each selection gathers at once.
        package var gatherLimit: Int

        init(replicatesPerCall: Int, histogramBits: Int, gatherLimit: Int) {
            self.replicatesPerCall = replicatesPerCall
            self.histogramBits = histogramBits
            self.gatherLimit = gatherLimit
        }

        /// The shares of `limit` for `coefficients` coefficients of a plan.
        init(limit: MemoryLimit, plan: BootstrapPlan, coefficientStride: Int, coefficients: Int, studentized: Bool) {
            let stored = BootstrapReplicates.bytes(problemCount: 1, resamples: 1, coefficientStride: coefficientStride,
                                                   standardErrors: plan.replicateStandardErrors)
            self.init(limit: limit, resamples: plan.resamples, bytesPerResample: 3 * stored + 16 * coefficients,
                      streams: coefficients * (studentized ? 2 : 1))
        }

        /// The shares of `limit` for `streams` streams of order statistics over `resamples`
        /// resamples, each taking `bytesPerResample` bytes of a chunk (the backend's copies included).
        init(limit: MemoryLimit, resamples: Int, bytesPerResample: Int, streams: Int) {
            replicatesPerCall = max(1, min(resamples, limit.bytes / 4 / max(1, bytesPerResample)))
            let binsPerStream = max(1, limit.bytes / 8 / (max(1, streams) * MemoryLayout<UInt32>.stride))
            histogramBits = min(20, max(8, Int.bitWidth - 1 - binsPerStream.leadingZeroBitCount))
            gatherLimit = max(1, limit.bytes / 4 / (max(1, streams) * MemoryLayout<Double>.stride))
        }
    }

    /// Whether holding every replicate of `plan` at once and summarizing them (a copy of one
    /// coefficient's values and the selection's scratch, each 8 bytes per resample) fits `limit`.
    public static func fitsInMemory(_ batch: ProblemBatch, plan: BootstrapPlan, within limit: MemoryLimit) -> Bool {
        let replicates = BootstrapReplicates.bytes(problemCount: batch.problems.count, resamples: plan.resamples,
                                                   coefficientStride: batch.coefficientStride,
                                                   standardErrors: plan.replicateStandardErrors)
        let (summary, overflow) = plan.resamples.multipliedReportingOverflow(by: 3 * MemoryLayout<Double>.stride)
        return !overflow && replicates <= limit.bytes - min(summary, limit.bytes)
    }

    /// Whether `backend` reads the passes where it draws the replicates (`DevicePassReading`) in `precision`.
    public static func readsOnDevice(_ backend: any RegressionBackend, precision: Precision) -> Bool {
        (backend as? any DevicePassReading)?.readsPassesOnDevice(precision) ?? false
    }

    /// Whether `backend` would rather summarize on its device than read every replicate back
    /// (`DevicePassReading.prefersPassesOnDevice`), when it can.
    public static func prefersOnDevice(_ backend: any RegressionBackend) -> Bool {
        (backend as? any DevicePassReading)?.prefersPassesOnDevice ?? false
    }

    /// Summarizes the bootstrap of `batch`'s single problem under `plan` as `CoefficientSummary`
    /// would from all its replicates, for each coefficient and level, within `memoryLimit`.
    ///
    /// - Parameters:
    ///   - onDevice: read the passes on the backend's device when it can (`readsOnDevice`);
    ///     `chunk` is then never called.
    ///   - estimates, estimateStandardErrors: the full-sample fit's coefficients and standard errors.
    ///   - jackknife: per coefficient, the leave-one-out estimates (BCa).
    ///   - chunk: called with each chunk of replicates of the first pass and the resamples before it.
    ///   - progress: called after each chunk with the pass (from 1) and the resamples it has drawn.
    public static func summarize(on backend: any RegressionBackend, batch: ProblemBatch, plan: BootstrapPlan,
                                 precision: Precision, estimates: [Double], estimateStandardErrors: [Double],
                                 method: IntervalMethod, confidences: [Double], jackknife: [[Double]]? = nil,
                                 memoryLimit: MemoryLimit, threads: Int = CPUAllowance.available(), onDevice: Bool = false,
                                 chunk: (BootstrapReplicates, _ done: Int) throws -> Void = { _, _ in },
                                 progress: (_ pass: Int, _ done: Int) -> Void = { _, _ in }) throws -> Result {
        let budget = Budget(limit: memoryLimit, plan: plan, coefficientStride: batch.coefficientStride,
                            coefficients: estimates.count, studentized: method == .studentized)
        return try summarize(on: backend, batch: batch, plan: plan, precision: precision, estimates: estimates,
                             estimateStandardErrors: estimateStandardErrors, method: method, confidences: confidences,
                             jackknife: jackknife, budget: budget, threads: threads, onDevice: onDevice, chunk: chunk,
                             progress: progress)
    }

    /// `summarize` with the memory shared as `budget` says (a device gathering at most `Budget.deviceGatherLimit`).
    static func summarize(on backend: any RegressionBackend, batch: ProblemBatch, plan: BootstrapPlan,
                          precision: Precision, estimates: [Double], estimateStandardErrors: [Double],
                          method: IntervalMethod, confidences: [Double], jackknife: [[Double]]?, budget: Budget,
                          threads: Int, onDevice: Bool = false, chunk: (BootstrapReplicates, _ done: Int) throws -> Void,
                          progress: (_ pass: Int, _ done: Int) -> Void) throws -> Result {
        precondition(batch.problems.count == 1, "a streamed bootstrap summarizes one problem")
        var budget = budget
        let reader: any StreamedPassReader
        if onDevice, let device = backend as? any DevicePassReading, device.readsPassesOnDevice(precision) {
            budget.gatherLimit = min(budget.gatherLimit, Budget.deviceGatherLimit)
            reader = try device.devicePassReader(batch, plan: plan, precision: precision, replicatesPerLaunch: budget.replicatesPerCall)
        } else {
            reader = HostPassReader(backend: backend, batch: batch, plan: plan, precision: precision,
                                    replicatesPerCall: budget.replicatesPerCall, threads: threads)
        }
        precondition(estimateStandardErrors.count == estimates.count && (jackknife?.count ?? estimates.count) == estimates.count,
                     "one estimate, standard error and jackknife per coefficient")
        func coefficients(exponents: [Int]) -> [StreamedCoefficient] {
            estimates.indices.map { j in
                StreamedCoefficient(coefficient: j, exponent: exponents[j], estimate: estimates[j],
                                    estimateStandardError: estimateStandardErrors[j], jackknife: jackknife?[j],
                                    studentized: method == .studentized, histogramBits: budget.histogramBits,
                                    gatherLimit: budget.gatherLimit)
            }
        }
        var streams = coefficients(exponents: Array(repeating: 0, count: estimates.count))
        var passes = 0
        func pass(firstPass: Bool) throws -> [ReplicateStatus: Int] {
            passes += 1
            return try reader.readPass(streams, firstPass: firstPass, chunk: passes == 1 ? chunk : { _, _ in }) { progress(passes, $0) }
        }
        let excluded = try pass(firstPass: true)
        // Replicates beyond 2^±128 are summarized at a power-of-two scale, found by the first pass.
        let exponents = streams.map(\.observedExponent)
        if exponents != streams.map(\.exponent) {
            streams = coefficients(exponents: exponents)
            _ = try pass(firstPass: true)
        }
        for stream in streams {
            let results = reader.results(of: stream)
            try stream.endFirstPass(method: method, confidences: confidences, standardErrorsAsked: plan.replicateStandardErrors,
                                    threads: threads, valueResults: results.values, pivotResults: results.pivots)
        }
        while streams.contains(where: \.needsPass) {
            _ = try pass(firstPass: false)
            for stream in streams {
                let results = reader.results(of: stream)
                try stream.endPass(threads: threads, valueResults: results.values, pivotResults: results.pivots)
            }
        }
        return Result(summaries: streams.map { $0.summaries(method: method) }, excluded: excluded, passes: passes,
                      deviceToHostBytes: reader.deviceToHostBytes)
    }
}
