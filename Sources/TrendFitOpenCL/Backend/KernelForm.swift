import TrendFit

/// The shape of the kernels an `OpenCLBackend` launches: the same operations in the same order
/// either way, so replicates are bitwise equal across forms on fp64 devices.
public enum KernelForm: String, Sendable, CaseIterable {
    /// CPU devices: one replicate per work-item or four in vector lanes (`bootstrap_replicates`,
    /// `bootstrap_replicates4`), random numbers 16 words at a time, loops bounded by the problem.
    case cpu
    /// GPU and accelerator devices: one replicate per work-item in `bootstrap_staged_replicates`
    /// (`bootstrap_grouped_replicates` for strata and clusters) and the fit shared by a problem's
    /// work-items in the `fit_columns_*` kernels (one per column),
    /// work-groups mapped to problems with their centred rows staged in local memory when they fit,
    /// private arrays indexed by constants only (registers, no scratch memory), results written
    /// coefficient after coefficient so that neighbouring work-items write neighbouring addresses.
    case gpu

    /// The form for a device of OpenCL type `deviceType` ("CPU", "GPU", "Accelerator").
    public static func forDeviceType(_ deviceType: String) -> KernelForm {
        deviceType == "CPU" ? .cpu : .gpu
    }

    /// Work-items per work-group of the GPU form's bootstrap launches.
    public static let gpuGroupSize = 128

    /// Most work-items of a GPU-form fit work-group (the `fit_columns_*` kernels): one 64-wide gfx906
    /// wavefront, so that the work-group's barriers cost little.
    public static let fitGroupLimit = 64

    /// Most bytes of local memory a GPU-form work-group stages its problem's rows in: rows that
    /// need more are read from global memory. 5 KiB leaves a gfx906 compute unit (64 KiB) room
    /// for twelve work-groups of 128 work-items (occupancy 6).
    public static let stagingBudgetBytes = 5 << 10
}
