import Foundation

/// Order statistics of unsorted values found by selection, in O(count) rather than a sort's
/// O(count · log count): the element `values.sorted()` holds at each requested rank, bitwise.
///
/// The values must not be NaN (`CoefficientSummary` refuses NaN replicates; degenerate replicates
/// are excluded before summaries are formed). Equal values are interchangeable except +0 and −0,
/// which compare equal but differ in sign: the zero found at a rank is the one the (stable) sort
/// puts there, the (rank − negatives)-th zero in input order.
enum OrderStatistics {
    /// The fewest values for which selection brackets the ranks from a sample and counts in one
    /// pass (on several threads when given) instead of partitioning a copy of all values.
    static let bracketingThreshold = 1 << 17
    /// Values of the strided sample that brackets each rank on the parallel path.
    static let sampleSize = 1 << 14
    /// Half-width of a bracket in sample ranks: 2·√sampleSize, four sampling standard deviations.
    static let bracketMargin = 256
    /// Values per task of the parallel counting and gathering pass.
    static let chunkSize = 1 << 16

    /// The elements of `values.sorted()` at `ranks` (each in `0..<values.count`), in the order of
    /// `ranks`, found on up to `threads` threads.
    static func select(_ values: [Double], ranks: [Int], threads: Int) -> [Double] {
        StridedValues.reading(values) { select($0, ranks: ranks, threads: threads) }
    }

    /// `select(_:ranks:threads:)` of values read in place.
    static func select(_ values: StridedValues, ranks: [Int], threads: Int) -> [Double] {
        precondition(ranks.allSatisfy { values.indices.contains($0) }, "rank outside the values")
        let wanted = Array(Set(ranks)).sorted()
        var found = values.count >= bracketingThreshold
            ? bracketed(values, ranks: wanted, threads: threads)
            : selected(values, ranks: wanted)
        signZeros(&found, of: values)
        return ranks.map { found[$0]! }
    }

    /// Multi-rank introselect on a copy of `values`; `ranks` ascending and distinct.
    static func selected(_ values: some Collection<Double>, ranks: [Int]) -> [Int: Double] {
        var scratch = Array(values)
        var found: [Int: Double] = [:]
        let depthLimit = 2 * (Int.bitWidth - values.count.leadingZeroBitCount)
        scratch.withUnsafeMutableBufferPointer { buffer in
            select(buffer, 0..<buffer.count, ranks[...], depthLeft: depthLimit, into: &found)
        }
        return found
    }

    /// Partitions `range` three ways around a median-of-three pivot and recurses into the parts
    /// holding `ranks`; sorts the range once it is short or the partitions have gone too deep
    /// (so the worst case stays O(count · log count)).
    private static func select(_ buffer: UnsafeMutableBufferPointer<Double>, _ range: Range<Int>, _ ranks: ArraySlice<Int>,
                               depthLeft: Int, into found: inout [Int: Double]) {
        guard !ranks.isEmpty else { return }
        if range.count <= 16 || depthLeft == 0 {
            buffer[range].sort()
            for rank in ranks { found[rank] = buffer[rank] }
            return
        }
        let first = buffer[range.lowerBound], middle = buffer[(range.lowerBound + range.upperBound) / 2]
        let last = buffer[range.upperBound - 1]
        let pivot = max(min(first, middle), min(max(first, middle), last))
        // Afterwards [lowerBound, less) < pivot, [less, greater) == pivot, [greater, upperBound) > pivot.
        var less = range.lowerBound, index = range.lowerBound, greater = range.upperBound
        while index < greater {
            let value = buffer[index]
            if value < pivot {
                buffer.swapAt(less, index)
                less += 1
                index += 1
            } else if value > pivot {
                greater -= 1
                buffer.swapAt(index, greater)
            } else {
                index += 1
            }
        }
        let equalStart = ranks.firstIndex { $0 >= less } ?? ranks.endIndex
        let greaterStart = ranks[equalStart...].firstIndex { $0 >= greater } ?? ranks.endIndex
        for rank in ranks[equalStart..<greaterStart] { found[rank] = pivot }
        select(buffer, range.lowerBound..<less, ranks[..<equalStart], depthLeft: depthLeft - 1, into: &found)
        select(buffer, greater..<range.upperBound, ranks[greaterStart...], depthLeft: depthLeft - 1, into: &found)
    }

    /// A value interval expected to hold the order statistics at `ranks`.
    private struct Bracket {
        var low: Double
        var high: Double
        var ranks: [Int]
    }

    /// What one chunk holds of each bracket: how many values lie below it and which lie inside.
    private struct ChunkShare {
        var below: [Int] = []
        var inside: [[Double]] = []
    }

    /// Brackets each rank between two values of a strided sample, counts the values below each
    /// bracket and gathers those inside in one pass on `threads` threads, then selects within the
    /// gathered values; a rank whose bracket missed it (an unrepresentative sample) falls back
    /// to `selected` on all values. Every value below a bracket is smaller than every value in
    /// it, so the k-th smallest overall is the (k − below)-th smallest inside.
    private static func bracketed(_ values: StridedValues, ranks: [Int], threads: Int) -> [Int: Double] {
        let count = values.count
        let sampleStride = count / sampleSize
        let sample = (0..<sampleSize).map { values[$0 * sampleStride] }.sorted()
        var brackets: [Bracket] = []
        for rank in ranks {
            let position = rank * sampleSize / count
            let low = position - bracketMargin <= 0 ? -Double.infinity : sample[position - bracketMargin]
            let high = position + bracketMargin >= sampleSize - 1 ? Double.infinity : sample[position + bracketMargin]
            if var last = brackets.last, low <= last.high {
                last.high = max(last.high, high)
                last.ranks.append(rank)
                brackets[brackets.count - 1] = last
            } else {
                brackets.append(Bracket(low: low, high: high, ranks: [rank]))
            }
        }
        let chunks = (count + chunkSize - 1) / chunkSize
        var shares = Array(repeating: ChunkShare(), count: chunks)
        shares.withUnsafeMutableBufferPointer { shareBuffer in
            let output = ParallelOutput(shareBuffer)
            let bounds = brackets.map { (low: $0.low, high: $0.high) }
            ParallelLoop.run(iterations: chunks, threads: threads) { chunk in
                let indices = (chunk * chunkSize)..<min(count, (chunk + 1) * chunkSize)
                var share = ChunkShare()
                // One sweep of the (cache-resident) chunk per bracket keeps the inner loop simple.
                for bound in bounds {
                    var inside: [Double] = []
                    share.below.append(sweep(values, indices, low: bound.low, high: bound.high, inside: &inside))
                    share.inside.append(inside)
                }
                output.base[chunk] = share
            }
        }
        var found: [Int: Double] = [:]
        var missed: [Int] = []
        for (b, bracket) in brackets.enumerated() {
            let below = shares.reduce(0) { $0 + $1.below[b] }
            let inside = shares.flatMap { $0.inside[b] }
            let held = bracket.ranks.filter { (below..<(below + inside.count)).contains($0) }
            missed += bracket.ranks.filter { !held.contains($0) }
            guard !held.isEmpty else { continue }
            for (rank, value) in selected(inside, ranks: held.map { $0 - below }) {
                found[rank + below] = value
            }
        }
        if !missed.isEmpty {
            found.merge(selected(values, ranks: missed.sorted())) { _, fallback in fallback }
        }
        return found
    }

    /// Counts the values at `indices` below `low` and appends those in [`low`, `high`] to `inside`
    /// in input order, eight values per step: the count without a branch (a value falls below the
    /// median's bracket at random), a branch only where one of the eight lies inside.
    @inline(__always)
    private static func sweep(_ values: StridedValues, _ indices: Range<Int>, low: Double, high: Double,
                              inside: inout [Double]) -> Int {
        typealias Lanes = SIMD8<Double>
        let lows = Lanes(repeating: low), highs = Lanes(repeating: high)
        let ones = SIMD8<Int64>(repeating: 1)
        var belowLanes = SIMD8<Int64>()
        var index = indices.lowerBound
        while index + Lanes.scalarCount <= indices.upperBound {
            let lanes = eight(values, from: index)
            let notBelow = lanes .>= lows
            belowLanes &+= ones.replacing(with: 0, where: notBelow)
            let within = notBelow .& (lanes .<= highs)
            if any(within) {
                for lane in 0..<Lanes.scalarCount where within[lane] { inside.append(lanes[lane]) }
            }
            index += Lanes.scalarCount
        }
        var below = Int(belowLanes.wrappedSum())
        for value in values[index..<indices.upperBound] {
            if value < low {
                below += 1
            } else if value <= high {
                inside.append(value)
            }
        }
        return below
    }

    /// The eight values from `index` on: one load where they are contiguous.
    @inline(__always)
    private static func eight(_ values: StridedValues, from index: Int) -> SIMD8<Double> {
        guard values.stride != 1 else { return UnsafeRawPointer(values.base + index).loadUnaligned(as: SIMD8<Double>.self) }
        var lanes = SIMD8<Double>()
        for lane in 0..<lanes.scalarCount { lanes[lane] = values[index + lane] }
        return lanes
    }

    /// Gives each zero found the sign of the zero the stable sort puts at its rank.
    private static func signZeros(_ found: inout [Int: Double], of values: StridedValues) {
        let zeroRanks = found.filter { $0.value == 0 }.keys.sorted()
        guard !zeroRanks.isEmpty else { return }
        let negatives = values.count { $0 < 0 }
        var zeroIndex = 0
        var next = 0
        for value in values where value == 0 {
            while next < zeroRanks.count && zeroRanks[next] - negatives == zeroIndex {
                found[zeroRanks[next]] = value
                next += 1
            }
            guard next < zeroRanks.count else { break }
            zeroIndex += 1
        }
    }
}
