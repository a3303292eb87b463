import TrendFit

/// The kernels' OpenCL C source (embedded from `Kernels/`) and their compile-time specialization.
enum KernelSource {
    /// All kernel files, concatenated in dependency order.
    static let text: String = [
        PackageResources.prelude_cl, PackageResources.philox_cl, PackageResources.linear_algebra_cl,
        PackageResources.double_word_cl, PackageResources.fit_cl, PackageResources.case_draws_cl,
        PackageResources.bootstrap_cl,
        PackageResources.bootstrap_groups_cl,
    ].map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")

    /// Build options specializing the kernels for a batch shape, precision and bootstrap plan.
    ///
    /// `designStride` and `weighted` describe the bootstrap's `CentredDesign`; `fixedRegressors`
    /// is the regressor count when every problem has the same (the kernel's loops then have
    /// compile-time bounds); `fixedIntercept` whether every problem has an intercept, when all agree
    /// (the fit's). `wideLaneProducts` selects the CPU-friendly form of the random
    /// number generator's integer products (`Kernels/philox.cl`; same results either way). `form`
    /// selects the kernels' shape; the GPU form's bootstrap also takes the rows each work-group stages in
    /// local memory (`stagedRows`, 0: none), the distinct-row slots it keeps in registers and its work-group size.
    static func options(precision: Precision, maxRegressors: Int, plan: BootstrapPlan?, wideLaneProducts: Bool,
                        form: KernelForm = .cpu, designStride: Int = 2, weighted: Bool = false,
                        fixedRegressors: Int? = nil, fixedRows: Int? = nil, fixedIntercept: Bool? = nil,
                        stagedRows: Int = 0, distinctSlots: Int = 1, groupSize: Int = KernelForm.gpuGroupSize) -> String {
        let isDouble = precision == .double
        var definitions = [
            "WIDE_LANE_PRODUCTS": wideLaneProducts ? "1" : "0",
            "USE_DOUBLE": isDouble ? "1" : "0",
            "MAX_Q": String(max(maxRegressors, 1)),
            "DESCRIPTOR_STRIDE": String(PackedBatch.descriptorStride),
            "SHIFT_STRIDE": String(ResamplingInputs<Double>.shiftStride),
            "RANK_TOL": isDouble ? "\(Double.rankTolerance)" : "\(Float.rankTolerance)f",
            "PIVOT_TOL": isDouble ? "\(Double.pivotTolerance)" : "\(Float.pivotTolerance)f",
            "REFINEMENT_STEPS": String(LeastSquaresRefinement<Double>.maxSteps),
            "MAX_DISTINCT": String(BootstrapPlan.maxMinimumDistinctRows),
            "SCHEME": "0",
            "HAS_JITTER": "0",
            "DESIGN_STRIDE": String(designStride),
            "WEIGHTED": weighted ? "1" : "0",
            "FIXED_Q": String(fixedRegressors ?? -1),
            "FIXED_ROWS": String(fixedRows ?? -1),
            "FIXED_INTERCEPT": fixedIntercept.map { $0 ? "1" : "0" } ?? "-1",
            "REPLICATES_PER_ITEM": "1",
            "STUDENTIZED": "0",
            "GROUPING": "0",
            "KERNEL_FORM": form == .gpu ? "1" : "0",
        ]
        if form == .gpu && plan != nil {
            definitions["STAGED_ROWS"] = String(stagedRows)
            definitions["DISTINCT_SLOTS"] = String(max(distinctSlots, 1))
            definitions["GROUP_SIZE"] = String(groupSize)
        }
        if let plan {
            definitions["SCHEME"] = switch plan.scheme {
            case .cases: "0"
            case .residuals: "1"
            case .wild: "2"
            }
            definitions["HAS_JITTER"] = plan.jitter != 0 ? "1" : "0"
            definitions["STUDENTIZED"] = plan.replicateStandardErrors ? "1" : "0"
            definitions["WILD_WEIGHTS"] = switch plan.wildWeights {
            case .rademacher: "0"
            case .mammen: "1"
            case .webb: "2"
            }
            definitions["MAMMEN_THRESHOLD"] = "\(WildWeights.mammenThreshold)u"
            let values = isDouble ? WildWeights.values(plan.wildWeights).map { (value: Double) in "\(value)" }
                : WildWeights.values(plan.wildWeights).map { (value: Float) in "\(value)f" }
            for (k, value) in values.enumerated() { definitions["WILD_VALUE_\(k)"] = value }
            definitions["GROUPING"] = switch plan.grouping {
            case .none: "0"
            case .strata: "1"
            case .clusters: "2"
            }
            definitions["REPLICATES_PER_ITEM"] = String(replicatesPerItem(plan: plan, form: form, designStride: designStride,
                                                                          fixedRegressors: fixedRegressors,
                                                                          fixedRows: fixedRows))
        }
        let defines = definitions.sorted { $0.key < $1.key }.map { "-D \($0.key)=\($0.value)" }
        return (["-cl-fp32-correctly-rounded-divide-sqrt"] + defines).joined(separator: " ")
    }

    /// Replicates per work-item of a bootstrap launch: in the CPU form, 4 (kernel `bootstrap_replicates4`,
    /// one replicate per vector lane) for ungrouped case resampling of one-regressor problems that all
    /// have the same row count, else 1 (kernel `bootstrap_replicates`, or `bootstrap_grouped_replicates`
    /// for stratified and cluster resampling); always 1 in the GPU form.
    static func replicatesPerItem(plan: BootstrapPlan, form: KernelForm, designStride: Int, fixedRegressors: Int?,
                                  fixedRows: Int?) -> Int {
        form == .cpu && plan.scheme == .cases && plan.grouping == .none && fixedRegressors == 1 && designStride == 2
            && fixedRows != nil ? 4 : 1
    }
}
