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
    /// Work-items per work-group where work-groups are mapped to problems (the GPU form's
    /// `bootstrap_staged_replicates`, launched as `BootstrapLaunch.problemGroups`), else nil.
    public let problemGroupSize: Int?

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
        return (fit(packed, precision: precision, wideLaneProducts: wideLaneProducts, form: form),
                bootstrap(packed, plan: scaledPlan, precision: precision, wideLaneProducts: wideLaneProducts, form: form,
                          groupSize: groupSize))
    }

    /// The program that fits every problem of `batch`.
    public static func fit(_ batch: PackedBatch, precision: Precision, wideLaneProducts: Bool,
                           form: KernelForm) -> KernelProgram {
        KernelProgram(kernel: "fit_problems",
                      options: KernelSource.options(precision: precision, maxRegressors: maxRegressors(batch), plan: nil,
                                                    wideLaneProducts: wideLaneProducts, form: form,
                                                    fixedIntercept: fixedIntercept(batch)),
                      replicatesPerItem: 1, problemGroupSize: nil)
    }

    /// The program that bootstraps every problem of `batch` under `plan` in `form`, with work-groups
    /// of `groupSize` work-items in the GPU form.
    public static func bootstrap(_ batch: PackedBatch, plan: BootstrapPlan, precision: Precision,
                                 wideLaneProducts: Bool, form: KernelForm,
                                 groupSize: Int = KernelForm.gpuGroupSize) -> KernelProgram {
        let descriptors = (0..<batch.problemCount).map(batch.descriptor)
        let regressorCounts = Set(descriptors.map(\.regressors.count))
        let rowCounts = Set(descriptors.map(\.rowCount))
        let designStride = CentredDesign<Double>.stride(forWidth: maxRegressors(batch) + 1)
        let fixedRegressors = regressorCounts.count == 1 ? regressorCounts.first : nil
        let fixedRows = rowCounts.count == 1 ? rowCounts.first : nil
        let perItem = KernelSource.replicatesPerItem(plan: plan, form: form, designStride: designStride,
                                                     fixedRegressors: fixedRegressors, fixedRows: fixedRows)
        let weighted = descriptors.contains { $0.weights != nil }
        let problemGroups = form == .gpu && plan.grouping == .none
        // Rows a GPU-form work-group stages: every problem's, when the largest fits the budget.
        let maxRows = rowCounts.max() ?? 0
        let stagedBytes = maxRows * (designStride + (weighted ? 1 : 0)) * (precision == .double ? 8 : 4)
        let stagedRows = problemGroups && stagedBytes <= KernelForm.stagingBudgetBytes ? maxRows : 0
        // The largest distinct-row threshold (BootstrapPlan.distinctRowThreshold) of the batch.
        let distinctSlots = plan.minimumDistinctRows != 0 ? plan.minimumDistinctRows
            : descriptors.map(\.coefficientCount).max() ?? 1
        let options = KernelSource.options(precision: precision, maxRegressors: maxRegressors(batch), plan: plan,
                                           wideLaneProducts: wideLaneProducts, form: form, designStride: designStride,
                                           weighted: weighted, fixedRegressors: fixedRegressors, fixedRows: fixedRows,
                                           stagedRows: stagedRows, distinctSlots: distinctSlots, groupSize: groupSize)
        let kernel = plan.grouping != .none ? "bootstrap_grouped_replicates"
            : problemGroups ? "bootstrap_staged_replicates"
            : perItem == 4 ? "bootstrap_replicates4" : "bootstrap_replicates"
        return KernelProgram(kernel: kernel, options: options, replicatesPerItem: perItem,
                             problemGroupSize: problemGroups ? groupSize : nil)
    }

    /// Whether every problem of `batch` has an intercept, when all agree; nil for a mix.
    private static func fixedIntercept(_ batch: PackedBatch) -> Bool? {
        let intercepts = Set((0..<batch.problemCount).map { batch.descriptor($0).hasIntercept })
        return intercepts.count == 1 ? intercepts.first : nil
    }

    /// Largest regressor count over the problems of `batch`.
    private static func maxRegressors(_ batch: PackedBatch) -> Int {
        (0..<batch.problemCount).map { batch.descriptor($0).regressors.count }.max() ?? 0
    }
}
