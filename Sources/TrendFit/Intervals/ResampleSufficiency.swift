import Foundation

/// Whether a number of replicates is enough for an interval at a confidence level.
///
/// Rule: each tail beyond an interval end should hold at least `minimumTailReplicates` (5)
/// replicates on average, B·(1 − level)/2 ≥ 5, i.e. B ≥ 10/(1 − level): 100 resamples for 90%,
/// 200 for 95%, 1000 for 99%. Below that the ends rest on the few most extreme replicates and
/// vary widely between seeds (Davison & Hinkley 1997 §5.2.3 advise B of about 1000 for 95%
/// intervals). R's `boot.ci` warns only once an end is an extreme order statistic, which
/// `CoefficientSummary.usesExtremeOrderStatistics` reports separately.
public enum ResampleSufficiency {
    /// Replicates each tail should hold on average.
    public static let minimumTailReplicates = 5.0

    /// The fewest valid replicates the rule accepts for `confidence`.
    public static func minimumReplicates(confidence: Double) -> Int {
        // The small allowance absorbs the rounding of 1 − level (1 − 0.95 is not 0.05 exactly).
        Int((2 * minimumTailReplicates / (1 - confidence) - 1e-9).rounded(.up))
    }

    /// A note for the person at the terminal when `replicates` resamples are too few for
    /// `confidence`; nil when they are enough.
    public static func note(replicates: Int, confidence: Double) -> String? {
        let needed = minimumReplicates(confidence: confidence)
        guard replicates < needed else { return nil }
        let tail = Double(replicates) * (1 - confidence) / 2
        return "\(replicates) resamples are few for a \(percent(confidence)) interval: each tail holds "
            + String(format: "%.1f", tail) + " of them on average (at least \(Int(minimumTailReplicates)) wanted); "
            + "use at least \(needed) resamples"
    }

    /// The level as a percentage, e.g. `95%` or `99.5%`.
    public static func percent(_ confidence: Double) -> String {
        String(format: "%g%%", confidence * 100)
    }
}
