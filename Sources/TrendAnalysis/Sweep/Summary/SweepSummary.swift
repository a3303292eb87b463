import Foundation

/// What a sweep did to each statistic: its range over the sweep and the swept setting that moves it most.
///
/// Statistics are compared within one series (period × subset, or one comparison of the spec). The effect of a setting on a
/// statistic is its main effect: the statistic's mean over the series' rows that share each value
/// of the setting, and then the largest minus the smallest of those means. The setting with the
/// largest effect "moves it most". Only finite values count (an unbounded doubling-time interval
/// end is left out of means and shown as ∞ in the range).
public struct SweepSummary: Sendable {
    /// The statistics summarised, with how to read each from a row.
    public static let statistics: [(name: String, value: @Sendable (TrendRow) -> Double?)] = [
        ("n", { Double($0.n) }),
        ("slope", { $0.estimate?.slope }),
        ("doublingMonths", { $0.estimate?.doublingMonths }),
        ("doublingLow", { $0.estimate?.doublingInterval?.low }),
        ("doublingHigh", { $0.estimate?.doublingInterval?.high }),
        ("rSquared", { $0.estimate?.rSquared ?? nil }),
        ("excludedResamples", { $0.estimate.map { Double($0.excludedResamples) } }),
    ]

    /// The statistics of comparison series, with how to read each from a comparison.
    public static let comparisonStatistics: [(name: String, value: @Sendable (TrendComparison) -> Double?)] = [
        ("slopeChange", { $0.estimate?.slopeChange }),
        ("slopeChangeLow", { $0.estimate?.slopeChangeInterval?.low }),
        ("slopeChangeHigh", { $0.estimate?.slopeChangeInterval?.high }),
        ("doublingRatio", { $0.estimate?.doublingRatio ?? nil }),
        ("pValue", { $0.estimate?.pValue ?? nil }),
    ]

    /// Running sums of one statistic of one series.
    private struct Tally: Sendable {
        var minimum = Double.infinity
        var maximum = -Double.infinity
        var nonFinite = (negative: 0, positive: 0)
        /// Per dimension, per value index: sum and count of the finite values.
        var sums: [[(sum: Double, count: Int)]]

        init(valueCounts: [Int]) {
            sums = valueCounts.map { Array(repeating: (0, 0), count: $0) }
        }
    }

    private let spec: SweepSpec
    private var tallies: [[Tally]]
    private var seriesSeen: [Bool]
    private var configurations = 0
    private var emptyConfigurations = 0
    private var rowCount = 0

    /// An empty summary of `spec`'s sweep.
    public init(spec: SweepSpec) {
        self.spec = spec
        let tally = Tally(valueCounts: spec.dimensions.map(\.values.count))
        tallies = Array(repeating: Array(repeating: tally, count: Self.statistics.count), count: spec.slotsPerConfiguration)
            + Array(repeating: Array(repeating: tally, count: Self.comparisonStatistics.count), count: spec.comparisons.count)
        seriesSeen = Array(repeating: false, count: tallies.count)
    }

    /// Adds the rows of `configurations` (all their rows).
    public mutating func add(_ rows: [SweepRow], configurations: [Int]) {
        self.configurations += configurations.count
        let withRows = Set(rows.map(\.configuration))
        emptyConfigurations += configurations.filter { !withRows.contains($0) }.count
        rowCount += rows.count
        for row in rows {
            let series = row.comparison.map { spec.slotsPerConfiguration + $0.index }
                ?? row.periodIndex * spec.subsets.count + spec.subsets.firstIndex(of: row.trend.subset)!
            seriesSeen[series] = true
            let valueIndices = spec.grid.valueIndices(of: row.configuration)
            let values = row.comparison.map { comparison in Self.comparisonStatistics.map { $0.value(comparison.result) } }
                ?? Self.statistics.map { $0.value(row.trend) }
            for (statistic, value) in values.enumerated() {
                guard let value else { continue }
                var tally = tallies[series][statistic]
                if value.isFinite {
                    tally.minimum = min(tally.minimum, value)
                    tally.maximum = max(tally.maximum, value)
                    for (dimension, valueIndex) in valueIndices.enumerated() {
                        tally.sums[dimension][valueIndex].sum += value
                        tally.sums[dimension][valueIndex].count += 1
                    }
                } else if value > 0 {
                    tally.nonFinite.positive += 1
                } else {
                    tally.nonFinite.negative += 1
                }
                tallies[series][statistic] = tally
            }
        }
    }

    /// One statistic of one series over the sweep.
    public struct Entry: Sendable, Equatable {
        /// Index of the period in the spec (of the first trend, for a comparison).
        public var periodIndex: Int
        /// The subset (of the first trend, for a comparison).
        public var subset: Subset
        /// Index of the comparison in the spec's `compare` list; nil for a trend series.
        public var comparison: Int?
        /// The statistic's name (see `statistics` and `comparisonStatistics`).
        public var statistic: String
        /// Smallest value (−∞ if any row has −∞; nil when no row has the statistic).
        public var minimum: Double?
        /// Largest value (+∞ if any row has +∞; nil when no row has the statistic).
        public var maximum: Double?
        /// Main effect of each swept dimension, in dimension order.
        public var effects: [Double]

        /// Index of the dimension with the largest effect (the first on ties); nil when no setting moves the statistic.
        public var strongest: Int? {
            effects.indices.max { effects[$0] < effects[$1] }.flatMap { effects[$0] > 0 ? $0 : nil }
        }
    }

    /// Every series seen × statistic, series in period-then-subset order.
    public var entries: [Entry] {
        tallies.indices.filter { seriesSeen[$0] }.flatMap { series in
            tallies[series].enumerated().map { statistic, tally in
                let hasFinite = tally.minimum <= tally.maximum
                let effects = tally.sums.map { values in
                    let means = values.filter { $0.count > 0 }.map { $0.sum / Double($0.count) }
                    return (means.max() ?? 0) - (means.min() ?? 0)
                }
                let comparison = series >= spec.slotsPerConfiguration ? series - spec.slotsPerConfiguration : nil
                let first = comparison.map { spec.comparisons[$0].first }
                return Entry(periodIndex: first.map { reference in spec.periods.firstIndex { $0.name == reference.periodName }! }
                                 ?? series / spec.subsets.count,
                             subset: first?.subset ?? spec.subsets[series % spec.subsets.count], comparison: comparison,
                             statistic: comparison == nil ? Self.statistics[statistic].name
                                 : Self.comparisonStatistics[statistic].name,
                             minimum: tally.nonFinite.negative > 0 ? -.infinity : (hasFinite ? tally.minimum : nil),
                             maximum: tally.nonFinite.positive > 0 ? .infinity : (hasFinite ? tally.maximum : nil),
                             effects: effects)
            }
        }
    }

    /// The summary as text lines: a heading, the definition, then one line per series and statistic.
    public func lines() -> [String] {
        let swept = spec.dimensions.map { "\($0.name) (\($0.values.count) value\($0.values.count == 1 ? "" : "s"): "
            + "\($0.values.first!.label)\($0.values.count > 1 ? " … \($0.values.last!.label)" : ""))" }
        let lines = [
            "Sweep summary: \(configurations) configurations, \(rowCount) rows"
                + (emptyConfigurations > 0 ? "; \(emptyConfigurations) configurations had no systems in any period" : ""),
            "Swept: " + (swept.isEmpty ? "nothing (one configuration)" : swept.joined(separator: "; ")),
            "Range: smallest and largest value over the sweep. Effect of a setting: the largest minus the smallest",
            "of the statistic's means over the rows sharing each of the setting's values; the setting with the",
            "largest effect moves the statistic most. ∞: unbounded interval ends, left out of means.",
            "",
        ]
        var table = TextTable(titles: ["Period", "Subset", "Statistic", "Min", "Max", "Moved most by", "Effect"],
                              alignments: [.left, .left, .left, .right, .right, .left, .right])
        var previous: (Int, Subset, Int?)?
        for entry in entries {
            let first = previous.map { $0 != (entry.periodIndex, entry.subset, entry.comparison) } ?? true
            previous = (entry.periodIndex, entry.subset, entry.comparison)
            let series = entry.comparison.map { (spec.comparisons[$0].label, "") }
                ?? (spec.periods[entry.periodIndex].name, entry.subset.rawValue)
            table.rows.append([
                first ? series.0 : "", first ? series.1 : "", entry.statistic,
                entry.minimum.map(Self.format) ?? "—", entry.maximum.map(Self.format) ?? "—",
                entry.strongest.map { spec.dimensions[$0].name } ?? "—", entry.strongest.map { Self.format(entry.effects[$0]) } ?? "—",
            ])
        }
        return lines + table.lines()
    }

    /// Four significant digits; ±∞ as ∞ and −∞.
    private static func format(_ value: Double) -> String {
        value.isFinite ? String(format: "%.4g", value) : (value > 0 ? "∞" : "−∞")
    }
}
