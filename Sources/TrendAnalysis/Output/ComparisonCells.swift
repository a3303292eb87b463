/// The columns that describe one `SweepComparison` in a sweep's output (empty in trend rows).
enum ComparisonCells {
    /// Column names, in order.
    static let columns = [
        "versusPeriod", "versusPeriodStart", "versusPeriodEnd", "versusSubset", "versusN", "sharedSystems", "resampling",
        "slopeChange", "slopeChangeLow", "slopeChangeMedian", "slopeChangeHigh", "doublingRatio", "doublingRatioLow",
        "doublingRatioMedian", "doublingRatioHigh", "pValue", "validPairs", "excludedPairs",
    ]

    /// The cells of `comparison`, in column order; all empty for nil (a trend row).
    static func cells(_ comparison: SweepComparison?) -> [TableCell] {
        guard let comparison else { return Array(repeating: .empty, count: columns.count) }
        let result = comparison.result
        let estimate = result.estimate
        let period = comparison.secondPeriod
        return [
            .text(period.name), period.range.start.map { .text($0.description) } ?? .empty,
            period.range.end.map { .text($0.description) } ?? .empty, .text(result.spec.second.subset.rawValue),
            .integer(result.secondCount), .integer(result.sharedCount), .text(result.isJoint ? "joint" : "independent"),
            .optional(estimate?.slopeChange), .optional(estimate?.slopeChangeInterval?.low),
            .optional(estimate?.slopeChangeInterval?.median), .optional(estimate?.slopeChangeInterval?.high),
            .optional(estimate?.doublingRatio ?? nil), .optional(estimate?.doublingRatioInterval?.low),
            .optional(estimate?.doublingRatioInterval?.median), .optional(estimate?.doublingRatioInterval?.high),
            .optional(estimate?.pValue ?? nil),
            estimate.map { .integer($0.validResamples) } ?? .empty, estimate.map { .integer($0.excludedResamples) } ?? .empty,
        ]
    }
}
