import TrendFit

/// The program an `OpenCLBackend` builds for one launch: build options and kernel, for the embedded source.
///
/// The backend launches through these values, and `trendfit kernels` prints them, so what is
/// measured offline (`scripts/kernel-isa-report`) is what a device is sent.
public struct KernelProgram: Sendable, Equatable {
    /// The OpenCL C source every program builds (all of `Kernels/`, concatenated).
    public static var source: String { KernelSource.text }

    /// The kernel the launch runs.
    public let kernel: String
    /// The build options (compiler flags and specialization defines).
    public let options: String
    /// Replicates each work-item computes (1 for fits).
    public let replicatesPerItem: Int

    /// Whether a device of OpenCL type `deviceType` ("CPU", "GPU", "Accelerator") gets the
    /// 64-bit-lane form of the random number generator's integer products (CPU devices only).
    public static func wideLaneProducts(deviceType: String) -> Bool {
        deviceType == "CPU"
    }

    /// The fit and bootstrap programs of `batch` under `plan`, the batch packed and the plan scaled as
    /// `OpenCLBackend.fit` and `bootstrap` do.
    public static func programs(for batch: ProblemBatch, plan: BootstrapPlan, precision: Precision,
                                wideLaneProducts: Bool) throws -> (fit: KernelProgram, bootstrap: KernelProgram) {
        let packed = PackedBatch(batch, precision: precision)
        let scaledPlan = try packed.scaling.scaled(plan, for: packed)
        return (fit(packed, precision: precision, wideLaneProducts: wideLaneProducts),
                bootstrap(packed, plan: scaledPlan, precision: precision, wideLaneProducts: wideLaneProducts))
    }

    /// The program that fits every problem of `batch`.
    package static func fit(_ batch: PackedBatch, precision: Precision, wideLaneProducts: Bool) -> KernelProgram {
        KernelProgram(kernel: "fit_problems",
                      options: KernelSource.options(precision: precision, maxRegressors: maxRegressors(batch), plan: nil,
                                                    wideLaneProducts: wideLaneProducts),
                      replicatesPerItem: 1)
    }

    /// The program that bootstraps every problem of `batch` under `plan`.
    package static func bootstrap(_ batch: PackedBatch, plan: BootstrapPlan, precision: Precision,
                                 wideLaneProducts: Bool) -> KernelProgram {
        let descriptors = (0..<batch.problemCount).map(batch.descriptor)
        let regressorCounts = Set(descriptors.map(\.regressors.count))
        let rowCounts = Set(descriptors.map(\.rowCount))
        let designStride = CentredDesign<Double>.stride(forWidth: maxRegressors(batch) + 1)
        let fixedRegressors = regressorCounts.count == 1 ? regressorCounts.first : nil
        let fixedRows = rowCounts.count == 1 ? rowCounts.first : nil
        let perItem = KernelSource.replicatesPerItem(plan: plan, designStride: designStride,
                                                     fixedRegressors: fixedRegressors, fixedRows: fixedRows)
        let options = KernelSource.options(precision: precision, maxRegressors: maxRegressors(batch), plan: plan,
                                           wideLaneProducts: wideLaneProducts, designStride: designStride,
                                           weighted: descriptors.contains { $0.weights != nil },
                                           fixedRegressors: fixedRegressors, fixedRows: fixedRows)
        let kernel = plan.grouping != .none ? "bootstrap_grouped_replicates"
            : perItem == 4 ? "bootstrap_replicates4" : "bootstrap_replicates"
        return KernelProgram(kernel: kernel, options: options, replicatesPerItem: perItem)
    }

    /// Largest regressor count over the problems of `batch`.
    private static func maxRegressors(_ batch: PackedBatch) -> Int {
        (0..<batch.problemCount).map { batch.descriptor($0).regressors.count }.max() ?? 0
    }
}
