/// Sample quantiles.
public enum Quantile {
    /// The type-7 quantile (linear interpolation between order statistics; R's default and NumPy's
    /// `linear`) of ascending `sorted` values at `probability` in [0, 1].
    public static func type7(_ sorted: [Double], _ probability: Double) -> Double {
        precondition(!sorted.isEmpty, "quantile of no values")
        let position = probability * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
    }

    /// Whether the type-7 quantile of `count` sorted values at `probability` reads the smallest or
    /// the largest value (position p·(count − 1) below 1 or above count − 2): an interval end there
    /// rests on an extreme order statistic.
    public static func readsExtremeOrderStatistic(count: Int, probability: Double) -> Bool {
        let position = probability * Double(count - 1)
        return position < 1 || position > Double(count - 2)
    }
}
