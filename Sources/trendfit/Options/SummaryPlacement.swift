import ArgumentParser

/// Where `trendfit bootstrap` forms its summaries: on the OpenCL device that draws the replicates,
/// or on the host from replicates read back. Both give the same numbers, bitwise.
enum SummaryPlacement: String, ExpressibleByArgument, CaseIterable {
    /// On the device where reading every replicate back costs more than summarizing it there (a
    /// GPU, or replicates beyond the memory limit on any fp64 OpenCL device), else on the host.
    case auto
    /// On the device: needs an OpenCL device with fp64, double precision and no `--replicates`.
    case device
    /// On the host, from replicates read back.
    case host
}
