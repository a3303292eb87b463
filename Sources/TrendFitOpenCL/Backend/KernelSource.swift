import TrendFit

/// The kernels' OpenCL C source (embedded from `Kernels/`) and their compile-time specialization.
enum KernelSource {
    /// All kernel files, concatenated in dependency order.
    static let text: String = [
        PackageResources.prelude_cl, PackageResources.philox_cl, PackageResources.linear_algebra_cl,
        PackageResources.double_word_cl, PackageResources.fit_cl, PackageResources.fit_columns_cl,
        PackageResources.case_draws_cl,
        PackageResources.bootstrap_cl,
        PackageResources.bootstrap_groups_cl,
    ].map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")

    /// The summary kernels' source (`summary.cl` after the prelude), read by `OpenCLBackend+DevicePassReading`.
    static let summaryText: String = [PackageResources.prelude_cl, PackageResources.summary_cl]
        .map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")

    /// Build options of the summary kernels: double precision and every `KernelABI` constant.
    static var summaryOptions: String {
        (["USE_DOUBLE=1"] + KernelABI.constants.map { "\($0.name)=\($0.value)" }).sorted().map { "-D \($0)" }.joined(separator: " ")
    }

    /// Build options compiling the kernels for `specialization`: its defines and every `KernelABI` constant.
    static func options(for specialization: KernelSpecialization) -> String {
        let isDouble = specialization.precision == .double
        var definitions = [
            "WIDE_LANE_PRODUCTS": specialization.wideLaneProducts ? "1" : "0",
            "USE_DOUBLE": isDouble ? "1" : "0",
            "MAX_Q": String(specialization.kernelRegressors),
            "RANK_TOL": isDouble ? "\(Double.rankTolerance)" : "\(Float.rankTolerance)f",
            "PIVOT_TOL": isDouble ? "\(Double.pivotTolerance)" : "\(Float.pivotTolerance)f",
            "REFINEMENT_STEPS": String(LeastSquaresRefinement<Double>.maxSteps),
            "MAX_DISTINCT": String(BootstrapPlan.maxMinimumDistinctRows),
            "SCHEME": String(BootstrapScheme.cases.kernelValue),
            "HAS_JITTER": "0",
            "DESIGN_STRIDE": String(KernelABI.pairDesignStride),
            "WEIGHTED": "0",
            "FIXED_Q": "-1",
            "FIXED_ROWS": "-1",
            "REPLICATES_PER_ITEM": String(specialization.replicatesPerItem),
            "STUDENTIZED": "0",
            "GROUPING": String(CaseGrouping.none.kernelValue),
            "KERNEL_FORM": specialization.form == .gpu ? "1" : "0",
            "FIXED_INTERCEPT": specialization.fixedIntercept.map { $0 ? "1" : "0" } ?? "-1",
        ]
        for constant in KernelABI.constants { definitions[constant.name] = String(constant.value) }
        if specialization.bootstrap == nil && specialization.form == .gpu {
            definitions["FIT_PROBLEMS_PER_GROUP"] = String(specialization.fitProblemsPerGroup)
            definitions["FIT_STATE_STRIDE"] = String(specialization.fitStateStride)
        }
        if let bootstrap = specialization.bootstrap {
            definitions["SCHEME"] = String(bootstrap.scheme.kernelValue)
            definitions["HAS_JITTER"] = bootstrap.hasJitter ? "1" : "0"
            definitions["STUDENTIZED"] = bootstrap.studentized ? "1" : "0"
            definitions["DESIGN_STRIDE"] = String(bootstrap.designStride)
            definitions["WEIGHTED"] = bootstrap.weighted ? "1" : "0"
            definitions["FIXED_Q"] = String(bootstrap.fixedRegressors ?? -1)
            definitions["FIXED_ROWS"] = String(bootstrap.fixedRows ?? -1)
            definitions["WILD_WEIGHTS"] = String(bootstrap.wildWeights.kernelValue)
            definitions["MAMMEN_THRESHOLD"] = "\(WildWeights.mammenThreshold)u"
            let values = isDouble ? WildWeights.values(bootstrap.wildWeights).map { (value: Double) in "\(value)" }
                : WildWeights.values(bootstrap.wildWeights).map { (value: Float) in "\(value)f" }
            for (k, value) in values.enumerated() { definitions["WILD_VALUE_\(k)"] = value }
            definitions["GROUPING"] = String(bootstrap.grouping.kernelValue)
            if specialization.form == .gpu {
                definitions["STAGED_ROWS"] = String(bootstrap.stagedRows)
                definitions["DISTINCT_SLOTS"] = String(bootstrap.distinctSlots)
                if bootstrap.groupSize > 0 { definitions["GROUP_SIZE"] = String(bootstrap.groupSize) }
            }
        }
        let defines = definitions.sorted { $0.key < $1.key }.map { "-D \($0.key)=\($0.value)" }
        return (["-cl-fp32-correctly-rounded-divide-sqrt"] + defines).joined(separator: " ")
    }
}
