import TrendFit

/// Reads a streamed bootstrap's passes on an OpenCL device: after each bootstrap launch, the
/// summary kernels (`Kernels/summary.cl`) read the launch's replicates where they lie, one
/// work-item per coefficient in replicate order, doing what `StreamedCoefficient.read` does on
/// the host. Only the totals, the histogram bins holding the wanted ranks and the few gathered
/// values cross to the host (`bytesRead` counts them), and `StreamedBootstrap` forms the
/// summaries from them as from the host's own passes.
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

    /// Launches the bootstrap and, after each launch, the summary kernel over its replicates;
    /// the first pass places each stream's first bins over the keys of the first launch.
    private func readPassOnDevice(_ streams: [StreamedCoefficient], firstPass: Bool,
                                  progress: (_ done: Int) -> Void) throws(OpenCLError) -> PassTotals {
        let context = backend.context
        let countStride = KernelABI.SummaryCountSlot.allCases.count, sumStride = KernelABI.SummarySumSlot.allCases.count
        var initialCounts = Array(repeating: Int64(0), count: streams.count * countStride)
        for j in streams.indices { initialCounts[j * countStride + KernelABI.SummaryCountSlot.firstNaN.rawValue] = -1 }
        let counts = try OpenCLBuffer(context, byteCount: initialCounts.count * MemoryLayout<Int64>.stride)
        try counts.write(initialCounts, context: context)
        let sums = try OpenCLBuffer(context, byteCount: streams.count * sumStride * MemoryLayout<Double>.stride)
        try sums.write(Array(repeating: 0.0, count: streams.count * sumStride), context: context)
        let statusCount = ReplicateStatus.allCases.count
        let statuses = try OpenCLBuffer(context, byteCount: statusCount * MemoryLayout<Int64>.stride)
        try statuses.write(Array(repeating: Int64(0), count: statusCount), context: context)
        let exponents = try OpenCLBuffer(context, copying: streams.flatMap { [Int32(unscaleExponents[$0.coefficient]), Int32($0.exponent)] })
        let centres = try OpenCLBuffer(context, copying: streams.flatMap { [$0.estimate, $0.mean] })
        let plan = prepared.plan
        let usable: Int32 = prepared.inputs.unusableProblems.isEmpty ? 1 : 0
        let studentized: Int32 = streams.contains { $0.studentized } ? 1 : 0
        let squaresPass: Int32 = !firstPass && streams.contains { !$0.squaresDone } ? 1 : 0
        let readKernel = try backend.summaryKernel("summary_read_replicates")
        var groups = firstPass ? nil : try DeviceSummaryGroups(streams, context: context)
        latest = nil

        /// Sets the arguments every summary kernel of a launch starts with (0 ... 9).
        func setLaunchArguments(_ kernel: OpenCLKernel, _ launched: BootstrapLaunchOutput) throws(OpenCLError) {
            try kernel.setArgument(0, launched.coefficients)
            try kernel.setArgument(1, launched.statuses)
            try kernel.setArgument(2, launched.standardErrors)
            try kernel.setArgument(3, value: UInt32(launched.launch.count))
            try kernel.setArgument(4, value: Int32(max(prepared.coefficientStride, 1)))
            try kernel.setArgument(5, value: Int32(launched.coefficientMajor ? 1 : 0))
            try kernel.setArgument(6, value: usable)
            try kernel.setArgument(7, value: Int32(plan.replicateStandardErrors ? 1 : 0))
            try kernel.setArgument(8, value: studentized)
            try kernel.setArgument(9, value: Int32(streams.count))
        }
        try backend.launchBootstrap(prepared, maxLaunchSize: replicatesPerLaunch) { (launched: BootstrapLaunchOutput) throws(OpenCLError) in
            if groups == nil {
                try placeFirstBins(streams, launched, setLaunchArguments: setLaunchArguments,
                                   exponents: exponents, centres: centres)
                groups = try DeviceSummaryGroups(streams, context: context)
            }
            guard let groups else { return }
            try setLaunchArguments(readKernel, launched)
            try readKernel.setArgument(10, value: Int32(firstPass ? 1 : 0))
            try readKernel.setArgument(11, value: squaresPass)
            try readKernel.setArgument(12, exponents)
            try readKernel.setArgument(13, centres)
            try readKernel.setArgument(14, counts)
            try readKernel.setArgument(15, sums)
            try readKernel.setArgument(16, statuses)
            try groups.setArguments(readKernel, from: 17)
            try readKernel.launch(context, count: streams.count, groupSize: nil)
            progress(launched.launch.firstReplicate + launched.launch.count)
        }
        latest = groups
        return PassTotals(counts: try read(counts, count: streams.count * countStride, as: Int64.self, zero: 0),
                          sums: try read(sums, count: streams.count * sumStride, as: Double.self, zero: 0),
                          statuses: firstPass ? try read(statuses, count: statusCount, as: Int64.self, zero: 0) : [])
    }

    /// Places the first bins of every stream over the keys of the first launch's values (the whole
    /// key range for a stream with none there), as the host places them over its first chunk's.
    private func placeFirstBins(_ streams: [StreamedCoefficient], _ launched: BootstrapLaunchOutput,
                                setLaunchArguments: (OpenCLKernel, BootstrapLaunchOutput) throws(OpenCLError) -> Void,
                                exponents: OpenCLBuffer, centres: OpenCLBuffer) throws(OpenCLError) {
        let kernel = try backend.summaryKernel("summary_key_ranges")
        let ranges = try OpenCLBuffer(backend.context, byteCount: streams.count * 2 * 3 * MemoryLayout<UInt64>.stride)
        try setLaunchArguments(kernel, launched)
        try kernel.setArgument(10, exponents)
        try kernel.setArgument(11, centres)
        try kernel.setArgument(12, ranges)
        try kernel.launch(backend.context, count: streams.count, groupSize: nil)
        let keys = try read(ranges, count: streams.count * 2 * 3, as: UInt64.self, zero: 0)
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
