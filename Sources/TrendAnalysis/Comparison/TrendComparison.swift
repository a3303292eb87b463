import Foundation

/// How the slope changes between two trends, with bootstrap intervals and a test of "the slope changed".
///
/// From the replicate pairs (replicate b of the first trend with replicate b of the second, both
/// valid): the slope change `Δ_b = slope₂,b − slope₁,b` and the doubling-time ratio
/// `ρ_b = doubling₁,b / doubling₂,b = slope₂,b / slope₁,b` (how many times faster the second trend
/// doubles). The intervals are their percentile intervals (type 7). When the two trends share
/// systems, both fits of a replicate come from one resample of the systems of either trend, so the
/// pairs carry the dependence; disjoint trends are resampled independently.
///
/// The p-value is the two-sided bootstrap percentile test of Δ = 0:
/// `p = min(1, 2 · min(1 + #{Δ_b ≤ 0}, 1 + #{Δ_b ≥ 0}) / (1 + B))`, B the valid pairs — the share of
/// replicate changes on the far side of 0, doubled, in the (1 + count)/(1 + B) form that keeps a
/// finite number of resamples from reporting p = 0 (Davison & Hinkley 1997, ch. 4). It is the test
/// dual to the percentile interval shown next to it: p < 1 − confidence about exactly when that
/// interval excludes 0. It needs no model of the null hypothesis, which a test by resampling under
/// the null would (a common-slope fit, not defined for a subset within its own period).
public struct TrendComparison: Sendable {
    /// What was compared.
    public var spec: TrendComparisonSpec
    /// Systems of the first trend.
    public var firstCount: Int
    /// Systems of the second trend.
    public var secondCount: Int
    /// Systems in both trends; when positive the trends are resampled jointly.
    public var sharedCount: Int
    /// The statistics; nil when a trend could not be fitted (see `note`).
    public var estimate: Estimate?
    /// Why there is no estimate, or what to know about it.
    public var note: String?

    /// Whether both trends were fitted to each resample of the systems of either (they share systems).
    public var isJoint: Bool { sharedCount > 0 }

    /// The statistics of a comparison.
    public struct Estimate: Sendable, Equatable {
        /// slope₂ − slope₁, orders of magnitude per year.
        public var slopeChange: Double
        /// Percentile interval of the replicate slope changes; nil without valid pairs.
        public var slopeChangeInterval: QuantileInterval?
        /// doubling₁ / doubling₂ = slope₂ / slope₁; nil unless both slopes are positive.
        public var doublingRatio: Double?
        /// Percentile interval of the replicate ratios; nil when too many pairs have a slope ≤ 0.
        public var doublingRatioInterval: QuantileInterval?
        /// Two-sided bootstrap p-value of "the slope changed"; nil without valid pairs.
        public var pValue: Double?
        /// Replicate pairs with both fits valid.
        public var validResamples: Int
        /// Replicate pairs left out (either fit excluded).
        public var excludedResamples: Int
        /// Valid pairs without a doubling-time ratio (a replicate slope ≤ 0).
        public var pairsWithoutRatio: Int
    }

    /// The estimate from the full-sample slopes and the replicate slopes of both trends
    /// (`nil`: an excluded replicate), paired by replicate index.
    static func estimate(firstSlope: Double, secondSlope: Double, firstReplicates: [Double?], secondReplicates: [Double?],
                         confidence: Double) -> Estimate {
        var changes: [Double] = []
        var ratios: [Double] = []
        for (first, second) in zip(firstReplicates, secondReplicates) {
            guard let first, let second else { continue }
            let pair = replicatePair(first: first, second: second)
            changes.append(pair.change)
            if let ratio = pair.ratio { ratios.append(ratio) }
        }
        return estimate(firstSlope: firstSlope, secondSlope: secondSlope,
                        slopeChangeInterval: QuantileInterval(percentilesOf: changes, confidence: confidence),
                        doublingRatioInterval: ratioIntervalDefined(ratios: ratios.count, pairs: changes.count, confidence: confidence)
                            ? QuantileInterval(percentilesOf: ratios, confidence: confidence) : nil,
                        pValue: pValue(changes: changes), pairs: changes.count, ratios: ratios.count,
                        resamples: firstReplicates.count)
    }

    /// The slope change and (when both slopes are positive) the doubling-time ratio of one pair of
    /// valid replicate slopes.
    static func replicatePair(first: Double, second: Double) -> (change: Double, ratio: Double?) {
        (second - first, first > 0 && second > 0 ? second / first : nil)
    }

    /// The estimate from the full-sample slopes, the intervals of the replicate changes and ratios,
    /// the p-value, and the counts: valid `pairs` of `resamples`, `ratios` of them with a ratio.
    static func estimate(firstSlope: Double, secondSlope: Double, slopeChangeInterval: QuantileInterval?,
                         doublingRatioInterval: QuantileInterval?, pValue: Double?, pairs: Int, ratios: Int,
                         resamples: Int) -> Estimate {
        Estimate(slopeChange: secondSlope - firstSlope, slopeChangeInterval: slopeChangeInterval,
                 doublingRatio: firstSlope > 0 && secondSlope > 0 ? secondSlope / firstSlope : nil,
                 doublingRatioInterval: doublingRatioInterval, pValue: pValue, validResamples: pairs,
                 excludedResamples: resamples - pairs, pairsWithoutRatio: pairs - ratios)
    }

    /// Whether the ratio interval is given: some pairs have a ratio, and those without are no more
    /// than a tail's share of the `pairs` (leaving out more would move the interval's ends).
    static func ratioIntervalDefined(ratios: Int, pairs: Int, confidence: Double) -> Bool {
        ratios > 0 && Double(pairs - ratios) <= Double(pairs) * (1 - confidence) / 2
    }

    /// The two-sided bootstrap percentile test of zero change: `min(1, 2 · min(1 + #{Δ ≤ 0},
    /// 1 + #{Δ ≥ 0}) / (1 + B))`; nil for no replicates.
    public static func pValue(changes: [Double]) -> Double? {
        pValue(atMostZero: changes.reduce(0) { $0 + ($1 <= 0 ? 1 : 0) }, atLeastZero: changes.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) },
               count: changes.count)
    }

    /// The p-value of `count` replicate changes, `atMostZero` of them ≤ 0 and `atLeastZero` ≥ 0; nil for none.
    static func pValue(atMostZero: Int, atLeastZero: Int, count: Int) -> Double? {
        guard count > 0 else { return nil }
        return min(1, 2 * Double(1 + min(atMostZero, atLeastZero)) / Double(1 + count))
    }
}
