/// The units grouped case resampling draws from, per problem, in the layout both backends read.
///
/// Problem `k`'s entry starts at `layout[offsets[k]]`: the unit count U, then U pairs (start,
/// size) into the member list, then the member list: the problem's positions (0 ..< n, its listed
/// rows) ordered by group label (ascending; positions in order within a group). A unit is one
/// stratum or one cluster.
///
/// Draws (`ReplicateStream` purpose `rowIndex`, word t as always): for strata, the draws run
/// stratum by stratum, draw t of stratum s (size m) taking member `start + index(word t, m)`, so
/// every stratum keeps its size and the resample has n rows; for clusters, draw u (u < U) picks
/// unit `index(word u, U)` and adds all its members in order, so the resample has as many rows as
/// its drawn clusters hold. Jitter word t goes with the t-th drawn row. A problem without group
/// labels is one stratum, or n clusters of one row: both draw exactly its ordinary case resamples.
package struct ResampleGroups: Sendable {
    /// Start of each problem's entry in `layout`.
    package let offsets: [Int32]
    /// Unit counts, unit bounds and member lists of all problems.
    package let layout: [Int32]
    /// The most rows one replicate of any problem can draw.
    package let maxDrawnRows: Int

    /// The units of every problem of `batch` for `grouping` (which is not `.none`).
    package init(batch: ProblemBatch, grouping: CaseGrouping) {
        precondition(grouping != .none, "ordinary case resampling has no groups")
        var offsets: [Int32] = []
        var layout: [Int32] = []
        var maxDrawn = 0
        for problem in batch.problems {
            let n = problem.rows.count
            offsets.append(Int32(layout.count))
            let labels = problem.groups ?? (grouping == .strata ? Array(repeating: 0, count: n) : (0..<Int32(n)).map { $0 })
            let members = (0..<n).sorted { labels[$0] != labels[$1] ? labels[$0] < labels[$1] : $0 < $1 }
            var bounds: [(start: Int, size: Int)] = []
            for (index, position) in members.enumerated() {
                if index > 0 && labels[position] == labels[members[index - 1]] {
                    bounds[bounds.count - 1].size += 1
                } else {
                    bounds.append((index, 1))
                }
            }
            layout.append(Int32(bounds.count))
            for bound in bounds { layout += [Int32(bound.start), Int32(bound.size)] }
            layout += members.map { Int32($0) }
            let largest = bounds.map(\.size).max() ?? 0
            maxDrawn = max(maxDrawn, grouping == .strata ? n : bounds.count * largest)
        }
        self.offsets = offsets
        self.layout = layout
        self.maxDrawnRows = maxDrawn
    }
}
