import TrendFit

/// Reads every replicate of each launch back into the host's `ReplicateArrays` on the transfer
/// queue, without blocking, while the next launch's kernel runs: the consumer of `bootstrapOnDevice`.
///
/// Statuses and residual sums, and replicate-major coefficients and standard errors (the CPU
/// form), are read straight to their place in the arrays. Coefficient-major ones (the GPU form)
/// are read into a host staging area per slot and transposed into the arrays in `complete`, while
/// the next launch runs. The arrays' storage must stay in place until the sequence has run.
final class ReplicateReadback<Real: KernelScalar>: BootstrapLaunchConsumer {
    private let destination: ReplicatePointers<Real>
    private let context: OpenCLContext
    private let stride: Int
    private let coefficientMajor: Bool
    /// Per slot, the coefficient-major coefficients then standard errors of its launch (GPU form only).
    private let staging: [UnsafeMutableBufferPointer<Real>]
    /// Per slot, the reads of its launch not yet waited for.
    private var pending: [[OpenCLEvent]]

    /// A readback into `destination` of launches of at most `replicatesPerLaunch` replicates over `slots` slots.
    init(into destination: ReplicatePointers<Real>, context: OpenCLContext, stride: Int, coefficientMajor: Bool,
         replicatesPerLaunch: Int, slots: Int) {
        self.destination = destination
        self.context = context
        self.stride = stride
        self.coefficientMajor = coefficientMajor
        let stagedArrays = destination.standardErrors == nil ? 1 : 2
        let stagedCount = coefficientMajor ? stagedArrays * replicatesPerLaunch * stride : 0
        staging = (0..<slots).map { _ in UnsafeMutableBufferPointer<Real>.allocate(capacity: stagedCount) }
        pending = Array(repeating: [], count: slots)
    }

    deinit {
        for area in staging { area.deallocate() }
    }

    func enqueue(_ launch: BootstrapLaunch, outputs: BootstrapLaunchOutputs, slot: Int, written: OpenCLEvent) throws(OpenCLError) {
        let first = launch.firstReplicate, count = launch.count
        let scalarBytes = MemoryLayout<Real>.stride
        var events: [OpenCLEvent] = []
        /// Reads `buffer`'s coefficient-like array (`stride` per replicate) to `target`, or to the
        /// staging area from `stagingOffset` on in the coefficient-major form.
        func readCoefficients(_ buffer: OpenCLBuffer, to target: UnsafeMutablePointer<Real>, stagingOffset: Int) throws(OpenCLError) {
            let place = coefficientMajor ? staging[slot].baseAddress! + stagingOffset : target + first * stride
            events.append(try buffer.enqueueRead(into: place, byteCount: count * stride * scalarBytes, after: written, context: context))
        }
        if let coefficients = destination.coefficients {
            try readCoefficients(outputs.coefficients, to: coefficients, stagingOffset: 0)
        }
        if let standardErrors = destination.standardErrors {
            try readCoefficients(outputs.standardErrors, to: standardErrors, stagingOffset: count * stride)
        }
        if let statuses = destination.statuses {
            events.append(try outputs.statuses.enqueueRead(into: statuses + first, byteCount: count, after: written, context: context))
        }
        if let residualSums = destination.residualSums {
            events.append(try outputs.residualSums.enqueueRead(into: residualSums + first, byteCount: count * scalarBytes, after: written,
                                                               context: context))
        }
        pending[slot] = events
    }

    func complete(_ launch: BootstrapLaunch, slot: Int) throws(OpenCLError) {
        for event in pending[slot] { try event.wait() }
        pending[slot] = []
        guard coefficientMajor else { return }
        let first = launch.firstReplicate, count = launch.count
        let staged = staging[slot].baseAddress!
        /// Transposes the coefficient-major array at `source` into replicate-major `target`.
        func transpose(_ source: UnsafeMutablePointer<Real>, into target: UnsafeMutablePointer<Real>) {
            for i in 0..<count {
                for j in 0..<stride { target[(first + i) * stride + j] = source[j * count + i] }
            }
        }
        if let coefficients = destination.coefficients { transpose(staged, into: coefficients) }
        if let standardErrors = destination.standardErrors { transpose(staged + count * stride, into: standardErrors) }
    }
}
