/// Sample quantiles.
public enum Quantile {
    /// The type-7 quantile (linear interpolation between order statistics; R's default and NumPy's
    /// `linear`) of ascending `sorted` values at `probability` in [0, 1].
    public static func type7(_ sorted: [Double], _ probability: Double) -> Double {
        precondition(!sorted.isEmpty, "quantile of no values")
        let position = type7Position(count: sorted.count, probability: probability)
        return interpolate(sorted[position.lower], sorted[position.upper], position.fraction)
    }

    /// The type-7 quantiles of unsorted, NaN-free `values` at each of `probabilities`, found by
    /// selection (`OrderStatistics`) in O(count) on up to `threads` threads: bitwise equal to
    /// `type7(values.sorted(), probability)` for each probability.
    public static func type7(unsorted values: [Double], _ probabilities: [Double],
                             threads: Int = CPUAllowance.available()) -> [Double] {
        StridedValues.reading(values) { type7(unsorted: $0, probabilities, threads: threads) }
    }

    /// `type7(unsorted:_:threads:)` of values read in place.
    static func type7(unsorted values: StridedValues, _ probabilities: [Double], threads: Int) -> [Double] {
        precondition(!values.isEmpty, "quantile of no values")
        let ranks = type7Ranks(count: values.count, probabilities)
        return type7(count: values.count, probabilities,
                     orderStatistics: OrderStatistics.select(values, ranks: ranks, threads: threads))
    }

    /// The ranks of the order statistics that the type-7 quantiles of `count` values at
    /// `probabilities` read: two per probability, in the order of `probabilities`.
    static func type7Ranks(count: Int, _ probabilities: [Double]) -> [Int] {
        probabilities.flatMap { probability in
            let position = type7Position(count: count, probability: probability)
            return [position.lower, position.upper]
        }
    }

    /// The type-7 quantiles of `count` values at `probabilities`, from the order statistics at
    /// `type7Ranks(count:probabilities)` (in that order).
    static func type7(count: Int, _ probabilities: [Double], orderStatistics: [Double]) -> [Double] {
        probabilities.enumerated().map { index, probability in
            interpolate(orderStatistics[2 * index], orderStatistics[2 * index + 1],
                        type7Position(count: count, probability: probability).fraction)
        }
    }

    /// The ranks of the two order statistics a type-7 quantile of `count` values at `probability`
    /// interpolates between (`upper` = `lower` + 1, or `lower` at the largest), and the weight of
    /// the upper one.
    static func type7Position(count: Int, probability: Double) -> (lower: Int, upper: Int, fraction: Double) {
        let position = probability * Double(count - 1)
        let lower = Int(position.rounded(.down))
        return (lower, min(lower + 1, count - 1), position - Double(lower))
    }

    /// Linear interpolation from `lower` towards `upper` by `fraction`.
    private static func interpolate(_ lower: Double, _ upper: Double, _ fraction: Double) -> Double {
        lower + fraction * (upper - lower)
    }

    /// Whether the type-7 quantile of `count` sorted values at `probability` reads the smallest or
    /// the largest value (position p·(count − 1) below 1 or above count − 2): an interval end there
    /// rests on an extreme order statistic.
    public static func readsExtremeOrderStatistic(count: Int, probability: Double) -> Bool {
        let position = probability * Double(count - 1)
        return position < 1 || position > Double(count - 2)
    }
}
