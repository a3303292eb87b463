import TrendFit

/// The program an `OpenCLBackend` builds for one launch: build options and kernel, for the embedded source.
///
/// The backend launches through these values, and `trendfit kernels` prints them, so what is
/// measured offline (`scripts/kernel-isa-report`) is what a device is sent.
public struct KernelProgram: Sendable, Equatable {
    /// The OpenCL C source every program builds (all of `Kernels/`, concatenated).
    public static var source: String { KernelSource.text }

    /// What the program is compiled for.
    public let specialization: KernelSpecialization
    /// The kernel the launch runs (a GPU-form fit: its first).
    public let kernel: String
    /// The kernels the launch runs, in order (several for a GPU-form fit).
    public let kernels: [String]
    /// The build options (compiler flags and specialization defines).
    public let options: String
    /// Replicates each work-item computes (1 for fits).
    public let replicatesPerItem: Int
    /// Work-items per work-group where work-groups are mapped to problems (the GPU form), else nil.
    public let problemGroupSize: Int?

    /// The program of `specialization`.
    public init(_ specialization: KernelSpecialization) {
        self.specialization = specialization
        kernel = specialization.kernel
        kernels = specialization.kernels
        options = specialization.options
        replicatesPerItem = specialization.replicatesPerItem
        problemGroupSize = specialization.problemGroupSize
    }

    /// Whether a device of OpenCL type `deviceType` ("CPU", "GPU", "Accelerator") gets the
    /// 64-bit-lane form of the random number generator's integer products (CPU devices only).
    public static func wideLaneProducts(deviceType: String) -> Bool {
        deviceType == "CPU"
    }

    /// The fit and bootstrap programs of `batch` under `plan` in `form`, the batch packed and the plan
    /// scaled as `OpenCLBackend.fit` and `bootstrap` do.
    public static func programs(for batch: ProblemBatch, plan: BootstrapPlan, precision: Precision,
                                wideLaneProducts: Bool, form: KernelForm,
                                groupSize: Int = KernelForm.gpuGroupSize) throws -> (fit: KernelProgram, bootstrap: KernelProgram) {
        let packed = PackedBatch(batch, precision: precision)
        let scaledPlan = try packed.scaling.scaled(plan, for: packed)
        return (KernelProgram(.fit(packed, precision: precision, wideLaneProducts: wideLaneProducts, form: form)),
                KernelProgram(.bootstrap(packed, plan: scaledPlan, precision: precision, wideLaneProducts: wideLaneProducts,
                                         form: form, groupSize: groupSize)))
    }
}
