/// Exact order statistics of a stream of values read in repeated passes (a bootstrap's replicates
/// regenerated from their seeds) in bounded memory: bitwise the elements `OrderStatistics.select`
/// finds on the whole stream, signs of zeros included.
///
/// The first pass counts the values' `OrderKey`s in up to 2^`histogramBits` bins spanning the keys
/// of its first read (and one count each for the keys below and above); each later pass narrows
/// every rank still open. A key range holding few enough values (at most `gatherLimit` over the
/// ranges open at once) is gathered, in stream order, and the rank selected within it (every value
/// below the range is smaller than every value in it); a larger range is counted again in up to
/// 2^`histogramBits` finer bins; a range of one key is its value, except zero, whose sign is that
/// of the zero the stable sort puts at the rank (the (rank − below)-th zero of the stream, the
/// values below a range holding zero being the negative ones).
///
/// A pass is read on the host (`add`) or elsewhere, by a device that runs the groups of
/// `plannedGroups` and hands their results to `endPass(ranks:threads:results:)`.
package final class StreamedOrderStatistics {
    /// The keys `low...high`.
    package struct KeyRange: Equatable {
        package var low: UInt64
        package var high: UInt64

        /// Whether `key` lies in the range.
        @inline(__always)
        func contains(_ key: UInt64) -> Bool { key &- low <= high &- low }
    }

    /// What the current pass collects of one key range: the work a device does for it.
    package enum PlannedAction: Equatable {
        /// Counts the keys in `bins` bins, a key's bin being `(key − range.low) >> binShift` (bin 0 when `binShift` ≥ 64).
        case count(binShift: Int, bins: Int)
        /// Keeps the `count` values of the range, in stream order.
        case gather(count: Int)
        /// Keeps the zeros at `indices` (ascending positions among the stream's zeros).
        case zeroSigns(indices: [Int])
    }

    /// What a pass does with one key range.
    private enum Action {
        /// Counts its keys in bins.
        case count
        /// Keeps its values in stream order.
        case gather
        /// Reads the signs of its zeros at `zeroIndices`.
        case zeroSigns
    }

    /// Open ranks inside one key range, and what the current pass collects of it.
    private final class Group {
        let range: KeyRange
        /// Values of the stream below the range.
        var below: Int
        /// The open ranks in the range, ascending.
        var ranks: [Int]
        let action: Action
        /// Count action: a key's bin is `(key − range.low) >> binShift` (one bin when 64).
        var binShift = 0
        var bins: [UInt32] = []
        /// Gather action: the values the range holds, and those gathered.
        var gatherCount = 0
        var gathered: [Double] = []
        /// Zero action: which zeros (by position among the stream's zeros) to read, the zeros seen so far, those read.
        var zeroIndices: [Int] = []
        var zerosSeen = 0
        var zeros: [Double] = []

        init(range: KeyRange, below: Int, ranks: [Int], action: Action) {
            self.range = range
            self.below = below
            self.ranks = ranks
            self.action = action
        }

        /// The keys of bin `bin` of a counting group.
        func binRange(_ bin: Int) -> KeyRange {
            guard binShift < 64 else { return range }
            let low = range.low &+ (UInt64(bin) << binShift)
            let last = (UInt64(1) << binShift) - 1
            return KeyRange(low: low, high: range.high - low <= last ? range.high : low + last)
        }
    }

    /// Bits of key each histogram resolves.
    let histogramBits: Int
    /// Most values gathered at once over every open range.
    let gatherLimit: Int
    /// The order statistics found, by rank.
    private(set) var found: [Int: Double] = [:]
    /// Values of the stream, counted by the first pass.
    private(set) var count = 0
    private var firstPassEnded = false
    private var groups: [Group] = []

    /// Prepares the first pass, whose bins its first read places.
    init(histogramBits: Int, gatherLimit: Int) {
        precondition((1...32).contains(histogramBits) && gatherLimit >= 1, "histogram bits in 1...32, a positive gather limit")
        self.histogramBits = histogramBits
        self.gatherLimit = gatherLimit
    }

    /// Whether a pass is still needed.
    package var needsPass: Bool { !firstPassEnded || !groups.isEmpty }

    /// Whether the first pass has yet to place its bins (`placeFirstBins`).
    package var needsFirstBins: Bool { !firstPassEnded && groups.isEmpty }

    /// The key ranges the current pass reads and what it collects of each, in the order
    /// `OrderStatisticsPassResults` numbers them.
    package var plannedGroups: [(range: KeyRange, action: PlannedAction)] {
        groups.map { group in
            switch group.action {
            case .count: (group.range, .count(binShift: group.binShift, bins: group.bins.count))
            case .gather: (group.range, .gather(count: group.gatherCount))
            case .zeroSigns: (group.range, .zeroSigns(indices: group.zeroIndices))
            }
        }
    }

    /// Reads the next values of the stream, in stream order (none NaN).
    func add(_ values: UnsafeBufferPointer<Double>) {
        if needsFirstBins && !values.isEmpty { placeFirstBins(values) }
        for group in groups {
            let range = group.range
            switch group.action {
            case .count:
                let shift = group.binShift
                group.bins.withUnsafeMutableBufferPointer { bins in
                    for value in values {
                        let key = OrderKey.of(value)
                        if range.contains(key) { bins[Int(truncatingIfNeeded: (key &- range.low) >> shift)] &+= 1 }
                    }
                }
            case .gather:
                for value in values where range.contains(OrderKey.of(value)) { group.gathered.append(value) }
            case .zeroSigns:
                for value in values where value == 0 {
                    if group.zeros.count < group.zeroIndices.count && group.zeroIndices[group.zeros.count] == group.zerosSeen {
                        group.zeros.append(value)
                    }
                    group.zerosSeen += 1
                }
            }
        }
    }

    /// The first pass's groups: bins over the keys of its first read, one count below and one above.
    private func placeFirstBins(_ values: UnsafeBufferPointer<Double>) {
        var low = UInt64.max, high = UInt64.min
        for value in values {
            let key = OrderKey.of(value)
            low = min(low, key)
            high = max(high, key)
        }
        placeFirstBins(low: low, high: high)
    }

    /// The first pass's groups: bins over the keys `low...high`, one count below and one above.
    /// Any range gives the same order statistics; one close to the values' needs fewer passes.
    package func placeFirstBins(low: UInt64, high: UInt64) {
        precondition(needsFirstBins && low <= high, "the first bins are placed once, over a range")
        if low > 0 { groups.append(Self.counting(KeyRange(low: 0, high: low - 1), below: 0, ranks: [], bits: 0)) }
        groups.append(Self.counting(KeyRange(low: low, high: high), below: 0, ranks: [], bits: histogramBits))
        if high < UInt64.max { groups.append(Self.counting(KeyRange(low: high + 1, high: .max), below: 0, ranks: [], bits: 0)) }
    }

    /// Ends a pass read by `add`: keeps what it found and plans the next. After the first pass,
    /// `ranks` (each in `0..<count`) are the ranks to find; later passes take none.
    func endPass(ranks: [Int] = [], threads: Int) {
        do {
            try endPass(ranks: ranks, threads: threads, results: HostResults(groups: groups))
        } catch {
            preconditionFailure("the host's own pass results cannot fail: \(error)")
        }
    }

    /// Ends a pass whose groups (`plannedGroups`) `results` collected: keeps what it found and
    /// plans the next. After the first pass, `ranks` (each in `0..<count`) are the ranks to find.
    package func endPass(ranks: [Int] = [], threads: Int, results: some OrderStatisticsPassResults) throws(TrendFitError) {
        if !firstPassEnded {
            firstPassEnded = true
            let wanted = Array(Set(ranks)).sorted()
            for (index, group) in groups.enumerated() {
                group.below = count
                let groupCount = try results.total(group: index)
                group.ranks = wanted.filter { (count..<(count + groupCount)).contains($0) }
                count += groupCount
            }
            precondition(ranks.allSatisfy { (0..<count).contains($0) }, "rank outside the values")
        }
        var narrowed: [(range: KeyRange, below: Int, count: Int, ranks: [Int])] = []
        for (index, group) in groups.enumerated() where !group.ranks.isEmpty {
            switch group.action {
            case .count:
                let relative = group.ranks.map { $0 - group.below }
                for bin in try results.bins(group: index, holding: relative) {
                    let below = group.below + bin.before
                    let inside = group.ranks.filter { (below..<(below + bin.count)).contains($0) }
                    narrowed.append((group.binRange(bin.bin), below, bin.count, inside))
                }
            case .gather:
                let values = OrderStatistics.select(try results.gathered(group: index),
                                                    ranks: group.ranks.map { $0 - group.below }, threads: threads)
                for (rank, value) in zip(group.ranks, values) { found[rank] = value }
            case .zeroSigns:
                for (rank, zero) in zip(group.ranks, try results.zeros(group: index)) { found[rank] = zero }
            }
        }
        let share = max(1, gatherLimit / max(1, narrowed.count))
        groups = narrowed.compactMap { range, below, count, ranks in
            if range.low == range.high {
                guard range.low == OrderKey.zero else {
                    for rank in ranks { found[rank] = OrderKey.value(of: range.low) }
                    return nil
                }
                let group = Group(range: range, below: below, ranks: ranks, action: .zeroSigns)
                group.zeroIndices = ranks.map { $0 - below }
                return group
            }
            if count <= share {
                let group = Group(range: range, below: below, ranks: ranks, action: .gather)
                group.gatherCount = count
                group.gathered.reserveCapacity(count)
                return group
            }
            return Self.counting(range, below: below, ranks: ranks, bits: histogramBits)
        }
    }

    /// The results of a pass `add` read, from the groups' own storage.
    private struct HostResults: OrderStatisticsPassResults {
        let groups: [Group]

        func total(group: Int) -> Int { groups[group].bins.reduce(0) { $0 + Int($1) } }

        func bins(group: Int, holding ranks: [Int]) -> [OrderStatisticsBin] {
            var result: [OrderStatisticsBin] = []
            var before = 0
            var next = 0
            for (bin, binCount) in groups[group].bins.enumerated() where binCount > 0 && next < ranks.count {
                let end = before + Int(binCount)
                if ranks[next] < end { result.append(OrderStatisticsBin(bin: bin, before: before, count: Int(binCount))) }
                while next < ranks.count && ranks[next] < end { next += 1 }
                before = end
            }
            return result
        }

        func gathered(group: Int) -> [Double] { groups[group].gathered }

        func zeros(group: Int) -> [Double] { groups[group].zeros }
    }

    /// A group that counts the keys of `range` in at most 2^`bits` bins of a power-of-two width.
    private static func counting(_ range: KeyRange, below: Int, ranks: [Int], bits: Int) -> Group {
        let group = Group(range: range, below: below, ranks: ranks, action: .count)
        let span = range.high - range.low
        group.binShift = span == 0 ? 0 : max(0, (UInt64.bitWidth - span.leadingZeroBitCount) - bits)
        group.bins = Array(repeating: 0, count: group.binShift >= 64 ? 1 : Int(span >> group.binShift) + 1)
        return group
    }

    /// The order statistics at `ranks`, once no pass is needed.
    package func statistics(at ranks: [Int]) -> [Double] {
        precondition(!needsPass, "order statistics still open")
        return ranks.map { found[$0]! }
    }
}

/// A histogram bin that holds wanted ranks: its index, the values its group counted in the bins
/// before it, and its own count.
package struct OrderStatisticsBin: Equatable, Sendable {
    package var bin: Int
    package var before: Int
    package var count: Int

    package init(bin: Int, before: Int, count: Int) {
        self.bin = bin
        self.before = before
        self.count = count
    }
}

/// What one pass over a stream collected for each group of `StreamedOrderStatistics.plannedGroups`
/// (numbered as there): on the host the groups' own storage, on a device its buffers.
package protocol OrderStatisticsPassResults {
    /// The values a counting group counted.
    func total(group: Int) throws(TrendFitError) -> Int
    /// The bins of a counting group that hold `ranks` (ascending, counted from the group's first
    /// value), ascending: for each, the first bin whose counts, summed from the group's first, pass the rank.
    func bins(group: Int, holding ranks: [Int]) throws(TrendFitError) -> [OrderStatisticsBin]
    /// The values a gathering group kept, in stream order.
    func gathered(group: Int) throws(TrendFitError) -> [Double]
    /// The zeros a zero-sign group read, in the order of its indices.
    func zeros(group: Int) throws(TrendFitError) -> [Double]
}
