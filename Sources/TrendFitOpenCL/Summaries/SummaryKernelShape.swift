import TrendFit

/// How the summary kernels (`Kernels/summary.cl`) read a launch's replicates in a kernel form: on
/// CPU devices one work-item per coefficient (`summary_key_ranges`, `summary_read_replicates`); on
/// GPUs a work-group per coefficient (`summary_staged_key_ranges`, `summary_staged_replicates`) whose
/// work-items read neighbouring replicates at once, in chunks staged in local memory, the sums still
/// added in replicate order by one of them. Either way the totals are the host's, bit for bit.
package struct SummaryKernelShape: Equatable {
    /// The kernel that finds the key ranges of a first launch.
    let keyRanges: String
    /// The kernel that reads a launch's replicates into the totals and groups.
    let replicates: String
    /// Work-items per coefficient: 1, or the staged work-group (`stagedGroupSize`).
    package let workItemsPerCoefficient: Int
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
        case .cpu: (keyRanges, replicates, workItemsPerCoefficient) = ("summary_key_ranges", "summary_read_replicates", 1)
        case .gpu: (keyRanges, replicates, workItemsPerCoefficient) = ("summary_staged_key_ranges", "summary_staged_replicates", size)
        }
    }

    /// The build options of the staged kernels' work-group size (a power of two, as their
    /// reductions need) and chunk.
    var buildOptions: String { "-D SUMMARY_GROUP_SIZE=\(stagedGroupSize) -D SUMMARY_CHUNK_ROUNDS=\(Self.stagedRounds)" }

    /// Launches `kernel`, this shape's `keyRanges` or `replicates`, over `coefficients` coefficients.
    func launch(_ kernel: OpenCLKernel, coefficients: Int, context: OpenCLContext) throws(OpenCLError) {
        try kernel.launch(context, count: coefficients * workItemsPerCoefficient,
                          groupSize: workItemsPerCoefficient == 1 ? nil : workItemsPerCoefficient)
    }
}
