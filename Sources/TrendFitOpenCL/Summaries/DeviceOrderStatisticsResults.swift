import TrendFit

/// What a pass on the device collected of one stream's order statistics: the bins holding its
/// ranks found on the device (`SummaryKernelShape.rankBins`), its gathered values and zeros read back.
struct DeviceOrderStatisticsResults: OrderStatisticsPassResults {
    let reader: DevicePassReader
    let groups: DeviceSummaryGroups
    /// 2j: coefficient j's values, 2j + 1: its pivots.
    let stream: Int

    /// The group's entry in the pass's layout.
    private func entry(_ group: Int) -> (action: KernelABI.SummaryAction, offset: Int, capacity: Int) {
        groups.layout[groups.indices[stream]![group]]
    }

    /// Runs the device work of `body`, an OpenCL failure leaving as the backend's.
    private func onDevice<Result>(_ body: () throws(OpenCLError) -> Result) throws(TrendFitError) -> Result {
        try reader.backend.onDevice("reading the bootstrap summaries from the device", body)
    }

    /// Per rank (counted from the group's first value), the bin holding it, the counts before and its own.
    private func rankBins(_ group: Int, ranks: [UInt64]) throws(TrendFitError) -> [OrderStatisticsBin] {
        let (_, offset, capacity) = entry(group)
        let backend = reader.backend
        return try onDevice { () throws(OpenCLError) in
            let queries = try OpenCLBuffer(backend.context, copying: ranks.flatMap { [UInt64(offset), UInt64(capacity), $0] })
            let answers = try OpenCLBuffer(backend.context, byteCount: 3 * ranks.count * MemoryLayout<UInt64>.stride)
            let shape = backend.summaryShape
            let kernel = try backend.summaryKernel(shape.rankBins)
            try kernel.setArgument(0, groups.bins)
            try kernel.setArgument(1, queries)
            try kernel.setArgument(2, value: Int32(ranks.count))
            try kernel.setArgument(3, answers)
            try shape.launch(kernel, tasks: ranks.count, context: backend.context)
            let found = try reader.read(answers, count: 3 * ranks.count, as: UInt64.self, zero: 0)
            return ranks.indices.map { OrderStatisticsBin(bin: Int(found[3 * $0]), before: Int(found[3 * $0 + 1]), count: Int(found[3 * $0 + 2])) }
        }
    }

    func total(group: Int) throws(TrendFitError) -> Int {
        try rankBins(group, ranks: [.max])[0].before
    }

    func bins(group: Int, holding ranks: [Int]) throws(TrendFitError) -> [OrderStatisticsBin] {
        var result: [OrderStatisticsBin] = []
        for bin in try rankBins(group, ranks: ranks.map { UInt64($0) }) where result.last?.bin != bin.bin {
            result.append(bin)
        }
        return result
    }

    func gathered(group: Int) throws(TrendFitError) -> [Double] {
        let (_, offset, capacity) = entry(group)
        if groups.hostGathered == nil {
            groups.hostGathered = try onDevice { () throws(OpenCLError) in
                try reader.read(groups.gathered, count: groups.gatheredCount, as: Double.self, zero: 0)
            }
        }
        return Array(groups.hostGathered![offset..<(offset + capacity)])
    }

    func zeros(group: Int) throws(TrendFitError) -> [Double] {
        let (_, offset, capacity) = entry(group)
        if groups.hostZeros == nil {
            groups.hostZeros = try onDevice { () throws(OpenCLError) in
                try reader.read(groups.zeros, count: groups.zeroCount, as: Double.self, zero: 0)
            }
        }
        return Array(groups.hostZeros![offset..<(offset + capacity)])
    }
}
