import TrendFit

/// Reads a streamed bootstrap's passes on an OpenCL device: after each bootstrap launch, the
/// summary kernels (`Kernels/summary.cl`) read the launch's replicates where they lie, in
/// replicate order, in the shape of the backend's kernel form (`SummaryKernelShape`), doing what
/// `StreamedCoefficient.read` does on the host. Only the totals, the histogram bins holding the
/// wanted ranks and the few gathered values cross to the host (`bytesRead` counts them), and
/// `StreamedBootstrap` forms the summaries from them as from the host's own passes.
final class DevicePassReader: StreamedPassReader {
    let backend: OpenCLBackend
    let prepared: PreparedBootstrap<Double>
    /// Most replicates per bootstrap launch.
    let replicatesPerLaunch: Int
    /// Per coefficient, the power of two that unscales its replicates (`BatchScaling.unscale`).
    let unscaleExponents: [Int]
    /// Bytes copied from the device to the host so far.
    private(set) var bytesRead = 0
    var deviceToHostBytes: Int? { bytesRead }
    /// The groups of the latest pass, on the device.
    private var latest: DeviceSummaryGroups?

    init(backend: OpenCLBackend, prepared: PreparedBootstrap<Double>, replicatesPerLaunch: Int) {
        precondition(prepared.batch.problemCount == 1, "device summaries read one problem")
        self.backend = backend
        self.prepared = prepared
        self.replicatesPerLaunch = replicatesPerLaunch
        unscaleExponents = prepared.batch.packed.scaling.coefficientExponents(problem: 0, of: prepared.batch.packed)
    }

    /// Copies the first `count` elements of `buffer` to the host, counting the bytes.
    func read<T>(_ buffer: OpenCLBuffer, count: Int, as type: T.Type, zero: T) throws(OpenCLError) -> [T] {
        var values = Array(repeating: zero, count: count)
        try buffer.read(into: &values, offset: 0, count: count, context: backend.context)
        bytesRead += count * MemoryLayout<T>.stride
        return values
    }

    /// What a pass found per coefficient, read from the device after its last launch.
    private struct PassTotals {
        var counts: [Int64]
        var sums: [Double]
        var statuses: [Int64]
    }

    func readPass(_ streams: [StreamedCoefficient], firstPass: Bool, chunk: (BootstrapReplicates, _ done: Int) throws -> Void,
                  progress: (_ done: Int) -> Void) throws -> [ReplicateStatus: Int] {
        let totals = try backend.onDevice("forming the bootstrap summaries on the device") { () throws(OpenCLError) in
            try readPassOnDevice(streams, firstPass: firstPass, progress: progress)
        }
        let countStride = KernelABI.SummaryCountSlot.allCases.count, sumStride = KernelABI.SummarySumSlot.allCases.count
        for (j, stream) in streams.enumerated() {
            func count(_ slot: KernelABI.SummaryCountSlot) -> Int { Int(totals.counts[j * countStride + slot.rawValue]) }
            func sum(_ slot: KernelABI.SummarySumSlot) -> Double { totals.sums[j * sumStride + slot.rawValue] }
            if firstPass {
                guard count(.beyondRange) == 0 else {
                    throw TrendFitError.unsupported("problem 0: the bootstrap estimates lie beyond the range of double precision")
                }
                var first = StreamedCoefficient.FirstPassTotals()
                (first.count, first.sum, first.below, first.ties) = (count(.count), sum(.sum), count(.below), count(.ties))
                first.firstNaN = count(.firstNaN) < 0 ? nil : count(.firstNaN)
                (first.largest, first.largestError, first.pivotCount) = (sum(.largest), sum(.largestError), count(.pivotCount))
                stream.absorb(first)
            } else if !stream.squaresDone {
                stream.absorb(squares: sum(.squares))
            }
        }
        var excluded: [ReplicateStatus: Int] = [:]
        for (raw, count) in totals.statuses.enumerated() where raw != Int(ReplicateStatus.ok.rawValue) && count > 0 {
            excluded[ReplicateStatus(rawValue: UInt8(raw)) ?? .rankDeficient, default: 0] += Int(count)
        }
        return excluded
    }

    func results(of stream: StreamedCoefficient) -> (values: (any OrderStatisticsPassResults)?,
                                                      pivots: (any OrderStatisticsPassResults)?) {
        guard let latest else { return (nil, nil) }
        return (DeviceOrderStatisticsResults(reader: self, groups: latest, stream: 2 * stream.coefficient),
                stream.pivots == nil ? nil : DeviceOrderStatisticsResults(reader: self, groups: latest, stream: 2 * stream.coefficient + 1))
    }

    /// Launches the bootstrap and, behind each launch, the summary kernel over its replicates;
    /// the first pass places each stream's first bins over the keys of the first launch.
    private func readPassOnDevice(_ streams: [StreamedCoefficient], firstPass: Bool,
                                  progress: (_ done: Int) -> Void) throws(OpenCLError) -> PassTotals {
        let context = backend.context
        let countStride = KernelABI.SummaryCountSlot.allCases.count, sumStride = KernelABI.SummarySumSlot.allCases.count
        var initialCounts = Array(repeating: Int64(0), count: streams.count * countStride)
        for j in streams.indices { initialCounts[j * countStride + KernelABI.SummaryCountSlot.firstNaN.rawValue] = -1 }
        let statusCount = ReplicateStatus.allCases.count
        let pass = try SummaryLaunches(reader: self, streams: streams, firstPass: firstPass,
                                       counts: try OpenCLBuffer(context, startingWith: initialCounts),
                                       sums: try OpenCLBuffer(context, startingWith: Array(repeating: 0.0, count: streams.count * sumStride)),
                                       statuses: try OpenCLBuffer(context, startingWith: Array(repeating: Int64(0), count: statusCount)),
                                       groups: firstPass ? nil : try DeviceSummaryGroups(streams, context: context))
        latest = nil
        try withoutActuallyEscaping(progress) { (progress) throws(OpenCLError) in
            pass.progress = progress
            defer { pass.progress = nil }
            try backend.launchBootstrap(prepared, maxLaunchSize: replicatesPerLaunch) { shape in
                pass.coefficientMajor = shape.coefficientMajor
                return pass
            }
        }
        latest = pass.groups
        return PassTotals(counts: try read(pass.counts, count: streams.count * countStride, as: Int64.self, zero: 0),
                          sums: try read(pass.sums, count: streams.count * sumStride, as: Double.self, zero: 0),
                          statuses: firstPass ? try read(pass.statuses, count: statusCount, as: Int64.self, zero: 0) : [])
    }

    /// One pass's summary kernels, enqueued behind each bootstrap launch (`BootstrapLaunchConsumer`):
    /// they read the launch's outputs before the next launch into the same slot overwrites them.
    private final class SummaryLaunches: BootstrapLaunchConsumer {
        unowned let reader: DevicePassReader
        let streams: [StreamedCoefficient]
        let firstPass: Bool
        /// The totals per coefficient (`KernelABI.SummaryCountSlot`, `SummarySumSlot`) and the replicates by status.
        let counts: OpenCLBuffer
        let sums: OpenCLBuffer
        let statuses: OpenCLBuffer
        let exponents: OpenCLBuffer
        let centres: OpenCLBuffer
        /// The pass's groups, placed at the first launch of a first pass.
        var groups: DeviceSummaryGroups?
        var coefficientMajor = false
        /// Called with the resamples read once a launch is complete.
        var progress: ((_ done: Int) -> Void)?

        init(reader: DevicePassReader, streams: [StreamedCoefficient], firstPass: Bool, counts: OpenCLBuffer, sums: OpenCLBuffer,
             statuses: OpenCLBuffer, groups: DeviceSummaryGroups?) throws(OpenCLError) {
            self.reader = reader
            self.streams = streams
            self.firstPass = firstPass
            self.counts = counts
            self.sums = sums
            self.statuses = statuses
            self.groups = groups
            let context = reader.backend.context
            exponents = try OpenCLBuffer(context, copying: streams.flatMap {
                [Int32(reader.unscaleExponents[$0.coefficient]), Int32($0.exponent)]
            })
            centres = try OpenCLBuffer(context, copying: streams.flatMap { [$0.estimate, $0.mean] })
        }

        /// Sets the arguments every summary kernel of a launch starts with (0 ... 9), then the
        /// exponents and centres (10, 11).
        private func setLaunchArguments(_ kernel: OpenCLKernel, _ launch: BootstrapLaunch,
                                        _ outputs: BootstrapLaunchOutputs) throws(OpenCLError) {
            let prepared = reader.prepared
            try kernel.setArgument(0, outputs.coefficients)
            try kernel.setArgument(1, outputs.statuses)
            try kernel.setArgument(2, outputs.standardErrors)
            try kernel.setArgument(3, value: UInt32(launch.count))
            try kernel.setArgument(4, value: Int32(max(prepared.coefficientStride, 1)))
            try kernel.setArgument(5, value: Int32(coefficientMajor ? 1 : 0))
            try kernel.setArgument(6, value: Int32(prepared.inputs.unusableProblems.isEmpty ? 1 : 0))
            try kernel.setArgument(7, value: Int32(prepared.plan.replicateStandardErrors ? 1 : 0))
            try kernel.setArgument(8, value: Int32(streams.contains { $0.studentized } ? 1 : 0))
            try kernel.setArgument(9, value: Int32(streams.count))
            try kernel.setArgument(10, exponents)
            try kernel.setArgument(11, centres)
        }

        func enqueue(_ launch: BootstrapLaunch, outputs: BootstrapLaunchOutputs, slot: Int, written _: OpenCLEvent) throws(OpenCLError) {
            let context = reader.backend.context
            let shape = reader.backend.summaryShape
            if groups == nil {
                let kernel = try reader.backend.summaryKernel(shape.keyRanges)
                let ranges = try OpenCLBuffer(context, byteCount: streams.count * 2 * 3 * MemoryLayout<UInt64>.stride)
                try setLaunchArguments(kernel, launch, outputs)
                try kernel.setArgument(12, ranges)
                try shape.launch(kernel, tasks: streams.count, context: context)
                reader.placeFirstBins(streams, keys: try reader.read(ranges, count: streams.count * 2 * 3, as: UInt64.self, zero: 0))
                groups = try DeviceSummaryGroups(streams, context: context)
            }
            guard let groups else { return }
            let kernel = try reader.backend.summaryKernel(shape.replicates)
            try setLaunchArguments(kernel, launch, outputs)
            try kernel.setArgument(12, value: Int32(firstPass ? 1 : 0))
            try kernel.setArgument(13, value: Int32(!firstPass && streams.contains { !$0.squaresDone } ? 1 : 0))
            try kernel.setArgument(14, counts)
            try kernel.setArgument(15, sums)
            try kernel.setArgument(16, statuses)
            try groups.setArguments(kernel, from: 17)
            try shape.launch(kernel, tasks: streams.count, context: context)
        }

        func complete(_ launch: BootstrapLaunch, slot: Int) throws(OpenCLError) {
            progress?(launch.firstReplicate + launch.count)
        }
    }

    /// Places the first bins of every stream over the keys of the first launch's values (`keys`:
    /// per stream its lowest and highest key and its values), the whole key range for a stream with
    /// none there, as the host places them over its first chunk's.
    func placeFirstBins(_ streams: [StreamedCoefficient], keys: [UInt64]) {
        for (j, stream) in streams.enumerated() {
            for (s, statistics) in [stream.values, stream.pivots].enumerated() {
                guard let statistics, statistics.needsFirstBins else { continue }
                let at = 3 * (2 * j + s)
                if keys[at + 2] > 0 {
                    statistics.placeFirstBins(low: keys[at], high: keys[at + 1])
                } else {
                    statistics.placeFirstBins(low: 0, high: .max)
                }
            }
        }
    }
}
