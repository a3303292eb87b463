import TrendFit

/// How the summary kernels (`Kernels/summary.cl`) run in a kernel form: on CPU devices one
/// work-item per coefficient (`summary_key_ranges`, `summary_read_replicates`) or rank query
/// (`summary_rank_bins`); on GPUs a work-group per coefficient (`summary_staged_key_ranges`,
/// `summary_staged_replicates`) whose work-items read neighbouring replicates at once, in chunks
/// staged in local memory, the sums still added in replicate order by one of them, and a work-group
/// per query (`summary_staged_rank_bins`). Either way the results are the host's, bit for bit.
package struct SummaryKernelShape: Equatable {
    /// The kernel that finds the key ranges of a first launch.
    let keyRanges: String
    /// The kernel that reads a launch's replicates into the totals and groups.
    let replicates: String
    /// The kernel that finds the bins holding ranks.
    let rankBins: String
    /// Work-items per coefficient or query: 1, or the staged work-group (`stagedGroupSize`).
    let workItemsPerTask: Int
    /// Work-items of a staged work-group (`SUMMARY_GROUP_SIZE`).
    package let stagedGroupSize: Int
    /// Replicates each staged work-item loads per chunk (`SUMMARY_CHUNK_ROUNDS`).
    static let stagedRounds = 4

    /// Most work-items of a staged work-group: 256 keep four gfx906 wavefronts loading while one
    /// work-item adds; their chunks of 1024 replicates take 20 KiB of local memory (two chunks'
    /// addends and flags).
    static let largestStagedGroup = 256

    /// Replicates per staged chunk: what one work-item adds between two of the work-group's barriers.
    package var stagedChunk: Int { stagedGroupSize * Self.stagedRounds }

    /// The shape of `form` on a device whose work-groups hold at most `maxWorkGroupSize` work-items.
    init(_ form: KernelForm, maxWorkGroupSize: Int) {
        var size = Self.largestStagedGroup
        while size > max(maxWorkGroupSize, 1) { size /= 2 }
        stagedGroupSize = size
        switch form {
        case .cpu:
            (keyRanges, replicates, rankBins) = ("summary_key_ranges", "summary_read_replicates", "summary_rank_bins")
            workItemsPerTask = 1
        case .gpu:
            (keyRanges, replicates, rankBins) = ("summary_staged_key_ranges", "summary_staged_replicates", "summary_staged_rank_bins")
            workItemsPerTask = size
        }
    }

    /// The build options of the staged kernels' work-group size (a power of two, as their
    /// reductions need) and chunk.
    var buildOptions: String { "-D SUMMARY_GROUP_SIZE=\(stagedGroupSize) -D SUMMARY_CHUNK_ROUNDS=\(Self.stagedRounds)" }

    /// Launches `kernel`, one of this shape's, over `tasks` coefficients (`keyRanges`, `replicates`)
    /// or rank queries (`rankBins`).
    func launch(_ kernel: OpenCLKernel, tasks: Int, context: OpenCLContext) throws(OpenCLError) {
        try kernel.launch(context, count: tasks * workItemsPerTask, groupSize: workItemsPerTask == 1 ? nil : workItemsPerTask)
    }
}
