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
            changes.append(second - first)
            if first > 0 && second > 0 { ratios.append(second / first) }
        }
        let withoutRatio = changes.count - ratios.count
        // Leaving out more than a tail's share of the pairs would move the ratio interval's ends.
        let ratioDefined = !ratios.isEmpty && Double(withoutRatio) <= Double(changes.count) * (1 - confidence) / 2
        return Estimate(
            slopeChange: secondSlope - firstSlope,
            slopeChangeInterval: QuantileInterval(percentilesOf: changes, confidence: confidence),
            doublingRatio: firstSlope > 0 && secondSlope > 0 ? secondSlope / firstSlope : nil,
            doublingRatioInterval: ratioDefined ? QuantileInterval(percentilesOf: ratios, confidence: confidence) : nil,
            pValue: pValue(changes: changes), validResamples: changes.count,
            excludedResamples: firstReplicates.count - changes.count, pairsWithoutRatio: withoutRatio)
    }

    /// The two-sided bootstrap percentile test of zero change: `min(1, 2 · min(1 + #{Δ ≤ 0},
    /// 1 + #{Δ ≥ 0}) / (1 + B))`; nil for no replicates.
    public static func pValue(changes: [Double]) -> Double? {
        guard !changes.isEmpty else { return nil }
        let atMostZero = changes.reduce(0) { $0 + ($1 <= 0 ? 1 : 0) }
        let atLeastZero = changes.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
        return min(1, 2 * Double(1 + min(atMostZero, atLeastZero)) / Double(1 + changes.count))
    }
}
