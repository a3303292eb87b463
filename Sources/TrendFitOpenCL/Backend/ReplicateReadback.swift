import TrendFit

/// Reads every replicate of each launch back to the host on the transfer queue, without
/// blocking, while the next launch's kernel runs: the consumer of `bootstrapOnDevice` and, staging
/// every array, of `ChunkReadback`.
///
/// Reading straight into `ReplicateArrays` (`init(into:…)`), statuses and residual sums, and
/// replicate-major coefficients and standard errors (the CPU form), are read to their place in the
/// arrays; coefficient-major ones (the GPU form) are read into a host staging area per slot and
/// transposed into the arrays in `complete`, while the next launch runs. The arrays' storage must
/// stay in place until the sequence has run. Staging every array (`init(stagingStandardErrors:…)`),
/// each launch is read into its slot's staging area and placed with `place(_:slot:into:)` where the
/// caller says once it is complete. Standard errors and residual sums of squares are read only
/// where the arrays have them (the plan asked); the kernels' residual sums otherwise stay on the device.
final class ReplicateReadback<Real: KernelScalar>: BootstrapLaunchConsumer {
    /// The host memory one slot's launch is read into before it is placed (`coefficients` and
    /// `standardErrors` only in the GPU form when reading straight into arrays).
    private struct Staging {
        let coefficients: UnsafeMutableBufferPointer<Real>
        let standardErrors: UnsafeMutableBufferPointer<Real>
        let statuses: UnsafeMutableBufferPointer<UInt8>
        let residualSums: UnsafeMutableBufferPointer<Real>

        init(coefficients: Int, standardErrors: Int, replicates: Int, residualSums: Int) {
            self.coefficients = .allocate(capacity: coefficients)
            self.standardErrors = .allocate(capacity: standardErrors)
            statuses = .allocate(capacity: replicates)
            self.residualSums = .allocate(capacity: residualSums)
        }

        func deallocate() {
            for area in [coefficients, standardErrors, residualSums] { area.deallocate() }
            statuses.deallocate()
        }
    }

    /// Where `complete` places each launch, or nil where the caller places it (`place`).
    private let destination: ReplicatePointers<Real>?
    private let context: OpenCLContext
    private let stride: Int
    private let coefficientMajor: Bool
    private let readsStandardErrors: Bool
    private let readsResidualSums: Bool
    private let staging: [Staging]
    /// Per slot, the reads of its launch not yet waited for.
    private var pending: [[OpenCLEvent]]

    /// A readback into `destination` of launches of at most `replicatesPerLaunch` replicates over `slots` slots.
    init(into destination: ReplicatePointers<Real>, context: OpenCLContext, stride: Int, coefficientMajor: Bool,
         replicatesPerLaunch: Int, slots: Int) {
        self.destination = destination
        self.context = context
        self.stride = stride
        self.coefficientMajor = coefficientMajor
        let readsStandardErrors = destination.standardErrors != nil
        self.readsStandardErrors = readsStandardErrors
        readsResidualSums = destination.residualSums != nil
        let staged = coefficientMajor ? replicatesPerLaunch * stride : 0
        staging = (0..<slots).map { _ in
            Staging(coefficients: destination.coefficients == nil ? 0 : staged, standardErrors: readsStandardErrors ? staged : 0,
                    replicates: 0, residualSums: 0)
        }
        pending = Array(repeating: [], count: slots)
    }

    /// A readback of launches of at most `replicatesPerLaunch` replicates over `slots` slots into
    /// staging areas, every array (standard errors when `stagingStandardErrors`, residual sums of
    /// squares when `stagingResidualSums`), for `place`.
    init(stagingStandardErrors: Bool, stagingResidualSums: Bool, context: OpenCLContext, stride: Int,
         coefficientMajor: Bool, replicatesPerLaunch: Int, slots: Int) {
        destination = nil
        self.context = context
        self.stride = stride
        self.coefficientMajor = coefficientMajor
        readsStandardErrors = stagingStandardErrors
        readsResidualSums = stagingResidualSums
        let staged = replicatesPerLaunch * stride
        staging = (0..<slots).map { _ in
            Staging(coefficients: staged, standardErrors: stagingStandardErrors ? staged : 0, replicates: replicatesPerLaunch,
                    residualSums: stagingResidualSums ? replicatesPerLaunch : 0)
        }
        pending = Array(repeating: [], count: slots)
    }

    deinit {
        for area in staging { area.deallocate() }
    }

    func enqueue(_ launch: BootstrapLaunch, outputs: BootstrapLaunchOutputs, slot: Int, written: OpenCLEvent) throws(OpenCLError) {
        let first = launch.firstReplicate, count = launch.count
        let area = staging[slot]
        var events: [OpenCLEvent] = []
        /// Reads `perReplicate` elements per replicate from `buffer` to `target` (replicate `first`
        /// on), or to `staged` where this readback stages the array.
        func read<Element>(_ buffer: OpenCLBuffer, perReplicate: Int, to target: UnsafeMutablePointer<Element>?,
                           staged: UnsafeMutableBufferPointer<Element>, staging: Bool) throws(OpenCLError) {
            guard destination == nil || target != nil else { return }
            let place = staging || destination == nil ? staged.baseAddress! : target! + first * perReplicate
            events.append(try buffer.enqueueRead(into: place, byteCount: count * perReplicate * MemoryLayout<Element>.stride,
                                                 after: written, context: context))
        }
        try read(outputs.coefficients, perReplicate: stride, to: destination?.coefficients, staged: area.coefficients,
                 staging: coefficientMajor)
        if readsStandardErrors {
            try read(outputs.standardErrors, perReplicate: stride, to: destination?.standardErrors, staged: area.standardErrors,
                     staging: coefficientMajor)
        }
        try read(outputs.statuses, perReplicate: 1, to: destination?.statuses, staged: area.statuses, staging: false)
        if readsResidualSums {
            try read(outputs.residualSums, perReplicate: 1, to: destination?.residualSums, staged: area.residualSums,
                     staging: false)
        }
        pending[slot] = events
    }

    func complete(_ launch: BootstrapLaunch, slot: Int) throws(OpenCLError) {
        try wait(slot: slot)
        guard let destination, coefficientMajor else { return }
        placeCoefficients(launch, slot: slot, into: destination)
    }

    /// Waits for the reads of the launch in `slot`.
    private func wait(slot: Int) throws(OpenCLError) {
        for event in pending[slot] { try event.wait() }
        pending[slot] = []
    }

    /// Places the staged launch of `slot` (after its `complete`) in `destination`,
    /// replicate `launch.firstReplicate` on, every array `destination` has.
    func place(_ launch: BootstrapLaunch, slot: Int, into destination: ReplicatePointers<Real>) {
        let first = launch.firstReplicate, count = launch.count
        let area = staging[slot]
        if let statuses = destination.statuses { (statuses + first).update(from: area.statuses.baseAddress!, count: count) }
        if let residualSums = destination.residualSums {
            (residualSums + first).update(from: area.residualSums.baseAddress!, count: count)
        }
        placeCoefficients(launch, slot: slot, into: destination)
    }

    /// Places the staged coefficients and standard errors of `slot`'s launch in `destination`,
    /// transposing them in the coefficient-major form.
    private func placeCoefficients(_ launch: BootstrapLaunch, slot: Int, into destination: ReplicatePointers<Real>) {
        let first = launch.firstReplicate, count = launch.count
        func place(_ source: UnsafeMutablePointer<Real>, into target: UnsafeMutablePointer<Real>) {
            if coefficientMajor {
                for i in 0..<count {
                    for j in 0..<stride { target[(first + i) * stride + j] = source[j * count + i] }
                }
            } else {
                (target + first * stride).update(from: source, count: count * stride)
            }
        }
        if let coefficients = destination.coefficients { place(staging[slot].coefficients.baseAddress!, into: coefficients) }
        if let standardErrors = destination.standardErrors { place(staging[slot].standardErrors.baseAddress!, into: standardErrors) }
    }
}
