import TrendFit

/// Hands a bootstrap's replicates chunk by chunk to a body while the next chunk's kernel runs: the
/// consumer of `OpenCLBackend.bootstrapChunks`.
///
/// Each launch is read into its slot's staging area (`ReplicateReadback`) and, once complete,
/// placed in its chunk's arrays; when a chunk's last launch is placed, the arrays become the
/// chunk's `BootstrapReplicates` (`PreparedBootstrap.replicates`) and go to the body, while the
/// launch after it, the next chunk's first, runs on the device. A body that throws, or replicates
/// beyond double's range, stop the sequence (`continuesLaunching`); the error is kept in `failure`.
final class ChunkReadback<Real: KernelScalar>: BootstrapLaunchConsumer {
    private let readback: ReplicateReadback<Real>
    /// Each chunk's bootstrap (its share of the plan's resamples), in order.
    private let chunks: [PreparedBootstrap<Real>]
    /// Launches of each chunk.
    private let launchesPerChunk: [Int]
    private let body: (_ chunk: BootstrapReplicates, _ done: Int) throws -> Void
    /// The chunk being placed, its launches placed so far and its arrays.
    private var chunk = 0, placed = 0
    private var arrays: ReplicateArrays<Real>?
    /// Resamples handed to the body so far.
    private var done = 0
    /// What stopped the chunks: the body's error, or the unscaling's.
    private(set) var failure: (any Error)?

    var continuesLaunching: Bool { failure == nil }

    /// Hands `chunks`, drawn in launches of `shape`, to `body` with the resamples before each.
    init(chunks: [PreparedBootstrap<Real>], shape: OpenCLBackend.LaunchShape, context: OpenCLContext,
         body: @escaping (_ chunk: BootstrapReplicates, _ done: Int) throws -> Void) {
        precondition(chunks.count == shape.launchesPerChunk.count, "one launch list per chunk")
        self.chunks = chunks
        launchesPerChunk = shape.launchesPerChunk
        self.body = body
        readback = ReplicateReadback(stagingStandardErrors: chunks.first?.plan.replicateStandardErrors ?? false,
                                     stagingResidualSums: chunks.first?.plan.replicateResidualSums ?? false, context: context,
                                     stride: max(chunks.first?.coefficientStride ?? 1, 1), coefficientMajor: shape.coefficientMajor,
                                     replicatesPerLaunch: shape.replicatesPerLaunch, slots: shape.slots)
    }

    func enqueue(_ launch: BootstrapLaunch, outputs: BootstrapLaunchOutputs, slot: Int, written: OpenCLEvent) throws(OpenCLError) {
        try readback.enqueue(launch, outputs: outputs, slot: slot, written: written)
    }

    func complete(_ launch: BootstrapLaunch, slot: Int) throws(OpenCLError) {
        try readback.complete(launch, slot: slot)
        let readback = readback
        if arrays == nil { arrays = chunks[chunk].makeOutput() }
        arrays!.withPointers { readback.place(launch, slot: slot, into: $0) }
        placed += 1
        guard placed == launchesPerChunk[chunk], let finished = arrays.take() else { return }
        let prepared = chunks[chunk]
        chunk += 1
        placed = 0
        do {
            try body(try prepared.replicates(finished), done)
            done += prepared.plan.resamples
        } catch {
            failure = error
        }
    }
}
