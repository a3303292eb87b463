/// One launch of a bootstrap kernel: which work-items run and which replicates they fill.
///
/// Replicates are numbered problem-major (`problem · resamples + replicate`); a launch fills the
/// `count` replicates from `firstReplicate` on, into slots `0 ..< count` of the output buffers.
struct BootstrapLaunch: Equatable {
    /// The kernel's `first_index` argument.
    let firstIndex: Int
    /// Work-items launched.
    let items: Int
    /// The first replicate the launch fills.
    let firstReplicate: Int
    /// Replicates the launch fills (the kernel's `count` argument).
    let count: Int

    /// Launches of `replicatesPerItem` consecutive replicates per work-item, at most `launchSize`
    /// replicates each (the CPU form).
    static func consecutive(total: Int, launchSize: Int, replicatesPerItem: Int) -> [BootstrapLaunch] {
        stride(from: 0, to: total, by: launchSize).map { first in
            let count = min(launchSize, total - first)
            return BootstrapLaunch(firstIndex: first, items: (count + replicatesPerItem - 1) / replicatesPerItem,
                                   firstReplicate: first, count: count)
        }
    }

    /// Launches of whole work-groups of `groupSize` work-items mapped to problems (the GPU form):
    /// each problem's `resamples` replicates are padded to a whole number of work-groups, and a
    /// launch spans at most `max(launchSize, groupSize)` padded work-items, starting on a work-group
    /// boundary (so its first work-item computes a replicate).
    static func problemGroups(problems: Int, resamples: Int, groupSize: Int, launchSize: Int) -> [BootstrapLaunch] {
        let padded = (resamples + groupSize - 1) / groupSize * groupSize
        let itemsPerLaunch = max(1, launchSize / groupSize) * groupSize
        let totalItems = problems * padded
        /// Replicates computed by the padded work-items before `item`.
        func replicates(before item: Int) -> Int { item / padded * resamples + min(item % padded, resamples) }
        return stride(from: 0, to: totalItems, by: itemsPerLaunch).map { first in
            let items = min(itemsPerLaunch, totalItems - first)
            let firstReplicate = replicates(before: first)
            return BootstrapLaunch(firstIndex: first, items: items, firstReplicate: firstReplicate,
                                   count: replicates(before: first + items) - firstReplicate)
        }
    }
}
