/// The distribution of the wild bootstrap's multipliers vᵢ (response ŷᵢ + vᵢ·eᵢ/√(1−hᵢ)):
/// each has mean 0 and variance 1.
public enum WildWeights: String, Sendable, CaseIterable {
    /// ±1 with probability ½ each; one random bit per row.
    case rademacher
    /// Mammen (1993): −(√5−1)/2 with probability (√5+1)/(2√5), else (√5+1)/2; third moment 1,
    /// so the skewness of the residuals carries over. One 32-bit word per row: the low value
    /// when the word is below `mammenThreshold`.
    case mammen
    /// Webb (2014): ±√(1/2), ±1, ±√(3/2) with probability 1/6 each; six points, so small samples
    /// have more distinct resamples than with two. One 32-bit word per row, mapped to the six
    /// values in increasing order by `ReplicateStream.index(word, count: 6)`.
    case webb

    /// Mammen's word threshold: round(2³² · (√5+1)/(2√5)), so P(low) = threshold / 2³².
    public static var mammenThreshold: UInt32 {
        UInt32((((5.0).squareRoot() + 1) / (2 * (5.0).squareRoot()) * 0x1p32).rounded())
    }

    /// The values a weight takes, in increasing order, in the precision of the computation
    /// (each the double value rounded once): Mammen's two, Webb's six, Rademacher's two.
    public static func values<Real: KernelScalar>(_ weights: WildWeights) -> [Real] {
        let root5 = (5.0).squareRoot()
        let doubles: [Double] = switch weights {
        case .rademacher: [-1, 1]
        case .mammen: [-(root5 - 1) / 2, (root5 + 1) / 2]
        case .webb: [-(1.5).squareRoot(), -1, -(0.5).squareRoot(), (0.5).squareRoot(), 1, (1.5).squareRoot()]
        }
        return doubles.map { Real($0) }
    }

    /// The index into `values` that a row's word selects (Mammen and Webb, which draw one word per row).
    @inline(__always)
    public static func valueIndex(_ weights: WildWeights, word: UInt32) -> Int {
        weights == .mammen ? (word < mammenThreshold ? 0 : 1) : ReplicateStream.index(word, count: 6)
    }
}
