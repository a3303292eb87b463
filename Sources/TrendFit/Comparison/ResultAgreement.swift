/// How closely two bootstrap results of the same workload agree, coefficient by coefficient.
///
/// Every coefficient slot of every replicate is compared (excluded replicates hold zeros on
/// both sides). The relative difference of `a` and `b` is `|a − b| / max(|a|, |b|)`: zero when
/// they are equal, infinite when one is NaN and the other is not bitwise the same.
public struct ResultAgreement: Sendable, Equatable {
    /// The differences of one statistic: coefficient slot `coefficient` across all replicates.
    public struct Statistic: Sendable, Equatable {
        /// Coefficient slot (0 is the intercept of problems with one).
        public let coefficient: Int
        /// Replicate values compared.
        public let compared: Int
        /// Values with identical bit patterns.
        public let bitwiseEqual: Int
        /// Largest |a − b|.
        public let maxAbsoluteDifference: Double
        /// Largest |a − b| / max(|a|, |b|).
        public let maxRelativeDifference: Double
    }

    /// Replicates whose statuses differ.
    public let statusMismatches: Int
    /// One entry per coefficient slot.
    public let statistics: [Statistic]

    /// Compares `other` against `reference`.
    public init(reference: BootstrapReplicates, other: BootstrapReplicates) throws(ComparisonError) {
        let shape = [reference.problemCount, reference.resamples, reference.coefficientStride]
        let otherShape = [other.problemCount, other.resamples, other.coefficientStride]
        guard shape == otherShape else { throw .shapeMismatch(reference: shape, other: otherShape) }
        statusMismatches = zip(reference.statuses, other.statuses).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) }
        let stride = reference.coefficientStride
        let replicateCount = reference.problemCount * reference.resamples
        statistics = (0..<stride).map { j in
            var equal = 0
            var absolute = 0.0
            var relative = 0.0
            for r in 0..<replicateCount {
                let a = reference.coefficients[r * stride + j]
                let b = other.coefficients[r * stride + j]
                if a.bitPattern == b.bitPattern {
                    equal += 1
                    continue
                }
                let difference = abs(a - b)
                absolute = max(absolute, difference.isFinite ? difference : .infinity)
                relative = max(relative, Self.relativeDifference(a, b))
            }
            return Statistic(coefficient: j, compared: replicateCount, bitwiseEqual: equal,
                             maxAbsoluteDifference: absolute, maxRelativeDifference: relative)
        }
    }

    /// Coefficient values compared in all.
    public var compared: Int { statistics.reduce(0) { $0 + $1.compared } }
    /// Coefficient values with identical bit patterns in all.
    public var bitwiseEqual: Int { statistics.reduce(0) { $0 + $1.bitwiseEqual } }
    /// Largest relative difference over all statistics.
    public var maxRelativeDifference: Double { statistics.map(\.maxRelativeDifference).max() ?? 0 }

    /// Whether every status and every coefficient bit pattern agree.
    public var isBitwiseIdentical: Bool { statusMismatches == 0 && bitwiseEqual == compared }

    /// Whether every status agrees and no relative difference exceeds `tolerance`.
    public func isWithin(relativeTolerance tolerance: Double) -> Bool {
        statusMismatches == 0 && maxRelativeDifference <= tolerance
    }

    /// `|a − b| / max(|a|, |b|)` for values that are not bitwise equal (±0 count as equal).
    static func relativeDifference(_ a: Double, _ b: Double) -> Double {
        if a == b { return 0 }
        let difference = abs(a - b)
        return difference.isFinite ? difference / max(abs(a), abs(b)) : .infinity
    }
}
