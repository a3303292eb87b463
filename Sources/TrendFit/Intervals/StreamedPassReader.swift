/// Reads the passes of a streamed bootstrap (`StreamedBootstrap`) over the replicates of its
/// single problem: on the host from a backend's chunks (`HostPassReader`), or on a device.
package protocol StreamedPassReader {
    /// Reads every replicate once, in replicate order, into `streams`, as `StreamedCoefficient.read`
    /// does (a device hands over the totals with `absorb`), calling `progress` with the resamples
    /// read so far. Returns the excluded replicates by status.
    ///
    /// - Parameter chunk: called with each chunk of replicates drawn on the host and the resamples
    ///   before it (a device reader draws none to the host and never calls it).
    func readPass(_ streams: [StreamedCoefficient], firstPass: Bool, chunk: (BootstrapReplicates, _ done: Int) throws -> Void,
                  progress: (_ done: Int) -> Void) throws -> [ReplicateStatus: Int]

    /// Bytes copied from a device to the host for the summaries so far, or nil where the host read
    /// the replicates themselves.
    var deviceToHostBytes: Int? { get }

    /// What the latest pass collected of `stream`'s value and pivot order statistics, or nil
    /// where `StreamedCoefficient.read` collected it on the host.
    func results(of stream: StreamedCoefficient) -> (values: (any OrderStatisticsPassResults)?,
                                                      pivots: (any OrderStatisticsPassResults)?)
}

/// A backend that reads a streamed bootstrap's passes on its device, where it draws the
/// replicates, so that only the few numbers the summaries need cross to the host.
package protocol DevicePassReading: RegressionBackend {
    /// Whether its passes in `precision` give the host's summaries bitwise (double on fp64 devices).
    func readsPassesOnDevice(_ precision: Precision) -> Bool

    /// Whether reading every replicate back costs more than summarizing it on the device even
    /// when the replicates fit in host memory (a GPU's separate memory, but not a CPU device's).
    var prefersPassesOnDevice: Bool { get }

    /// A reader of `plan`'s passes over `batch`'s single problem, drawing at most
    /// `replicatesPerLaunch` replicates at once.
    func devicePassReader(_ batch: ProblemBatch, plan: BootstrapPlan, precision: Precision,
                          replicatesPerLaunch: Int) throws(TrendFitError) -> any StreamedPassReader
}

/// Reads each pass on the host: the backend draws the replicates in chunks of at most
/// `replicatesPerCall`, and every coefficient reads each chunk (`StreamedCoefficient.read`), the
/// coefficients on up to `threads` threads.
struct HostPassReader: StreamedPassReader {
    let backend: any RegressionBackend
    let batch: ProblemBatch
    let plan: BootstrapPlan
    let precision: Precision
    let replicatesPerCall: Int
    let threads: Int

    func readPass(_ streams: [StreamedCoefficient], firstPass: Bool, chunk: (BootstrapReplicates, _ done: Int) throws -> Void,
                  progress: (_ done: Int) -> Void) throws -> [ReplicateStatus: Int] {
        var excluded: [ReplicateStatus: Int] = [:]
        try backend.bootstrapChunks(batch, plan: plan, precision: precision, replicatesPerCall: replicatesPerCall) { replicates, done in
            for raw in replicates.statuses where raw != ReplicateStatus.ok.rawValue {
                excluded[ReplicateStatus(rawValue: raw) ?? .rankDeficient, default: 0] += 1
            }
            try chunk(replicates, done)
            ParallelLoop.run(iterations: streams.count, threads: threads) { streams[$0].read(replicates, firstPass: firstPass) }
            progress(done + replicates.resamples)
        }
        return excluded
    }

    var deviceToHostBytes: Int? { nil }

    func results(of stream: StreamedCoefficient) -> (values: (any OrderStatisticsPassResults)?,
                                                      pivots: (any OrderStatisticsPassResults)?) {
        (nil, nil)
    }
}
