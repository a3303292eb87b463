/// The device buffers one launch of a bootstrap kernel writes, in slots `0 ..< launch.count`: per
/// replicate its coefficients, status byte, residual sum of squares and, when the plan asks for
/// them, standard errors (a one-scalar placeholder otherwise).
///
/// Coefficients and standard errors are replicate-major (`stride` scalars per replicate) in the CPU
/// form, coefficient-major (coefficient `j` of slot `i` at `j · launch.count + i`) in the GPU form.
struct BootstrapLaunchOutputs {
    let coefficients: OpenCLBuffer
    let statuses: OpenCLBuffer
    let residualSums: OpenCLBuffer
    let standardErrors: OpenCLBuffer

    /// Bytes of the four buffers.
    var byteCount: Int { [coefficients, statuses, residualSums, standardErrors].reduce(0) { $0 + $1.byteCount } }

    /// Buffers for `replicates` replicates of `stride` coefficients of `scalarBytes` bytes each.
    init(_ context: OpenCLContext, replicates: Int, stride: Int, scalarBytes: Int, standardErrors: Bool) throws(OpenCLError) {
        coefficients = try OpenCLBuffer(context, byteCount: replicates * stride * scalarBytes)
        statuses = try OpenCLBuffer(context, byteCount: replicates * MemoryLayout<UInt8>.stride)
        residualSums = try OpenCLBuffer(context, byteCount: replicates * scalarBytes)
        self.standardErrors = try OpenCLBuffer(context, byteCount: (standardErrors ? replicates * stride : 1) * scalarBytes)
    }
}

/// What becomes of the outputs of each launch of a `BootstrapLaunchSequence`.
///
/// `ReplicateReadback` reads every replicate back to the host, on the context's transfer queue
/// after the launch's kernel (`written`), so that the copy overlaps the next launch's kernel. A
/// consumer that summarises the replicates on the device instead enqueues its kernels over
/// `outputs` in `enqueue` (the kernel queue is in order: they run after the launch's kernel and
/// before the slot is written again) and reads back only the summaries.
protocol BootstrapLaunchConsumer: AnyObject {
    /// Enqueues, behind the launch's kernel (whose completion is `written`), the commands that take
    /// its outputs (reads to the host, or kernels that consume them on the device), without
    /// waiting for them.
    func enqueue(_ launch: BootstrapLaunch, outputs: BootstrapLaunchOutputs, slot: Int, written: OpenCLEvent) throws(OpenCLError)
    /// Waits for what `enqueue` started for the launch in `slot` and finishes with it on the host.
    ///
    /// Called once the next launch's kernel is enqueued, so that this host work overlaps it; the
    /// slot's outputs (and any host memory the consumer keeps per slot) are reused only after it returns.
    func complete(_ launch: BootstrapLaunch, slot: Int) throws(OpenCLError)
    /// Whether the sequence goes on after the latest `complete`; a consumer whose host work failed
    /// says no, and the sequence then waits for what is queued and returns without another launch.
    var continuesLaunching: Bool { get }
}

extension BootstrapLaunchConsumer {
    /// A consumer takes every launch.
    var continuesLaunching: Bool { true }
}

/// The launches of one bootstrap kernel, run back to back on the context's in-order queue with
/// double-buffered outputs, over one or more chunks of the plan's resamples.
///
/// The sequence owns the kernel, its input buffers and the output buffers of two slots (one when
/// there is a single launch). Launch `i` (counted across chunks) writes slot `i mod 2`; right after
/// enqueuing launch `i + 1`, the sequence has its consumer complete launch `i`, so that the host's
/// work on launch `i` (waiting for its reads, transposing, copying, handing over a finished chunk)
/// overlaps launch `i + 1` on the device, be it of the next chunk. Launch `i + 2` reuses slot
/// `i mod 2` only after that. The caller sets every kernel argument except those in `Argument`,
/// which the sequence sets per chunk and per launch.
final class BootstrapLaunchSequence {
    /// The bootstrap kernels' arguments set per chunk or per launch (see `BOOTSTRAP_ARGUMENTS` in `bootstrap.cl`).
    enum Argument {
        static let resamples = 11, firstReplicate = 13
        static let firstIndex = 14, count = 15
        static let coefficients = 17, statuses = 18, residualSums = 19, standardErrors = 20
    }

    /// Resamples `firstReplicate ..< firstReplicate + resamples` of every problem, drawn by
    /// `launches` (replicates numbered problem-major within the chunk, as one `bootstrap` call of
    /// those resamples numbers them).
    struct Chunk {
        /// The kernel's `resamples` argument.
        let resamples: Int
        /// The kernel's `first_replicate` argument (`BootstrapPlan.firstReplicate` of the chunk).
        let firstReplicate: Int
        let launches: [BootstrapLaunch]
    }

    let chunks: [Chunk]
    /// The output buffers of each slot.
    let outputs: [BootstrapLaunchOutputs]
    private let kernel: OpenCLKernel
    private let context: OpenCLContext
    private let groupSize: Int
    /// The buffers the kernel reads, kept alive while launches may run.
    private let inputs: [OpenCLBuffer]

    /// Prepares the launches of `chunks` of `kernel` in work-groups of `groupSize`, with outputs for
    /// at most `replicatesPerLaunch` replicates per slot.
    init(kernel: OpenCLKernel, context: OpenCLContext, inputs: [OpenCLBuffer], chunks: [Chunk], groupSize: Int,
         replicatesPerLaunch: Int, stride: Int, scalarBytes: Int, standardErrors: Bool) throws(OpenCLError) {
        self.kernel = kernel
        self.context = context
        self.inputs = inputs
        self.chunks = chunks
        self.groupSize = groupSize
        var outputs: [BootstrapLaunchOutputs] = []
        for _ in 0..<min(2, chunks.reduce(0) { $0 + $1.launches.count }) {
            outputs.append(try BootstrapLaunchOutputs(context, replicates: replicatesPerLaunch, stride: stride,
                                                      scalarBytes: scalarBytes, standardErrors: standardErrors))
        }
        self.outputs = outputs
    }

    /// Runs every launch of every chunk in order, handing each to `consumer`, until the consumer
    /// stops (`continuesLaunching`); on failure or stop, waits for whatever was still queued (reads
    /// into the consumer's host memory included) before returning or throwing.
    func run(_ consumer: some BootstrapLaunchConsumer) throws(OpenCLError) {
        do {
            var previous: (launch: BootstrapLaunch, slot: Int)?
            var index = 0
            for chunk in chunks {
                try kernel.setArgument(Argument.resamples, value: UInt32(chunk.resamples))
                try kernel.setArgument(Argument.firstReplicate, value: UInt32(chunk.firstReplicate))
                for launch in chunk.launches {
                    let slot = index % outputs.count
                    index += 1
                    let written = try enqueue(launch, writing: outputs[slot])
                    try consumer.enqueue(launch, outputs: outputs[slot], slot: slot, written: written)
                    if let previous {
                        try consumer.complete(previous.launch, slot: previous.slot)
                        guard consumer.continuesLaunching else { return try context.finish() }
                    }
                    previous = (launch, slot)
                }
            }
            if let previous { try consumer.complete(previous.launch, slot: previous.slot) }
        } catch {
            try? context.finish()
            throw error
        }
    }

    /// Enqueues the kernel for `launch`, writing `slot`, and submits it; returns its completion.
    private func enqueue(_ launch: BootstrapLaunch, writing slot: BootstrapLaunchOutputs) throws(OpenCLError) -> OpenCLEvent {
        try kernel.setArgument(Argument.firstIndex, value: UInt64(launch.firstIndex))
        try kernel.setArgument(Argument.count, value: UInt32(launch.count))
        try kernel.setArgument(Argument.coefficients, slot.coefficients)
        try kernel.setArgument(Argument.statuses, slot.statuses)
        try kernel.setArgument(Argument.residualSums, slot.residualSums)
        try kernel.setArgument(Argument.standardErrors, slot.standardErrors)
        let written = try kernel.launchWithEvent(context, count: launch.items, groupSize: groupSize)
        try context.flush()
        return written
    }
}
