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
}
