import TrendFit

/// The key ranges one summary pass reads on the device (`StreamedOrderStatistics.plannedGroups`
/// of every stream that needs the pass), laid out as `KernelABI.SummaryGroupSlot` says, with the
/// buffers they fill: bins, gathered values, counters and zeros.
final class DeviceSummaryGroups {
    /// Per stream (2j: coefficient j's values, 2j + 1: its pivots), its groups' indices here.
    let indices: [Int: [Int]]
    /// Per group: its action, first slot in its buffer, and bins, values or zeros.
    let layout: [(action: KernelABI.SummaryAction, offset: Int, capacity: Int)]
    let table: OpenCLBuffer
    let bins: OpenCLBuffer
    let gathered: OpenCLBuffer
    let counters: OpenCLBuffer
    let zeroIndices: OpenCLBuffer
    let zeros: OpenCLBuffer
    /// Values of `gathered` and `zeros`.
    let gatheredCount: Int
    let zeroCount: Int
    /// The gathered values and zeros once read to the host (read at most once).
    var hostGathered: [Double]?
    var hostZeros: [Double]?

    /// Lays out the groups of `streams`' order statistics that need a pass.
    init(_ streams: [StreamedCoefficient], context: OpenCLContext) throws(OpenCLError) {
        var indices: [Int: [Int]] = [:]
        var layout: [(action: KernelABI.SummaryAction, offset: Int, capacity: Int)] = []
        var table: [UInt64] = []
        var totals = (bins: 0, gathered: 0, zeros: 0)
        var zeroIndices: [UInt64] = []
        for stream in streams {
            for (s, statistics) in [stream.values, stream.pivots].enumerated() {
                guard let statistics, statistics.needsPass else { continue }
                let streamIndex = 2 * stream.coefficient + s
                for (range, action) in statistics.plannedGroups {
                    indices[streamIndex, default: []].append(layout.count)
                    let entry: (action: KernelABI.SummaryAction, offset: Int, capacity: Int, shift: Int)
                    switch action {
                    case .count(let binShift, let bins):
                        entry = (.countKeys, totals.bins, bins, binShift)
                        totals.bins += bins
                    case .gather(let count):
                        entry = (.gather, totals.gathered, count, 0)
                        totals.gathered += count
                    case .zeroSigns(let positions):
                        entry = (.zeroSigns, totals.zeros, positions.count, 0)
                        totals.zeros += positions.count
                        zeroIndices += positions.map { UInt64($0) }
                    }
                    layout.append((entry.action, entry.offset, entry.capacity))
                    var slots = Array(repeating: UInt64(0), count: KernelABI.SummaryGroupSlot.allCases.count)
                    slots[KernelABI.SummaryGroupSlot.stream.rawValue] = UInt64(streamIndex)
                    slots[KernelABI.SummaryGroupSlot.action.rawValue] = UInt64(entry.action.rawValue)
                    slots[KernelABI.SummaryGroupSlot.low.rawValue] = range.low
                    slots[KernelABI.SummaryGroupSlot.high.rawValue] = range.high
                    slots[KernelABI.SummaryGroupSlot.shift.rawValue] = UInt64(entry.shift)
                    slots[KernelABI.SummaryGroupSlot.offset.rawValue] = UInt64(entry.offset)
                    slots[KernelABI.SummaryGroupSlot.capacity.rawValue] = UInt64(entry.capacity)
                    table += slots
                }
            }
        }
        self.indices = indices
        self.layout = layout
        self.table = try OpenCLBuffer(context, copying: table)
        bins = try OpenCLBuffer(context, startingWith: Array(repeating: UInt32(0), count: totals.bins))
        gathered = try OpenCLBuffer(context, byteCount: totals.gathered * MemoryLayout<Double>.stride)
        counters = try OpenCLBuffer(context, startingWith: Array(repeating: UInt64(0), count: 2 * layout.count))
        self.zeroIndices = try OpenCLBuffer(context, copying: zeroIndices)
        zeros = try OpenCLBuffer(context, byteCount: totals.zeros * MemoryLayout<Double>.stride)
        gatheredCount = totals.gathered
        zeroCount = totals.zeros
    }

    /// Sets the replicate kernel's group arguments (`SummaryKernelShape.replicates`), from `first`
    /// on: the table, its groups, bins, gathered values, counters, zero indices and zeros.
    func setArguments(_ kernel: OpenCLKernel, from first: Int) throws(OpenCLError) {
        try kernel.setArgument(first, table)
        try kernel.setArgument(first + 1, value: Int32(layout.count))
        try kernel.setArgument(first + 2, bins)
        try kernel.setArgument(first + 3, gathered)
        try kernel.setArgument(first + 4, counters)
        try kernel.setArgument(first + 5, zeroIndices)
        try kernel.setArgument(first + 6, zeros)
    }
}
