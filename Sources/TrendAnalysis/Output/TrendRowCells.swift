/// The columns that describe one `TrendRow` in machine-readable tables (era CSV, sweep rows).
enum TrendRowCells {
    /// Column names, in order.
    static let columns = [
        "period", "periodStart", "periodEnd", "subset", "domain", "n", "firstDate", "lastDate",
        "slope", "slopeLow", "slopeMedian", "slopeHigh", "doublingMonths", "doublingLow", "doublingMedian",
        "doublingHigh", "growthPerYear", "rSquared", "scaleStart", "scaleEnd", "validResamples", "excludedResamples",
    ]

    /// The cells of `row`, in column order; statistics are empty when the row has no estimate.
    static func cells(_ row: TrendRow) -> [TableCell] {
        let estimate = row.estimate
        return [
            .text(row.period.name), row.period.range.start.map { .text($0.description) } ?? .empty,
            row.period.range.end.map { .text($0.description) } ?? .empty, .text(row.subset.rawValue),
            row.domain.map(TableCell.text) ?? .empty, .integer(row.n), .text(row.firstDate.description),
            .text(row.lastDate.description),
            .optional(estimate?.slope), .optional(estimate?.slopeInterval?.low), .optional(estimate?.slopeInterval?.median),
            .optional(estimate?.slopeInterval?.high), .optional(estimate?.doublingMonths),
            .optional(estimate?.doublingInterval?.low), .optional(estimate?.doublingInterval?.median),
            .optional(estimate?.doublingInterval?.high), .optional(estimate?.growthPerYear), .optional(estimate?.rSquared ?? nil),
            .optional(estimate?.scaleStart), .optional(estimate?.scaleEnd),
            estimate.map { .integer($0.validResamples) } ?? .empty, estimate.map { .integer($0.excludedResamples) } ?? .empty,
        ]
    }
}
