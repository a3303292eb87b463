import TrendFit

/// What one OpenCL program is compiled for: the key of `OpenCLBackend`'s program cache, and what
/// a launch's kernel name, build options (`KernelSource.options(for:)`) and replicates per
/// work-item follow from.
public struct KernelSpecialization: Hashable, Sendable {
    /// The precision of the kernels' reals.
    public let precision: Precision
    /// Whether 32×32→64-bit integer products are written on 64-bit lanes (CPU devices), see `KernelProgram.wideLaneProducts`.
    public let wideLaneProducts: Bool
    /// The largest regressor count of the batch (the size of the kernels' private arrays).
    public let maxRegressors: Int
    /// The kernels' shape (`KernelForm`).
    public let form: KernelForm
    /// Whether every problem has an intercept, when all agree (the fit's intercept offset is then a
    /// constant); nil for a mix or a bootstrap program.
    public let fixedIntercept: Bool?
    /// The bootstrap's specialization, or nil for the fit program.
    public let bootstrap: Bootstrap?

    /// What a bootstrap program is compiled for besides the batch's precision and width.
    public struct Bootstrap: Hashable, Sendable {
        /// The resampling scheme.
        public let scheme: BootstrapScheme
        /// The wild multipliers' distribution.
        public let wildWeights: WildWeights
        /// How case resamples group rows.
        public let grouping: CaseGrouping
        /// Whether the plan adds response jitter.
        public let hasJitter: Bool
        /// Whether replicates also get their coefficient standard errors.
        public let studentized: Bool
        /// Values per position of the centred design (`KernelABI.designStride(forWidth:)`).
        public let designStride: Int
        /// Whether some problem has case weights.
        public let weighted: Bool
        /// The regressor count when every problem has the same (loops get compile-time bounds), else nil.
        public let fixedRegressors: Int?
        /// The row count when every problem has the same, else nil.
        public let fixedRows: Int?
        /// GPU form: rows a work-group stages in local memory (the batch's largest row count when its
        /// rows fit `KernelForm.stagingBudgetBytes`, else 0); 0 in the CPU form.
        public let stagedRows: Int
        /// GPU form: the largest distinct-row threshold of the batch under the plan (registers kept
        /// for the distinct-row check); 0 in the CPU form.
        public let distinctSlots: Int
        /// GPU form: work-items per work-group (work-groups mapped to problems); 0 in the CPU form.
        public let groupSize: Int
    }

    /// The program that fits every problem of `batch` in `form`.
    package static func fit(_ batch: PackedBatch, precision: Precision, wideLaneProducts: Bool,
                           form: KernelForm) -> KernelSpecialization {
        let intercepts = Set((0..<batch.problemCount).map { batch.descriptor($0).hasIntercept })
        return KernelSpecialization(precision: precision, wideLaneProducts: wideLaneProducts,
                                    maxRegressors: maxRegressors(batch), form: form,
                                    fixedIntercept: intercepts.count == 1 ? intercepts.first : nil, bootstrap: nil)
    }

    /// The program that bootstraps every problem of `batch` under `plan` (scaled as the backend scales it)
    /// in `form`, with work-groups of `groupSize` work-items in the GPU form.
    package static func bootstrap(_ batch: PackedBatch, plan: BootstrapPlan, precision: Precision, wideLaneProducts: Bool,
                                 form: KernelForm, groupSize: Int = KernelForm.gpuGroupSize) -> KernelSpecialization {
        let descriptors = (0..<batch.problemCount).map(batch.descriptor)
        let regressorCounts = Set(descriptors.map(\.regressors.count))
        let rowCounts = Set(descriptors.map(\.rowCount))
        let designStride = KernelABI.designStride(forWidth: maxRegressors(batch) + 1)
        let weighted = descriptors.contains { $0.weights != nil }
        let problemGroups = form == .gpu
        // Rows a GPU-form work-group stages: every problem's, when the largest fits the budget.
        let maxRows = rowCounts.max() ?? 0
        let stagedBytes = maxRows * (designStride + (weighted ? 1 : 0)) * (precision == .double ? 8 : 4)
        // The largest distinct-row threshold (BootstrapPlan.distinctRowThreshold) of the batch.
        let distinctSlots = plan.minimumDistinctRows != 0 ? plan.minimumDistinctRows
            : descriptors.map(\.coefficientCount).max() ?? 1
        let shape = Bootstrap(scheme: plan.scheme, wildWeights: plan.wildWeights, grouping: plan.grouping,
                              hasJitter: plan.jitter != 0, studentized: plan.replicateStandardErrors,
                              designStride: designStride, weighted: weighted,
                              fixedRegressors: regressorCounts.count == 1 ? regressorCounts.first : nil,
                              fixedRows: rowCounts.count == 1 ? rowCounts.first : nil,
                              stagedRows: problemGroups && stagedBytes <= KernelForm.stagingBudgetBytes ? maxRows : 0,
                              distinctSlots: form == .gpu ? max(distinctSlots, 1) : 0,
                              groupSize: problemGroups ? groupSize : 0)
        return KernelSpecialization(precision: precision, wideLaneProducts: wideLaneProducts,
                                    maxRegressors: maxRegressors(batch), form: form, fixedIntercept: nil, bootstrap: shape)
    }

    /// Replicates per work-item: in the CPU form, 4 (kernel `bootstrap_replicates4`, one replicate
    /// per vector lane) for ungrouped case resampling of one-regressor problems that all have the same
    /// row count; else 1 (fits and the GPU form too).
    public var replicatesPerItem: Int {
        guard form == .cpu, let bootstrap, bootstrap.scheme == .cases, bootstrap.grouping == .none,
              bootstrap.fixedRegressors == 1, bootstrap.designStride == KernelABI.pairDesignStride,
              bootstrap.fixedRows != nil else { return 1 }
        return 4
    }

    /// Work-items per work-group where work-groups are mapped to problems (the GPU form's
    /// `bootstrap_staged_replicates` and `bootstrap_grouped_replicates`, launched as
    /// `BootstrapLaunch.problemGroups`, and its fit kernels `fitColumnsKernels`, `fitProblemsPerGroup`
    /// problems of `kernelRegressors + 1` work-items), else nil.
    public var problemGroupSize: Int? {
        guard let bootstrap else { return form == .gpu ? fitProblemsPerGroup * (kernelRegressors + 1) : nil }
        return bootstrap.groupSize > 0 ? bootstrap.groupSize : nil
    }

    /// Problems per work-group of the GPU form's fit (`fitColumnsKernels`, one work-item per column of
    /// regressors and response): as many as fill `KernelForm.fitGroupLimit` work-items.
    public var fitProblemsPerGroup: Int {
        max(1, KernelForm.fitGroupLimit / (kernelRegressors + 1))
    }

    /// The kernels' `MAX_Q`: the largest regressor count, at least 1 (private arrays have `MAX_Q + 1` entries).
    public var kernelRegressors: Int {
        max(maxRegressors, 1)
    }

    /// The kernel a launch runs (a GPU-form fit: its first): `fit_problems` (CPU form) or
    /// `fit_columns_rotate` (GPU form), `bootstrap_grouped_replicates` (strata and clusters),
    /// `bootstrap_staged_replicates` (GPU form), `bootstrap_replicates4` or `bootstrap_replicates`.
    public var kernel: String {
        kernels[0]
    }

    /// The kernels a launch runs, in order: one, but a GPU-form fit runs `fitColumnsKernels`.
    public var kernels: [String] {
        guard let bootstrap else { return form == .gpu ? Self.fitColumnsKernels : ["fit_problems"] }
        return [bootstrap.grouping != .none ? "bootstrap_grouped_replicates"
            : problemGroupSize != nil ? "bootstrap_staged_replicates"
            : replicatesPerItem == 4 ? "bootstrap_replicates4" : "bootstrap_replicates"]
    }

    /// The GPU-form fit's kernels in launch order (`Kernels/fit_columns.cl`); the last,
    /// `fit_columns_errors`, runs once per standard error target `0...kernelRegressors`.
    public static let fitColumnsKernels = ["fit_columns_rotate", fitGramKernel, "fit_columns_solve",
                                           "fit_columns_residuals", "fit_columns_errors"]

    /// The GPU-form fit's kernel that sums the normal matrix, one work-item per entry.
    public static let fitGramKernel = "fit_columns_gram"

    /// Work-items of `fitGramKernel` per work-item of the fit's other kernels (one per column): the
    /// entries of a row of the normal matrix with its moment, `kernelRegressors + 2`.
    public var fitGramEntriesPerColumn: Int {
        kernelRegressors + 2
    }

    /// Reals of a problem's state between the GPU-form fit's launches (`FIT_STATE_STRIDE`): R's
    /// upper triangle, the means, the weight sum, total sum of squares, fitting flag and variance, the
    /// double-word solution and the double-word rows of the normal matrix with the moments.
    public var fitStateStride: Int {
        let width = kernelRegressors + 1
        return width * (width + 1) / 2 + width + 4 + 2 * width + width * 2 * (width + 1)
    }

    /// The build options of the program.
    public var options: String { KernelSource.options(for: self) }

    /// Largest regressor count over the problems of `batch`.
    private static func maxRegressors(_ batch: PackedBatch) -> Int {
        (0..<batch.problemCount).map { batch.descriptor($0).regressors.count }.max() ?? 0
    }
}
